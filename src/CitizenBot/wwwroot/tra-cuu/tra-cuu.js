// Tra cứu thủ tục: the two buttons that need a script — copy the Zalo/SMS summary, print the checklist.
// The page works without it: the summary can be selected by hand and printed with the browser's menu,
// so the buttons stay hidden until this script shows them.
(function () {
  'use strict';

  function say(text) {
    var status = document.querySelector('.copy-status');
    if (status) status.textContent = text;
  }

  function copyFrom(area) {
    var text = area.value;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http on a local network: the older selection-based copy still works there.
    area.removeAttribute('readonly');
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    area.setAttribute('readonly', '');
    return ok ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-copy], [data-print]').forEach(function (button) {
      button.hidden = false;
    });
  });

  document.addEventListener('click', function (event) {
    var copy = event.target.closest('[data-copy]');
    if (copy) {
      var area = document.getElementById(copy.getAttribute('data-copy'));
      if (!area) return;
      copyFrom(area).then(
        function () { say('Đã sao chép. Mở Zalo hoặc tin nhắn và dán vào.'); },
        function () { area.focus(); area.select(); say('Chưa sao chép tự động được: đã chọn sẵn nội dung, bạn bấm giữ và chọn Sao chép.'); });
      return;
    }
    if (event.target.closest('[data-print]')) window.print();
  });
})();
