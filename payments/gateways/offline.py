"""The offline gateway, for the demo and the tests: the same states as Stripe's test mode, no
money. It keeps its state in `OfflineIntent` and `OfflineCard` rows, with Stripe's test cards:

* 4242 4242 4242 4242 is authorised, and can be saved and used later without the patient;
* 4000 0000 0000 0002 is declined (saving it too);
* 4000 0000 0000 9995 is declined for insufficient funds (it can be saved: the decline comes
  when it is used);
* 4000 0027 6000 3184 needs authentication (3-D Secure): with the patient there (the test
  form stands for the authentication, which passes), it is authorised; used later without
  them (`off_session`), it is refused with `authentication_required`.

An authorisation lapses after `AUTHORISATION_LIFETIME` (7 days, as at Stripe): read or
captured after that, it is released. It is marked "test mode" wherever a patient sees it.
"""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
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

AUTHENTICATION = "4000002760003184"
TEST_CARDS = {
    "4242424242424242": "",
    "4000000000000002": "card_declined",
    "4000000000009995": "insufficient_funds",
    AUTHENTICATION: "",
}
#: Saving these fails at once (the others fail, if they do, when used).
REFUSED_AT_SETUP = {"4000000000000002"}


def card_number(payment_method: str) -> str:
    return "".join(char for char in payment_method if char.isdigit())


def now():
    """The gateway's clock (the tests move it to let an authorisation lapse)."""
    return timezone.now()


def _declined(code: str) -> CardDeclined:
    if code == "authentication_required":
        return CardDeclined(
            _("Your bank asks you to confirm this payment yourself. Nothing was charged."),
            code=code,
        )
    return CardDeclined(
        _("Your card was declined. Nothing was charged: try another card."), code=code
    )


def _card(row) -> Card:
    return Card(
        reference=row.reference,
        brand="visa" if row.number.startswith("4") else "card",
        last4=row.number[-4:],
        exp_month=12,
        exp_year=now().year + 3,
    )


