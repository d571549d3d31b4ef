"""The prepaid balance: a patient tops it up by card, then pays sessions from it.

Contract:

* The balance is never stored: it is read from the patient's ledger entries (`balance` and
  `balance_reserved` accounts, `LedgerEntry.patient`), see `payments.ledger`.
* A top-up is a card payment captured at once (offline test form or Stripe's Payment Element),
  keyed by its form submission: the same form sent twice pays once. It reaches the balance
  once, when the provider says the money is taken.
* Paying a session from the balance works like a card, with a `Payment` whose gateway is
  `balance` (no provider): the price is reserved in the transaction that confirms the booking,
  under a lock on the patient's row, so two bookings never spend the same money; the booking
  then decides as for a card (`payments.services.payment_settle`): the practitioner's amount
  is taken (never more than reserved) and the rest returned, a free cancellation, decline or
  expiry returns everything, a late cancellation or a missed session takes the policy's fee.
  Commission and the practitioner's share are written exactly as for a card capture.
* A balance that covers only part of a price is not used: one booking is paid one way
  (splitting it between a card and the balance would mean two reservations to settle, release
  and refund together, and a confusing receipt). The checkout says how much is missing.
* Staff may give a top-up back to its card, never more than what is left of it nor more than
  the patient's unspent balance: the balance is debited first, under the patient's lock, then
  the provider is called; a refusal puts the money back on the balance.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from bookings.models import Booking
from payments import ledger, signals
from payments.gateways import CardDeclined, GatewayError, IntentStatus, get_gateway
from payments.ledger import Account
from payments.models import GatewayCall, LedgerEntry, Payment, TopUp, TopUpRefund
from payments.services import PaymentError, commission_bp

logger = logging.getLogger(__name__)

#: The `Payment.gateway` of sessions paid from the balance (no provider is called).
GATEWAY_NAME = "balance"
#: The amounts offered on the top-up form, and the bounds of a free amount.
TOPUP_CHOICES_CENTS = (2000, 5000, 10000)
TOPUP_MIN_CENTS = 1000
TOPUP_MAX_CENTS = 50000

Status = Payment.Status


def _money(amount_cents: int) -> str:
    from site_pages.templatetags.khepri_tags import cents

    return cents(amount_cents)


def _write(
    entries,
    *,
    kind: str,
    patient_id: int,
    now: datetime,
    payment: Payment | None = None,
    currency: str = "EUR",
) -> None:
    movement = uuid.uuid4()
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            movement=movement,
            account=entry.account,
            amount_cents=entry.amount_cents,
            currency=currency,
            kind=kind,
            patient_id=patient_id,
            practitioner_id=payment.practitioner_id if payment else None,
            payment=payment,
            booking_id=payment.booking_id if payment else None,
            at=now,
        )
        for entry in entries
    )


def _lock_patient(patient_id: int) -> None:
    """Serialise everything that spends one patient's balance (their user row is the lock)."""
    from accounts.models import User

    User.objects.select_for_update().only("pk").get(pk=patient_id)


# --- Reading the balance -------------------------------------------------------------------------


def balance_for(patient) -> ledger.BalanceView:
    """The patient's balance as the ledger says now."""
    if patient is None or not getattr(patient, "is_authenticated", True) or patient.pk is None:
        return ledger.BalanceView(available_cents=0, reserved_cents=0)
    rows = (
        LedgerEntry.objects.filter(
            patient_id=patient.pk, account__in=(Account.BALANCE, Account.BALANCE_RESERVED)
        )
        .values("account")
        .annotate(amount_cents=Sum("amount_cents"))
    )

    @dataclass
    class Row:
        account: str
        amount_cents: int

    return ledger.balance_of(Row(row["account"], row["amount_cents"]) for row in rows)


@dataclass
class HistoryLine:
    at: datetime
    kind: str
    #: What it changed in the balance the patient may spend (0: a reserved amount was taken).
    change_cents: int
    #: Taken from a reservation for a session (shown beside the line).
    taken_cents: int
    booking_start: datetime | None


