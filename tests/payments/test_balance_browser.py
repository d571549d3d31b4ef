"""In Chromium: a patient tops up their balance with the test card, then books a session and
pays it from the balance; "My balance" shows the reservation. Desktop and phone, screenshots,
no accessibility violation."""

import re

import pytest
from playwright.sync_api import expect

from bookings.models import Booking
from payments import balance
from payments.models import Payment, ReferralSettings
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


def test_top_up_then_pay_a_session_from_the_balance(booking_site, page, screenshot):  # noqa: F811
    url = booking_site["url"]
    programme = ReferralSettings.load()
    programme.credit_cents = 1000
    programme.save()
    patient = UserFactory(first_name="Zoé", last_name="Durand", email="zoe@example.org")
    sign_in(page.context, url, patient)

    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/account/balance/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My balance")
    expect(page.locator(".balance-amount strong")).to_have_text("€0")
    topup = page.get_by_role("region", name="Top up my balance")
    expect(topup.get_by_text("Test mode")).to_be_visible()
    topup.get_by_label("€100").check()
    topup.get_by_label(re.compile("^Card number")).fill("4242 4242 4242 4242")
    topup.get_by_label(re.compile("^Expiry date")).fill("12/30")
    topup.get_by_label(re.compile("^Security code")).fill("123")
    topup.get_by_role("button", name="Pay and add to my balance").click()
    expect(page.locator(".messages")).to_contain_text("€100 added to your balance")
    expect(page.locator(".balance-amount strong")).to_have_text("€100")
    expect(page.locator(".balance-history")).to_contain_text("Top-up by card")
    screenshot("balance-topped-up")
    assert axe_violations(page) == []

    # Book a time and pay it from the balance.
    page.goto(url + "/en/practitioners/claire-martin/")
    page.locator(".profile-slots a").first.click()
    page.locator("#chosen-time").get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and confirm")
    payment = page.get_by_role("region", name="Payment")
    expect(payment).to_contain_text("Your balance: €100")
    screenshot("balance-checkout")
    assert axe_violations(page) == []
    payment.get_by_role("button", name="Pay from my balance and confirm").click()
    expect(page).to_have_url(re.compile(r"/en/appointments/[\w-]+/\?new=1$"))
    expect(page.locator(".payment-status")).to_contain_text("€60 reserved from the balance")
    booking = Booking.objects.get()
    assert booking.state == Booking.State.CONFIRMED
    assert Payment.objects.get(booking=booking).gateway == "balance"
    assert balance.balance_for(patient).available_cents == 4000

    page.goto(url + "/en/account/balance/")
    expect(page.locator(".balance-amount strong")).to_have_text("€40")
    expect(page.locator(".balance-summary")).to_contain_text("€60 reserved for sessions")
    expect(page.locator(".balance-history")).to_contain_text("Reserved for your session of")
    expect(page.locator("#referral-link")).to_have_value(re.compile(r"\?ref=[A-Z0-9]+$"))
    screenshot("balance-after-booking")
    assert axe_violations(page) == []

    page.set_viewport_size(PHONE)
    page.reload()
    assert fits(page, PHONE["width"])
    screenshot("balance-phone")
    assert axe_violations(page) == []
