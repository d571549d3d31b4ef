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
    Card,
    CardDeclined,
    CardSetup,
    ConnectedAccountState,
    Gateway,
    GatewayError,
    Intent,
    IntentStatus,
    ProviderRefund,
    SetupStatus,
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


SETUP_STATUSES = {
    "succeeded": SetupStatus.SUCCEEDED,
    "canceled": SetupStatus.FAILED,
}


def _plain(obj) -> dict:
    # stripe-python's objects are not dicts (no `.get`): read a plain copy.
    return obj.to_dict() if isinstance(obj, stripe.StripeObject) else obj


def _error(error: stripe.StripeError) -> GatewayError:
    code = getattr(error, "code", "") or ""
    if isinstance(error, stripe.CardError) and code == "authentication_required":
        return CardDeclined(
            _("Your bank asks you to confirm this payment yourself. Nothing was charged."),
            code=code,
        )
    if isinstance(error, stripe.CardError):
        return CardDeclined(
            _("Your card was declined. Nothing was charged: try another card."),
            code=getattr(error, "code", "") or "card_declined",
        )
    status = getattr(error, "http_status", None) or 0
    retryable = (
        isinstance(error, stripe.APIConnectionError | stripe.RateLimitError)
        or status >= 500
        # The same key still running elsewhere (a double click, a job and a page at once):
        # not a refusal — the first request may still succeed, so retry with the same key.
        or status == 409
        or code == "idempotency_key_in_use"
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
        customer="",
        off_session=False,
        transfer_group="",
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
        if customer:
            params["customer"] = customer
        if off_session:
            params["off_session"] = True
        if transfer_group:
            params["transfer_group"] = transfer_group
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

    # --- Saved cards ---

    def customer_create(self, *, idempotency_key, metadata) -> str:
        try:
            customer = client().v1.customers.create(
                params={"metadata": metadata}, options={"idempotency_key": idempotency_key}
            )
        except stripe.StripeError as error:
            raise _error(error) from error
        return customer["id"]

    def _card(self, payment_method) -> Card | None:
        if isinstance(payment_method, str):
            payment_method = client().v1.payment_methods.retrieve(payment_method)
        card = _plain(payment_method).get("card") or {}
        if not card:
            return None
        return Card(
            reference=_plain(payment_method)["id"],
            brand=card.get("brand") or "card",
            last4=card.get("last4") or "",
            exp_month=card.get("exp_month") or 0,
            exp_year=card.get("exp_year") or 0,
        )

    def _setup(self, setup_intent) -> CardSetup:
        setup_intent = _plain(setup_intent)
        status = SETUP_STATUSES.get(setup_intent["status"], SetupStatus.PENDING)
        card = None
        if status == SetupStatus.SUCCEEDED and setup_intent.get("payment_method"):
            card = self._card(setup_intent["payment_method"])
        return CardSetup(
            reference=setup_intent["id"],
            status=status,
            customer=setup_intent.get("customer") or "",
            client_secret=setup_intent.get("client_secret") or "",
            card=card,
            error=_("Your card was declined. Nothing was charged: try another card.")
            if setup_intent.get("last_setup_error")
            else "",
        )

    def card_setup(self, *, customer, idempotency_key, payment_method="") -> CardSetup:
        """A SetupIntent for later payments without the patient; the Payment Element
        confirms it in the browser (no card data reaches our server)."""
        params = {"customer": customer, "usage": "off_session", "payment_method_types": ["card"]}
        if payment_method:
            params.update(payment_method=payment_method, confirm=True)
        try:
            setup_intent = client().v1.setup_intents.create(
                params=params, options={"idempotency_key": idempotency_key}
            )
            return self._setup(setup_intent)
        except stripe.StripeError as error:
            raise _error(error) from error

    def card_setup_retrieve(self, reference: str) -> CardSetup:
        try:
            return self._setup(client().v1.setup_intents.retrieve(reference))
        except stripe.StripeError as error:
            raise _error(error) from error

    def card_detach(self, *, reference) -> None:
        try:
            client().v1.payment_methods.detach(reference)
        except stripe.InvalidRequestError:
            return  # already detached (or deleted at Stripe): forgotten either way
        except stripe.StripeError as error:
            raise _error(error) from error

    def refunds(self, reference: str) -> list[ProviderRefund]:
        try:
            listed = client().v1.refunds.list(params={"payment_intent": reference, "limit": 100})
        except stripe.StripeError as error:
            raise _error(error) from error
        return [
            ProviderRefund(
                reference=refund["id"],
                amount_cents=refund["amount"],
                idempotency_key=(refund.get("metadata") or {}).get("khepri_key", ""),
            )
            for refund in (_plain(item) for item in _plain(listed).get("data", []))
            if refund.get("status") in ("succeeded", "pending")
        ]

    def refund(self, *, reference, amount_cents, idempotency_key, reverse_transfer=False) -> str:
        # The key in the metadata lets a `charge.refunded` event recognise our own refund.
        params = {
            "payment_intent": reference,
            "amount": amount_cents,
            "metadata": {"khepri_key": idempotency_key},
        }
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

    # --- Connect ---

    def _account(self, account) -> ConnectedAccountState:
        account = _plain(account)
        requirements = account.get("requirements") or {}
        capabilities = account.get("capabilities") or {}
        return ConnectedAccountState(
            reference=account["id"],
            details_submitted=bool(account.get("details_submitted")),
            charges_enabled=bool(account.get("charges_enabled")),
            payouts_enabled=bool(account.get("payouts_enabled")),
            transfers_enabled=capabilities.get("transfers") == "active",
            requirements_due=tuple(requirements.get("currently_due") or ()),
            disabled_reason=requirements.get("disabled_reason") or "",
        )

    def connected_account_create(self, *, idempotency_key, email, metadata):
        """An Express account in France that receives transfers (and card payments made
        on its behalf); the practitioner fills in the rest at Stripe."""
        params = {
            "type": "express",
            "country": "FR",
            "capabilities": {
                "card_payments": {"requested": True},
                "transfers": {"requested": True},
            },
            "metadata": metadata,
        }
        if email:
            params["email"] = email
        try:
            account = client().v1.accounts.create(
                params=params, options={"idempotency_key": idempotency_key}
            )
        except stripe.StripeError as error:
            raise _connect_error(error) from error
        return self._account(account)

    def connected_account_retrieve(self, reference):
        try:
            return self._account(client().v1.accounts.retrieve(reference))
        except stripe.StripeError as error:
            raise _connect_error(error) from error

    def onboarding_link(self, *, account, refresh_url, return_url):
        try:
            link = client().v1.account_links.create(
                params={
                    "account": account,
                    "type": "account_onboarding",
                    "refresh_url": refresh_url,
                    "return_url": return_url,
                }
            )
        except stripe.StripeError as error:
            raise _connect_error(error) from error
        return _plain(link)["url"]

    def _charge_of(self, reference: str) -> str:
        """A transfer's `source_transaction` is a charge: the charge of a PaymentIntent."""
        if not reference.startswith("pi_"):
            return reference
        intent = _plain(client().v1.payment_intents.retrieve(reference))
        charge = intent.get("latest_charge")
        if isinstance(charge, dict):
            charge = charge.get("id")
        if not charge:
            charges = (intent.get("charges") or {}).get("data") or []
            charge = charges[0]["id"] if charges else ""
        if not charge:
            raise GatewayError(_("This payment has no charge to transfer money from."))
        return charge

    def transfer(
        self,
        *,
        amount_cents,
        currency,
        destination,
        idempotency_key,
        source_transaction="",
        transfer_group="",
        metadata=None,
    ) -> str:
        params = {
            "amount": amount_cents,
            "currency": currency.lower(),
            "destination": destination,
            "metadata": metadata or {},
        }
        if transfer_group:
            params["transfer_group"] = transfer_group
        try:
            if source_transaction:
                params["source_transaction"] = self._charge_of(source_transaction)
            transfer = client().v1.transfers.create(
                params=params, options={"idempotency_key": idempotency_key}
            )
        except stripe.StripeError as error:
            raise _connect_error(error) from error
        return transfer["id"]


def _connect_error(error: stripe.StripeError) -> GatewayError:
    """Connect's errors are read by the practitioner or staff, not by a patient paying."""
    converted = _error(error)
    if converted.retryable:
        return converted
    return GatewayError(
        _("Stripe refused the operation on the payment account: %(reason)s")
        % {"reason": getattr(error, "user_message", None) or str(error)},
        code=converted.code,
    )


def webhook_event(payload: bytes, signature: str) -> dict:
    """The event of a webhook call, if its signature (on the raw body) is Stripe's; raises
    `ValueError` otherwise.

    Two endpoints may point here, each with its own signing secret: the platform's events
    (`STRIPE_WEBHOOK_SECRET`) and its connected accounts' (`STRIPE_CONNECT_WEBHOOK_SECRET`:
    Stripe sends `account.updated` of practitioners' accounts only to a Connect endpoint)."""
    secrets = [
        secret
        for secret in (settings.STRIPE_WEBHOOK_SECRET, settings.STRIPE_CONNECT_WEBHOOK_SECRET)
        if secret
    ]
    if not secrets:  # with an empty secret anyone could sign an event
        raise ValueError("STRIPE_WEBHOOK_SECRET is not set: every event is refused.")
    refusal = None
    for secret in secrets:
        try:
            return stripe.Webhook.construct_event(payload, signature, secret).to_dict()
        except (stripe.SignatureVerificationError, ValueError) as error:
            refusal = error
    raise ValueError(str(refusal)) from refusal
