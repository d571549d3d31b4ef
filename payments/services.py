"""Paying for a session: authorise at booking, capture after the session, release or take the
late fee on cancellation, refund. Every change of money is written to the ledger in the same
transaction as the payment's new amounts.

Contract:

* Calls to the provider are made outside database transactions (never a lock held over the
  network) and carry an idempotency key derived from the payment and the operation
  (`GatewayCall`): a retry or a double click performs the operation once at the provider.
  Their outcome is then recorded under a row lock on the payment, once: a second caller finds
  the work done and changes nothing.
* Amounts only grow within their bounds: captured ≤ authorised ≤ price, refunded ≤ captured
  (checked here with a clear `PaymentError`, and by the database's constraints).
* The booking decides the money (`payment_settle`): a completed session is captured (the
  amount the practitioner chose, at most the authorisation), a late cancellation or a missed
  session captures the policy's fee, anything else that ends a booking releases the
  authorisation. It runs after each booking change commits and every few minutes, so a
  provider that was down is caught up.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from bookings.models import Booking, CancellationOutcome
from payments import ledger, signals
from payments.gateways import CardDeclined, Gateway, GatewayError, IntentStatus, get_gateway
from payments.models import GatewayCall, LedgerEntry, Payment

logger = logging.getLogger(__name__)

Status = Payment.Status
Operation = GatewayCall.Operation
State = Booking.State
#: Sessions paid from the prepaid balance (`payments.balance`): no provider involved.
BALANCE = "balance"


class PaymentError(Exception):
    """A payment operation that cannot be done, in words for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return self.message


def payments_enabled() -> bool:
    return bool(getattr(settings, "KHEPRI_PAYMENTS_ENABLED", True))


def payment_required(booking: Booking) -> bool:
    return payments_enabled() and booking.price_cents > 0


def commission_bp(practitioner) -> int:
    rate = getattr(practitioner, "commission_bp", None)
    return settings.KHEPRI_COMMISSION_BP if rate is None else rate


def _money(amount_cents: int) -> str:
    from site_pages.templatetags.khepri_tags import cents

    return cents(amount_cents)


# --- The ledger --------------------------------------------------------------------------------


def _write(entries, *, kind: str, payment: Payment, now: datetime) -> None:
    movement = uuid.uuid4()
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            movement=movement,
            account=entry.account,
            amount_cents=entry.amount_cents,
            currency=payment.currency,
            kind=kind,
            practitioner_id=payment.practitioner_id,
            payment=payment,
            booking_id=payment.booking_id,
            at=now,
        )
        for entry in entries
    )


# --- Calls to the provider -------------------------------------------------------------------


def _call(payment: Payment, operation: str, suffix: str, amount_cents: int, now, run):
    """Run `run(idempotency_key)` against the provider and record the call."""
    key = f"khepri:{payment.reference}:{operation}{suffix}"
    call, _created = GatewayCall.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "payment": payment,
            "operation": operation,
            "amount_cents": amount_cents,
            "created_at": now,
        },
    )
    try:
        result = run(key)
    except GatewayError as error:
        GatewayCall.objects.filter(pk=call.pk).update(succeeded=False, error=error.message[:300])
        raise
    GatewayCall.objects.filter(pk=call.pk).update(succeeded=True, error="")
    return result


def _locked(payment: Payment) -> Payment:
    return Payment.objects.select_for_update().get(pk=payment.pk)


# --- Authorising -------------------------------------------------------------------------------


def payment_defaults(booking: Booking, patient, gateway_name: str, now: datetime) -> dict:
    """A new payment's fields for `booking` (the price and commission as they are now)."""
    from payments.connect import destination_for

    return {
        "patient": patient,
        "practitioner_id": booking.practitioner_id,
        "gateway": gateway_name,
        "currency": booking.currency,
        "amount_cents": booking.price_cents,
        "commission_bp": commission_bp(booking.practitioner),
        "destination_account": destination_for(booking.practitioner, gateway_name)
        if gateway_name == "stripe"
        else "",
        "created_at": now,
        "updated_at": now,
    }


