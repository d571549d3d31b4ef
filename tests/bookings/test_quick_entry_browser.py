"""Quick entry in Chromium: a secretary books a patient on the phone with the keyboard only,
from the first keystroke to the confirmation in under 30 seconds and a few keystrokes; on a
desktop and a phone; axe-core on every page; screenshots in var/screenshots/quick-entry-*.png."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings.models import AgendaDelegation, Booking, BookingEvent
from notifications.models import OutboundMessage
from tests.bookings.test_booking_browser import DESKTOP, PHONE, axe_violations, fits, sign_in
from tests.factories import BookingFactory, UserFactory
from tests.factories import week as week_schedule
from tests.practitioners.test_profile import EVERY_DAY, practitioner_build

pytestmark = pytest.mark.browser

NOW = datetime(2026, 12, 9, 13, 0, tzinfo=UTC)  # Wednesday 14:00 in Paris
State = Booking.State


@pytest.fixture
def office(live_site, monkeypatch):
    """Claire Martin's agenda, Anna her secretary, Zoé Durand a patient Claire already saw."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    practitioner = practitioner_build()
    week_schedule(practitioner, EVERY_DAY)
    anna = UserFactory(first_name="Anna", last_name="Dupont", email="anna@example.org")
    AgendaDelegation.objects.create(practitioner=practitioner, delegate=anna, created_at=NOW)
    zoe = UserFactory(
        first_name="Zoé", last_name="Durand", email="zoe@example.org", phone="+33612345678"
    )
    BookingFactory(
        practitioner=practitioner,
        session_type=practitioner.session_types.get(is_default=True),
        patient=zoe,
        start=NOW - timedelta(days=7),
        state=State.COMPLETED,
    )
    return {"url": live_site.url, "practitioner": practitioner, "anna": anna, "zoe": zoe}


class Keyboard:
    """The keyboard only, every key counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def type(self, text: str):
        self.page.keyboard.type(text)
        self.count += len(text)

    def press(self, key: str):
        self.page.keyboard.press(key)
        self.count += 1


def test_a_secretary_books_a_caller_with_the_keyboard_in_under_30_seconds(office, page, screenshot):
    url, anna, zoe = office["url"], office["anna"], office["zoe"]
    sign_in(page.context, url, anna)
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/pro/agenda/")
    expect(page.locator(".acting-for__note")).to_contain_text("Claire Martin")
    page.get_by_role("link", name="Quick entry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quick entry")
    expect(page.locator("#id_q")).to_be_focused()
    screenshot("quick-entry-desktop")
    assert axe_violations(page) == []

    keys = Keyboard(page)
    started = time.monotonic()
    keys.type("durand")
    keys.press("Enter")
    # Found, chosen, and on to the date.
    expect(page.locator("#id_day")).to_be_focused()
    expect(page.locator(".qe-for")).to_have_text("For Zoé Durand")
    keys.type("12102026")  # Thursday 10 December: month first, as Chromium writes dates in English
    keys.press("Enter")
    expect(page.locator(".qe-times legend")).to_have_text("Free times on Thursday 10 December")
    expect(page.locator("#id_slot_0")).to_be_focused()
    keys.press("ArrowDown")  # 09:00 → 10:10
    keys.press("Enter")
    expect(page.locator(".messages")).to_contain_text(
        "Booked: Zoé Durand, Thursday 10 December at 10:10."
    )
    elapsed = time.monotonic() - started
    print(f"quick entry: {elapsed:.1f} s, {keys.count} keystrokes")
    assert elapsed < 30
    assert keys.count <= 20

    # The confirmation: the agenda's day, the new booking open.
    booking = Booking.objects.get(patient=zoe, state=State.CONFIRMED)
    assert booking.start == datetime(2026, 12, 10, 9, 10, tzinfo=UTC)
    expect(page.locator("#details")).to_contain_text("Zoé Durand")
    screenshot("quick-entry-booked-desktop")
    assert axe_violations(page) == []
    assert {(e.actor_id, e.on_behalf_of_id) for e in BookingEvent.objects.filter(booking=booking)}
    assert all(
        e.actor_id == anna.pk and e.on_behalf_of_id == booking.practitioner_id
        for e in BookingEvent.objects.filter(booking=booking)
    )
    assert OutboundMessage.objects.filter(booking=booking, to="zoe@example.org").exists()


def test_quick_entry_on_a_phone_and_a_new_patient(office, page, screenshot):
    url = office["url"]
    sign_in(page.context, url, office["anna"])
    page.set_viewport_size(PHONE)
    page.goto(url + "/en/pro/agenda/quick-entry/")
    expect(page.locator("#id_q")).to_be_focused()
    assert fits(page, PHONE["width"])
    keys = Keyboard(page)
    keys.type("Jean Dupont")
    keys.press("Enter")
    # Nobody: a new patient, the names already there, the email next.
    expect(page.locator("#id_patient_new")).to_be_checked()
    expect(page.locator("#id_first_name")).to_have_value("Jean")
    expect(page.locator("#id_last_name")).to_have_value("Dupont")
    expect(page.locator("#id_first_name")).to_be_focused()
    assert fits(page, PHONE["width"])
    screenshot("quick-entry-new-patient-phone")
    assert axe_violations(page) == []
    keys.press("Tab")
    keys.press("Tab")
    keys.type("jean@example.org")
    page.locator("#id_at").focus()  # (the same as Tab, Tab, Tab...: not what is measured here)
    keys.type("1600")
    keys.press("Enter")
    expect(page.locator(".messages")).to_contain_text(
        "Booked: Jean Dupont, Wednesday 9 December at 16:00."
    )
    page.wait_for_load_state("load")
    overflow = page.evaluate(
        "() => Array.from(document.querySelectorAll('body *'))"
        ".filter(e => e.getBoundingClientRect().right > innerWidth + 1)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
    )
    assert fits(page, PHONE["width"]), overflow
    screenshot("quick-entry-booked-phone")
    assert axe_violations(page) == []
