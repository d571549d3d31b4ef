"""Staff record a company's bank transfer on its invoice in the Wagtail admin (a typing slip
first, explained), and the company's HR contact sees the invoice partly paid — in Chromium, on a
desktop and a phone, with axe-core on the pages written here."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from employers.models import Company
from invoices.models import CompanyPayment
from tests.bookings.test_booking_browser import DESKTOP, PHONE, fits, sign_in
from tests.factories import UserFactory
from tests.invoices.test_company_payments import company_invoice
from tests.practitioners.test_onboarding import english_admin

pytestmark = pytest.mark.browser

AXE_PATH = "tests/vendor/axe.min.js"


def axe_violations(page, selector="body") -> list[str]:
    """axe-core on `selector` (the admin's own frame is Wagtail's, tested upstream)."""
    page.add_script_tag(path=AXE_PATH)
    result = page.evaluate(
        "async (selector) => await axe.run(document.querySelector(selector),"
        " {resultTypes: ['violations']})",
        selector,
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


FIELD_IDS = {"Amount received": "#id_amount", "Received on": "#id_received_on"}


def field(page, label):
    """A field of the payment form, checked to carry its label."""
    locator = page.locator(FIELD_IDS.get(label, "#id_bank_reference"))
    expect(page.locator(f"label[for='{locator.first.get_attribute('id')}']")).to_contain_text(label)
    return locator


def test_staff_record_a_transfer_and_the_hr_contact_sees_it(live_site, page, screenshot):
    url = live_site.url
    acme = Company.objects.create(name="Acme", billing_email="billing@acme.example")
    hr = UserFactory(email="rh@acme.example", first_name="Rachel", last_name="Hérault")
    acme.hr_contacts.add(hr)
    invoice = company_invoice(acme, 12000, month="2026-11")
    staff = get_user_model().objects.create_superuser(
        email="compta@khepri.example", password="x-password-1"
    )
    english_admin(staff)

    sign_in(page.context, url, staff)
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/admin/")
    page.get_by_role("link", name="Company invoices").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Company invoices")
    row = page.get_by_role("row", name=re.compile(invoice.number))
    expect(row).to_contain_text("€120")
    screenshot("company-invoices-admin-list")
    assert axe_violations(page, ".nice-padding") == []
    row.get_by_role("link", name=invoice.number).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Company invoice {invoice.number}")
    screenshot("company-invoice-admin-page")
    # A typing slip: more than the invoice. Explained; what was typed stays.
    field(page, "Amount received").fill("1 200,00")
    field(page, "Received on").fill(timezone.localdate().isoformat())
    field(page, "Bank reference").fill("VIR SEPA ACME 2026-11")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "€1200 is more than what is still due on this invoice (€120)."
    )
    expect(field(page, "Bank reference")).to_have_value("VIR SEPA ACME 2026-11")
    screenshot("company-invoice-admin-error")
    assert axe_violations(page, ".nice-padding") == []

    field(page, "Amount received").fill("50,50")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("Payment recorded.")).to_be_visible()
    expect(page.locator(".company-invoice-summary")).to_contain_text(
        "€50.50 paid, €69.50 remaining"
    )
    screenshot("company-invoice-admin-recorded")
    assert axe_violations(page, ".nice-padding") == []
    payment = CompanyPayment.objects.get()
    assert payment.amount_cents == 5050 and payment.bank_reference == "VIR SEPA ACME 2026-11"

    # The HR contact: the invoice, its state and the PDF — nothing about anyone.
    page.context.clear_cookies()
    sign_in(page.context, url, hr)
    page.goto(url + "/en/company/")
    invoices = page.get_by_role("region", name="Invoices")
    expect(invoices).to_contain_text(invoice.number)
    expect(invoices).to_contain_text("Partly paid")
    expect(invoices.get_by_role("link", name=f"PDF (English) {invoice.number}")).to_be_visible()
    assert "VIR SEPA" not in page.content()
    screenshot("company-invoices-hr")
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    page.reload()
    assert fits(page, PHONE["width"])
    screenshot("company-invoices-hr-phone")
    assert axe_violations(page) == []
