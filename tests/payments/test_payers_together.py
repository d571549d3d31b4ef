# ruff: noqa: F401, F811 - fixtures shared with the bookings and employers tests
"""Several ways to pay one booking (card, saved card for later, balance, employer, package):
once one paid, no other takes anything (two tabs, a double click); a refused balance leaves
the card possible; a referral credit never leaves as cash; a page read back after paying
from the balance does not call any provider."""

import uuid
from datetime import timedelta

import pytest

from bookings import lifecycle
from bookings.models import Booking
from employers.services import booking_confirm_covered
from payments import balance, cards, ledger
from payments.gateways import offline
from payments.models import LedgerEntry, Payment, TopUp
from payments.services import PaymentError, payment_sync
from tests.bookings.test_notify import NOW, claire, consult, paris, patient, sent
from tests.employers.conftest import acme, agreement, employee, english

pytestmark = pytest.mark.django_db
VISA = "4242424242424242"


def topped_up(patient, amount):
    topup = balance.topup_start(patient=patient, amount_cents=amount, request_key="k", now=NOW)
    return balance.topup_card_entered(topup=topup, card=VISA, now=NOW)


def test_a_card_saved_after_the_employer_paid_is_refused_and_never_authorised(
    consult, employee, sent, monkeypatch
):
    far = paris(21, 10)
    booking = lifecycle.hold_create(session_type=consult, start=far, now=NOW)
    booking = booking_confirm_covered(booking=booking, patient=employee, now=NOW)
    card = cards.card_save_typed(patient=employee, number=VISA, remembered=True, now=NOW)
    with pytest.raises(lifecycle.NotAllowed):
        cards.payment_defer(booking=booking, patient=employee, card=card, now=NOW)
    due = far - timedelta(days=3)
    monkeypatch.setattr(offline, "now", lambda: due)
    sent(lambda: cards.authorisations_run(now=due))
    assert not Payment.objects.filter(status=Payment.Status.AUTHORISED).exists()


def test_the_balance_takes_nothing_from_a_booking_the_employer_paid(consult, employee):
    topped_up(employee, 10000)
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    booking_confirm_covered(booking=booking, patient=employee, now=NOW)
    with pytest.raises(lifecycle.NotAllowed):
        balance.booking_confirm_with_balance(booking=booking, patient=employee, now=NOW)
    assert balance.balance_for(employee).available_cents == 10000


def test_a_balance_too_short_leaves_the_card_form_waiting(consult, patient):
    from payments.services import payment_card_entered, payment_start

    topped_up(patient, 2000)
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    payment = payment_start(booking=booking, patient=patient, now=NOW)
    with pytest.raises(PaymentError, match="does not cover"):
        balance.booking_confirm_with_balance(booking=booking, patient=patient, now=NOW)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING  # not let go: the card still pays
    payment = payment_card_entered(payment=payment, card=VISA, now=NOW)
    assert payment.status == Payment.Status.AUTHORISED


def test_reading_back_a_balance_payment_asks_no_provider(consult, patient):
    topped_up(patient, 10000)
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    balance.booking_confirm_with_balance(booking=booking, patient=patient, now=NOW)
    payment = Payment.objects.get(booking=booking)
    assert payment_sync(payment=payment, now=NOW).status == Payment.Status.AUTHORISED


def test_a_referral_credit_is_never_refunded_to_the_card(consult, patient):
    topup = topped_up(patient, 10000)
    movement = uuid.uuid4()
    for entry in ledger.promotion_credit(1000):
        LedgerEntry.objects.create(
            movement=movement,
            account=entry.account,
            amount_cents=entry.amount_cents,
            kind="referral_credit",
            patient_id=patient.pk,
            at=NOW,
        )
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    balance.booking_confirm_with_balance(booking=booking, patient=patient, now=NOW)  # 60 €
    assert balance.balance_for(patient).available_cents == 5000
    assert balance.topup_refundable_cents(topup) == 4000  # the 10 € credit stays on the balance
