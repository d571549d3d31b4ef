"""Booking through a pooled service in Chromium: from the home page's call to action to the
service's page, a time, the details, the confirmation; then the manager gives the booking to
another member. axe-core on every page; screenshots in var/screenshots/service-*.png (desktop
and phone)."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from bookings.models import Booking
from pools.demo import _home_points_at
from pools.models import Service, ServicePage
from pools.services import service_member_add
from site_pages.demo import ensure_home, page_with_translation
from tests.bookings.test_booking_browser import (
    DESKTOP,
    PHONE,
    axe_violations,
    fill_details,
    fits,
    sign_in,
)
from tests.factories import PractitionerFactory, UserFactory, week
from tests.practitioners.test_profile import EVERY_DAY

pytestmark = pytest.mark.browser


@pytest.fixture
def service_site(live_site, settings):
    """An orientation call (20 minutes, free) of three members bookable every day 09:00–17:00,
    its page in French and English, and the home page's call to action leading to it."""
    settings.KHEPRI_PAGE_CACHE_SECONDS = 0
    settings.KHEPRI_SITE_URL = live_site.url
    cache.clear()
    manager = UserFactory(email="manager@example.org", first_name="Mona", last_name="Manager")
    service = Service.objects.create(
        slug="orientation",
        name="Appel d'orientation",
        name_en="Orientation call",
        duration_minutes=20,
        min_notice_minutes=120,
    )
    service.managers.add(manager)
    members = []
    for slug, name in [("anna", "Anna Arnaud"), ("ben", "Ben Bernard"), ("chloe", "Chloé Roy")]:
        practitioner = PractitionerFactory(slug=slug, legal_name=name)
        week(practitioner, EVERY_DAY)
        service_member_add(service=service, practitioner=practitioner)
        members.append(practitioner)

    def fill(page, lang):
        page.title = {"fr": "Appel d'orientation gratuit", "en": "Free orientation call"}[lang]
        page.intro = {
            "fr": "<p>Un appel de 20 minutes avec un praticien de l'équipe pour choisir.</p>",
            "en": "<p>A 20-minute call with a practitioner of the team to help you choose.</p>",
        }[lang]
        page.service = service

    home = ensure_home()
    page = page_with_translation(
        parent=home, model=ServicePage, slug="appel-orientation", en="orientation-call", fill=fill
    )
    _home_points_at(home, page)
    yield {"url": live_site.url, "manager": manager, "members": members}
    cache.clear()


def test_a_patient_books_the_orientation_call_and_the_manager_reassigns_it(
    service_site, page, screenshot, mailoutbox
):
    url = service_site["url"]
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/")
    page.get_by_role("link", name="Book a free orientation call").click()
    expect(page).to_have_url(re.compile(r"/en/orientation-call/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Free orientation call")
    expect(page.locator(".book-session")).to_contain_text("20 min · Free")
    screenshot("service-page-desktop")
    assert axe_violations(page) == []

    page.locator(".slot-button").first.click()
    expect(page).to_have_url(re.compile(r"/en/book/hold/[0-9a-f-]+/$"))
    expect(page.locator(".booking-summary")).to_contain_text("Anna Arnaud")
    fill_details(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and confirm")
    screenshot("service-review-desktop")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm the appointment").click()
    expect(page).to_have_url(re.compile(r"/en/appointments/[\w-]+/\?new=1$"))
    expect(page.locator(".booking-state")).to_have_text(
        "Booked! A confirmation email is on its way."
    )
    screenshot("service-confirmed-desktop")
    assert axe_violations(page) == []
    booking = Booking.objects.get()
    assert booking.state == Booking.State.CONFIRMED and booking.service_link.service

    # The manager gives it to Ben.
    sign_in(page.context, url, service_site["manager"])
    page.goto(url + "/en/pro/services/orientation/")
    expect(page.locator(".pro-booking")).to_contain_text("With Anna Arnaud")
    screenshot("service-manager-desktop")
    assert axe_violations(page) == []
    page.get_by_label("Give it to").select_option(label="Ben Bernard")
    page.get_by_role("button", name=re.compile("^Reassign")).click()
    expect(page.locator(".messages")).to_contain_text("The session is now with Ben Bernard.")
    expect(page.locator(".pro-booking")).to_contain_text("With Ben Bernard")
    assert axe_violations(page) == []
    booking.refresh_from_db()
    assert booking.practitioner.slug == "ben"

    # On a phone: the service page and the manager's page fit the screen.
    page.set_viewport_size(PHONE)
    screenshot("service-manager-phone")
    assert fits(page, PHONE["width"]) and axe_violations(page) == []
    page.goto(url + "/appel-orientation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Appel d'orientation gratuit")
    screenshot("service-page-phone")
    assert fits(page, PHONE["width"]) and axe_violations(page) == []
