# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Paying for a session with the offline gateway: authorised at booking, captured after the
session (never more than authorised), released or charged the fee on cancellation, refunded
within what was captured; every movement in the ledger, balanced; each operation once."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Sum

from bookings import lifecycle
from bookings.lifecycle import Acting
from bookings.models import Booking
from payments import services
from payments.models import GatewayCall, LedgerEntry, OfflineIntent, Payment
from payments.services import PaymentError
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)

pytestmark = pytest.mark.django_db

Status = Payment.Status
CARD = "4242 4242 4242 4242"


def held(consult, start):
    return lifecycle.hold_create(session_type=consult, start=start, now=NOW)


def paid_booking(consult, patient, start=None, card=CARD):
    """A booking confirmed after its card was authorised, as the checkout does it."""
    booking = held(consult, start or paris(14, 10))
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    payment = services.payment_card_entered(payment=payment, card=card, now=NOW)
    payment = services.payment_after_provider(payment=payment, now=NOW)
    booking.refresh_from_db()
    return booking, payment


def balances(payment=None, **filters):
    rows = LedgerEntry.objects.filter(**({"payment": payment} if payment else {}), **filters)
    return {
        row["account"]: row["total"]
        for row in rows.values("account").annotate(total=Sum("amount_cents"))
        if row["total"]
    }


def assert_every_movement_balances():
    for movement in LedgerEntry.objects.values_list("movement", flat=True).distinct():
        total = LedgerEntry.objects.filter(movement=movement).aggregate(s=Sum("amount_cents"))
        assert total["s"] == 0


def test_the_card_is_authorised_then_the_booking_confirmed(consult, patient):
    booking, payment = paid_booking(consult, patient)
    assert booking.state == Booking.State.CONFIRMED and booking.patient == patient
    assert payment.status == Status.AUTHORISED and payment.authorised_cents == 6000
    assert payment.commission_bp == 2000
    assert balances(payment) == {"card_authorised": 6000, "authorisations": -6000}
    assert OfflineIntent.objects.get().status == "authorised"


def test_a_declined_card_keeps_the_hold_and_says_why(consult, patient):
    booking = held(consult, paris(14, 10))
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    with pytest.raises(PaymentError) as refused:
        services.payment_card_entered(payment=payment, card="4000 0000 0000 0002", now=NOW)
    assert "declined" in refused.value.message.lower() or "refus" in refused.value.message
    booking.refresh_from_db()
    payment.refresh_from_db()
    assert booking.state == Booking.State.HELD and payment.status == Status.PENDING
    assert not LedgerEntry.objects.exists()
    # Another card on the same payment works.
    payment = services.payment_card_entered(payment=payment, card=CARD, now=NOW)
    assert payment.status == Status.AUTHORISED


def test_completing_the_session_captures_and_takes_the_commission(consult, patient, sent):
    booking, payment = paid_booking(consult, patient)
    sent(
        lambda: lifecycle.booking_complete(
            booking=booking,
            acting=Acting.practitioner(booking.practitioner.user),
            now=booking.end + timedelta(minutes=5),
        )
    )
    payment.refresh_from_db()
    assert payment.status == Status.CAPTURED
    assert (payment.captured_cents, payment.commission_cents) == (6000, 1200)
    assert balances(payment) == {"gateway": 6000, "practitioner": -4800, "commission": -1200}
    assert_every_movement_balances()


def test_the_practitioner_may_capture_less_never_more(consult, patient):
    _booking, payment = paid_booking(consult, patient)
    with pytest.raises(PaymentError) as refused:
        services.payment_capture(payment=payment, now=NOW, amount_cents=6001)
    assert "60 €" in refused.value.message or "€60" in refused.value.message
    payment.refresh_from_db()
    assert (
        payment.status == Status.AUTHORISED
        and not GatewayCall.objects.filter(operation="capture").exists()
    )
    payment = services.payment_capture(payment=payment, now=NOW, amount_cents=4500)
    assert (payment.captured_cents, payment.commission_cents) == (4500, 900)
    assert balances(payment) == {"gateway": 4500, "practitioner": -3600, "commission": -900}


def test_the_gateway_itself_refuses_a_capture_beyond_the_authorisation(consult, patient):
    from payments.gateways import GatewayError
    from payments.gateways.offline import OfflineGateway

    _booking, payment = paid_booking(consult, patient)
    with pytest.raises(GatewayError):
        OfflineGateway().capture(
            reference=payment.gateway_reference, amount_cents=6001, idempotency_key="x"
        )


def test_a_free_cancellation_releases_the_card(consult, patient, sent):
    booking, payment = paid_booking(consult, patient)
    sent(lambda: lifecycle.booking_cancel(booking=booking, acting=Acting.patient(patient), now=NOW))
    payment.refresh_from_db()
    assert payment.status == Status.RELEASED and payment.captured_cents == 0
    assert balances(payment) == {}
    assert OfflineIntent.objects.get().status == "released"


def test_a_late_cancellation_captures_the_fee_only(claire, consult, patient, sent):
    first, _payment = paid_booking(consult, patient, start=paris(7, 9))  # 2 hours ahead
    sent(lambda: lifecycle.booking_cancel(booking=first, acting=Acting.patient(patient), now=NOW))
    second, payment = paid_booking(consult, patient, start=paris(7, 11))
    sent(lambda: lifecycle.booking_cancel(booking=second, acting=Acting.patient(patient), now=NOW))
    second.refresh_from_db()
    assert second.cancellation_outcome == "fee" and second.cancellation_fee_cents == 3000
    payment.refresh_from_db()
    assert (payment.status, payment.captured_cents, payment.commission_cents) == (
        Status.CAPTURED,
        3000,
        600,
    )
    # The first late one was forgiven: released.
    assert first.payment.status == Status.RELEASED