def payment_start(
    *, booking: Booking, patient, now: datetime, gateway: Gateway | None = None
) -> Payment:
    """The booking's payment, created at the provider if it is not yet (an intent waiting for
    the card). Calling it again returns the same payment."""
    gateway = gateway or get_gateway()
    with transaction.atomic():
        payment, _created = Payment.objects.get_or_create(
            booking=booking, defaults=payment_defaults(booking, patient, gateway.name, now)
        )
    from bookings import lifecycle

    lifecycle.hold_extend(booking=booking, now=now)
    if payment.gateway_reference or payment.status != Status.PENDING:
        return payment
    intent = _call(
        payment,
        Operation.AUTHORISE,
        "",
        payment.amount_cents,
        now,
        lambda key: gateway.authorise(
            amount_cents=payment.amount_cents,
            currency=payment.currency,
            idempotency_key=key,
            destination=payment.destination_account,
            application_fee_cents=ledger.share(payment.amount_cents, payment.commission_bp),
            metadata={"payment": str(payment.reference), "booking": str(booking.reference)},
        ),
    )
    Payment.objects.filter(pk=payment.pk).update(
        gateway_reference=intent.reference, client_secret=intent.client_secret, updated_at=now
    )
    payment.refresh_from_db()
    return payment


def payment_card_entered(*, payment: Payment, card: str, now: datetime) -> Payment:
    """The card typed on the test-mode form (offline gateway only): authorise with it."""
    gateway = get_gateway(payment.gateway)
    if not hasattr(gateway, "confirm"):
        raise PaymentError(_("This payment is made with the card form of the payment service."))
    try:
        gateway.confirm(payment.gateway_reference, card)
    except CardDeclined as declined:
        Payment.objects.filter(pk=payment.pk, status=Status.PENDING).update(
            failure_message=declined.message[:300], updated_at=now
        )
        raise PaymentError(declined.message) from declined
    return payment_sync(payment=payment, now=now)


def authorisation_record(payment: Payment, intent, now: datetime) -> None:
    """Write what the provider authorised on the payment (locked by the caller) and in the
    ledger."""
    payment.status = Status.AUTHORISED
    payment.authorised_cents = intent.amount_cents
    payment.authorisation_expires_at = intent.expires_at
    payment.failure_message = ""
    payment.updated_at = now
    payment.save()
    _write(
        ledger.authorisation(payment.authorised_cents),
        kind="authorisation",
        payment=payment,
        now=now,
    )


def payment_sync(*, payment: Payment, now: datetime) -> Payment:
    """Bring the payment in line with the provider's view of it (after the browser confirmed
    the card, or a webhook told us)."""
    if payment.gateway == BALANCE or not payment.gateway_reference:
        return payment  # nothing at a provider to read back
    gateway = get_gateway(payment.gateway)
    intent = gateway.retrieve(payment.gateway_reference)
    stray = False
    with transaction.atomic():
        payment = _locked(payment)
        # CARD_SAVED: a patient entering a card on-session after the later authorisation failed.
        if intent.status == IntentStatus.AUTHORISED and payment.status in (
            Status.PENDING,
            Status.CARD_SAVED,
        ):
            authorisation_record(payment, intent, now)
        elif intent.status == IntentStatus.FAILED and payment.status == Status.PENDING:
            payment.status = Status.FAILED
            payment.failure_message = intent.error[:300]
            payment.updated_at = now
            payment.save()
        elif intent.status == IntentStatus.PENDING and intent.error:
            # A declined card: the intent waits for another one; say why.
            payment.failure_message = intent.error[:300]
            payment.updated_at = now
            payment.save(update_fields=["failure_message", "updated_at"])
        elif intent.status == IntentStatus.RELEASED and payment.status in (
            Status.PENDING,
            Status.AUTHORISED,
        ):
            # Released at the provider (an authorisation that lapsed after 7 days, or
            # cancelled from its dashboard): nothing will be charged.
            if payment.status == Status.AUTHORISED:
                _write(
                    ledger.authorisation_closed(payment.authorised_cents),
                    kind="authorisation_closed",
                    payment=payment,
                    now=now,
                )
            payment.status = Status.RELEASED
            payment.updated_at = now
            payment.save()
        elif intent.status == IntentStatus.CAPTURED and payment.status == Status.AUTHORISED:
            _record_capture(payment, intent.captured_cents or payment.authorised_cents, now)
        stray = intent.status == IntentStatus.AUTHORISED and payment.status in (
            Status.RELEASED,
            Status.FAILED,
        )
    if stray:
        # The card was authorised after we gave up on it (a hold that lapsed during 3-D
        # Secure): let it go at the provider too, or the patient's money stays blocked.
        _call(
            payment,
            Operation.RELEASE,
            ":late",
            intent.amount_cents,
            now,
            lambda key: gateway.release(reference=payment.gateway_reference, idempotency_key=key),
        )
    return payment


