# ruff: noqa: F811 - the fixtures are shared with tests.bookings.test_notify
"""Fixtures of the invoices tests: Claire Martin (sophrologist, 60 € sessions) with her billing
details, Alice Durand her patient, and a session of hers paid by card and captured."""

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from bookings import lifecycle
from bookings.lifecycle import Acting
from invoices import services as invoices
from invoices.models import VatRegime
from payments import services as payments
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
)

CARD = "4242 4242 4242 4242"
#: A SIRET that passes the Luhn check.
SIRET = "73282932000074"


@pytest.fixture
def details(claire):
    return invoices.billing_details_save(
        practitioner=claire,
        now=NOW,
        legal_name="Claire Martin",
        profession="Sophrologue",
        address="8 rue des Lilas\n69003 Lyon",
        siret=SIRET,
        adeli="699512345",
        rpps="",
        vat_regime=VatRegime.EXEMPT_HEALTH,
        vat_rate_bp=0,
    )


def paid_session(consult, patient, start=None):
    """A session booked and authorised by card, held, then captured (60 €)."""
    booking = lifecycle.hold_create(session_type=consult, start=start or paris(14, 10), now=NOW)
    payment = payments.payment_start(booking=booking, patient=patient, now=NOW)
    payment = payments.payment_card_entered(payment=payment, card=CARD, now=NOW)
    payment = payments.payment_after_provider(payment=payment, now=NOW)
    booking.refresh_from_db()
    lifecycle.booking_complete(
        booking=booking,
        acting=Acting.practitioner(booking.practitioner.user),
        now=booking.end + timedelta(minutes=5),
    )
    payment.refresh_from_db()
    return booking, payment


@pytest.fixture
def captured(consult, patient, django_capture_on_commit_callbacks):
    """A captured session, its after-commit work run (fee note issued if details exist)."""
    with django_capture_on_commit_callbacks(execute=True):
        return paid_session(consult, patient)


def pdf_text(content: bytes, tmp_path) -> str:
    assert shutil.which("pdftotext"), "poppler-utils is needed (scripts/system-deps.sh)"
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def save_first_page(content: bytes, name: str, tmp_path) -> Path:
    """The PDF's first page as var/screenshots/<name>.png (to look at)."""
    assert shutil.which("pdftoppm"), "poppler-utils is needed (scripts/system-deps.sh)"
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / name
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
    return Path(f"{target}.png")