def test_a_practitioners_cancellation_or_decline_costs_nothing(claire, consult, patient, sent):
    booking, payment = paid_booking(consult, patient)
    sent(
        lambda: lifecycle.booking_cancel(
            booking=booking, acting=Acting.practitioner(claire.user), now=NOW
        )
    )
    payment.refresh_from_db()
    assert payment.status == Status.RELEASED


def test_a_missed_session_captures_the_policy_fee(claire, consult, patient, sent):
    booking, payment = paid_booking(consult, patient)
    sent(
        lambda: lifecycle.booking_no_show(
            booking=booking,
            acting=Acting.practitioner(claire.user),
            now=booking.end + timedelta(minutes=5),
        )
    )
    payment.refresh_from_db()
    assert (payment.status, payment.captured_cents) == (Status.CAPTURED, 3000)  # 50 %


def test_refunds_never_exceed_the_capture_and_return_the_commission_exactly(consult, patient):
    _booking, payment = paid_booking(consult, patient)
    payment = services.payment_capture(payment=payment, now=NOW)
    payment = services.payment_refund(payment=payment, amount_cents=1001, now=NOW)
    payment = services.payment_refund(payment=payment, amount_cents=2002, now=NOW)
    with pytest.raises(PaymentError) as refused:
        services.payment_refund(payment=payment, amount_cents=3000, now=NOW)
    assert "29,97 €" in refused.value.message or "€29.97" in refused.value.message
    payment = services.payment_refund(payment=payment, amount_cents=2997, now=NOW)
    assert payment.status == Status.REFUNDED and payment.refunded_cents == 6000
    assert balances(payment) == {}  # everyone back to zero, to the cent
    assert_every_movement_balances()
    with pytest.raises(PaymentError):
        services.payment_refund(payment=payment, amount_cents=1, now=NOW)


def test_each_operation_is_done_once_however_often_asked(consult, patient):
    _booking, payment = paid_booking(consult, patient)
    again = services.payment_start(booking=payment.booking, patient=patient, now=NOW)
    assert again.pk == payment.pk and again.gateway_reference == payment.gateway_reference
    services.payment_capture(payment=payment, now=NOW)
    services.payment_capture(payment=payment, now=NOW)  # a double click
    stale = Payment.objects.get(pk=payment.pk)
    stale.status = Status.AUTHORISED  # a caller that read the payment before the capture
    services.payment_capture(payment=stale, now=NOW)
    assert GatewayCall.objects.filter(operation="capture").count() == 1
    assert LedgerEntry.objects.filter(kind="capture").count() == 3  # one movement, 3 lines


@pytest.mark.django_db(transaction=True)
def test_concurrent_captures_take_the_money_once(site_tree, consult, patient):
    if connection.vendor == "sqlite":
        pass  # IMMEDIATE transactions serialise writers; the test still checks the outcome
    _booking, payment = paid_booking(consult, patient)
    errors = []

    def capture():
        try:
            services.payment_capture(payment=Payment.objects.get(pk=payment.pk), now=NOW)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=capture) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    payment.refresh_from_db()
    assert payment.captured_cents == 6000
    assert LedgerEntry.objects.filter(kind="capture", account="gateway").count() == 1
    assert OfflineIntent.objects.get().captured_cents == 6000


def test_sessions_nobody_closed_are_completed_and_captured_a_day_later(consult, patient, sent):
    booking, payment = paid_booking(consult, patient)
    assert services.payments_settle_due(now=booking.end + timedelta(hours=23)) == 0
    _changed, _emails = sent(
        lambda: services.payments_settle_due(now=booking.end + timedelta(hours=24))
    )
    booking.refresh_from_db()
    payment.refresh_from_db()
    assert booking.state == Booking.State.COMPLETED
    assert payment.status == Status.CAPTURED


def test_a_hold_that_lapses_during_payment_releases_the_card(consult, patient):
    booking = held(consult, paris(14, 10))
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    later = NOW + timedelta(minutes=30)
    lifecycle.holds_expire(now=later)
    payment = services.payment_card_entered(payment=payment, card=CARD, now=later)
    payment = services.payment_after_provider(payment=payment, now=later)
    booking.refresh_from_db()
    assert booking.state == Booking.State.EXPIRED
    assert payment.status == Status.RELEASED


def test_the_commission_rate_is_the_practitioners_when_set(claire, consult, patient):
    claire.commission_bp = 1500
    claire.save()
    _booking, payment = paid_booking(consult, patient)
    payment = services.payment_capture(payment=payment, now=NOW)
    assert payment.commission_cents == 900


def test_ledger_entries_are_never_changed_or_deleted(consult, patient):
    paid_booking(consult, patient)
    entry = LedgerEntry.objects.first()
    entry.amount_cents = 1
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_a_connected_practitioner_is_paid_at_capture_and_gives_back_on_refund(consult, patient):
    """Stripe Connect destination charges: the practitioner's share leaves at capture; a
    refund takes it back from them; the platform keeps (or returns) only its commission."""
    _booking, payment = paid_booking(consult, patient)
    Payment.objects.filter(pk=payment.pk).update(destination_account="acct_claire")
    payment.refresh_from_db()
    payment = services.payment_capture(payment=payment, now=NOW)
    assert balances(payment) == {"gateway": 1200, "commission": -1200}
    payment = services.payment_refund(payment=payment, amount_cents=6000, now=NOW)
    assert balances(payment) == {}
    assert_every_movement_balances()
