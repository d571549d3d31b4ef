"""Fee notes: issued once per captured payment, numbered per issuer and year, deferred until
the practitioner's billing details exist, immutable, corrected by credit notes."""

from datetime import timedelta

import pytest

from invoices import services as invoices
from invoices.models import Document, DocumentPdf
from payments import services as payments
from tests.invoices.conftest import NOW, paid_session, paris

pytestmark = pytest.mark.django_db

Kind = Document.Kind


def test_a_captured_session_gets_its_fee_note_with_copied_data(details, captured):
    booking, payment = captured
    note = Document.objects.get()
    assert note.kind == Kind.FEE_NOTE and note.payment == payment and note.booking == booking
    assert note.number == f"{note.year}-00001"
    assert note.issuer["name"] == "Claire Martin" and note.issuer["adeli"] == "699512345"
    assert note.recipient_name == "Alice Durand"
    assert note.total_cents == 6000 and note.vat_cents == 0 and note.paid_with == "card"
    [line] = note.lines
    assert line["label"] == "Séance de sophrologie" and line["label_en"] == "Sophrology session"
    assert line["minutes"] == 50 and line["date"] == "2026-12-14" and line["start"] == "10:00"
    # Rendered by the worker after the commit, in the patient's language.
    assert DocumentPdf.objects.filter(document=note, language="fr").exists()


def test_issuing_twice_gives_the_same_note(details, captured):
    _booking, payment = captured
    again = invoices.fee_note_for_payment(payment_id=payment.pk, now=NOW)
    assert again == Document.objects.get()
    assert invoices.documents_catch_up(now=NOW) == 0


def test_numbers_follow_each_other_per_issuer(
    details, consult, patient, django_capture_on_commit_callbacks
):
    for day in (14, 15, 16):
        with django_capture_on_commit_callbacks(execute=True):
            paid_session(consult, patient, start=paris(day, 10))
    numbers = list(Document.objects.order_by("sequence").values_list("number", flat=True))
    assert numbers == ["2026-00001", "2026-00002", "2026-00003"]


def test_without_billing_details_the_note_waits_then_is_issued(
    claire, consult, patient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _booking, payment = paid_session(consult, patient)
    assert invoices.fee_note_for_payment(payment_id=payment.pk, now=NOW) is None
    assert not Document.objects.exists()
    assert invoices.pending_sources(practitioner_id=claire.pk)["payments"] == [payment.pk]

    with django_capture_on_commit_callbacks(execute=True):
        invoices.billing_details_save(
            practitioner=claire,
            now=NOW,
            legal_name="Claire Martin",
            profession="Sophrologue",
            address="Lyon",
            siret="73282932000074",
            adeli="",
            rpps="",
            vat_regime="franchise_293b",
            vat_rate_bp=0,
        )
    note = Document.objects.get()
    assert note.payment == payment and note.issuer["vat_regime"] == "franchise_293b"
    assert invoices.pending_sources(practitioner_id=claire.pk)["payments"] == []


def test_an_issued_note_never_changes_and_is_never_deleted(details, captured):
    note = Document.objects.get()
    note.total_cents = 1
    with pytest.raises(ValueError):
        note.save()
    with pytest.raises(ValueError):
        note.delete()
    with pytest.raises(ValueError):
        Document.objects.filter(pk=note.pk).update(total_cents=1)
    with pytest.raises(ValueError):
        Document.objects.all().delete()
    with pytest.raises(ValueError):
        Document.objects.filter(pk=note.pk).update(patient=None, total_cents=1)
    note.refresh_from_db()
    assert note.total_cents == 6000


def test_a_refund_issues_a_credit_note_referring_to_the_fee_note(
    details, captured, django_capture_on_commit_callbacks
):
    _booking, payment = captured
    for amount, key in ((2000, "a"), (2000, "a"), (4000, "b")):  # "a" sent twice
        with django_capture_on_commit_callbacks(execute=True):
            payments.payment_refund(payment=payment, amount_cents=amount, now=NOW, request_key=key)
    note = Document.objects.get(kind=Kind.FEE_NOTE)
    credits = Document.objects.filter(kind=Kind.CREDIT_NOTE).order_by("sequence")
    assert [(c.total_cents, c.refers_to_id) for c in credits] == [(2000, note.pk), (4000, note.pk)]
    assert [c.number for c in credits] == ["2026-00002", "2026-00003"]
    assert credits[0].recipient_name == "Alice Durand"
    assert invoices.documents_catch_up(now=NOW) == 0
    assert Document.objects.count() == 3


def test_a_missed_session_fee_is_a_fee_note_for_the_fee(
    details, claire, consult, patient, django_capture_on_commit_callbacks
):
    from bookings import lifecycle
    from bookings.lifecycle import Acting

    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    payment = payments.payment_start(booking=booking, patient=patient, now=NOW)
    payment = payments.payment_card_entered(payment=payment, card="4242424242424242", now=NOW)
    payments.payment_after_provider(payment=payment, now=NOW)
    booking.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.booking_no_show(
            booking=booking,
            acting=Acting.practitioner(claire.user),
            now=booking.end + timedelta(minutes=5),
        )
    note = Document.objects.get()
    assert note.lines[0]["label_en"] == "Fee for a missed session"
    assert note.lines[0]["minutes"] is None and note.total_cents == 3000
