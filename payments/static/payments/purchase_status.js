// "Confirming your payment…": asks the page again now and then (each ask reads the provider)
// and reloads it once the purchase is no longer being confirmed. Without a script, the
// page's "Check again" link does the same by hand.
(function () {
  "use strict";
  if (!document.querySelector("[data-confirming]") || !window.fetch) return;
  var tries = 0;
  function check() {
    tries += 1;
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.text();
      })
      .then(function (text) {
        if (text.indexOf("data-confirming") === -1) {
          window.location.reload();
        } else if (tries < 40) {
          setTimeout(check, Math.min(2000 * tries, 15000));
        }
      })
      .catch(function () {
        if (tries < 40) setTimeout(check, 15000);
      });
  }
  setTimeout(check, 2000);
})();
