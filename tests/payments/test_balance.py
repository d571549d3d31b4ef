# ruff: noqa: F811 - the fixtures are shared with test_notify
"""The prepaid balance: topped up by card (once per form), read from the ledger, spent on a
session like a card (reserved at booking, the practitioner's amount taken after, the rest
returned, the fee on a late cancellation, everything back otherwise), never twice at once,
given back to the card by staff within the unspent balance."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from hypothesis import given, settings
from hypothesis import strategies as st

from bookings import lifecycle
from bookings.lifecycle import Acting
from bookings.models import Booking
from payments import balance, ledger, services
from payments.ledger import Account, Entry
from payments.models import LedgerEntry, OfflineIntent, Payment, TopUp, TopUpRefund
from payments.services import PaymentError
from payments.statements import monthly_statement
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)

Status = Payment.Status
CARD = "4242 4242 4242 4242"


# --- Pure ledger functions (no database) ----------------------------------------------------------


def test_each_balance_movement_balances_and_moves_the_right_accounts():
    assert ledger.topup(5000) == [
        Entry(Account.GATEWAY, 5000),
        Entry(Account.BALANCE, -5000),
    ]
    assert ledger.balance_reserve(6000) == [
        Entry(Account.BALANCE, 6000),
        Entry(Account.BALANCE_RESERVED, -6000),
    ]
    assert ledger.balance_capture(4500, 900) == [
        Entry(Account.BALANCE_RESERVED, 4500),
        Entry(Account.PRACTITIONER, -3600),
        Entry(Account.COMMISSION, -900),
    ]
    assert ledger.promotion_credit(1000) == [
        Entry(Account.PROMOTIONS, 1000),
        Entry(Account.BALANCE, -1000),
    ]
    for movement in (
        ledger.topup_refund(700),
        ledger.topup_refund(-700),
        ledger.balance_release(1500),
        ledger.balance_refund(2000, 400),
    ):
        assert sum(entry.amount_cents for entry in movement) == 0


def test_the_balance_is_read_from_entries():
    entries = ledger.topup(10000) + ledger.balance_reserve(6000)
    assert ledger.balance_of(entries) == ledger.BalanceView(4000, 6000)
    entries += ledger.balance_capture(4500, 900) + ledger.balance_release(1500)
    assert ledger.balance_of(entries) == ledger.BalanceView(5500, 0)
    assert ledger.can_spend(5500, 5500) and not ledger.can_spend(5500, 5501)
    assert not ledger.can_spend(5500, 0)


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["topup", "credit", "book", "take", "release", "refund", "topup_back"]),
        st.integers(min_value=0, max_value=30_000),
        st.integers(min_value=0, max_value=10_000),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(OPERATIONS)
def test_any_sequence_balances_and_never_goes_below_zero(operations):
    """Top-ups, credits, reservations, captures (any amount up to the reservation), releases,
    session refunds and top-up refunds, in any order: every movement sums to zero, the balance
    and the reserved amount never go negative, and what the ledger says is what a simple
    model of the wallet says."""
    entries: list[Entry] = []
    open_reservations: list[int] = []
    captures: list[list[int]] = []  # [captured, commission, refunded]
    available = topped_up_left = 0

    def post(movement):
        assert sum(entry.amount_cents for entry in movement) == 0
        entries.extend(movement)

    for operation, amount, rate in operations:
        rate = rate % (ledger.BASIS_POINTS + 1)
        if operation == "topup" and amount:
            post(ledger.topup(amount))
            available += amount
            topped_up_left += amount
        elif operation == "credit" and amount:
            post(ledger.promotion_credit(amount))
            available += amount
        elif operation == "book" and ledger.can_spend(available, amount):
            post(ledger.balance_reserve(amount))
            available -= amount
            open_reservations.append(amount)
        elif operation == "take" and open_reservations:
            reserved = open_reservations.pop(0)
            taken = min(amount, reserved)
            commission = ledger.share(taken, rate)
            if taken:
                post(ledger.balance_capture(taken, commission))
                captures.append([taken, commission, 0])
            if reserved - taken:
                post(ledger.balance_release(reserved - taken))
            available += reserved - taken
        elif operation == "release" and open_reservations:
            reserved = open_reservations.pop()
            post(ledger.balance_release(reserved))
            available += reserved
        elif operation == "refund" and captures:
            captured, commission, refunded = captures[-1]
            back = min(amount, captured - refunded)
            if back:
                post(
                    ledger.balance_refund(
                        back,
                        ledger.refund_commission(
                            captured_cents=captured,
                            commission_cents=commission,
                            refunded_before_cents=refunded,
                            refund_cents=back,
                        ),
                    )
                )
                captures[-1][2] += back
                available += back
        elif operation == "topup_back":
            back = min(amount, topped_up_left, available)
            if back:
                post(ledger.topup_refund(back))
                available -= back
                topped_up_left -= back
        view = ledger.balance_of(entries)
        assert view.available_cents == available >= 0
        assert view.reserved_cents == sum(open_reservations) >= 0
    # The practitioners and the platform hold exactly what was taken and not given back.
    kept = sum(captured - refunded for captured, _commission, refunded in captures)
    owed = -sum(e.amount_cents for e in entries if e.account == Account.PRACTITIONER)
    commission = -sum(e.amount_cents for e in entries if e.account == Account.COMMISSION)
    assert owed + commission == kept
    assert sum(entry.amount_cents for entry in entries) == 0


# --- Services --------------------------------------------------------------------------------


def topped_up(patient, amount=10000, key="form-1", card=CARD):
    topup = balance.topup_start(patient=patient, amount_cents=amount, request_key=key, now=NOW)
    return balance.topup_card_entered(topup=topup, card=card, now=NOW)


def held(consult, start):
    return lifecycle.hold_create(session_type=consult, start=start, now=NOW)


def paid_from_balance(consult, patient, start=None):
    booking = held(consult, start or paris(14, 10))
    booking = balance.booking_confirm_with_balance(booking=booking, patient=patient, now=NOW)
    return booking, Payment.objects.get(booking=booking)


def available(patient) -> int:
    return balance.balance_for(patient).available_cents


def assert_every_movement_balances():
    for movement in LedgerEntry.objects.values_list("movement", flat=True).distinct():
        total = LedgerEntry.objects.filter(movement=movement).aggregate(s=Sum("amount_cents"))
        assert total["s"] == 0


def accounts(**filters):
    rows = LedgerEntry.objects.filter(**filters).values("account").annotate(t=Sum("amount_cents"))
    return {row["account"]: row["t"] for row in rows if row["t"]}


@pytest.mark.django_db
def test_a_top_up_is_captured_at_once_and_credited_once(patient):
    topup = topped_up(patient, 5000)
    assert topup.status == TopUp.Status.PAID and topup.paid_at == NOW
    assert OfflineIntent.objects.get().status == "captured"
    assert available(patient) == 5000
    # The same form sent again (a double click): the same top-up, paid once.
    again = topped_up(patient, 5000)
    assert again.pk == topup.pk and TopUp.objects.count() == 1
    balance.topup_complete(topup=topup, now=NOW)
    assert available(patient) == 5000
    assert accounts(patient=patient) == {"gateway": 5000, "balance": -5000}


@pytest.mark.django_db
def test_a_declined_card_or_an_amount_out_of_bounds_adds_nothing(patient):
    with pytest.raises(PaymentError):
        topped_up(patient, 5000, card="4000 0000 0000 0002")
    assert TopUp.objects.get().status == TopUp.Status.PENDING
    for amount in (999, 50001):
        with pytest.raises(PaymentError):
            balance.topup_start(patient=patient, amount_cents=amount, request_key="x", now=NOW)
    assert available(patient) == 0 and not LedgerEntry.objects.exists()
    # Another card on the same form works.
    assert topped_up(patient, 5000).status == TopUp.Status.PAID


@pytest.mark.django_db
def test_a_session_paid_from_the_balance_reserves_then_takes_the_chosen_amount(
    consult, patient, sent
):
    topped_up(patient, 10000)
    booking, payment = paid_from_balance(consult, patient)
    assert booking.state == Booking.State.CONFIRMED
    assert (payment.gateway, payment.status, payment.authorised_cents) == (
        "balance",
        "authorised",
        6000,
    )
    assert balance.balance_for(patient) == ledger.BalanceView(4000, 6000)
    services.capture_amount_choose(booking=booking, amount_cents=4500)
    sent(
        lambda: lifecycle.booking_complete(
            booking=booking,
            acting=Acting.practitioner(booking.practitioner.user),
            now=booking.end + timedelta(minutes=5),
        )
    )
    payment.refresh_from_db()
    assert (payment.status, payment.captured_cents, payment.commission_cents) == (
        Status.CAPTURED,
        4500,
        900,
    )
    assert balance.balance_for(patient) == ledger.BalanceView(5500, 0)
    # Reserved 60 from the balance, 15 back: 45 taken (36 to the practitioner, 9 commission).
    assert accounts(payment=payment) == {
        "balance": 4500,
        "practitioner": -3600,
        "commission": -900,
    }
    assert_every_movement_balances()
    # The practitioner's statement counts it as a session, with its commission.
    taken_at = LedgerEntry.objects.get(kind="capture", account="commission").at
    statement = monthly_statement(booking.practitioner_id, taken_at.date())
    assert statement.sessions == 1
    assert (statement.gross_cents, statement.commission_cents, statement.net_cents) == (
        4500,
        900,
        3600,
    )


@pytest.mark.django_db
def test_never_more_than_reserved(consult, patient):
    topped_up(patient, 10000)
    booking, payment = paid_from_balance(consult, patient)
    with pytest.raises(PaymentError):
        services.capture_amount_choose(booking=booking, amount_cents=6001)
    with pytest.raises(PaymentError):
        services.payment_capture(payment=payment, now=NOW, amount_cents=6001)
    payment.refresh_from_db()
    assert payment.status == Status.AUTHORISED and available(patient) == 4000


@pytest.mark.django_db
def test_a_free_cancellation_decline_or_practitioners_cancellation_returns_everything(
    claire, consult, patient, sent
):
    topped_up(patient, 20000)
    free, free_payment = paid_from_balance(consult, patient, paris(14, 10))
    theirs, their_payment = paid_from_balance(consult, patient, paris(15, 10))
    assert available(patient) == 8000
    sent(lambda: lifecycle.booking_cancel(booking=free, acting=Acting.patient(patient), now=NOW))
    sent(
        lambda: lifecycle.booking_cancel(
            booking=theirs, acting=Acting.practitioner(claire.user), now=NOW
        )
    )
    for payment in (free_payment, their_payment):
        payment.refresh_from_db()
        assert payment.status == Status.RELEASED and payment.captured_cents == 0
    assert balance.balance_for(patient) == ledger.BalanceView(20000, 0)
    # A request declined: everything back too.
    claire.confirmation_mode = claire.ConfirmationMode.REQUEST
    claire.save()
    asked, payment = paid_from_balance(consult, patient, paris(16, 10))
    assert asked.state == Booking.State.REQUESTED and available(patient) == 14000
    sent(
        lambda: lifecycle.request_decline(
            booking=asked, acting=Acting.practitioner(claire.user), now=NOW
        )
    )
    payment.refresh_from_db()
    assert payment.status == Status.RELEASED and available(patient) == 20000
    assert_every_movement_balances()


@pytest.mark.django_db
def test_a_late_cancellation_or_a_missed_session_takes_the_policy_fee(
    claire, consult, patient, sent
):
    topped_up(patient, 20000)
    first, _ = paid_from_balance(consult, patient, paris(7, 9))  # 2 hours ahead
    sent(lambda: lifecycle.booking_cancel(booking=first, acting=Acting.patient(patient), now=NOW))
    second, payment = paid_from_balance(consult, patient, paris(7, 11))
    sent(lambda: lifecycle.booking_cancel(booking=second, acting=Acting.patient(patient), now=NOW))
    payment.refresh_from_db()
    assert (payment.status, payment.captured_cents, payment.commission_cents) == (
        Status.CAPTURED,
        3000,
        600,
    )
    missed, missed_payment = paid_from_balance(consult, patient, paris(14, 10))
    sent(
        lambda: lifecycle.booking_no_show(
            booking=missed,
            acting=Acting.practitioner(claire.user),
            now=missed.end + timedelta(minutes=5),
        )
    )
    missed_payment.refresh_from_db()
    assert missed_payment.captured_cents == 3000
    # The first (forgiven) returned 60, the fee and the missed session took 30 each.
    assert balance.balance_for(patient) == ledger.BalanceView(20000 - 3000 - 3000, 0)


@pytest.mark.django_db
def test_sessions_nobody_closed_are_taken_by_the_catch_up(consult, patient):
    topped_up(patient, 10000)
    booking, payment = paid_from_balance(consult, patient)
    services.payments_settle_due(now=booking.end + timedelta(hours=25))
    payment.refresh_from_db()
    assert payment.status == Status.CAPTURED and payment.captured_cents == 6000
    assert available(patient) == 4000


@pytest.mark.django_db
def test_a_balance_that_covers_only_part_is_not_used(consult, patient):
    topped_up(patient, 5000)
    booking = held(consult, paris(14, 10))
    with pytest.raises(PaymentError) as refused:
        balance.booking_confirm_with_balance(booking=booking, patient=patient, now=NOW)
    assert "50 €" in refused.value.message or "€50" in refused.value.message
    booking.refresh_from_db()
    assert booking.state == Booking.State.HELD and not Payment.objects.exists()
    assert available(patient) == 5000


@pytest.mark.django_db
def test_a_card_form_waiting_is_let_go_when_the_balance_pays(consult, patient):
    topped_up(patient, 10000)
    booking = held(consult, paris(14, 10))
    card = services.payment_start(booking=booking, patient=patient, now=NOW)
    with pytest.raises(PaymentError):
        services.payment_card_entered(payment=card, card="4000 0000 0000 0002", now=NOW)
    balance.booking_confirm_with_balance(booking=booking, patient=patient, now=NOW)
    payment = Payment.objects.get(booking=booking)
    assert payment.pk == card.pk and payment.gateway == "balance"
    assert payment.status == Status.AUTHORISED and payment.gateway_reference == ""
    assert OfflineIntent.objects.get(reference=card.gateway_reference).status == "released"


@pytest.mark.django_db
def test_staff_refund_a_session_to_the_balance_once(consult, patient):
    topped_up(patient, 10000)
    _booking, payment = paid_from_balance(consult, patient)
    payment = services.payment_capture(payment=payment, now=NOW)
    assert available(patient) == 4000
    services.payment_refund(payment=payment, amount_cents=2000, now=NOW, request_key="r1")
    services.payment_refund(payment=payment, amount_cents=2000, now=NOW, request_key="r1")
    payment.refresh_from_db()
    assert payment.refunded_cents == 2000 and available(patient) == 6000
    with pytest.raises(PaymentError):
        services.payment_refund(payment=payment, amount_cents=4001, now=NOW, request_key="r2")
    services.payment_refund(payment=payment, amount_cents=4000, now=NOW, request_key="r3")
    payment.refresh_from_db()
    assert payment.status == Status.REFUNDED and available(patient) == 10000
    assert accounts(payment=payment, account__in=["practitioner", "commission"]) == {}


@pytest.mark.django_db
def test_staff_give_a_top_up_back_never_more_than_unspent(consult, patient):
    topup = topped_up(patient, 10000)
    paid_from_balance(consult, patient)  # 60 reserved: 40 left to spend
    with pytest.raises(PaymentError) as refused:
        balance.topup_refund(topup=topup, amount_cents=4001, request_key="k1", now=NOW)
    assert "40 €" in refused.value.message or "€40" in refused.value.message
    balance.topup_refund(topup=topup, amount_cents=2500, request_key="k2", now=NOW)
    balance.topup_refund(topup=topup, amount_cents=2500, request_key="k2", now=NOW)  # twice
    topup.refresh_from_db()
    assert topup.refunded_cents == 2500 and available(patient) == 1500
    assert OfflineIntent.objects.get(reference=topup.gateway_reference).refunded_cents == 2500
    assert TopUpRefund.objects.get().status == TopUpRefund.Status.DONE
    assert balance.topup_refundable_cents(topup) == 1500
    assert_every_movement_balances()


@pytest.mark.django_db
def test_a_refund_the_provider_refuses_puts_the_money_back(patient, monkeypatch):
    from payments.gateways import GatewayError
    from payments.gateways.offline import OfflineGateway

    topup = topped_up(patient, 5000)

    def refuse(self, **kwargs):
        raise GatewayError("refused by the bank")

    monkeypatch.setattr(OfflineGateway, "refund", refuse)
    with pytest.raises(PaymentError):
        balance.topup_refund(topup=topup, amount_cents=5000, request_key="k", now=NOW)
    topup.refresh_from_db()
    assert topup.refunded_cents == 0 and available(patient) == 5000
    assert TopUpRefund.objects.get().status == TopUpRefund.Status.FAILED
    assert_every_movement_balances()


@pytest.mark.django_db
def test_someone_elses_booking_is_not_paid_from_my_balance(consult, patient):
    from tests.factories import UserFactory

    other = UserFactory(email="bob@example.test")
    topped_up(patient, 10000)
    booking = held(consult, paris(14, 10))
    lifecycle.hold_confirm(booking=booking, patient=other, now=NOW)
    booking.refresh_from_db()
    with pytest.raises(PaymentError):
        balance.booking_confirm_with_balance(booking=booking, patient=patient, now=NOW)
    assert available(patient) == 10000


# --- Two bookings at once on a balance covering one --------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_bookings_at_once_on_a_balance_covering_one_make_exactly_one(
    site_tree, claire, patient
):
    consult = claire.session_types.get(is_default=True)
    topped_up(patient, 9000)  # one session of 60, not two
    holds = [held(consult, paris(day, hour)) for day in (14, 15, 16) for hour in (9, 14)]
    barrier = threading.Barrier(len(holds))
    outcomes, errors = [], []

    def confirm(hold):
        try:
            barrier.wait()
            balance.booking_confirm_with_balance(booking=hold, patient=patient, now=NOW)
            outcomes.append("booked")
        except PaymentError:
            outcomes.append("not covered")
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(hold,)) for hold in holds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert outcomes.count("booked") == 1 and outcomes.count("not covered") == len(holds) - 1
    assert balance.balance_for(patient) == ledger.BalanceView(3000, 6000)
    assert Booking.objects.filter(state=Booking.State.CONFIRMED).count() == 1
    assert Payment.objects.filter(gateway="balance").count() == 1
