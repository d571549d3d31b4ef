"""The PDF: every mention a French fee note needs, in French and English, as selectable text;
fonts embedded; A4; tagged; nothing fetched from the network. The first page is saved as a PNG
in var/screenshots/ to be looked at."""

import shutil
import subprocess
from pathlib import Path

import pytest

from invoices import services as invoices
from invoices.models import Document
from invoices.rendering import LocalOnlyFetcher, pdf_from_html, render_document_pdf
from payments import services as payments
from tests.invoices.conftest import NOW, pdf_text

pytestmark = pytest.mark.django_db

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_french_fee_note_says_everything_an_insurer_needs(details, captured, tmp_path):
    note = Document.objects.get()
    text = flat(pdf_text(render_document_pdf(note, language="fr"), tmp_path))
    for mention in (
        "Note d’honoraires",
        f"N° {note.number}",
        "Claire Martin",
        "Sophrologue",
        "8 rue des Lilas",
        "69003 Lyon",
        "SIRET 73282932000074",
        "ADELI 699512345",
        "Alice Durand",
        "14 décembre 2026",
        "10:00",
        "Séance de sophrologie",
        "50 minutes",
        "60,00 €",
        "Réglée par carte bancaire",
        "Acquittée",
        "TVA non applicable, art. 261-4-1° du CGI",
        "Émise le",
    ):
        assert mention.casefold() in text.casefold(), mention


def test_the_english_fee_note_says_the_same(details, captured, tmp_path):
    note = Document.objects.get()
    text = flat(pdf_text(render_document_pdf(note, language="en"), tmp_path))
    for mention in (
        "Fee note",
        f"No. {note.number}",
        "SIRET 73282932000074",
        "ADELI 699512345",
        "Alice Durand",
        "14 December 2026",
        "Sophrology session",
        "50 minutes",
        "€60.00",
        "Paid by card",
        "Paid in full",
        "VAT not applicable, art. 261-4-1° of the French tax code (CGI)",
    ):
        assert mention.casefold() in text.casefold(), mention


def test_a_credit_note_and_a_vat_rate_are_printed(
    claire, captured, tmp_path, django_capture_on_commit_callbacks
):
    _booking, payment = captured
    with django_capture_on_commit_callbacks(execute=True):
        invoices.billing_details_save(
            practitioner=claire,
            now=NOW,
            legal_name="Claire Martin EI",
            profession="Sophrologue",
            address="Lyon",
            siret="73282932000074",
            adeli="",
            rpps="10003456789",
            vat_regime="rate",
            vat_rate_bp=2000,
        )
        payments.payment_refund(payment=payment, amount_cents=1500, now=NOW, request_key="x")
    note = Document.objects.get(kind="fee_note")
    assert note.vat_cents == 1000  # 60 € including 20 % VAT: 50 € + 10 €
    text = flat(pdf_text(render_document_pdf(note, language="fr"), tmp_path))
    assert "TVA 20 %" in text and "10,00 €" in text and "50,00 €" in text
    assert "RPPS 10003456789" in text and "non applicable" not in text
    credit = Document.objects.get(kind="credit_note")
    text = flat(pdf_text(render_document_pdf(credit, language="fr"), tmp_path))
    assert "avoir" in text.casefold() and f"Note d’honoraires n° {note.number}" in text
    assert "−15,00 €" in text


def test_the_pdf_is_a4_with_embedded_fonts_and_tags(details, captured, tmp_path):
    note = Document.objects.get()
    path = tmp_path / "note.pdf"
    path.write_bytes(render_document_pdf(note, language="fr"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "(A4)" in info and "Tagged:          yes" in info
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = [row for row in fonts.splitlines()[2:] if row.strip()]
    assert rows and all(" yes " in row for row in rows)  # every font embedded
    assert "DejaVu" in fonts


def test_the_first_page_as_an_image(details, captured, tmp_path):
    assert shutil.which("pdftoppm")
    note = Document.objects.get()
    for language in ("fr", "en"):
        path = tmp_path / f"note-{language}.pdf"
        path.write_bytes(render_document_pdf(note, language=language))
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"invoices-fee-note-{language}"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(path),
                str(target),
            ],
            check=True,
        )
        assert Path(f"{target}.png").stat().st_size > 10_000


def test_no_remote_address_is_ever_fetched():
    fetcher = LocalOnlyFetcher()
    for url in ("https://example.com/logo.png", "http://127.0.0.1/x.css", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    # A document pointing at a remote image still renders, without it.
    pdf = pdf_from_html('<p>Texte</p><img src="https://example.com/tracker.png" alt="">')
    assert pdf.startswith(b"%PDF")
