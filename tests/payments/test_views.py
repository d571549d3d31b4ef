# ruff: noqa: F811 - the fixtures are shared with test_notify
"""The pages around payments: the practitioner closes a session charging an amount, reads
their earnings (a bar per month, the statement, a CSV); staff refund and pay out."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from payments import services
from payments.models import LedgerEntry, Payment, Payout
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
)
from tests.payments.test_services import paid_booking
from tests.practitioners.test_onboarding import english_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_now(monkeypatch):
    later = NOW + timedelta(days=10)
    monkeypatch.setattr(timezone, "now", lambda: later)
    return later


@pytest.fixture
def staff(client, site_tree):
    user = get_user_model().objects.create_superuser(
        email="admin@example.test", password="x-password-1"
    )
    client.force_login(english_admin(user))
    return user


def test_closing_a_session_charges_the_amount_typed(
    client, claire, consult, patient, frozen_now, django_capture_on_commit_callbacks
):
    booking, payment = paid_booking(consult, patient)
    client.force_login(claire.user)
    page = client.get(f"/en/pro/agenda/?booking={booking.pk}").content.decode()
    assert "reserved on the card" in page and 'name="amount"' in page
    too_much = client.post(
        f"/en/pro/bookings/{booking.pk}/complete/", {"amount": "60.01"}, follow=True
    )
    assert "at most" in too_much.content.decode()
    payment.refresh_from_db()
    assert payment.status == "authorised"
    booking.refresh_from_db()
    assert booking.state == "confirmed"  # nothing happened
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/pro/bookings/{booking.pk}/complete/", {"amount": "45.50"})
    payment.refresh_from_db()
    assert (payment.status, payment.captured_cents, payment.commission_cents) == (
        "captured",
        4550,
        910,
    )


def test_a_french_amount_is_read_the_french_way(
    client, claire, consult, patient, frozen_now, django_capture_on_commit_callbacks
):
    booking, payment = paid_booking(consult, patient)
    client.force_login(claire.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pro/bookings/{booking.pk}/complete/", {"amount": "45,50"})
    payment.refresh_from_db()
    assert payment.captured_cents == 4550


def test_the_patient_sees_what_was_reserved_then_charged(client, consult, patient):
    booking, payment = paid_booking(consult, patient)
    page = client.get(f"/en/appointments/{booking.token}/").content.decode()
    assert "€60 reserved on the card, charged after the session." in page
    services.payment_capture(payment=payment, now=NOW)
    assert "Paid: €60." in client.get(f"/en/appointments/{booking.token}/").content.decode()


def test_earnings_show_the_year_and_the_months_statement(
    client, claire, consult, patient, frozen_now
):
    _booking, payment = paid_booking(consult, patient)
    services.payment_capture(payment=payment, now=NOW)
    client.force_login(claire.user)
    page = client.get("/en/pro/earnings/?month=2026-12")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Statement for December 2026" in html
    assert html.count('<li class="earnings-bar') == 12
    assert "€48" in html and "€12" in html and "Alice Durand" in html
    csv = client.get("/en/pro/earnings/2026-12.csv")
    assert csv["Content-Type"] == "text/csv"
    assert "Alice Durand,60.00,12.00,48.00" in csv.content.decode()
    assert client.get("/en/pro/earnings/?month=2026-13").status_code == 404
    assert client.get("/en/pro/earnings/?month=2999-01").status_code == 404


def test_earnings_are_the_practitioners_own(client, claire, consult, patient, frozen_now):
    from tests.factories import PractitionerFactory

    _booking, payment = paid_booking(consult, patient)
    services.payment_capture(payment=payment, now=NOW)
    other = PractitionerFactory()
    client.force_login(other.user)
    html = client.get("/en/pro/earnings/?month=2026-12").content.decode()
    assert "Alice Durand" not in html and "Nothing was charged this month." in html
    client.force_login(patient)
    assert client.get("/en/pro/earnings/").status_code == 403


def test_staff_refund_within_what_was_charged(client, staff, consult, patient):
    _booking, payment = paid_booking(consult, patient)
    services.payment_capture(payment=payment, now=NOW)
    listing = client.get("/admin/payment/").content.decode()
    assert f"/admin/payment/refund/{payment.pk}/" in listing
    form = client.get(f"/admin/payment/refund/{payment.pk}/")
    assert "Charged €60, refunded so far €0." in form.content.decode()
    refused = client.post(
        f"/admin/payment/refund/{payment.pk}/", {"amount": "61", "request_key": "a"}
    )
    assert refused.status_code == 400 and "at most" in refused.content.decode()
    done = client.post(f"/admin/payment/refund/{payment.pk}/", {"amount": "20", "request_key": "b"})
    assert done.status_code == 302
    # The same form sent again (a double click) refunds nothing more.
    client.post(f"/admin/payment/refund/{payment.pk}/", {"amount": "20", "request_key": "b"})
    payment.refresh_from_db()
    assert payment.refunded_cents == 2000
    assert client.get(f"/admin/payment/edit/{payment.pk}/").status_code in (403, 404, 302)


def test_staff_prepare_and_mark_payouts(client, staff, claire, consult, patient, monkeypatch):
    _booking, payment = paid_booking(consult, patient)
    services.payment_capture(payment=payment, now=NOW)
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2027, 1, 5))
    assert client.get("/admin/payout/prepare/").status_code == 200
    client.post("/admin/payout/prepare/")
    payout = Payout.objects.get()
    assert payout.amount_cents == 4800 and payout.period == date(2026, 12, 1)
    assert client.post(f"/admin/payout/paid/{payout.pk}/", {"reference": ""}).status_code == 400
    client.post(f"/admin/payout/paid/{payout.pk}/", {"reference": "VIR-123"})
    payout.refresh_from_db()
    assert payout.status == "paid" and payout.reference == "VIR-123"
    assert LedgerEntry.objects.filter(kind="payout").count() == 2


def test_people_without_the_permission_cannot_move_money(client, consult, patient, site_tree):
    _booking, payment = paid_booking(consult, patient)
    user = get_user_model().objects.create_user(
        email="editor@example.test", password="x-password-1", is_staff=True
    )
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(english_admin(user))
    assert client.post(f"/admin/payment/refund/{payment.pk}/", {"amount": "1"}).status_code in (
        302,
        403,
    )
    assert Payment.objects.get().refunded_cents == 0
