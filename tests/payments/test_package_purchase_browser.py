"""In Chromium, with the offline gateway: from Claire Martin's free times to her packages; a
declined test card says so and the same purchase takes another; "Your package is ready" shows
its credits and expiry; "My packages" lists it. Desktop and phone, screenshots, no
accessibility violation."""

import re

import pytest
from playwright.sync_api import expect

from payments.models import Package, PackageOffer, PackagePurchase
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


def pay_with(form, number):
    form.get_by_label(re.compile("^Card number")).fill(number)
    form.get_by_label(re.compile("^Expiry date")).fill("12/30")
    form.get_by_label(re.compile("^Security code")).fill("123")
    form.get_by_role("button", name="Pay and get the package").click()


def test_buy_a_package_with_the_test_card(booking_site, page, screenshot):  # noqa: F811
    url = booking_site["url"]
    claire = booking_site["practitioner"]
    PackageOffer.objects.create(
        practitioner=claire, name="5 sessions", sessions=5, price_cents=27500, validity_days=180
    )
    PackageOffer.objects.create(name="3 sessions, any practitioner", sessions=3, price_cents=16500)
    patient = UserFactory(first_name="Zoé", last_name="Durand", email="zoe@example.org")
    sign_in(page.context, url, patient)

    page.set_viewport_size(DESKTOP)
    page.goto(url + f"/en/book/{claire.slug}/")
    page.get_by_role("link", name="Packages: several sessions paid in advance").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Packages for sessions with")
    expect(page.get_by_role("note")).to_contain_text("Test mode")
    screenshot("package-offers")
    assert axe_violations(page) == []

    form = page.locator("form.pay-form")
    expect(form.get_by_role("radio").first).to_have_accessible_name(re.compile("^5 sessions"))
    form.get_by_label(re.compile("^5 sessions")).check()
    pay_with(form, "4000 0000 0000 0002")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("The package was not bought")
    expect(summary).to_contain_text("declined")
    expect(form.get_by_label(re.compile("^5 sessions"))).to_be_checked()
    assert not Package.objects.exists()
    screenshot("package-declined")
    assert axe_violations(page) == []

    pay_with(page.locator("form.pay-form"), "4242 4242 4242 4242")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your package is ready")
    ready = page.locator(".package-ready")
    expect(ready).to_contain_text("5 of 5")
    expect(ready).to_contain_text("Valid until")
    expect(ready).to_contain_text("no real payment was made")
    assert PackagePurchase.objects.get().status == PackagePurchase.Status.PAID
    assert Package.objects.get().credits_remaining == 5
    screenshot("package-ready")
    assert axe_violations(page) == []

    page.set_viewport_size(PHONE)
    page.reload()
    assert fits(page, PHONE["width"])
    screenshot("package-ready-phone")
    assert axe_violations(page) == []

    page.get_by_role("link", name="My packages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My packages")
    expect(page.locator("main")).to_contain_text("5 sessions left of 5")
    assert fits(page, PHONE["width"])
    assert axe_violations(page) == []

    page.goto(url + f"/en/book/{claire.slug}/packages/")
    assert fits(page, PHONE["width"])
    screenshot("package-offers-phone")
    assert axe_violations(page) == []

    # Another purchase whose card was sent but not yet confirmed by the bank (Stripe's 3-D
    # Secure, a slow bank): the page says so and reloads itself until the package is ready.
    from django.utils import timezone

    from payments import packages
    from payments.gateways.offline import OfflineGateway

    anywhere = PackageOffer.objects.get(practitioner__isnull=True)
    purchase = packages.package_purchase_start(
        offer=anywhere, patient=patient, request_key="k2", now=timezone.now()
    )
    packages.package_purchase_card_sent(purchase=purchase, now=timezone.now())
    page.goto(url + f"/en/account/packages/purchase/{purchase.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirming your payment…")
    screenshot("package-confirming-phone")
    assert axe_violations(page) == []
    page.goto(url + "/en/account/packages/")
    expect(page.locator("main")).to_contain_text("Confirming your payment…")
    screenshot("my-packages-confirming-phone")
    assert axe_violations(page) == []
    page.goto(url + f"/en/account/packages/purchase/{purchase.reference}/")
    OfflineGateway().confirm(purchase.gateway_reference, "4242424242424242")
    # The page asks again by itself and shows the package once it is ready.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your package is ready", timeout=15_000
    )
    expect(page.locator(".package-ready")).to_contain_text("3 of 3")
