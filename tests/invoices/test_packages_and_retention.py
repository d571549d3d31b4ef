"""Packages (a receipt at purchase, a fee note per session held with it: the same money is
never on two claimable documents), the catch-up job, the platform's commission invoice, the
monthly statement, and retention when a patient's account is erased."""

from datetime import date, timedelta

import pytest
from django.db import transaction

from bookings import lifecycle
from bookings.lifecycle import Acting
from invoices import selectors
from invoices import services as invoices
from invoices.models import Document
from invoices.rendering import render_document_pdf, render_statement_pdf
from invoices.tasks import catch_up_documents
from payments import packages
from payments.models import PackageOffer
from tests.invoices.conftest import NOW, paris, pdf_text, save_first_page

pytestmark = pytest.mark.django_db

Kind = Document.Kind


def book_and_hold(package, consult, patient, start):
    booking = lifecycle.hold_create(session_type=consult, start=start, now=NOW)
    with transaction.atomic():
        packages.package_take(package=package, booking=booking, patient=patient, now=NOW)
        booking = lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW)
    return lifecycle.booking_complete(
        booking=booking,
        acting=Acting.practitioner(booking.practitioner.user),
        now=booking.end + timedelta(minutes=1),
    )


def test_a_package_gets_a_receipt_and_each_session_its_share(
    details, claire, consult, patient, django_capture_on_commit_callbacks, tmp_path
):
    offer = PackageOffer.objects.create(
        practitioner=claire, name="3 séances", sessions=3, price_cents=10000
    )
    with django_capture_on_commit_callbacks(execute=True):
        package = packages.package_record_at_centre(offer=offer, patient=patient, now=NOW)
    receipt = Document.objects.get()
    assert receipt.kind == Kind.PACKAGE_RECEIPT and receipt.total_cents == 10000
    assert receipt.paid_with == "centre" and receipt.lines[0]["label"].startswith("Forfait de 3")

    for day in (14, 15):
        with django_capture_on_commit_callbacks(execute=True):
            book_and_hold(package, consult, patient, paris(day, 10))
    notes = Document.objects.filter(kind=Kind.FEE_NOTE).order_by("sequence")
    # 100 € in three parts: 33,34 € then 33,33 € (exact to the cent, like the ledger).
    assert [n.total_cents for n in notes] == [3334, 3333]
    assert all(n.paid_with == "package" and n.refers_to == receipt for n in notes)
    assert [n.number for n in notes] == ["2026-00002", "2026-00003"]

    text = " ".join(pdf_text(render_document_pdf(receipt, language="fr"), tmp_path).split())
    assert "n’est pas une note d’honoraires" in text and "100,00 €" in text
    text = " ".join(pdf_text(render_document_pdf(notes[0], language="fr"), tmp_path).split())
    assert f"Reçu de forfait n° {receipt.number}" in text and "33,34 €" in text


def test_a_platform_wide_package_receipt_is_issued_by_the_platform(
    details, consult, patient, django_capture_on_commit_callbacks
):
    offer = PackageOffer.objects.create(name="3", sessions=3, price_cents=18000)
    with django_capture_on_commit_callbacks(execute=True):
        packages.package_record_at_centre(offer=offer, patient=patient, now=NOW)
    receipt = Document.objects.get()
    assert receipt.series == "platform" and receipt.number.startswith("KH-2026-")
    assert receipt.issuer["name"] == "Khepri SAS" and receipt.practitioner is None


def test_the_catch_up_job_issues_what_a_lost_task_left(details, consult, patient):
    from tests.invoices.conftest import paid_session

    _booking, payment = paid_session(consult, patient)  # after-commit work never ran
    from payments import services as payments

    payments.payment_settle(payment=payment, now=NOW + timedelta(days=8))
    assert not Document.objects.filter(source_key=f"payment:{payment.pk}").exists()
    assert catch_up_documents.call() >= 1
    assert Document.objects.filter(source_key=f"payment:{payment.pk}").exists()
    assert catch_up_documents.call() == 0


def test_the_commission_invoice_and_the_monthly_statement(details, claire, captured, tmp_path):
    _booking, payment = captured
    payment.refresh_from_db()  # captured by the worker, at the real time
    period = payment.updated_at.date().replace(day=1)
    invoice = invoices.commission_invoice_issue(practitioner_id=claire.pk, period=period, now=NOW)
    assert invoice.kind == Kind.COMMISSION_INVOICE and invoice.series == "platform"
    assert invoice.total_cents == 1200 and invoice.vat_cents == 200  # 20 % VAT included
    assert invoice.recipient["siret"] == "73282932000074"
    assert (
        invoices.commission_invoice_issue(practitioner_id=claire.pk, period=period, now=NOW)
        == invoice
    )
    content = render_document_pdf(invoice, language="fr")
    save_first_page(content, "invoices-commission-invoice-fr", tmp_path)
    text = " ".join(pdf_text(content, tmp_path).split())
    assert "Khepri SAS" in text and "facturé à" in text.casefold() and "TVA 20 %" in text

    statement = selectors.monthly_statement(practitioner=claire, period=period)
    assert statement.sessions == 1 and statement.total_cents == 6000
    assert statement.commission_cents == 1200 and statement.net_cents == 4800
    content = render_statement_pdf(statement=statement, language="fr")
    save_first_page(content, "invoices-monthly-statement-fr", tmp_path)
    text = " ".join(pdf_text(content, tmp_path).split())
    assert "Relevé mensuel" in text.title() or "RELEVÉ MENSUEL" in text
    assert "Alice" in text and "Durand" in text and "50 minutes" in text and "48,00 €" in text


def test_erasing_the_patient_keeps_their_notes_and_copied_name(details, captured, patient):
    note = Document.objects.get()
    # The account goes (what an erasure does to the User row); bookings and payments keep
    # their records with SET_NULL, and so do the notes.
    from payments.models import Package

    assert not Package.objects.filter(patient=patient).exists()
    patient.delete()
    note.refresh_from_db()
    assert note.patient is None and note.recipient_name == "Alice Durand"
    assert note.total_cents == 6000 and Document.objects.count() == 1


def test_statement_months_start_on_the_first(details, claire):
    statement = selectors.monthly_statement(practitioner=claire, period=date(2026, 12, 17))
    assert statement.period == date(2026, 12, 1) and statement.rows == []