def balance_history(patient, *, limit: int = 200) -> list[HistoryLine]:
    """The movements of the patient's balance, newest first."""
    entries = (
        LedgerEntry.objects.filter(
            patient_id=patient.pk, account__in=(Account.BALANCE, Account.BALANCE_RESERVED)
        )
        .select_related("booking")
        .order_by("-at", "-pk")
    )
    lines: dict[uuid.UUID, HistoryLine] = {}
    for entry in entries:
        line = lines.get(entry.movement)
        if line is None:
            if len(lines) >= limit:
                break
            line = lines[entry.movement] = HistoryLine(
                at=entry.at,
                kind=entry.kind,
                change_cents=0,
                taken_cents=0,
                booking_start=entry.booking.start if entry.booking else None,
            )
        if entry.account == Account.BALANCE:
            line.change_cents -= entry.amount_cents
        elif entry.kind == "capture":
            line.taken_cents += entry.amount_cents
    return list(lines.values())


def balance_covers(patient, amount_cents: int) -> bool:
    return ledger.can_spend(balance_for(patient).available_cents, amount_cents)


# --- Topping up ----------------------------------------------------------------------------------


def topup_amount_check(amount_cents: int) -> None:
    if not TOPUP_MIN_CENTS <= amount_cents <= TOPUP_MAX_CENTS:
        raise PaymentError(
            _("Choose an amount between %(low)s and %(high)s.")
            % {"low": _money(TOPUP_MIN_CENTS), "high": _money(TOPUP_MAX_CENTS)}
        )


def _topup_key(topup: TopUp, operation: str) -> str:
    return f"khepri:topup:{topup.reference}:{operation}"


def topup_start(*, patient, amount_cents: int, request_key: str, now: datetime) -> TopUp:
    """The top-up of this form submission, created at the provider if it is not yet (an intent
    waiting for the card). The same submission again returns the same top-up."""
    topup_amount_check(amount_cents)
    if not request_key:
        raise PaymentError(_("This form has expired: please open the page again."))
    gateway = get_gateway()
    # The amount is part of the key: the same form sent again with another amount (after a
    # declined card) is another top-up, never the first one's amount charged.
    topup, _created = TopUp.objects.get_or_create(
        patient=patient,
        request_key=f"{request_key[:50]}:{amount_cents}",
        defaults={"amount_cents": amount_cents, "gateway": gateway.name, "created_at": now},
    )
    if topup.gateway_reference:
        return topup
    try:
        intent = gateway.authorise(
            amount_cents=topup.amount_cents,
            currency=topup.currency,
            idempotency_key=_topup_key(topup, "authorise"),
            metadata={"topup": str(topup.reference)},
        )
    except GatewayError as error:
        raise PaymentError(error.message) from error
    TopUp.objects.filter(pk=topup.pk).update(
        gateway_reference=intent.reference, client_secret=intent.client_secret
    )
    topup.refresh_from_db()
    return topup


def topup_card_entered(*, topup: TopUp, card: str, now: datetime) -> TopUp:
    """The card typed on the test-mode form (offline gateway): authorise, then capture."""
    gateway = get_gateway(topup.gateway)
    if not hasattr(gateway, "confirm"):
        raise PaymentError(_("This payment is made with the card form of the payment service."))
    try:
        gateway.confirm(topup.gateway_reference, card)
    except CardDeclined as declined:
        TopUp.objects.filter(pk=topup.pk, status=TopUp.Status.PENDING).update(
            failure_message=declined.message[:300]
        )
        raise PaymentError(declined.message) from declined
    return topup_complete(topup=topup, now=now)


