"""The practitioner's earnings page in Chromium: the year as bars, the month's statement, on a
desktop and a phone; no accessibility violation."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings import lifecycle
from payments import services
from tests.bookings.test_add_to_calendar import wednesday_ahead
from tests.bookings.test_booking_browser import (  # noqa: F401 - fixtures
    DESKTOP,
    PHONE,
    axe_violations,
    booking_site,
    fits,
    sign_in,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_the_practitioner_reads_their_earnings(booking_site, page, screenshot):  # noqa: F811
    url, practitioner = booking_site["url"], booking_site["practitioner"]
    consult = practitioner.session_types.get(is_default=True)
    now = timezone.now()
    patients = [
        UserFactory(first_name=name, last_name="Durand", email=f"{name}@example.test")
        for name in ("Zoé", "Paul", "Inès")
    ]
    for day, patient in enumerate(patients, start=4):
        start = wednesday_ahead().replace(hour=day + 5)
        try:
            booking = lifecycle.hold_create(session_type=consult, start=start, now=now)
        except lifecycle.SlotTaken as taken:  # the engine offers the next free times
            start = taken.alternatives[0].start
            booking = lifecycle.hold_create(session_type=consult, start=start, now=now)
        payment = services.payment_start(booking=booking, patient=patient, now=now)
        payment = services.payment_card_entered(payment=payment, card="4242424242424242", now=now)
        payment = services.payment_after_provider(payment=payment, now=now)
        services.payment_capture(payment=payment, now=now)
    services.payment_refund(payment=payment, amount_cents=2000, now=now)

    sign_in(page.context, url, practitioner.user)
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/pro/earnings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My earnings")
    expect(page.locator(".earnings-bar--current .earnings-bar__amount")).to_have_text("€128")
    expect(page.locator(".earnings-totals__net dd")).to_have_text("€128")
    expect(page.locator(".earnings-lines tbody tr")).to_have_count(4)
    screenshot("earnings")
    assert axe_violations(page) == []

    page.set_viewport_size(PHONE)
    page.reload()
    assert fits(page, PHONE["width"])
    screenshot("earnings-phone")
    assert axe_violations(page) == []