class OfflineGateway(Gateway):
    name = "offline"
    test_mode = True

    def _intent(self, row, error: str = "") -> Intent:
        return Intent(
            reference=row.reference,
            status=IntentStatus(row.status),
            amount_cents=row.amount_cents,
            captured_cents=row.captured_cents,
            client_secret=f"{row.reference}_secret",
            expires_at=row.expires_at,
            error=error,
        )

    def _locked(self, reference: str):
        from payments.models import OfflineIntent

        try:
            return OfflineIntent.objects.select_for_update().get(reference=reference)
        except OfflineIntent.DoesNotExist:
            raise GatewayError(_("This payment is unknown to the payment provider.")) from None

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
        from payments.models import OfflineIntent

        reference = "off_" + uuid.uuid5(uuid.NAMESPACE_URL, idempotency_key).hex[:24]
        try:
            with transaction.atomic():
                row = OfflineIntent.objects.create(
                    reference=reference,
                    status=IntentStatus.PENDING,
                    amount_cents=amount_cents,
                    currency=currency,
                    created_at=now(),
                )
        except IntegrityError:  # the same key again: the same intent
            row = OfflineIntent.objects.get(reference=reference)
        if "declined" in row.answers:  # the same key again replays the same refusal
            raise _declined(row.answers["declined"])
        if payment_method and row.status == IntentStatus.PENDING:
            return self.confirm(
                reference, payment_method, customer=customer, off_session=off_session
            )
        return self._intent(row)

    def _saved_number(self, payment_method: str, customer: str) -> str:
        from payments.models import OfflineCard

        card = OfflineCard.objects.filter(reference=payment_method, detached=False).first()
        if card is None or (customer and card.customer != customer):
            raise GatewayError(_("This saved card is no longer available: enter a card again."))
        return card.number

    def confirm(
        self, reference: str, payment_method: str, *, customer: str = "", off_session=False
    ) -> Intent:
        """The card entered on the (test-mode) payment form, or a saved card's reference."""
        with transaction.atomic():
            row = self._locked(reference)
            if row.status != IntentStatus.PENDING:
                return self._intent(row)
            if payment_method.startswith("offpm_"):
                number = self._saved_number(payment_method, customer)
            else:
                number = card_number(payment_method)
            code = TEST_CARDS.get(number, "")
            if off_session and number == AUTHENTICATION:
                code = "authentication_required"
            if code and off_session:
                # Stripe keeps the intent waiting for another card and says why.
                row.answers["declined"] = code
                row.save()
        if code and off_session:
            raise _declined(code)
        with transaction.atomic():
            row = self._locked(reference)
            if row.status != IntentStatus.PENDING:
                return self._intent(row)
            if number not in TEST_CARDS:
                raise CardDeclined(
                    _("Test mode: use the card 4242 4242 4242 4242 (any date and code)."),
                    code="invalid_number",
                )
            if TEST_CARDS[number]:
                raise CardDeclined(
                    _("Your card was declined. Nothing was charged: try another card."),
                    code=TEST_CARDS[number],
                )
            row.status = IntentStatus.AUTHORISED
            row.expires_at = now() + AUTHORISATION_LIFETIME
            row.save()
            return self._intent(row)

    def _lapse(self, row) -> None:
        """An authorisation past its lifetime is released, as the provider does."""
        if (
            row.status == IntentStatus.AUTHORISED
            and row.expires_at is not None
            and row.expires_at <= now()
        ):
            row.status = IntentStatus.RELEASED
            row.save(update_fields=["status"])

    def retrieve(self, reference: str) -> Intent:
        with transaction.atomic():
            row = self._locked(reference)
            self._lapse(row)
            return self._intent(row)

    # --- Saved cards ---

    def customer_create(self, *, idempotency_key, metadata) -> str:
        return "offcus_" + uuid.uuid5(uuid.NAMESPACE_URL, idempotency_key).hex[:24]

    def card_setup(self, *, customer, idempotency_key, payment_method="") -> CardSetup:
        """Offline, the card is typed on the test form: it is saved (or refused) at once."""
        from payments.models import OfflineCard

        key = uuid.uuid5(uuid.NAMESPACE_URL, idempotency_key).hex[:24]
        number = card_number(payment_method)
        if not number:
            return CardSetup(
                reference="offseti_" + key,
                status=SetupStatus.PENDING,
                customer=customer,
                client_secret=f"offseti_{key}_secret",
            )
        if number not in TEST_CARDS:
            raise CardDeclined(
                _("Test mode: use the card 4242 4242 4242 4242 (any date and code)."),
                code="invalid_number",
            )
        if number in REFUSED_AT_SETUP:
            raise _declined(TEST_CARDS[number])
        with transaction.atomic():
            OfflineCard.objects.get_or_create(
                reference="offpm_" + key,
                defaults={"customer": customer, "number": number, "created_at": now()},
            )
        return self.card_setup_retrieve("offseti_" + key)

    def card_setup_retrieve(self, reference: str) -> CardSetup:
        from payments.models import OfflineCard

        key = reference.removeprefix("offseti_")
        card = OfflineCard.objects.filter(reference="offpm_" + key).first()
        if card is None:
            return CardSetup(reference=reference, status=SetupStatus.PENDING, customer="")
        return CardSetup(
            reference=reference,
            status=SetupStatus.SUCCEEDED,
            customer=card.customer,
            card=_card(card),
        )

    def card_detach(self, *, reference) -> None:
        from payments.models import OfflineCard

        OfflineCard.objects.filter(reference=reference).update(detached=True)

    def refunds(self, reference: str) -> list[ProviderRefund]:
        from payments.models import OfflineIntent

        row = OfflineIntent.objects.filter(reference=reference).first()
        if row is None:
            raise GatewayError(_("This payment is unknown to the payment provider."))
        return [
            ProviderRefund(
                reference=item["id"],
                amount_cents=item["amount"],
                idempotency_key=item.get("idempotency_key", ""),
            )
            for item in row.refunds
        ]

    def _once(self, row, key: str, do) -> Intent:
        if key in row.answers:
            return self._intent(row)
        do(row)
        row.answers[key] = row.status
        row.save()
        return self._intent(row)

    def capture(self, *, reference, amount_cents, idempotency_key, application_fee_cents=0):
        with transaction.atomic():
            row = self._locked(reference)

            def do(row):
                self._lapse(row)
                if row.status != IntentStatus.AUTHORISED:
                    raise GatewayError(_("This payment can no longer be captured."))
                if amount_cents > row.amount_cents:
                    raise GatewayError(
                        _("The amount to capture is more than was authorised."),
                        code="amount_too_large",
                    )
                row.captured_cents = amount_cents
                row.status = IntentStatus.CAPTURED

            return self._once(row, idempotency_key, do)

    def release(self, *, reference, idempotency_key):
        with transaction.atomic():
            row = self._locked(reference)

            def do(row):
                if row.status in (IntentStatus.CAPTURED,):
                    raise GatewayError(_("A captured payment cannot be released: refund it."))
                row.status = IntentStatus.RELEASED

            return self._once(row, idempotency_key, do)

    def refund(self, *, reference, amount_cents, idempotency_key, reverse_transfer=False) -> str:
        with transaction.atomic():
            row = self._locked(reference)

            def do(row):
                if row.refunded_cents + amount_cents > row.captured_cents:
                    raise GatewayError(
                        _("The refund is more than what was captured."), code="amount_too_large"
                    )
                row.refunded_cents += amount_cents
                row.refunds.append(
                    {
                        "id": reference_of_refund,
                        "amount": amount_cents,
                        "idempotency_key": "" if key.startswith("dashboard:") else key,
                    }
                )

            reference_of_refund = (
                "offre_" + uuid.uuid5(uuid.NAMESPACE_URL, idempotency_key).hex[:20]
            )
            key = idempotency_key
            self._once(row, idempotency_key, do)
        return reference_of_refund

    def dashboard_refund(self, *, reference: str, amount_cents: int) -> str:
        """A refund made by staff in the provider's own dashboard (no key of ours): what
        Stripe then tells with a `charge.refunded` event."""
        return self.refund(
            reference=reference,
            amount_cents=amount_cents,
            idempotency_key=f"dashboard:{uuid.uuid4().hex}",
        )

    # --- Connect (test mode: onboarding is one button on Khepri's own test page) ---

    def _account(self, row) -> ConnectedAccountState:
        done = row.details_submitted
        return ConnectedAccountState(
            reference=row.reference,
            details_submitted=done,
            charges_enabled=done,
            payouts_enabled=done,
            transfers_enabled=done,
            requirements_due=() if done else ("external_account", "tos_acceptance.date"),
            disabled_reason="" if done else "requirements.past_due",
        )

    def connected_account_create(self, *, idempotency_key, email, metadata):
        from payments.models import OfflineConnectedAccount

        reference = "acct_off" + uuid.uuid5(uuid.NAMESPACE_URL, idempotency_key).hex[:16]
        row, _created = OfflineConnectedAccount.objects.get_or_create(
            reference=reference, defaults={"created_at": now()}
        )
        return self._account(row)

    def _account_row(self, reference):
        from payments.models import OfflineConnectedAccount

        row = OfflineConnectedAccount.objects.filter(reference=reference).first()
        if row is None:
            raise GatewayError(_("This payment account is unknown to the payment provider."))
        return row

    def connected_account_retrieve(self, reference):
        return self._account(self._account_row(reference))

    def onboarding_link(self, *, account, refresh_url, return_url):
        """Khepri's own test-mode page stands for the provider's onboarding form."""
        from django.urls import reverse

        self._account_row(account)
        return reverse("payments:payments_account_test_onboarding")

    def onboarding_complete(self, reference: str) -> ConnectedAccountState:
        """Test mode: the practitioner "filled in" the provider's form."""
        row = self._account_row(reference)
        row.details_submitted = True
        row.save(update_fields=["details_submitted"])
        return self._account(row)

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
        from payments.models import OfflineIntent

        if amount_cents <= 0:
            raise GatewayError(_("A transfer must be of a positive amount."))
        if not self._account_row(destination).details_submitted:
            raise GatewayError(_("This payment account cannot receive transfers yet."))
        if source_transaction:
            source = OfflineIntent.objects.filter(reference=source_transaction).first()
            if source is None or source.captured_cents < amount_cents:
                raise GatewayError(_("The payment does not hold enough money for this transfer."))
        # The same key names the same transfer: a retry makes no second one.
        return "tr_off" + uuid.uuid5(uuid.NAMESPACE_URL, idempotency_key).hex[:20]