def _record_capture(payment: Payment, amount: int, now: datetime) -> None:
    """Write a capture (call with the payment locked and authorised)."""
    commission = ledger.share(amount, payment.commission_bp)
    payment.status = Status.CAPTURED
    payment.captured_cents = amount
    payment.commission_cents = commission
    payment.updated_at = now
    payment.save()
    _write(
        ledger.authorisation_closed(payment.authorised_cents),
        kind="authorisation_closed",
        payment=payment,
        now=now,
    )
    _write(ledger.capture(amount, commission), kind="capture", payment=payment, now=now)
    signals.send_after_commit(signals.payment_captured, payment_id=payment.pk)
    if payment.destination_account:
        _write(ledger.transfer(amount - commission), kind="transfer", payment=payment, now=now)


def payment_is_authorised(booking: Booking) -> bool:
    payment = Payment.objects.filter(booking=booking).first()
    return payment is not None and payment.status in (
        Status.AUTHORISED,
        Status.CAPTURED,
    )


# --- Capturing, releasing, refunding -----------------------------------------------------------


def payment_capture(*, payment: Payment, now: datetime, amount_cents: int | None = None) -> Payment:
    """Take `amount_cents` (default: everything authorised) from the authorisation."""
    if payment.gateway == BALANCE:
        from payments.balance import balance_capture

        return balance_capture(payment=payment, now=now, amount_cents=amount_cents)
    amount = payment.authorised_cents if amount_cents is None else amount_cents
    if payment.status == Status.CAPTURED:
        return payment
    if payment.status != Status.AUTHORISED:
        raise PaymentError(_("This payment is not authorised: there is nothing to capture."))
    if amount > payment.authorised_cents:
        raise PaymentError(
            _("You can capture at most %(amount)s: that is what the patient's card authorised.")
            % {"amount": _money(payment.authorised_cents)}
        )
    if amount <= 0:
        return payment_release(payment=payment, now=now)
    commission = ledger.share(amount, payment.commission_bp)
    gateway = get_gateway(payment.gateway)
    try:
        intent = _call(
            payment,
            Operation.CAPTURE,
            "",
            amount,
            now,
            lambda key: gateway.capture(
                reference=payment.gateway_reference,
                amount_cents=amount,
                idempotency_key=key,
                application_fee_cents=commission,
            ),
        )
    except GatewayError:
        # The provider may know better (an authorisation that lapsed, a capture made from
        # its dashboard): read it afresh so the payment does not stay stuck, then report.
        payment_sync(payment=payment, now=now)
        raise
    with transaction.atomic():
        payment = _locked(payment)
        if payment.status != Status.AUTHORISED:
            return payment  # another caller recorded it
        # What the provider says it took (a repeated call replays the first capture).
        _record_capture(payment, intent.captured_cents or amount, now)
    return payment


#: Payments that may still be captured or released.
OPEN = (Status.PENDING, Status.AUTHORISED, Status.FAILED, Status.CARD_SAVED)


