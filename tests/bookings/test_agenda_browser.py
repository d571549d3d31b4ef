"""The practitioner's agenda in Chromium: the week on a desktop and on a phone, a booking
opened and marked as done, the day view; axe-core on every page; screenshots in
var/screenshots/agenda-*.png."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings.models import Booking, ExternalBusy, ExternalCalendar, TimeOff
from tests.bookings.test_booking_browser import DESKTOP, PHONE, axe_violations, fits, sign_in
from tests.factories import BookingFactory, UserFactory
from tests.factories import week as week_schedule
from tests.practitioners.test_profile import EVERY_DAY, practitioner_build

pytestmark = pytest.mark.browser

NOW = datetime(2026, 12, 9, 14, 0, tzinfo=UTC)  # Wednesday 15:00 in Paris
State = Booking.State


def paris(day, hour, minute=0) -> datetime:
    """2026-12-<day> at hour:minute in Paris, in UTC."""
    return datetime(2026, 12, day, hour, minute, tzinfo=ZoneInfo("Europe/Paris")).astimezone(UTC)


@pytest.fixture
def agenda_site(live_site, monkeypatch):
    """Claire Martin's week of 7 December 2026, seen on Wednesday afternoon."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    practitioner = practitioner_build()
    week_schedule(practitioner, EVERY_DAY)
    kind = practitioner.session_types.get(is_default=True)

    def book(start, state=State.CONFIRMED, first="Zoé", last="Durand", minutes=60, **values):
        patient = UserFactory(first_name=first, last_name=last, email=f"{first.lower()}@ex.org")
        return BookingFactory(
            practitioner=practitioner,
            session_type=kind,
            patient=patient,
            start=start,
            end=start + timedelta(minutes=minutes),
            title="Séance de sophrologie",
            state=state,
            **values,
        )

    book(paris(7, 9), State.COMPLETED, "Léa", "Petit")
    book(paris(7, 14), State.NO_SHOW, "Hugo", "Bernard")
    book(paris(8, 10), first="Inès", last="Morel")
    book(paris(8, 12, 30), State.COMPLETED, "Nora", "Haddad", minutes=30)
    done = book(paris(9, 9))  # this morning, to close
    book(paris(9, 17), first="Paul", last="Girard")
    book(
        paris(10, 9),
        State.REQUESTED,
        "Chloé",
        "Lambert",
        respond_by=NOW + timedelta(hours=12),
    )
    book(paris(11, 16), State.HELD, "Marc", "Roux", hold_expires_at=NOW + timedelta(minutes=8))
    book(paris(11, 11), State.CANCELLED_BY_PATIENT, "Alice", "Blanc")
    calendar = ExternalCalendar.objects.create(
        practitioner=practitioner, name="Personal", url="https://calendar.example/me.ics"
    )
    ExternalBusy.objects.create(
        calendar=calendar, practitioner=practitioner, start=paris(10, 8, 30), end=paris(10, 10)
    )
    TimeOff.objects.create(
        practitioner=practitioner, start=paris(12, 0), end=paris(14, 0), label="Week-end"
    )
    TimeOff.objects.create(
        practitioner=practitioner, start=paris(11, 12), end=paris(11, 14), all_day=False
    )
    return {"url": live_site.url, "practitioner": practitioner, "done": done}


def test_the_week_on_a_desktop_and_a_phone_a_booking_opened_and_marked_done(
    agenda_site, page, screenshot
):
    url, practitioner, done = agenda_site["url"], agenda_site["practitioner"], agenda_site["done"]
    sign_in(page.context, url, practitioner.user)
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/pro/agenda/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    expect(page.locator("#period-title")).to_have_text("Week of 7 December to 13 December 2026")
    expect(page.locator(".space-sections [aria-current]")).to_have_text("Agenda")
    blocks = page.locator(".agenda-day__blocks .agenda-block")
    expect(blocks).to_have_count(10)  # 8 bookings, the busy time and the afternoon off
    expect(page.locator(".agenda-day.is-today .agenda-now")).to_have_count(1)
    expect(page.locator(".agenda-day__allday")).to_contain_text(["Time off, all day: Week-end"])
    # Hours down the side; the blocks by time: 09:00 on Monday is above 14:00.
    monday = page.locator(".agenda-day").first.locator(".agenda-block")
    assert monday.nth(0).bounding_box()["y"] < monday.nth(1).bounding_box()["y"]
    # The busy time and the request overlap: side by side.
    thursday = page.locator(".agenda-day").nth(3).locator(".agenda-block")
    boxes = [thursday.nth(i).bounding_box() for i in range(2)]
    assert abs(boxes[0]["x"] - boxes[1]["x"]) > 20
    assert fits(page, DESKTOP["width"])
    screenshot("agenda-week-desktop")
    assert axe_violations(page) == []

    page.emulate_media(color_scheme="dark")
    page.reload()
    screenshot("agenda-week-dark")
    assert axe_violations(page) == []
    page.emulate_media(color_scheme="light")

    # Open this morning's session: its details and the actions for a session that has started.
    page.get_by_role("link", name=re.compile(r"^09:00–10:00 Zoé Durand")).click()
    expect(page).to_have_url(re.compile(rf"booking={done.pk}#details$"))
    details = page.get_by_role("region", name=re.compile("Wednesday 9 December, 09:00–10:00"))
    expect(details).to_contain_text("Zoé Durand")
    expect(details).to_contain_text("Confirmed")
    expect(page.locator(".agenda-block.is-selected")).to_have_count(1)
    screenshot("agenda-details-desktop")
    assert axe_violations(page) == []
    details.get_by_role("button", name="Mark as done").click()

    expect(page.locator(".messages")).to_contain_text("Marked as done.")
    expect(page).to_have_url(re.compile(r"/en/pro/agenda/\?view=week.*#details$"))
    expect(page.locator("#details .agenda-state")).to_have_text("Completed")
    expect(page.locator("#details")).not_to_contain_text("Mark as done")
    done.refresh_from_db()
    assert done.state == State.COMPLETED
    screenshot("agenda-done-desktop")
    assert axe_violations(page) == []

    # Also the cancelled ones, faded.
    page.get_by_role("link", name="Also show cancelled, declined and expired bookings").click()
    expect(page.locator("li.agenda-block--faded")).to_contain_text("Alice Blanc")

    # On a phone: the week reads as a list, day by day; no sideways scrolling.
    page.set_viewport_size(PHONE)
    page.goto(url + "/en/pro/agenda/")
    expect(page.locator(".agenda-day__title").first).to_contain_text("Monday")
    assert fits(page, PHONE["width"])
    first, second = blocks.nth(0).bounding_box(), blocks.nth(1).bounding_box()
    assert first["width"] > 300 and second["y"] > first["y"]
    assert first["height"] >= 44
    screenshot("agenda-week-phone")
    assert axe_violations(page) == []

    # The day view on a phone keeps the time axis; a booking opens from it.
    page.locator(".agenda-day").nth(3).get_by_role("link", name=re.compile("Thursday")).click()
    expect(page.locator("#period-title")).to_contain_text("Thursday 10 December 2026")
    assert fits(page, PHONE["width"])
    screenshot("agenda-day-phone")
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("Chloé Lambert")).click()
    details = page.locator("#details")
    expect(details).to_contain_text("Awaiting confirmation")
    expect(details.get_by_role("button", name="Accept")).to_be_visible()
    assert fits(page, PHONE["width"])
    screenshot("agenda-details-phone")
    assert axe_violations(page) == []
