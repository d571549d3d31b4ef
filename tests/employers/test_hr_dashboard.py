"""What a company sees: aggregated numbers only, small counts suppressed, to its own HR
contacts only; the staff's monthly statement with its CSV."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model

from bookings.models import Booking
from employers.models import Company, CoveredSession, Enrolment
from employers.reports import Figure, hr_dashboard
from payments import ledger
from payments.models import LedgerEntry
from tests.employers.conftest import verified_user
from tests.factories import BookingFactory, PractitionerFactory, UserFactory
from tests.practitioners.test_onboarding import english_admin

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@pytest.fixture
def frozen(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: TODAY)


@pytest.fixture
def programme(acme, agreement):
    """Acme: 3 employees enrolled (a number to hide); 6 sessions billed in October (shown), 2 in
    November (hidden)."""
    practitioner = PractitionerFactory(user__first_name="Hélène", user__last_name="Vasseur")
    employees = [
        verified_user(f"{name.lower()}@acme.example", first_name=name, last_name="Lambert")
        for name in ("Yann", "Zélie", "Xavier")
    ]
    for employee in employees:
        Enrolment.objects.create(user=employee, company=acme, method="domain", joined_at=TODAY)
    settled = [datetime(2026, 10, day, 12, tzinfo=UTC) for day in range(1, 7)] + [
        datetime(2026, 11, 3, 12, tzinfo=UTC),
        datetime(2026, 11, 4, 12, tzinfo=UTC),
    ]
    for index, when in enumerate(settled):
        booking = BookingFactory(
            practitioner=practitioner,
            patient=employees[index % 3],
            start=when - timedelta(hours=2),
            title="Séance d'hypnose",
            price_cents=6000,
            state=Booking.State.COMPLETED,
        )
        CoveredSession.objects.create(
            booking=booking,
            company=acme,
            agreement=agreement,
            patient=employees[index % 3],
            year_start=date(2026, 1, 1),
            taken_at=when - timedelta(days=3),
            settled_at=when,
            billed_cents=6000,
        )
        LedgerEntry.objects.bulk_create(
            LedgerEntry(
                movement=movement,
                account=entry.account,
                amount_cents=entry.amount_cents,
                kind="employer_session",
                practitioner=practitioner,
                booking=booking,
                at=when,
            )
            for movement in [uuid.uuid4()]
            for entry in ledger.employer_session(6000, 1200)
        )
    hr = UserFactory(email="rh@acme.example", first_name="Rita", last_name="Hache")
    acme.hr_contacts.add(hr)
    return {"hr": hr, "employees": employees, "practitioner": practitioner}


def test_small_numbers_are_suppressed(acme, programme):
    dashboard = hr_dashboard(acme, today=TODAY.date())
    assert dashboard.enrolled == Figure(None)
    months = {row.month: row for row in dashboard.months}
    assert months[date(2026, 10, 1)].sessions == Figure(6)
    assert months[date(2026, 10, 1)].amount_cents == 36000
    assert months[date(2026, 11, 1)].sessions == Figure(None)
    assert months[date(2026, 11, 1)].amount_cents is None
    assert months[date(2026, 9, 1)].sessions == Figure(0)
    assert (dashboard.year_sessions, dashboard.year_amount_cents) == (Figure(8), 48000)
    assert len(dashboard.months) == 12


def test_the_hr_contact_sees_numbers_and_nothing_about_anyone(client, frozen, acme, programme):
    client.force_login(programme["hr"])
    assert client.get("/en/company/")["Location"] == f"/en/company/{acme.pk}/"
    response = client.get(f"/en/company/{acme.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Programme of Acme" in page and "fewer than 5" in page
    assert "€360" in page and "€480" in page
    never = ["Yann", "Zélie", "Xavier", "Lambert", "@acme.example", "Hélène", "Vasseur"]
    never += ["hypnose", "Séance", "3 Nov", "4 Nov", "November 3", "November 4", "October 1,"]
    for secret in never:
        assert secret not in page, secret


def test_no_one_else_sees_it(client, acme, programme):
    other = Company.objects.create(name="Globex")
    other_hr = UserFactory(email="rh@globex.example")
    other.hr_contacts.add(other_hr)
    url = f"/en/company/{acme.pk}/"
    assert client.get(url).status_code == 302  # to the login page
    for user in (other_hr, programme["employees"][0], programme["practitioner"].user):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(programme["employees"][0])
    assert client.get("/en/company/").status_code == 404
    assert client.get("/en/company/999999/").status_code == 404


def test_staff_read_the_monthly_statement_and_its_csv(client, site_tree, acme, programme):
    admin = get_user_model().objects.create_superuser(
        email="admin@example.test", password="x-password-1"
    )
    client.force_login(english_admin(admin))
    url = f"/admin/employer_company/statement/{acme.pk}/"
    page = client.get(url, {"month": "2026-10"}).content.decode()
    assert "Sessions under the employee programme" in page and "360" in page
    csv = client.get(url, {"month": "2026-10", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines()[1].endswith(",6,360.00")
    assert client.get(url, {"month": "garbage"}).status_code == 200
    client.force_login(programme["hr"])
    assert client.get(url).status_code in (302, 403)
