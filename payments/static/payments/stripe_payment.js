// Stripe's Payment Element: the card is entered in Stripe's own frame and authorised there
// (manual capture); the form then posts to our confirm view, which reads the result from Stripe.
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
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    stripe
      .confirmPayment({
        elements: elements,
        redirect: "if_required",
        confirmParams: { return_url: form.dataset.returnUrl },
      })
      .then(function (result) {
        if (result.error) {
          message.textContent = result.error.message;
          message.hidden = false;
          button.disabled = false;
          button.removeAttribute("aria-busy");
          return;
        }
        form.submit();
      });
  });
})();
