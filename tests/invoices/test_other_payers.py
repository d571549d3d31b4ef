# ruff: noqa: F401, F811 - fixtures shared with the employers and payments tests
"""Fee notes of sessions paid another way than by card — from the prepaid balance, or by the
patient's employer — and the platform's monthly invoice to the company (one aggregated line,
never who consulted)."""

import pytest
from django.utils import translation

from bookings import lifecycle
from bookings.lifecycle import Acting
from employers.models import CoveredSession
from invoices import services as invoices
from invoices.models import Document
from tests.bookings.test_notify import NOW, paris, sent
from tests.employers.conftest import acme, agreement, employee
from tests.employers.test_settlement import covered, settled_month
from tests.invoices.conftest import details, pdf_text
from tests.payments.test_balance import paid_from_balance, topped_up

pytestmark = pytest.mark.django_db


def test_a_session_paid_from_the_balance_has_its_fee_note(
    details, claire, consult, patient, django_capture_on_commit_callbacks
):
    topped_up(patient, 10000)
    booking, _payment = paid_from_balance(consult, patient)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.booking_complete(
            booking=booking, acting=Acting.practitioner(claire.user), now=booking.end
        )
    invoices.documents_catch_up(now=booking.end)
    note = Document.objects.get(kind=Document.Kind.FEE_NOTE)
    assert note.paid_with == Document.PaidWith.BALANCE and note.total_cents == 6000


def test_an_employer_paid_session_gets_a_fee_note_and_the_company_an_invoice(
    details, claire, consult, employee, acme, sent, tmp_path
):
    booking = covered(consult, employee, paris(8, 9))
    sent(
        lambda: lifecycle.booking_complete(
            booking=booking, acting=Acting.practitioner(claire.user), now=booking.end
        )
    )
    assert invoices.documents_catch_up(now=booking.end) == 1
    note = Document.objects.get(kind=Document.Kind.FEE_NOTE)
    assert note.paid_with == Document.PaidWith.EMPLOYER and note.total_cents == 6000
    assert note.source_key == f"covered:{CoveredSession.objects.get().pk}"
    with translation.override("en"):
        text = pdf_text(invoices.document_pdf(document=note, language="en", now=NOW), tmp_path)
    assert "Paid by the employer's programme" in text and "nothing to claim" in text

    period = settled_month()
    invoice = invoices.company_invoice_issue(company_id=acme.pk, period=period, now=NOW)
    assert invoice.kind == Document.Kind.COMPANY_INVOICE and invoice.total_cents == 6000
    assert invoice.number.startswith("KH-") and invoice.recipient_name == "Acme"
    assert invoices.company_invoices_issue(period=period, now=NOW) == 1  # the same, once
    assert Document.objects.filter(kind=Document.Kind.COMPANY_INVOICE).count() == 1
    text = pdf_text(invoices.document_pdf(document=invoice, language="en", now=NOW), tmp_path)
    assert "1 session under the employee programme" in text
    assert "Payable by bank transfer within 30 days" in text and "Paid in full" not in text
    for private in ("Alice", "Durand", "Claire", "Martin", employee.email):
        assert private not in text


def test_no_company_invoice_for_a_month_without_sessions(acme):
    assert invoices.company_invoice_issue(company_id=acme.pk, period=NOW.date(), now=NOW) is None
