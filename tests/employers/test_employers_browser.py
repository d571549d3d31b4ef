"""An employee joins their employer's programme with a code, books a session their employer
pays, and the HR contact reads the programme's numbers — in Chromium, on a desktop and a
phone, with no accessibility violation."""

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings.models import Booking
from employers.models import Agreement, Company, CoveredSession, InviteCode
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


def test_join_with_a_code_book_a_covered_session_and_read_the_hr_numbers(
    booking_site,  # noqa: F811
    page,
    screenshot,
):
    url = booking_site["url"]
    acme = Company.objects.create(name="Acme")
    Agreement.objects.create(
        company=acme, sessions_per_employee=6, starts_on=date(timezone.localdate().year, 1, 1)
    )
    invite = InviteCode.objects.create(company=acme, max_uses=20)
    employee = UserFactory(email="ines@example.org", first_name="Inès", last_name="Moreau")
    hr = UserFactory(email="rh@acme.example", first_name="Rachel", last_name="Hérault")
    acme.hr_contacts.add(hr)

    # Join with the code (typed with a mistake first).
    sign_in(page.context, url, employee)
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/account/employer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My employer programme")
    field(page, "Invite code").fill("WRONG-CODE")
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page).to_have_title(re.compile("^Error:"))
    expect(page.get_by_text("This code is not valid")).to_be_visible()
    screenshot("employer-join-error")
    assert axe_violations(page) == []
    field(page, "Invite code").fill(invite.code.lower())
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.locator(".employer-quota")).to_contain_text("6 sessions left of 6 this year")
    screenshot("employer-joined")
    assert axe_violations(page) == []

    # Book: the payment step offers the employer's session, the card stays possible.
    page.goto(url + "/en/practitioners/claire-martin/")
    page.locator(".profile-slots a").first.click()
    page.locator("#chosen-time").get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and confirm")
    offer = page.locator(".pay-employer")
    expect(offer).to_contain_text("Acme pays this session: 6 sessions left of 6 this year.")
    expect(field(page, "Card number")).to_be_visible()
    screenshot("employer-checkout")
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    assert fits(page, PHONE["width"])
    screenshot("employer-checkout-phone")
    page.set_viewport_size(DESKTOP)
    offer.get_by_role("button", name="Use my employer's session and confirm").click()
    expect(page.locator(".booking-state")).to_contain_text("Booked!")
    expect(page.get_by_text("Paid by your employer's programme")).to_be_visible()
    screenshot("employer-booked")
    booking = Booking.objects.get(state=Booking.State.CONFIRMED)
    assert CoveredSession.objects.get().booking == booking

    # The HR contact: numbers only, a small count written "fewer than 5".
    page.context.clear_cookies()
    sign_in(page.context, url, hr)
    page.goto(url + "/en/company/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme of Acme")
    expect(page.locator(".hr-figures")).to_contain_text("fewer than 5")
    content = page.content()
    for secret in ("Inès", "Moreau", "ines@", "Claire", "Martin", "Sophrology"):
        assert secret not in content
    screenshot("employer-hr-dashboard")
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    page.reload()
    assert fits(page, PHONE["width"])
    screenshot("employer-hr-dashboard-phone")
    assert axe_violations(page) == []