def payment_release(*, payment: Payment, now: datetime) -> Payment:
    """Let the authorisation (or the card form waiting, or a card saved for later) go:
    nothing is charged."""
    if payment.gateway == BALANCE:
        from payments.balance import balance_release

        return balance_release(payment=payment, now=now)
    if payment.status not in OPEN:
        return payment
    gateway = get_gateway(payment.gateway)
    if payment.gateway_reference:
        _call(
            payment,
            Operation.RELEASE,
            "",
            payment.authorised_cents,
            now,
            lambda key: gateway.release(reference=payment.gateway_reference, idempotency_key=key),
        )
    with transaction.atomic():
        payment = _locked(payment)
        if payment.status not in OPEN:
            return payment
        if payment.status == Status.AUTHORISED:
            _write(
                ledger.authorisation_closed(payment.authorised_cents),
                kind="authorisation_closed",
                payment=payment,
                now=now,
            )
        payment.status = Status.RELEASED
        payment.updated_at = now
        payment.save()
    return payment


def payment_refund(
    *, payment: Payment, amount_cents: int, now: datetime, request_key: str = ""
) -> Payment:
    """Give back `amount_cents` of what was captured (at most what remains).

    `request_key` names this refund request (the staff form carries one): the same request
    sent twice refunds once; two different requests at the same moment are both made and both
    recorded (the provider refuses whatever would go beyond the capture)."""
    if payment.gateway == BALANCE:
        from payments.balance import balance_refund

        return balance_refund(
            payment=payment, amount_cents=amount_cents, now=now, request_key=request_key
        )
    payment = Payment.objects.get(pk=payment.pk)
    remaining = payment.captured_cents - payment.refunded_cents
    if payment.status not in (Status.CAPTURED, Status.REFUNDED) or remaining <= 0:
        raise PaymentError(_("Nothing was charged on this payment that could be refunded."))
    if not 0 < amount_cents <= remaining:
        raise PaymentError(
            _("You can refund at most %(amount)s: what was charged and not refunded yet.")
            % {"amount": _money(remaining)}
        )
    key = f"khepri:{payment.reference}:refund:{request_key or uuid.uuid4().hex}"
    call, _created = GatewayCall.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "payment": payment,
            "operation": Operation.REFUND,
            "amount_cents": amount_cents,
            "created_at": now,
        },
    )
    if call.recorded_at is not None:
        return payment  # this very request was refunded and recorded already
    gateway = get_gateway(payment.gateway)
    try:
        refund_reference = gateway.refund(
            reference=payment.gateway_reference,
            amount_cents=call.amount_cents,
            idempotency_key=key,
            reverse_transfer=bool(payment.destination_account),
        )
    except GatewayError as error:
        GatewayCall.objects.filter(pk=call.pk).update(succeeded=False, error=error.message[:300])
        raise
    GatewayCall.objects.filter(pk=call.pk).update(gateway_reference=refund_reference)
    return refund_record(call=call, now=now)


def refund_record(*, call: GatewayCall, now: datetime) -> Payment:
    """Write a refund the provider made (`call`) to the payment and the ledger, once."""
    with transaction.atomic():
        call = GatewayCall.objects.select_for_update().get(pk=call.pk)
        payment = _locked(call.payment)
        if call.recorded_at is not None:
            return payment
        amount = call.amount_cents
        commission_back = ledger.refund_commission(
            captured_cents=payment.captured_cents,
            commission_cents=payment.commission_cents,
            refunded_before_cents=payment.refunded_cents,
            refund_cents=amount,
        )
        payment.refunded_cents += amount
        if payment.refunded_cents == payment.captured_cents:
            payment.status = Status.REFUNDED
        payment.updated_at = now
        payment.save()
        _write(ledger.refund(amount, commission_back), kind="refund", payment=payment, now=now)
        if payment.destination_account:
            _write(
                ledger.transfer(-(amount - commission_back)),
                kind="transfer",
                payment=payment,
                now=now,
            )
        call.succeeded, call.error, call.recorded_at = True, "", now
        call.save(update_fields=["succeeded", "error", "recorded_at"])
        signals.send_after_commit(signals.payment_refunded, payment_id=payment.pk, call_id=call.pk)
    return payment


