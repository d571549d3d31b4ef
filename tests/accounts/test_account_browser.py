"""allauth's pages inside the site's layout, in Chromium: sign up (with an optional phone) and
log in, readable on a phone, zero axe-core violations."""

import pytest

from tests.bookings.test_booking_browser import PHONE, axe_violations, fits

pytestmark = pytest.mark.browser


def test_signup_and_login_pages_look_like_the_site(live_site, page, screenshot):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_site.url}/en/accounts/signup/")
    assert page.locator("header.site-header").count() == 1  # the site's own layout
    assert page.get_by_label("First name").is_visible()
    assert page.get_by_label("Phone").is_visible()
    assert fits(page, PHONE["width"])
    screenshot("account-signup-phone")
    assert axe_violations(page) == []

    page.goto(f"{live_site.url}/accounts/login/")
    assert page.locator("header.site-header").count() == 1
    screenshot("account-login-phone")
    assert axe_violations(page) == []
