"""Company invoices in the admin (the list with states, recording and reversing a payment,
permissions, form errors), in the accounting CSV, and on the HR contacts' dashboard."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from employers.models import Company
from invoices import company_payments as company
from invoices.forms import amount_cents
from invoices.models import CompanyPayment
from payments.models import LedgerEntry
from tests.bookings.test_notify import NOW
from tests.factories import UserFactory
from tests.invoices.test_company_payments import company_invoice, record
from tests.practitioners.test_onboarding import english_admin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]


@pytest.fixture
def frozen(monkeypatch):
    """Today is the invoice's day of issue (7 December 2026)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def acme_company(db):
    return Company.objects.create(name="Acme", billing_email="billing@acme.example")


def staff_user(*codenames):
    """A Wagtail admin user whose group holds exactly `codenames` (in the invoices app)."""
    user = get_user_model().objects.create_user(
        email=f"staff-{len(codenames)}@khepri.example", password="x-password-1", is_staff=True
    )
    group = Group.objects.create(name=f"books-{len(codenames)}")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="invoices", codename__in=codenames),
    )
    user.groups.add(group)
    return english_admin(user)


@pytest.fixture
def bookkeeper():
    return staff_user("view_document", "add_companypayment")


def refused(response) -> bool:
    """Wagtail answers a refusal with a redirect (to the dashboard or the login page)."""
    return response.status_code == 403 or (
        response.status_code == 302
        and response["Location"].split("?")[0] in ("/admin/", "/admin/login/")
    )


def page_url(invoice):
    return f"/admin/invoicing_document/company/{invoice.pk}/"


def test_staff_record_a_partial_payment_then_the_rest(client, frozen, acme_company, bookkeeper):
    invoice = company_invoice(acme_company, 12000)
    client.force_login(bookkeeper)
    page = client.get(page_url(invoice))
    assert page.status_code == 200
    assert "Record a payment received" in page.content.decode()
    response = client.post(
        page_url(invoice),
        {"amount": "50,00", "received_on": "2026-12-05", "bank_reference": "VIR ACME 1"},
    )
    assert response.status_code == 302
    payment = CompanyPayment.objects.get()
    assert payment.amount_cents == 5000 and payment.recorded_by == bookkeeper
    page = client.get(page_url(invoice)).content.decode()
    assert "Payment recorded." in page and "Partly paid" in page
    assert "€50 paid, €70 remaining" in page

    response = client.post(
        page_url(invoice),
        {"amount": "70.00", "received_on": "2026-12-07", "bank_reference": "VIR ACME 2"},
    )
    assert response.status_code == 302
    page = client.get(page_url(invoice)).content.decode()
    assert "Paid on Dec. 7, 2026" in page
    assert "Record a payment received" not in page  # nothing left to record