def capture_amount_choose(*, booking: Booking, amount_cents: int) -> None:
    """The practitioner closes a session charging `amount_cents` (at most the authorisation;
    0 releases it). Taken when the session is marked done."""
    payment = Payment.objects.filter(booking=booking).first()
    if payment is None:
        return
    if payment.status != Status.AUTHORISED:
        raise PaymentError(_("This payment is not authorised: there is nothing to capture."))
    if not 0 <= amount_cents <= payment.authorised_cents:
        raise PaymentError(
            _("You can capture at most %(amount)s: that is what the patient's card authorised.")
            % {"amount": _money(payment.authorised_cents)}
        )
    Payment.objects.filter(pk=payment.pk).update(capture_requested_cents=amount_cents)


def session_close(*, booking: Booking, acting, now: datetime, amount_cents: int | None = None):
    """The practitioner (or their secretary) marks a session done, charging `amount_cents`
    when given (at most the authorisation). A refused closing keeps no amount: it would
    otherwise be charged by a later automatic closing."""
    from bookings import lifecycle

    if amount_cents is not None:
        capture_amount_choose(booking=booking, amount_cents=amount_cents)
    try:
        return lifecycle.booking_complete(booking=booking, acting=acting, now=now)
    except lifecycle.BookingError:
        if amount_cents is not None:
            Payment.objects.filter(booking=booking).update(capture_requested_cents=None)
        raise


# --- What the booking decides ------------------------------------------------------------------

ENDED_WITHOUT_CHARGE = (State.DECLINED, State.EXPIRED)

#: Other payers of a booking, registered by the apps that provide them (e.g. employer
#: programmes, in their `AppConfig.ready`): `check(booking) -> bool` says the booking is paid
#: without its card, so a card reserved on the way is released, never captured.
paid_otherwise_checks: list = []


def amount_due(booking: Booking, payment: Payment) -> int | None:
    """What should be captured for the booking as it stands (None: nothing to decide yet)."""
    from payments.models import PackageUse

    if PackageUse.objects.filter(booking=booking, returned_at__isnull=True).exists():
        return 0  # paid with a package: a card reserved on the way is let go
    if any(check(booking) for check in paid_otherwise_checks):
        return 0
    if booking.state == State.COMPLETED:
        requested = payment.capture_requested_cents
        if requested is not None:
            return requested
        # A card saved for later has nothing authorised yet: the price is due.
        return payment.authorised_cents or payment.amount_cents
    if booking.state == State.NO_SHOW:
        # As a late cancellation's fee is computed (bookings.lifecycle).
        return booking.price_cents * booking.practitioner.late_cancellation_fee_percent // 100
    if booking.state in (State.CANCELLED_BY_PATIENT, State.CANCELLED_BY_PRACTITIONER):
        if booking.cancellation_outcome == CancellationOutcome.FEE:
            return booking.cancellation_fee_cents
        return 0
    if booking.state in ENDED_WITHOUT_CHARGE:
        return 0
    return None


def payment_settle(*, payment: Payment, now: datetime) -> Payment:
    """Capture, take the fee or release, as the booking's state says."""
    booking = Booking.objects.select_related("practitioner").get(pk=payment.booking_id)
    if payment.status == Status.PENDING and payment.gateway_reference:
        payment = payment_sync(payment=payment, now=now)  # a webhook may not have come
    due = amount_due(booking, payment)
    if due == 0 and payment.status in OPEN:
        return payment_release(payment=payment, now=now)
    if due is None or payment.status not in OPEN:
        return payment
    if payment.status == Status.CARD_SAVED:
        from payments.cards import payment_authorise_at_settling

        payment = payment_authorise_at_settling(payment=payment, now=now)
        if payment.status != Status.AUTHORISED:
            return payment
    if due == 0 or payment.status != Status.AUTHORISED:
        return payment_release(payment=payment, now=now)
    return payment_capture(
        payment=payment, now=now, amount_cents=min(due, payment.authorised_cents)
    )


