// CitizenBot chat page: gets a Direct Line token from this server, then runs the official Web Chat bundle against
// this server's own Direct Line endpoint. WebSocket by default; add ?polling=1 to the address to use polling.
(function () {
  'use strict';

  var BOT_NAME = 'CitizenBot – Trợ lý dịch vụ công';
  var DIRECT_LINE = location.origin + '/v3/directline';

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

    var token;
    try {
      token = await fetchToken();
    } catch (error) {
      console.error('CitizenBot: could not get a Direct Line token', error);
      showFallback('Không kết nối được với máy chủ CitizenBot. Vui lòng kiểm tra mạng rồi tải lại trang.');
      return;
    }

    var usePolling = new URLSearchParams(location.search).get('polling') === '1';
    var directLine = window.WebChat.createDirectLine({
      domain: DIRECT_LINE,
      token: token,
      webSocket: !usePolling
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
