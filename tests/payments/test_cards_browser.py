"""Saved cards in Chromium: the account's saved-cards page (add, a refused card, remove), paying
at checkout with a saved card in one step, and a session far ahead whose card is saved for
later; on a desktop and a phone, with no accessibility violation (axe-core)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings.models import Booking
from payments import cards
from payments.models import Payment, SavedCard
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


def test_the_saved_cards_page(booking_site, page, screenshot):  # noqa: F811
    url = booking_site["url"]
    patient = UserFactory(first_name="Zoé", last_name="Durand", email="zoe@example.org")
    cards.card_save_typed(
        patient=patient, number="4242424242424242", remembered=True, now=timezone.now()
    )
    sign_in(page.context, url, patient)
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/account/cards/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My saved cards")
    expect(page.locator(".saved-card")).to_contain_text("Visa •••• 4242")
    field(page, "Card number").fill("4000 0000 0000 0002")
    field(page, "Expiry date (MM/YY)").fill("12/30")
    field(page, "Security code").fill("123")
    page.get_by_role("button", name="Save this card").click()
    expect(page.locator(".error-summary")).to_contain_text("declined")
    field(page, "Card number").fill("4000 0027 6000 3184")
    field(page, "Expiry date (MM/YY)").fill("12/30")
    field(page, "Security code").fill("123")
    page.get_by_role("button", name="Save this card").click()
    expect(page.locator(".saved-card")).to_have_count(2)
    screenshot("saved-cards")
    assert axe_violations(page) == []

    page.set_viewport_size(PHONE)
    page.reload()
    assert fits(page, PHONE["width"])
    screenshot("saved-cards-phone")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Remove Visa •••• 3184").click()
    expect(page.locator(".saved-card")).to_have_count(1)
    assert SavedCard.objects.filter(removed_at__isnull=True).count() == 1


def test_checkout_with_a_saved_card_then_a_session_far_ahead(
    booking_site,  # noqa: F811
    page,
    screenshot,
):
    url = booking_site["url"]
    patient = UserFactory(first_name="Zoé", last_name="Durand", email="zoe@example.org")
    cards.card_save_typed(
        patient=patient, number="4242424242424242", remembered=True, now=timezone.now()
    )
    sign_in(page.context, url, patient)
    page.set_viewport_size(DESKTOP)

    # A session three days ahead: authorised now with the saved card, in one step.
    page.goto(url + "/en/book/claire-martin/")
    page.locator(".week-picker .slot-button").first.click()
    saved = page.locator(".pay-saved")
    expect(saved).to_contain_text("Visa •••• 4242")
    expect(page.get_by_label("Remember this card for my next bookings")).to_be_visible()
    screenshot("checkout-saved-card")
    assert axe_violations(page) == []
    saved.get_by_role("button", name="Reserve €60 and confirm").click()
    expect(page.locator(".booking-state")).to_contain_text("Booked!")
    expect(page.locator(".payment-status")).to_contain_text("reserved on the card")
    near = Booking.objects.get()
    assert Payment.objects.get(booking=near).status == "authorised"

    # Two weeks ahead: the card is saved for later, nothing taken today.
    monday = (timezone.now() + timedelta(days=14)).date()
    monday -= timedelta(days=monday.weekday())
    page.goto(url + f"/en/book/claire-martin/?week={monday.isoformat()}")
    page.locator(".week-picker .slot-button").first.click()
    expect(page.locator(".pay")).to_contain_text("Nothing is taken today")
    screenshot("checkout-far-ahead")
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    assert fits(page, PHONE["width"])
    screenshot("checkout-far-ahead-phone")
    page.locator(".pay-saved").get_by_role("button", name="Use this card and confirm").click()
    expect(page.locator(".booking-state")).to_contain_text("Booked!")
    expect(page.locator(".payment-status")).to_contain_text("card saved (Visa •••• 4242)")
    screenshot("manage-card-saved-phone")
    assert axe_violations(page) == []
    far = Booking.objects.exclude(pk=near.pk).get()
    assert Payment.objects.get(booking=far).status == "card_saved"


def test_a_card_entered_again_after_the_later_authorisation_failed(
    booking_site,  # noqa: F811
    page,
    screenshot,
):
    from bookings import lifecycle

    url, practitioner = booking_site["url"], booking_site["practitioner"]
    consult = practitioner.session_types.get(is_default=True)
    patient = UserFactory(first_name="Zoé", last_name="Durand", email="zoe@example.org")
    now = timezone.now()
    card = cards.card_save_typed(
        patient=patient, number="4000002760003184", remembered=True, now=now
    )
    start = lifecycle.next_free_slots(
        session_type=consult, after=now + timedelta(days=14), now=now, limit=1
    )[0].start
    booking = lifecycle.hold_create(session_type=consult, start=start, now=now)
    payment = cards.payment_defer(booking=booking, patient=patient, card=card, now=now)
    cards.authorisations_run(now=payment.scheduled.due_at)  # needs authentication: refused

    page.set_viewport_size(PHONE)
    page.goto(url + f"/en/appointments/{booking.token}/")
    expect(page.locator(".payment-status")).to_contain_text("could not be authorised")
    page.get_by_role("link", name="Enter a card for this session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A card for your appointment")
    assert fits(page, PHONE["width"])
    screenshot("booking-card-phone")
    assert axe_violations(page) == []
    field(page, "Card number").fill("4242 4242 4242 4242")
    field(page, "Expiry date (MM/YY)").fill("12/30")
    field(page, "Security code").fill("123")
    page.get_by_role("button", name="Reserve with this card").click()
    expect(page.locator(".payment-status")).to_contain_text("reserved on the card")
    payment.refresh_from_db()
    assert payment.status == "authorised"
