"""A pooled service in the embeddable widget: its week, a hold that assigns a free member, the
shared flow to the confirmation, and the clear conflict once every member is taken."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from bookings.models import Booking
from pools.models import ServiceBooking
from tests.pools.conftest import NOW
from tests.widget.test_widget_views import PATIENT, form_value, widget_data

pytestmark = pytest.mark.django_db

ENTRY = "/en/widget/service/orientation/"
NINE_UTC = "2026-12-07T08:00:00Z"


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def frame():
    return Client(enforce_csrf_checks=True, HTTP_REFERER="https://www.example.org/")


def book(email: str):
    browser = frame()
    week = browser.get(ENTRY)
    assert week.status_code == 200
    held = browser.post(
        ENTRY + "hold/", {"f": form_value(week, "f"), "start": NINE_UTC, "tz": "Europe/Paris"}
    )
    if held.status_code != 302:
        return held
    review = browser.post(held["Location"], {**PATIENT, "email": email})["Location"]
    confirm_url = re.search(
        r'action="(/en/widget/flow/[^"]+/confirm/)"', browser.get(review).content.decode()
    ).group(1)
    return browser.get(browser.post(confirm_url)["Location"])


def test_the_service_week_shows_its_terms_and_times(pool):
    page = frame().get(ENTRY)
    html = page.content.decode()
    assert "Orientation call" in html and "20 min · Free" in html
    assert 'name="session_type"' not in html
    assert page["Content-Security-Policy"].startswith("frame-ancestors 'self' https:")


def test_three_members_free_make_three_bookings_through_the_widget_then_a_clear_conflict(pool):
    _service, members = pool
    for number in range(3):
        done = book(f"patient{number}@example.org")
        assert widget_data(done)["event"]["status"] == "confirmed"
    booked = Booking.objects.filter(state=Booking.State.CONFIRMED)
    assert booked.count() == 3 == ServiceBooking.objects.count()
    assert {booking.practitioner_id for booking in booked} == {m.pk for m in members}
    fourth = book("patient3@example.org")
    assert fourth.status_code == 409
    assert "just taken" in fourth.content.decode()
