"""Money of a session paid by the employer: billed when settled (held: its price; late
cancellation or missed: the policy's fee), the practitioner's share and the commission as for a
card, the ledger balanced to the cent, the practitioner's statement and the company's monthly
bill (aggregated, no name)."""

from datetime import date, timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from bookings import lifecycle
from bookings.lifecycle import Acting
from employers import reports, services
from employers.models import CoveredSession
from payments import ledger
from payments.models import LedgerEntry
from payments.statements import monthly_statement, statement_csv
from tests.employers.conftest import NOW, paris

pytestmark = pytest.mark.django_db


def balances(**filters):
    rows = LedgerEntry.objects.filter(**filters).values("account").annotate(t=Sum("amount_cents"))
    return {row["account"]: row["t"] for row in rows if row["t"]}


def covered(consult, patient, start, now=NOW):
    booking = lifecycle.hold_create(session_type=consult, start=start, now=now)
    return services.booking_confirm_covered(booking=booking, patient=patient, now=now)


def settled_month() -> date:
    """The month the settlement was written in (the task runs at the real time)."""
    return timezone.localdate(LedgerEntry.objects.latest("at").at).replace(day=1)


def test_the_pure_movement_balances_and_takes_the_commission():
    entries = ledger.employer_session(6001, ledger.share(6001, 2000))
    assert sum(e.amount_cents for e in entries) == 0
    assert {e.account: e.amount_cents for e in entries} == {
        "company": 6001,
        "practitioner": -4801,
        "commission": -1200,
    }


def test_a_held_session_is_billed_to_the_company(claire, consult, employee, sent):
    booking = covered(consult, employee, paris(8, 9))
    sent(
        lambda: lifecycle.booking_complete(
            booking=booking, acting=Acting.practitioner(claire.user), now=booking.end
        )
    )
    unit = CoveredSession.objects.get()
    assert unit.settled_at is not None and unit.billed_cents == 6000
    assert balances() == {"company": 6000, "practitioner": -4800, "commission": -1200}
    # Settling again changes nothing.
    assert services.covered_settle(booking=booking, now=booking.end) is None
    assert LedgerEntry.objects.count() == 3
    statement = monthly_statement(claire.pk, settled_month())
    assert (statement.sessions, statement.gross_cents, statement.net_cents) == (1, 6000, 4800)
    assert "session paid by an employer" in statement_csv(statement, zone=booking.end.tzinfo)


def test_a_late_cancellation_bills_the_fee_and_uses_the_unit(claire, consult, employee, sent):
    # The policy forgives the first late cancellation (unit given back), then charges 50 %.
    for hour in (9, 11):
        booking = covered(consult, employee, paris(7, hour))
        sent(
            lambda booking=booking: lifecycle.booking_cancel(
                booking=booking, acting=Acting.patient(employee), now=NOW
            )
        )
    forgiven, charged = CoveredSession.objects.order_by("pk")
    assert forgiven.returned_at is not None and not forgiven.billed_cents
    assert charged.settled_at is not None and charged.billed_cents == 3000
    assert balances() == {"company": 3000, "practitioner": -2400, "commission": -600}


def test_a_missed_session_bills_the_policy_fee(claire, consult, employee, sent):
    booking = covered(consult, employee, paris(8, 9))
    sent(
        lambda: lifecycle.booking_no_show(
            booking=booking, acting=Acting.practitioner(claire.user), now=booking.end
        )
    )
    assert CoveredSession.objects.get().billed_cents == 3000


def test_the_catch_up_settles_what_a_lost_task_left(
    claire, consult, employee, django_capture_on_commit_callbacks
):
    booking = covered(consult, employee, paris(8, 9))
    with django_capture_on_commit_callbacks(execute=False):  # the task is lost
        lifecycle.booking_complete(
            booking=booking, acting=Acting.practitioner(claire.user), now=booking.end
        )
    assert CoveredSession.objects.get().settled_at is None
    assert services.covered_settle_due(now=booking.end + timedelta(minutes=5)) == 1
    assert balances()["company"] == 6000


def test_the_company_statement_is_aggregated(claire, consult, employee, acme, sent):
    for hour in (9, 11):
        booking = covered(consult, employee, paris(8, hour))
        sent(
            lambda booking=booking: lifecycle.booking_complete(
                booking=booking, acting=Acting.practitioner(claire.user), now=booking.end
            )
        )
    statement = reports.company_statement(acme, settled_month())
    assert [(line.kind, line.quantity, line.amount_cents) for line in statement.lines] == [
        ("sessions", 2, 12000)
    ]
    assert statement.total_cents == 12000 == balances()["company"]
    assert reports.billable_lines(acme.pk, settled_month() - timedelta(days=1)) == []
    text = reports.company_statement_csv(statement)
    assert "120.00" in text
    for secret in ("Alice", "Durand", "alice@", "Claire", "Martin", "Séance", "Sophro", "-08"):
        assert secret.lower() not in text.lower()
