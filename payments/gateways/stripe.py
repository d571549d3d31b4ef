"""The Stripe gateway: the only module that imports `stripe`.

PaymentIntents with manual capture; with Stripe Connect, a practitioner's connected account
receives the session as a destination charge and the platform keeps its commission as the
application fee. Every write carries our idempotency key. Nothing sent to Stripe names a
therapy: the description and statement descriptor say "Consultation" and the metadata holds
only our references.
"""

from __future__ import annotations

from datetime import UTC, datetime

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

from payments.gateways import (
    AUTHORISATION_LIFETIME,
    CardDeclined,
    Gateway,
    GatewayError,
    Intent,
    IntentStatus,
)

STATUSES = {
    "requires_payment_method": IntentStatus.PENDING,
    "requires_confirmation": IntentStatus.PENDING,
    "requires_action": IntentStatus.PENDING,
    "processing": IntentStatus.PENDING,
    "requires_capture": IntentStatus.AUTHORISED,
    "succeeded": IntentStatus.CAPTURED,
    "canceled": IntentStatus.RELEASED,
}


def client() -> stripe.StripeClient:
    options = {"max_network_retries": 2}
    if settings.KHEPRI_STRIPE_API_BASE:  # a local fake server in tests
        options["base_addresses"] = {"api": settings.KHEPRI_STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def _error(error: stripe.StripeError) -> GatewayError:
    if isinstance(error, stripe.CardError):
        return CardDeclined(
            _("Your card was declined. Nothing was charged: try another card."),
            code=getattr(error, "code", "") or "card_declined",
        )
    retryable = (
        isinstance(error, stripe.APIConnectionError | stripe.RateLimitError)
        or (getattr(error, "http_status", None) or 0) >= 500
    )
    if retryable:
        return GatewayError(
            _("The payment service did not answer. Please try again in a moment."),
            retryable=True,
            code=getattr(error, "code", "") or "",
        )
    return GatewayError(
        _("The payment service refused the operation: %(reason)s")
        % {"reason": getattr(error, "user_message", None) or str(error)},
        code=getattr(error, "code", "") or "",
    )


class StripeGateway(Gateway):
    name = "stripe"

    @property
    def test_mode(self) -> bool:
        return settings.STRIPE_SECRET_KEY.startswith("sk_test_")

    def _intent(self, payment_intent) -> Intent:
        # stripe-python's objects are not dicts (no `.get`): read a plain copy.
        if isinstance(payment_intent, stripe.StripeObject):
            payment_intent = payment_intent.to_dict()
        created = payment_intent.get("created")
        expires = datetime.fromtimestamp(created, UTC) + AUTHORISATION_LIFETIME if created else None
        status = STATUSES.get(payment_intent["status"], IntentStatus.FAILED)
        # Stripe's own words are English and technical: the patient reads ours.
        failed = bool(payment_intent.get("last_payment_error"))
        return Intent(
            reference=payment_intent["id"],
            status=status,
            amount_cents=payment_intent["amount"],
            captured_cents=payment_intent.get("amount_received") or 0,
            client_secret=payment_intent.get("client_secret") or "",
            expires_at=expires,
            error=_("Your card was declined. Nothing was charged: try another card.")
            if failed
            else "",
        )

    def authorise(
        self,
        *,
        amount_cents,
        currency,
        idempotency_key,
        payment_method="",
        destination="",
        application_fee_cents=0,
        metadata=None,
    ) -> Intent:
        params = {
            "amount": amount_cents,
            "currency": currency.lower(),
            "capture_method": "manual",
            "metadata": metadata or {},
            "statement_descriptor_suffix": "CONSULTATION",
        }
        if payment_method:
            params.update(payment_method=payment_method, confirm=True)
        if destination:
            params.update(
                transfer_data={"destination": destination},
                application_fee_amount=application_fee_cents,
            )
        try:
            intent = client().v1.payment_intents.create(
                params=params, options={"idempotency_key": idempotency_key}
            )
        except stripe.StripeError as error:
            raise _error(error) from error
        return self._intent(intent)

    def retrieve(self, reference: str) -> Intent:
        try:
            return self._intent(client().v1.payment_intents.retrieve(reference))
        except stripe.StripeError as error:
            raise _error(error) from error

    def capture(self, *, reference, amount_cents, idempotency_key, application_fee_cents=0):
        try:
            current = client().v1.payment_intents.retrieve(reference).to_dict()
        except stripe.StripeError as error:
            raise _error(error) from error
        status = current.get("status")
        if status not in ("requires_capture", "succeeded"):  # succeeded: a retried capture
            raise GatewayError(_("This payment can no longer be captured."))
        if status == "requires_capture":
            capturable = current.get("amount_capturable", current["amount"])
            if amount_cents > capturable:
                raise GatewayError(
                    _("The amount to capture is more than was authorised."),
                    code="amount_too_large",
                )
        params = {"amount_to_capture": amount_cents}
        # Stripe refuses an application fee on a charge that is not a destination charge.
        if application_fee_cents and current.get("transfer_data"):
            params["application_fee_amount"] = application_fee_cents
        try:
            intent = client().v1.payment_intents.capture(
                reference, params=params, options={"idempotency_key": idempotency_key}
            )
        except stripe.StripeError as error:
            raise _error(error) from error
        return self._intent(intent)

    def release(self, *, reference, idempotency_key):
        try:
            intent = client().v1.payment_intents.cancel(
                reference, options={"idempotency_key": idempotency_key}
            )
        except stripe.StripeError as error:
            raise _error(error) from error
        return self._intent(intent)

    def refund(self, *, reference, amount_cents, idempotency_key, reverse_transfer=False) -> str:
        params = {"payment_intent": reference, "amount": amount_cents}
        if reverse_transfer:
            params.update(reverse_transfer=True, refund_application_fee=True)
        try:
            refund = client().v1.refunds.create(
                params=params,
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as error:
            raise _error(error) from error
        return refund["id"]


def webhook_event(payload: bytes, signature: str) -> dict:
    """The event of a webhook call, if its signature (on the raw body) is Stripe's; raises
    `ValueError` otherwise."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:  # with an empty secret anyone could sign an event
        raise ValueError("STRIPE_WEBHOOK_SECRET is not set: every event is refused.")
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret)
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise ValueError(str(error)) from error
    return event.to_dict()
