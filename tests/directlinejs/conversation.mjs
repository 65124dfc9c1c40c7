// One citizen's conversation driven by Microsoft's own Direct Line client (botframework-directlinejs), the library
// Web Chat uses, against a CitizenBot host. Run by DirectLineJsClientTests:
//   node conversation.mjs <base url> <Direct Line secret> <websocket|polling> <turns> <pause ms between turns>
// The page's back end (this script, holding the secret) gets the token; when DLJS reports ExpiredToken, it fetches a
// fresh one for the same conversation and calls directLine.reconnect(), as an embedding page does. Prints one JSON
// line with what was seen; the test asserts on it.
import XMLHttpRequest from 'xhr2';
import WebSocket from 'ws';
import directLineJs from 'botframework-directlinejs';

globalThis.XMLHttpRequest = XMLHttpRequest; // rxjs's ajax, under Node
const { DirectLine, ConnectionStatus } = directLineJs;
const [base, secret, mode, turnsText, pauseText] = process.argv.slice(2);
const domain = new URL('v3/directline', base).href;
const turns = Number(turnsText), pause = Number(pauseText);
const questions = ['đăng ký khai sinh cho con', 'làm căn cước công dân', 'cấp lại giấy phép lái xe', 'đăng ký kết hôn', 'đăng ký thường trú'];
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function withSecret(method, path) {
  const response = await fetch(domain + path, { method, headers: { Authorization: `Bearer ${secret}` } });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const seen = new Map(), result = { mode, acknowledged: [], duplicateIds: 0, redelivered: 0, echoes: 0, replied: 0, failedPosts: 0, expired: 0, reconnects: 0, statuses: [] };
const { token } = await withSecret('POST', '/tokens/generate');
const directLine = new DirectLine({
  domain, token, webSocket: mode === 'websocket', pollingInterval: 300, timeout: 5000,
  WebSocket, random: () => 0, // services: Node's WebSocket, and the shortest of DLJS's reconnect delays (3 s)
});

let renewing = false;
directLine.connectionStatus$.subscribe(async status => {
  result.statuses.push(ConnectionStatus[status]);
  if (status !== ConnectionStatus.ExpiredToken || renewing) return;
  renewing = true;
  result.expired++;
  try {
    const conversation = await withSecret('GET', `/conversations/${directLine.conversationId}?watermark=${directLine.watermark}`);
    directLine.reconnect({ conversationId: conversation.conversationId, token: conversation.token, streamUrl: conversation.streamUrl });
    result.reconnects++;
  } finally {
    renewing = false;
  }
});
// An id seen again with other content would be two activities sharing an id (a server bug). The same activity seen
// again is DLJS re-delivering it: after reconnect() each Online status starts another poller or socket beside the old
// one, and Web Chat, which keys its transcript by activity id, shows it once. Both are counted apart.
const content = a => JSON.stringify([a.type, a.from && a.from.id, a.text, a.replyToId, a.attachments]);
directLine.activity$.subscribe(activity => {
  if (seen.has(activity.id)) {
    if (content(seen.get(activity.id)) === content(activity)) result.redelivered++;
    else result.duplicateIds++;
  }
  seen.set(activity.id, activity);
});

const replyTo = id => [...seen.values()].filter(a => a.replyToId === id);
async function until(done, ms) {
  for (const end = Date.now() + ms; !done() && Date.now() < end;) await sleep(50);
  return done();
}
const post = activity => new Promise((resolve, reject) => directLine.postActivity(activity).subscribe(resolve, reject));

for (let turn = 0; turn < turns; turn++) {
  let id;
  // "retry" is DLJS's answer when the token had expired: Web Chat shows "Send failed"; the citizen sends it again.
  while (!(id = await post({ type: 'message', from: { id: 'dl_user' }, locale: 'vi-VN', text: questions[turn % questions.length] })) || id === 'retry') {
    result.failedPosts++;
    await until(() => directLine.connectionStatus$.getValue() === ConnectionStatus.Online && !renewing, 20000);
  }
  result.acknowledged.push(id);
  await until(() => replyTo(id).length > 0, 30000);
  await sleep(pause);
}
await until(() => result.acknowledged.every(id => replyTo(id).length > 0), 30000);
await sleep(1000); // anything repeated late would arrive now
result.echoes = result.acknowledged.filter(id => seen.has(id)).length;
result.replied = result.acknowledged.filter(id => replyTo(id).length > 0).length;
result.answeredTwice = result.acknowledged.filter(id => new Set(replyTo(id).map(a => a.text)).size !== replyTo(id).length).length;
console.log(JSON.stringify(result));
directLine.end();
process.exit(0);
