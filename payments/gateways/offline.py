"""The offline gateway, for the demo and the tests: the same states as Stripe's test mode, no
money. It keeps its state in `OfflineIntent` rows: card 4242 4242 4242 4242 is authorised,
4000 0000 0000 0002 is declined, 4000 0000 0000 9995 is declined for insufficient funds. It is
marked "test mode" wherever a patient sees it.
"""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from payments.gateways import (
    AUTHORISATION_LIFETIME,
    CardDeclined,
    Gateway,
    GatewayError,
    Intent,
    IntentStatus,
)

TEST_CARDS = {
    "4242424242424242": "",
    "4000000000000002": "card_declined",
    "4000000000009995": "insufficient_funds",
}


def card_number(payment_method: str) -> str:
    return "".join(char for char in payment_method if char.isdigit())


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
    ) -> Intent:
        from payments.models import OfflineIntent

        reference = "off_" + uuid.uuid5(uuid.NAMESPACE_URL, idempotency_key).hex[:24]
        now = timezone.now()
        try:
            with transaction.atomic():
                row = OfflineIntent.objects.create(
                    reference=reference,
                    status=IntentStatus.PENDING,
                    amount_cents=amount_cents,
                    currency=currency,
                    created_at=now,
                )
        except IntegrityError:  # the same key again: the same intent
            row = OfflineIntent.objects.get(reference=reference)
        if payment_method and row.status == IntentStatus.PENDING:
            return self.confirm(reference, payment_method)
        return self._intent(row)

    def confirm(self, reference: str, payment_method: str) -> Intent:
        """The card entered on the (test-mode) payment form."""
        with transaction.atomic():
            row = self._locked(reference)
            if row.status != IntentStatus.PENDING:
                return self._intent(row)
            number = card_number(payment_method)
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
            row.expires_at = timezone.now() + AUTHORISATION_LIFETIME
            row.save()
            return self._intent(row)

    def retrieve(self, reference: str) -> Intent:
        from payments.models import OfflineIntent

        try:
            return self._intent(OfflineIntent.objects.get(reference=reference))
        except OfflineIntent.DoesNotExist:
            raise GatewayError(_("This payment is unknown to the payment provider.")) from None

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

            self._once(row, idempotency_key, do)
        return "offre_" + uuid.uuid5(uuid.NAMESPACE_URL, idempotency_key).hex[:20]