def topup_complete(*, topup: TopUp, now: datetime) -> TopUp:
    """Read the provider: an authorised card is captured at once and the money credited to
    the balance, once (a second caller finds it done)."""
    topup = TopUp.objects.get(pk=topup.pk)
    if topup.status != TopUp.Status.PENDING or not topup.gateway_reference:
        return topup
    gateway = get_gateway(topup.gateway)
    try:
        intent = gateway.retrieve(topup.gateway_reference)
        if intent.status == IntentStatus.AUTHORISED:
            intent = gateway.capture(
                reference=topup.gateway_reference,
                amount_cents=topup.amount_cents,
                idempotency_key=_topup_key(topup, "capture"),
            )
    except GatewayError as error:
        raise PaymentError(error.message) from error
    with transaction.atomic():
        topup = TopUp.objects.select_for_update().get(pk=topup.pk)
        if topup.status != TopUp.Status.PENDING:
            return topup
        if intent.status == IntentStatus.CAPTURED:
            topup.status = TopUp.Status.PAID
            topup.paid_at = now
            topup.failure_message = ""
            topup.save()
            _write(
                ledger.topup(intent.captured_cents or topup.amount_cents),
                kind="topup",
                patient_id=topup.patient_id,
                now=now,
                currency=topup.currency,
            )
        elif intent.status in (IntentStatus.FAILED, IntentStatus.RELEASED):
            topup.status = TopUp.Status.FAILED
            topup.failure_message = (intent.error or _("The card was not authorised."))[:300]
            topup.save()
        elif intent.error:
            topup.failure_message = intent.error[:300]
            topup.save(update_fields=["failure_message"])
    return topup


def topups_complete_due(*, now: datetime, limit: int = 100) -> int:
    """Catch up top-ups whose card was confirmed but whose page was closed before we read it
    (Stripe's form): captured while the authorisation still holds."""
    done = 0
    recent = TopUp.objects.filter(
        status=TopUp.Status.PENDING,
        created_at__gte=now - timedelta(days=6),
        created_at__lte=now - timedelta(minutes=2),
    ).exclude(gateway_reference="")
    for topup in recent.order_by("pk")[:limit]:
        try:
            done += topup_complete(topup=topup, now=now).status == TopUp.Status.PAID
        except PaymentError as error:
            logger.warning("Completing top-up %s failed: %s", topup.pk, error)
    return done


