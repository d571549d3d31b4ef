// Inside the widget's frame: tell the host page the content's height (for embed.js) and, on
// the last page, that a booking was made. Targets are chosen by the server (see
// widget.selectors.message_targets); the events carry no name or health detail.
(function () {
  "use strict";
  var node = document.getElementById("khepri-widget");
  if (!node || window.parent === window) return;
  var data = JSON.parse(node.textContent);
  function send(message) {
    data.targets.forEach(function (target) {
      window.parent.postMessage(message, target);
    });
  }
  var last = 0;
  function resize() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height && height !== last) {
      last = height;
      send({ type: "khepri:resize", height: height });
    }
  }
  if (data.event) send(data.event);
  resize();
  window.addEventListener("load", resize);
  if ("ResizeObserver" in window) new ResizeObserver(resize).observe(document.body);
})();
