# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Monthly statements add up from the ledger, and a month's payout is prepared and paid once."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from payments import services
from payments.models import LedgerEntry, Payout
from payments.statements import (
    monthly_statement,
    payout_mark_paid,
    payouts_prepare,
    statement_csv,
)
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    PARIS,
    claire,
    consult,
    paris,
    patient,
)
from tests.payments.test_services import paid_booking

pytestmark = pytest.mark.django_db

DECEMBER = date(2026, 12, 1)


def test_the_statement_adds_up(claire, consult, patient):
    _b1, first = paid_booking(consult, patient, start=paris(14, 9))
    _b2, second = paid_booking(consult, patient, start=paris(14, 10))
    services.payment_capture(payment=first, now=NOW)
    services.payment_capture(payment=second, now=NOW, amount_cents=4500)
    services.payment_refund(payment=first, amount_cents=1000, now=NOW + timedelta(hours=1))

    statement = monthly_statement(claire.pk, DECEMBER)
    assert statement.sessions == 2
    assert statement.gross_cents == 10500
    assert statement.refunds_cents == 1000
    assert statement.commission_cents == 2100 - 200  # 20 % taken, 20 % of the refund given back
    assert statement.net_cents == 10500 - 1000 - 1900
    assert statement.owed_at_end_cents == statement.net_cents
    assert monthly_statement(claire.pk, date(2026, 11, 1)).lines == []
    with translation.override("en"):
        rows = statement_csv(statement, zone=PARIS).splitlines()
    assert rows[0] == "date,kind,session,patient,gross,commission,net"
    assert rows[1].endswith(",Alice Durand,60.00,12.00,48.00")
    assert rows[3].split(",")[1] == "refund" and rows[3].endswith("-10.00,-2.00,-8.00")
    assert rows[1].split(",")[1] == "session"


def test_a_month_is_paid_out_once(claire, consult, patient):
    _booking, payment = paid_booking(consult, patient)
    services.payment_capture(payment=payment, now=NOW)
    end_of_month = NOW + timedelta(days=30)
    (payout,) = payouts_prepare(period=DECEMBER, now=end_of_month)
    assert payout.amount_cents == 4800 and payout.status == Payout.Status.TO_PAY
    assert payouts_prepare(period=DECEMBER, now=end_of_month) == []
    payout_mark_paid(payout=payout, reference="VIR-2026-12", now=end_of_month)
    payout_mark_paid(payout=payout, reference="VIR-2026-12", now=end_of_month)  # twice
    assert LedgerEntry.objects.filter(kind="payout").count() == 2  # one movement
    january = monthly_statement(claire.pk, date(2027, 1, 1))
    assert january.paid_out_cents == 4800 and january.owed_at_end_cents == 0
    assert payouts_prepare(period=date(2027, 1, 1), now=end_of_month) == []


def test_a_connected_practitioner_is_owed_nothing(claire, consult, patient):
    _booking, payment = paid_booking(consult, patient)
    Payout.objects.all()  # none
    payment.destination_account = "acct_claire"
    payment.save()
    services.payment_capture(payment=payment, now=NOW)
    statement = monthly_statement(claire.pk, DECEMBER)
    assert statement.transferred_cents == 4800 and statement.owed_at_end_cents == 0
    assert payouts_prepare(period=DECEMBER, now=NOW) == []


def test_a_payout_paid_after_the_month_is_not_paid_again(claire, consult, patient):
    """November's payout marked paid on 2 January; December prepared the same day pays only
    December's money."""
    _b1, first = paid_booking(consult, patient, start=paris(14, 9))
    services.payment_capture(payment=first, now=NOW)
    (december,) = payouts_prepare(period=DECEMBER, now=NOW + timedelta(days=26))
    _b2, second = paid_booking(consult, patient, start=paris(15, 9))
    january_day = NOW + timedelta(days=30)
    services.payment_capture(payment=second, now=january_day)
    payout_mark_paid(payout=december, reference="VIR-1", now=january_day + timedelta(days=30))
    (january,) = payouts_prepare(period=date(2027, 1, 1), now=january_day + timedelta(days=30))
    assert january.amount_cents == 4800  # only January's session


def test_package_money_is_in_the_statement(claire, patient):
    from payments.models import PackageOffer
    from payments.packages import package_record_at_centre

    offer = PackageOffer.objects.create(
        name="5", practitioner=claire, sessions=5, price_cents=27500
    )
    package_record_at_centre(offer=offer, patient=patient, now=NOW)
    statement = monthly_statement(claire.pk, DECEMBER)
    assert (statement.gross_cents, statement.commission_cents, statement.net_cents) == (
        27500,
        5500,
        22000,
    )
    assert statement.owed_at_end_cents == statement.net_cents