def payments_settle_due(*, now: datetime, limit: int = 500) -> int:
    """Settle every open payment or package credit whose booking has ended (the periodic
    catch-up); also closes sessions nobody closed `KHEPRI_AUTO_COMPLETE_HOURS` after they ended
    (however they were paid: a package's credit is then spent).
    Returns how many payments changed."""
    from bookings import lifecycle

    closing = now - timedelta(hours=settings.KHEPRI_AUTO_COMPLETE_HOURS)
    for booking in Booking.objects.filter(state=State.CONFIRMED, end__lte=closing)[:limit]:
        try:
            lifecycle.booking_complete(booking=booking, acting=lifecycle.Acting.system(), now=now)
        except lifecycle.BookingError:
            logger.exception("Closing booking %s for its payment failed.", booking.pk)
    from payments.models import PackageUse
    from payments.packages import package_settle

    for use in PackageUse.objects.filter(returned_at__isnull=True, settled_at__isnull=True).exclude(
        booking__state__in=(State.HELD, State.REQUESTED, State.CONFIRMED)
    )[:limit]:
        package_settle(booking=use.booking, now=now)
    changed = 0
    open_payments = Payment.objects.filter(
        status__in=(Status.PENDING, Status.AUTHORISED, Status.CARD_SAVED)
    ).exclude(booking__state__in=(State.HELD, State.REQUESTED, State.CONFIRMED))
    for payment in open_payments.order_by("pk")[:limit]:
        before = payment.status
        try:
            changed += payment_settle(payment=payment, now=now).status != before
        except (GatewayError, PaymentError) as error:
            logger.warning("Settling payment %s failed: %s", payment.pk, error)
    from payments.balance import topups_complete_due
    from payments.packages import package_purchases_complete_due
    from payments.referrals import referral_rewards_due

    topups_complete_due(now=now)
    package_purchases_complete_due(now=now)
    referral_rewards_due(now=now, limit=limit)
    return changed


def payment_confirm_or_refusal(*, payment: Payment, now: datetime):
    """After the provider (`payment_after_provider`): when the card is authorised but the
    held booking was refused (the practitioner takes no new patients...), the card is let go
    at once and the refusal returned (a `BookingError`) so the page can say why; None
    otherwise."""
    from bookings import lifecycle

    payment = payment_after_provider(payment=payment, now=now)
    booking = Booking.objects.get(pk=payment.booking_id)
    if booking.state != State.HELD or payment.status != Status.AUTHORISED or not payment.patient:
        return None
    try:  # asked again: the reason, or the booking if the refusal no longer holds
        lifecycle.hold_confirm(booking=booking, patient=payment.patient, now=now)
    except lifecycle.BookingError as error:
        payment_release(payment=payment, now=now)
        booking.refresh_from_db()
        if booking.state == State.HELD:
            return error
    return None


def payment_after_provider(*, payment: Payment, now: datetime) -> Payment:
    """The provider says something happened to `payment` (a webhook, the browser coming back):
    read its state afresh, then confirm the held booking it pays for if it is now authorised
    (the patient may have closed the page after entering the card), or settle it if the
    booking has ended meanwhile."""
    from bookings import lifecycle

    payment = payment_sync(payment=payment, now=now)
    booking = Booking.objects.get(pk=payment.booking_id)
    if payment.status == Status.AUTHORISED and booking.state == State.HELD and payment.patient:
        # A lapsed hold is not confirmed: the settlement below releases the card.
        with contextlib.suppress(lifecycle.BookingError):
            lifecycle.hold_confirm(booking=booking, patient=payment.patient, now=now)
        booking.refresh_from_db()
    if booking.state not in (State.HELD, State.REQUESTED, State.CONFIRMED):
        payment = payment_settle(payment=payment, now=now)
    return payment
