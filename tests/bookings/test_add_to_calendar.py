# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Adding a booking to one's calendar: a Google Calendar link and an .ics file, in the
confirmation email and on the booking's page, as discreet as the invite."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from django.utils import timezone

from bookings import lifecycle
from bookings.lifecycle import Acting
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NEVER_SAID,
    NOW,
    PARIS,
    book,
    claire,
    consult,
    html,
    paris,
    patient,
    sent,
    to,
)

pytestmark = pytest.mark.django_db


def wednesday_ahead():
    """10:00 in Paris on a Wednesday one to two weeks from the real today (pages use the
    real clock)."""
    today = timezone.localdate()
    day = today + timedelta(days=7 + (2 - today.weekday()) % 7)
    return datetime(day.year, day.month, day.day, 10, tzinfo=PARIS)


def utc_stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def google_link(text: str) -> str:
    start = text.index("https://calendar.google.com/")
    return text[start:].split()[0].split('"')[0].replace("&amp;", "&")


def test_the_confirmation_offers_google_calendar(consult, patient, sent):
    booking, emails = sent(lambda: book(consult, patient, paris(9, 10)))
    mail = to(emails, "alice@example.test")
    for part in (mail.body, html(mail)):
        query = parse_qs(urlsplit(google_link(part)).query)
        assert query["action"] == ["TEMPLATE"]
        assert query["dates"] == ["20261209T090000Z/20261209T095000Z"]  # 10:00 in Paris
        assert query["text"] == ["Consultation"]
        assert query["details"] == [f"http://127.0.0.1:8000/appointments/{booking.token}/"]
        said = str(query).lower()
        assert not any(word in said for word in NEVER_SAID)


def test_a_cancellation_offers_no_calendar_link(consult, patient, sent):
    booking = book(consult, patient, paris(9, 10))
    _booking, emails = sent(
        lambda: lifecycle.booking_cancel(booking=booking, acting=Acting.patient(patient), now=NOW)
    )
    assert "calendar.google.com" not in to(emails, "alice@example.test").body


def test_the_booking_page_offers_both_ways(client, consult, patient):
    booking = book(consult, patient, wednesday_ahead(), now=timezone.now())
    page = client.get(f"/en/appointments/{booking.token}/").content.decode()
    assert "Add it to your calendar" in page
    link = google_link(page)
    dates = f"{utc_stamp(booking.start)}/{utc_stamp(booking.end)}"
    assert parse_qs(urlsplit(link).query)["dates"] == [dates]
    response = client.get(f"/en/appointments/{booking.token}/appointment.ics")
    assert response["Content-Type"] == "text/calendar"
    assert "attachment" in response["Content-Disposition"]
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]) == f"{booking.reference}@khepri"
    assert str(event["SUMMARY"]) == "Consultation"


def test_a_cancelled_booking_has_no_calendar_file(client, consult, patient):
    booking = book(consult, patient, wednesday_ahead(), now=timezone.now())
    lifecycle.booking_cancel(booking=booking, acting=Acting.patient(patient), now=timezone.now())
    page = client.get(f"/en/appointments/{booking.token}/").content.decode()
    assert "Add it to your calendar" not in page
    assert client.get(f"/en/appointments/{booking.token}/appointment.ics").status_code == 404
