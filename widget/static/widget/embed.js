// Optional, on the page that shows the Khepri booking widget: fits each widget frame
// (iframe[data-khepri-widget]) to the height of its content, from the frame's own messages.
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "khepri:resize" || typeof data.height !== "number") return;
    var frames = document.querySelectorAll("iframe[data-khepri-widget]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, location.href).origin !== event.origin) return;
      frame.style.height = Math.max(240, Math.min(Math.round(data.height), 6000)) + "px";
    }
  });
})();