def topup_refundable_cents(topup: TopUp) -> int:
    """What staff may give back to the card: what is left of the top-up, within the patient's
    unspent balance."""
    if topup.status != TopUp.Status.PAID:
        return 0
    left = topup.amount_cents - topup.refunded_cents
    # Credits the platform gave (referrals) are spent from the balance, never paid out as
    # cash: they are counted as still there, so only money the patient put in goes back.
    given = -(
        LedgerEntry.objects.filter(
            patient_id=topup.patient_id, kind="referral_credit", account=Account.BALANCE
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )
    own = balance_for(topup.patient).available_cents - given
    return max(0, min(left, own))


def topup_refund(*, topup: TopUp, amount_cents: int, request_key: str, now: datetime) -> TopUp:
    """Give `amount_cents` of a top-up back to its card (staff)."""
    refund = TopUpRefund.objects.filter(request_key=request_key).first()
    if refund is None:
        with transaction.atomic():
            _lock_patient(topup.patient_id)
            topup = TopUp.objects.select_for_update().get(pk=topup.pk)
            bound = topup_refundable_cents(topup)
            if not 0 < amount_cents <= bound:
                raise PaymentError(
                    _(
                        "You can refund at most %(amount)s: what is left of this top-up and "
                        "not spent from the balance."
                    )
                    % {"amount": _money(bound)}
                )
            topup.refunded_cents += amount_cents
            topup.save(update_fields=["refunded_cents"])
            refund = TopUpRefund.objects.create(
                topup=topup, amount_cents=amount_cents, request_key=request_key, created_at=now
            )
            _write(
                ledger.topup_refund(amount_cents),
                kind="topup_refund",
                patient_id=topup.patient_id,
                now=now,
                currency=topup.currency,
            )
    if refund.status != TopUpRefund.Status.PENDING:
        return TopUp.objects.get(pk=refund.topup_id)
    topup = TopUp.objects.get(pk=refund.topup_id)
    try:
        get_gateway(topup.gateway).refund(
            reference=topup.gateway_reference,
            amount_cents=refund.amount_cents,
            idempotency_key=_topup_key(topup, f"refund:{refund.request_key}"),
        )
    except GatewayError as error:
        if error.retryable:
            # Left pending, the balance still debited: the same form again retries it.
            raise PaymentError(error.message) from error
        with transaction.atomic():
            refund = TopUpRefund.objects.select_for_update().get(pk=refund.pk)
            if refund.status == TopUpRefund.Status.PENDING:
                refund.status = TopUpRefund.Status.FAILED
                refund.error = error.message[:300]
                refund.save(update_fields=["status", "error"])
                locked = TopUp.objects.select_for_update().get(pk=topup.pk)
                locked.refunded_cents -= refund.amount_cents
                locked.save(update_fields=["refunded_cents"])
                _write(
                    ledger.topup_refund(-refund.amount_cents),
                    kind="topup_refund_failed",
                    patient_id=topup.patient_id,
                    now=now,
                    currency=topup.currency,
                )
        raise PaymentError(error.message) from error
    TopUpRefund.objects.filter(pk=refund.pk).update(status=TopUpRefund.Status.DONE)
    return TopUp.objects.get(pk=topup.pk)


# --- Paying a session from the balance -----------------------------------------------------------


def _refuse_if_short(available: int, price: int) -> None:
    if not ledger.can_spend(available, price):
        raise PaymentError(
            _(
                "Your balance (%(balance)s) does not cover this session (%(price)s). Top it "
                "up or pay by card."
            )
            % {"balance": _money(available), "price": _money(price)}
        )


def booking_confirm_with_balance(*, booking: Booking, patient, now: datetime) -> Booking:
    """Confirm a held booking paid from `patient`'s balance: the price is reserved and the
    booking confirmed in one transaction, under the patient's lock (two bookings never spend
    the same money; a refused confirmation reserves nothing). A card form waiting for this
    booking is let go first."""
    from bookings import lifecycle
    from payments.services import payment_release

    if booking.patient_id not in (None, patient.pk):
        raise PaymentError(_("This booking belongs to another account."))
    price = booking.price_cents
    # Refused before the card form is let go: a balance too short leaves the card possible.
    _refuse_if_short(balance_for(patient).available_cents, price)
    waiting = Payment.objects.filter(booking=booking).exclude(gateway=GATEWAY_NAME).first()
    if waiting is not None and waiting.status in (Status.PENDING, Status.FAILED):
        payment_release(payment=waiting, now=now)
    with transaction.atomic():
        booking = lifecycle.hold_for_payment(booking=booking)
        _lock_patient(patient.pk)
        payment = Payment.objects.select_for_update().filter(booking=booking).first()
        if payment is not None and payment.status in (Status.AUTHORISED, Status.CAPTURED):
            raise PaymentError(_("This session is already paid."))
        _refuse_if_short(balance_for(patient).available_cents, price)
        fields = {
            "patient": patient,
            "practitioner_id": booking.practitioner_id,
            "gateway": GATEWAY_NAME,
            "status": Status.AUTHORISED,
            "currency": booking.currency,
            "amount_cents": price,
            "authorised_cents": price,
            "commission_bp": commission_bp(booking.practitioner),
            "destination_account": "",
            "gateway_reference": "",
            "client_secret": "",
            "failure_message": "",
            "authorisation_expires_at": None,
            "updated_at": now,
        }
        if payment is None:
            payment = Payment.objects.create(booking=booking, created_at=now, **fields)
        else:
            # The card's attempt (released above) becomes the balance payment: one payment
            # per booking, its provider calls kept for the record.
            for name, value in fields.items():
                setattr(payment, name, value)
            payment.save()
        _write(
            ledger.balance_reserve(price),
            kind="balance_reserve",
            patient_id=patient.pk,
            now=now,
            payment=payment,
            currency=payment.currency,
        )
        return lifecycle.hold_confirm(booking=booking, patient=patient, now=now)


def _locked(payment: Payment) -> Payment:
    return Payment.objects.select_for_update().get(pk=payment.pk)


def balance_capture(*, payment: Payment, now: datetime, amount_cents: int | None = None):
    """Take `amount_cents` (default: all reserved) from the reservation; the rest goes back to
    the balance. Called through `payments.services.payment_capture`."""
    with transaction.atomic():
        payment = _locked(payment)
        amount = payment.authorised_cents if amount_cents is None else amount_cents
        if payment.status == Status.CAPTURED:
            return payment
        if payment.status != Status.AUTHORISED:
            raise PaymentError(_("This payment is not authorised: there is nothing to capture."))
        if amount > payment.authorised_cents:
            raise PaymentError(
                _("You can take at most %(amount)s: that is what the patient's balance reserved.")
                % {"amount": _money(payment.authorised_cents)}
            )
        if amount <= 0:
            return _release_locked(payment, now)
        commission = ledger.share(amount, payment.commission_bp)
        payment.status = Status.CAPTURED
        payment.captured_cents = amount
        payment.commission_cents = commission
        payment.updated_at = now
        payment.save()
        written = {"patient_id": payment.patient_id, "now": now, "payment": payment}
        _write(ledger.balance_capture(amount, commission), kind="capture", **written)
        signals.send_after_commit(signals.payment_captured, payment_id=payment.pk)
        if payment.authorised_cents > amount:
            _write(
                ledger.balance_release(payment.authorised_cents - amount),
                kind="balance_release",
                **written,
            )
    return payment


def _release_locked(payment: Payment, now: datetime) -> Payment:
    if payment.status == Status.AUTHORISED:
        _write(
            ledger.balance_release(payment.authorised_cents),
            kind="balance_release",
            patient_id=payment.patient_id,
            now=now,
            payment=payment,
        )
    if payment.status in (Status.PENDING, Status.AUTHORISED, Status.FAILED):
        payment.status = Status.RELEASED
        payment.updated_at = now
        payment.save()
    return payment


def balance_release(*, payment: Payment, now: datetime) -> Payment:
    """The whole reservation goes back to the balance (free cancellation, decline, expiry)."""
    with transaction.atomic():
        return _release_locked(_locked(payment), now)


def balance_refund(
    *, payment: Payment, amount_cents: int, now: datetime, request_key: str = ""
) -> Payment:
    """Staff give back part of a session paid from the balance — to the balance. The same
    request sent twice refunds once."""
    key = f"khepri:{payment.reference}:refund:{request_key or uuid.uuid4().hex}"
    with transaction.atomic():
        payment = _locked(payment)
        call, _created = GatewayCall.objects.get_or_create(
            idempotency_key=key,
            defaults={
                "payment": payment,
                "operation": GatewayCall.Operation.REFUND,
                "amount_cents": amount_cents,
                "created_at": now,
            },
        )
        if call.recorded_at is not None:
            return payment
        remaining = payment.captured_cents - payment.refunded_cents
        if payment.status not in (Status.CAPTURED, Status.REFUNDED) or remaining <= 0:
            raise PaymentError(_("Nothing was charged on this payment that could be refunded."))
        if not 0 < amount_cents <= remaining:
            raise PaymentError(
                _("You can refund at most %(amount)s: what was charged and not refunded yet.")
                % {"amount": _money(remaining)}
            )
        commission_back = ledger.refund_commission(
            captured_cents=payment.captured_cents,
            commission_cents=payment.commission_cents,
            refunded_before_cents=payment.refunded_cents,
            refund_cents=amount_cents,
        )
        payment.refunded_cents += amount_cents
        if payment.refunded_cents == payment.captured_cents:
            payment.status = Status.REFUNDED
        payment.updated_at = now
        payment.save()
        _write(
            ledger.balance_refund(amount_cents, commission_back),
            kind="refund",
            patient_id=payment.patient_id,
            now=now,
            payment=payment,
        )
        call.succeeded, call.recorded_at = True, now
        call.save(update_fields=["succeeded", "recorded_at"])
        signals.send_after_commit(signals.payment_refunded, payment_id=payment.pk, call_id=call.pk)
    return payment
