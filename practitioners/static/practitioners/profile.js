/* Profile pages, progressive enhancement only (every page works without it):
   - on a public profile, offer the device's own time zone when the times are shown in another;
   - in the editor, move focus to the error summary after a failed save. */
(function () {
  "use strict";

  function suggestZone() {
    var holder = document.querySelector("[data-tz-suggest]");
    if (!holder || !window.Intl) { return; }
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (error) { return; }
    if (!zone || zone === holder.dataset.current) { return; }
    var link = document.createElement("a");
    var params = new URLSearchParams(window.location.search);
    params.delete("slot");
    params.delete("session_type");
    params.set("tz", zone);
    link.href = "?" + params.toString() + "#book";
    link.textContent = (holder.dataset.label || "%(zone)s").replace("%(zone)s", zone);
    holder.appendChild(link);
    holder.hidden = false;
  }

  function focusErrors() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  function focusChosen() {
    var chosen = document.getElementById("chosen-time");
    if (chosen && window.location.hash === "#chosen-time") { chosen.focus({ preventScroll: true }); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    suggestZone();
    focusErrors();
    focusChosen();
  });
})();
