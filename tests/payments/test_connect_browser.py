"""In Chromium: a practitioner goes from their earnings to "Receive your payments", opens their
payment account, fills it in on the test-mode stand-in for Stripe's form (offline gateway),
comes back and sees it ready. Desktop and phone, screenshots, no accessibility violation."""

import pytest
from playwright.sync_api import expect

from payments.models import ConnectedAccount
from tests.bookings.test_booking_browser import (  # noqa: F401 - fixtures
    DESKTOP,
    PHONE,
    axe_violations,
    booking_site,
    fits,
    sign_in,
)

pytestmark = pytest.mark.browser


def test_a_practitioner_opens_their_payment_account(booking_site, page, screenshot):  # noqa: F811
    url = booking_site["url"]
    practitioner = booking_site["practitioner"]
    sign_in(page.context, url, practitioner.user)

    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/pro/earnings/")
    page.get_by_role("link", name="Receive your payments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Receive your payments")
    expect(page.get_by_role("note")).to_contain_text("Test mode")
    expect(page.get_by_role("status")).to_contain_text("Not opened yet.")
    screenshot("connect-not-opened")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Open my payment account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Payment account (test mode)")
    screenshot("connect-test-form")
    assert axe_violations(page) == []

    # Left half-way: the page says what is missing and how to go on.
    page.get_by_role("link", name="Back without filling it in").click()
    expect(page.get_by_role("status")).to_contain_text("Some information is still missing.")
    page.set_viewport_size(PHONE)
    assert fits(page, PHONE["width"])
    screenshot("connect-missing-phone")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Continue at Stripe").click()
    page.get_by_role("button", name="Fill in my account (test mode)").click()
    expect(page.get_by_role("status")).to_contain_text("Ready: your payments are sent to it.")
    expect(page.get_by_role("button", name="Continue at Stripe")).to_have_count(0)
    assert fits(page, PHONE["width"])
    screenshot("connect-ready-phone")
    assert axe_violations(page) == []
    assert ConnectedAccount.objects.get(practitioner=practitioner).transfers_enabled
