// CitizenBot chat page: gets a Direct Line token from this server, then runs the official Web Chat bundle against
// this server's own Direct Line endpoint. WebSocket by default; add ?polling=1 to the address to use polling.
//
// A reload (F5) keeps the chat: the conversation id and its latest token are kept in sessionStorage (this tab only,
// gone when the tab closes), and the page resumes that conversation with Direct Line's reconnect
// (GET /conversations/{id}?watermark=0). Web Chat keeps no history of its own, so it resumes from watermark 0: the
// server replays the transcript, the old messages reappear, and the bot's conversation state (the procedure in focus)
// carries on. A conversation that has expired (404) or whose token has (403) is forgotten and a new one starts.
(function () {
  'use strict';

  var BOT_NAME = 'CitizenBot – Trợ lý dịch vụ công';
  var DIRECT_LINE = location.origin + '/v3/directline';
  var STORAGE_KEY = 'citizenbot.conversation';
  // DLJS ConnectionStatus values.
  var ONLINE = 2, FAILED_TO_CONNECT = 4, ENDED = 5;

  // sessionStorage can be missing or throw (private modes, storage disabled): the chat then simply does not resume.
  function loadSaved() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      return saved && typeof saved.conversationId === 'string' && typeof saved.token === 'string' ? saved : null;
    } catch (error) {
      return null;
    }
  }

  function save(directLine) {
    if (!directLine.conversationId || !directLine.token) return;
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ conversationId: directLine.conversationId, token: directLine.token }));
    } catch (error) {
      // Not resumable after a reload; the chat itself works.
    }
  }

  function forget() {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      // Nothing was kept.
    }
  }

  /**
   * Asks the server whether the saved conversation is still there: a fresh token for it, or null when it has expired
   * (404) or its token is no longer accepted (401/403). Other failures (network, 5xx) are thrown.
   */
  async function resumeToken(saved) {
    var response = await fetch(DIRECT_LINE + '/conversations/' + encodeURIComponent(saved.conversationId) + '?watermark=0', {
      headers: { Authorization: 'Bearer ' + saved.token, Accept: 'application/json' }
    });
    if (response.status === 404 || response.status === 401 || response.status === 403) return null;
    if (!response.ok) throw new Error('reconnect returned ' + response.status);
    var body = await response.json();
    return body && typeof body.token === 'string' ? body.token : null;
  }

  function showFallback(message) {
    var status = document.getElementById('chat-status');
    if (status) status.hidden = true;
    document.getElementById('webchat').hidden = true;
    // textContent, never innerHTML: nothing from the network is rendered as markup here.
    document.getElementById('chat-fallback-message').textContent = message;
    document.getElementById('chat-fallback').hidden = false;
  }

  async function fetchToken() {
    var response = await fetch(DIRECT_LINE + '/tokens/generate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: '{}'
    });
    if (!response.ok) throw new Error('tokens/generate returned ' + response.status);
    var body = await response.json();
    if (!body || typeof body.token !== 'string') throw new Error('tokens/generate returned no token');
    return body.token;
  }

  async function start() {
    if (!window.WebChat || typeof window.WebChat.renderWebChat !== 'function') {
      showFallback('Không tải được giao diện trò chuyện (thiếu tệp /lib/webchat/webchat.js trên máy chủ). ' +
        'Quản trị viên cần build lại ứng dụng để tải gói botframework-webchat.');
      return;
    }

    var saved = loadSaved();
    var token = null;
    try {
      if (saved) token = await resumeToken(saved);
      if (!token) {
        saved = null;
        forget();
        token = await fetchToken();
      }
    } catch (error) {
      console.error('CitizenBot: could not get a Direct Line token', error);
      showFallback('Không kết nối được với máy chủ CitizenBot. Vui lòng kiểm tra mạng rồi tải lại trang.');
      return;
    }

    var usePolling = new URLSearchParams(location.search).get('polling') === '1';
    var options = { domain: DIRECT_LINE, token: token, webSocket: !usePolling };
    if (saved) {
      // Resume: DLJS reconnects with GET /conversations/{id}?watermark=0 (no new conversation, no second welcome) and
      // receives the whole transcript from the start.
      options.conversationId = saved.conversationId;
      options.watermark = '0';
    }
    var directLine = window.WebChat.createDirectLine(options);
    // Keep the latest token (DLJS refreshes it every 15 minutes) so a reload can resume; an ended conversation is
    // forgotten. Only connectionStatus$ is watched here: subscribing to activity$ would connect before Web Chat sets the user.
    directLine.connectionStatus$.subscribe(function (status) {
      if (status === ONLINE) save(directLine);
      else if (status === ENDED || status === FAILED_TO_CONNECT) forget();
    });
    window.addEventListener('pagehide', function () {
      if (directLine.connectionStatus$.getValue() === ONLINE) save(directLine);
    });

    var root = document.getElementById('webchat');
    var status = document.getElementById('chat-status');
    if (status) status.remove();

    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        locale: 'vi-VN',
        username: 'Bạn',
        overrideLocalizedStrings: {
          TEXT_INPUT_PLACEHOLDER: 'Nhập câu hỏi của bạn…'
        },
        styleOptions: {
          accent: '#0b5f7a',
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
          botAvatarImage: '/chat/avatar.svg',
          botAvatarInitials: 'CB',
          userAvatarInitials: 'Bạn',
          bubbleBackground: '#eef4f7',
          bubbleBorderRadius: 10,
          bubbleFromUserBackground: '#0b5f7a',
          bubbleFromUserTextColor: '#ffffff',
          bubbleFromUserBorderRadius: 10,
          hideUploadButton: true,
          sendBoxTextWrap: true,
          // One scrollable row: a phone keeps most of its height for the answer even when the bot offers many follow-ups.
          suggestedActionLayout: 'carousel'
        }
      },
      root
    );
    root.setAttribute('data-bot-name', BOT_NAME);
  }

  start();
})();
