# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Monthly statements add up from the ledger, and a month's payout is prepared and paid once."""

from datetime import date, timedelta

import pytest

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
    rows = statement_csv(statement, zone=PARIS).splitlines()
    assert rows[0] == "date,kind,session,patient,gross,commission,net"
    assert rows[1].endswith(",Alice Durand,60.00,12.00,48.00")
    assert rows[3].split(",")[1] == "refund" and rows[3].endswith("-10.00,-2.00,-8.00")


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