@pytest.mark.parametrize(
    "data, message",
    [
        ({"amount": "abc"}, "Write an amount in euros"),
        ({"amount": "1,200"}, "Is that thousands or cents?"),
        ({"amount": "0"}, "more than zero"),
        ({"amount": "120,01"}, "is more than what is still due on this invoice (€120)"),
        ({"received_on": "2026-12-08"}, "cannot be received in the future"),
        ({"received_on": "yesterday"}, "Write a date"),
        ({"bank_reference": "   "}, "This field is required"),
    ],
)
def test_bad_input_is_explained_and_kept(client, frozen, acme_company, bookkeeper, data, message):
    invoice = company_invoice(acme_company, 12000)
    client.force_login(bookkeeper)
    typed = {"amount": "100", "received_on": "2026-12-05", "bank_reference": "VIR-7", **data}
    response = client.post(page_url(invoice), typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert (
        f'value="{typed["bank_reference"].strip()}"' in page or not typed["bank_reference"].strip()
    )
    assert not CompanyPayment.objects.exists() and not LedgerEntry.objects.exists()


def test_the_same_reference_twice_says_so(client, frozen, acme_company, bookkeeper):
    invoice = company_invoice(acme_company, 12000)
    client.force_login(bookkeeper)
    typed = {"amount": "10", "received_on": "2026-12-05", "bank_reference": "VIR-7"}
    assert client.post(page_url(invoice), typed).status_code == 302
    again = client.post(page_url(invoice), typed)
    assert again.status_code == 400
    assert "is already recorded on this invoice" in again.content.decode()
    assert CompanyPayment.objects.count() == 1


def test_tampered_addresses_are_not_found(client, frozen, acme_company, bookkeeper):
    client.force_login(bookkeeper)
    assert client.get("/admin/invoicing_document/company/999999/").status_code == 404
    assert (
        client.get("/admin/invoicing_document/company/payment/999999/reverse/").status_code == 404
    )
    response = client.get("/admin/invoicing_document/company/", {"status": "<x>", "company": "y"})
    assert response.status_code == 200


def test_a_mistaken_record_is_reversed_with_a_reason(client, frozen, acme_company, bookkeeper):
    invoice = company_invoice(acme_company, 12000)
    wrong = record(invoice, 9000, "VIR-9")
    client.force_login(bookkeeper)
    page = client.get(page_url(invoice)).content.decode()
    url = f"/admin/invoicing_document/company/payment/{wrong.pk}/reverse/"
    assert url in page
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400 and "This field is required" in refused.content.decode()
    assert client.post(url, {"reason": "Typed 90 € for 9 €"}).status_code == 302
    page = client.get(page_url(invoice)).content.decode()
    assert "Reversal: Typed 90 € for 9 €" in page and "Reversed" in page
    assert company.invoice_state(invoice, today=NOW.date()).paid_cents == 0
    # A second reversal (another tab) is refused, not written.
    assert client.post(url, {"reason": "again"}).status_code == 400
    assert CompanyPayment.objects.count() == 2


def test_only_staff_with_the_permission_record(client, frozen, acme_company):
    invoice = company_invoice(acme_company, 12000)
    payment = record(invoice, 1000, "VIR-1")
    reverse_url = f"/admin/invoicing_document/company/payment/{payment.pk}/reverse/"
    typed = {"amount": "10", "received_on": "2026-12-05", "bank_reference": "VIR-2"}

    reader = staff_user("view_document")
    client.force_login(reader)
    listing = client.get("/admin/invoicing_document/company/")
    assert listing.status_code == 200 and invoice.number in listing.content.decode()
    page = client.get(page_url(invoice)).content.decode()
    assert "Record a payment received" not in page and reverse_url not in page
    assert refused(client.post(page_url(invoice), typed))
    assert refused(client.get(reverse_url))
    assert refused(client.post(reverse_url, {"reason": "x"}))

    nobody = staff_user()
    client.force_login(nobody)
    assert refused(client.get("/admin/invoicing_document/company/"))
    assert refused(client.get(page_url(invoice)))

    patient = UserFactory()
    client.force_login(patient)
    assert refused(client.post(page_url(invoice), typed))
    assert CompanyPayment.objects.count() == 1 and LedgerEntry.objects.count() == 2


def test_the_list_filters_and_puts_overdue_first(client, frozen, acme_company, bookkeeper):
    other = Company.objects.create(name="Globex")
    late = company_invoice(acme_company, 5000, month="2026-09", now=NOW - timedelta(days=45))
    paid = company_invoice(acme_company, 7000, month="2026-11")
    globex = company_invoice(other, 3000, month="2026-11")
    record(paid, 7000)
    client.force_login(bookkeeper)
    page = client.get("/admin/invoicing_document/company/").content.decode()
    assert page.index(late.number) < page.index(globex.number) < page.index(paid.number)
    assert "Overdue" in page
    page = client.get("/admin/invoicing_document/company/", {"status": "overdue"}).content.decode()
    assert late.number in page and paid.number not in page and globex.number not in page
    page = client.get("/admin/invoicing_document/company/", {"company": other.pk}).content.decode()
    assert globex.number in page and late.number not in page


def test_the_csv_export_says_where_each_company_invoice_stands(
    client, frozen, acme_company, bookkeeper
):
    invoice = company_invoice(acme_company, 12000)
    record(invoice, 2000, "VIR-1")
    client.force_login(bookkeeper)
    response = client.post(
        "/admin/invoicing_document/export/", {"first_month": "2026-12", "last_month": "2026-12"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header = rows[0]
    assert header[-5:] == ["payment status", "paid", "still due", "due on", "paid on"]
    row = dict(zip(header, rows[1], strict=True))
    assert row["number"] == invoice.number
    assert (row["payment status"], row["paid"], row["still due"]) == (
        "Partly paid",
        "20.00",
        "100.00",
    )
    assert (row["due on"], row["paid on"]) == ("2027-01-06", "")


def test_amounts_typed_either_way_are_exact_cents():
    assert amount_cents("1 200,50 €") == 120050
    assert amount_cents("1.200,50") == 120050
    assert amount_cents("1,200.50") == 120050
    assert amount_cents("0,01") == 1
    for typed in ("1,200", "１２", "1.2.3", "-5", "12,345", "1 2", "=1+1"):
        with pytest.raises(Exception):  # noqa: B017 - a ValidationError with its message
            amount_cents(typed)


# --- The HR contacts' dashboard -----------------------------------------------------------------


@pytest.fixture
def hr(acme_company):
    user = UserFactory(email="rh@acme.example", first_name="Rita", last_name="Hamon")
    acme_company.hr_contacts.add(user)
    return user


def test_hr_contacts_see_their_invoices_and_download_them(client, frozen, acme_company, hr):
    invoice = company_invoice(acme_company, 12000)
    older = company_invoice(acme_company, 6000, month="2026-10", now=NOW - timedelta(days=40))
    record(invoice, 2000, "VIR-1")
    record(older, 6000, "VIR-0", received_on=NOW.date() - timedelta(days=10))
    client.force_login(hr)
    page = client.get(f"/en/company/{acme_company.pk}/").content.decode()
    assert invoice.number in page and older.number in page
    assert "Partly paid" in page and "€20 paid, €100 remaining" in page
    assert "Paid on Nov. 27, 2026" in page
    pdf_url = f"/en/company/{acme_company.pk}/invoices/{invoice.pk}/en.pdf"
    assert pdf_url in page
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "VIR-1" not in page  # bank details are the staff's business


def test_no_one_else_gets_a_company_invoice(client, frozen, acme_company, hr):
    invoice = company_invoice(acme_company, 12000)
    other = Company.objects.create(name="Globex")
    other_hr = UserFactory(email="rh@globex.example")
    other.hr_contacts.add(other_hr)
    client.force_login(other_hr)
    assert (
        client.get(f"/en/company/{acme_company.pk}/invoices/{invoice.pk}/en.pdf").status_code == 404
    )
    # Through their own company's address, another company's invoice is not found either.
    assert client.get(f"/en/company/{other.pk}/invoices/{invoice.pk}/en.pdf").status_code == 404
    assert invoice.number not in client.get(f"/en/company/{other.pk}/").content.decode()
    client.force_login(hr)
    assert (
        client.get(f"/en/company/{acme_company.pk}/invoices/{invoice.pk}/de.pdf").status_code == 404
    )
