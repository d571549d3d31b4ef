// Stripe's Payment Element: the card is entered in Stripe's own frame and authorised there
// (manual capture), or saved for later (`data-mode="setup"`); the form then posts to our
// view, which reads the result from Stripe.
(function () {
  "use strict";
  var form = document.getElementById("stripe-payment");
  if (!form || typeof Stripe === "undefined") return;
  var stripe = Stripe(form.dataset.stripeKey);
  var elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  var container = document.getElementById("payment-element");
  container.textContent = "";
  elements.create("payment").mount(container);
  var message = document.getElementById("payment-message");
  var button = form.querySelector("button[type=submit]");
  // Optional: a line that says the payment is being confirmed while Stripe works.
  var confirming = document.getElementById("payment-confirming");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    message.hidden = true;
    if (confirming) confirming.hidden = false;
    // "setup": the card is saved for later (a SetupIntent), not authorised now.
    var setup = form.dataset.mode === "setup";
    var confirm = setup ? stripe.confirmSetup : stripe.confirmPayment;
    confirm
      .call(stripe, {
        elements: elements,
        redirect: "if_required",
        confirmParams: { return_url: form.dataset.returnUrl },
      })
      .then(function (result) {
        if (result.error) {
          if (confirming) confirming.hidden = true;
          message.textContent = result.error.message;
          message.hidden = false;
          button.disabled = false;
          button.removeAttribute("aria-busy");
          return;
        }
        if (setup && result.setupIntent) {
          form.elements.setup_intent.value = result.setupIntent.id;
        }
        form.submit();
      });
  });
})();
