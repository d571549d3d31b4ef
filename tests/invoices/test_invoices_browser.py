"""In Chromium: the practitioner is asked for their billing details, gets a clear error for a
mistyped SIRET, saves, and finds the waiting fee note issued; the patient finds it in their
account and downloads it. Desktop and phone, no accessibility violation (axe)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings import lifecycle
from invoices.models import Document
from payments import services
from tests.bookings.test_add_to_calendar import wednesday_ahead
from tests.bookings.test_booking_browser import (  # noqa: F401 - fixtures
    DESKTOP,
    PHONE,
    axe_violations,
    booking_site,
    field,
    fits,
    sign_in,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def captured_session(practitioner, patient):
    consult = practitioner.session_types.get(is_default=True)
    now = timezone.now()
    start = wednesday_ahead().replace(hour=10)
    try:
        booking = lifecycle.hold_create(session_type=consult, start=start, now=now)
    except lifecycle.SlotTaken as taken:
        booking = lifecycle.hold_create(
            session_type=consult, start=taken.alternatives[0].start, now=now
        )
    payment = services.payment_start(booking=booking, patient=patient, now=now)
    payment = services.payment_card_entered(payment=payment, card="4242424242424242", now=now)
    payment = services.payment_after_provider(payment=payment, now=now)
    return services.payment_capture(payment=payment, now=now)


def test_billing_details_then_fee_notes_for_both_sides(
    booking_site,  # noqa: F811
    page,
    screenshot,
):
    url, practitioner = booking_site["url"], booking_site["practitioner"]
    patient = UserFactory(first_name="Alice", last_name="Durand", email="alice@example.test")
    captured_session(practitioner, patient)
    assert not Document.objects.exists()  # waiting for the billing details

    sign_in(page.context, url, practitioner.user)
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/pro/")
    banner = page.locator(".billing-banner")
    expect(banner).to_contain_text("Your fee notes need your billing details")
    screenshot("invoices-banner")
    banner.get_by_role("link", name="Add my billing details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Billing details")
    assert axe_violations(page) == []

    field(page, "SIRET").fill("732 829 320 00075")
    field(page, "Professional address").fill("8 rue des Lilas\n69003 Lyon")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("This SIRET is not valid")
    screenshot("invoices-billing-details-error")
    assert axe_violations(page) == []

    field(page, "SIRET").fill("732 829 320 00074")
    page.get_by_label("VAT exempt (art. 261-4-1° of the French tax code)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fee notes")
    note = Document.objects.get()
    expect(page.locator(".documents")).to_contain_text(note.number)
    expect(page.locator(".documents")).to_contain_text("Alice Durand")
    screenshot("invoices-pro-list")
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    page.reload()
    assert fits(page, PHONE["width"])
    screenshot("invoices-pro-list-phone")
    assert axe_violations(page) == []

    page.context.clear_cookies()
    sign_in(page.context, url, patient)
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/account/fee-notes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My fee notes")
    expect(page.locator(".documents")).to_contain_text(note.number)
    screenshot("invoices-patient-list")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name=f"PDF Fee note {note.number}").click()
    assert download.value.suggested_filename == f"fee-note-{note.number}-en.pdf"
    page.set_viewport_size(PHONE)
    page.reload()
    assert fits(page, PHONE["width"])
    screenshot("invoices-patient-list-phone")
    assert axe_violations(page) == []
