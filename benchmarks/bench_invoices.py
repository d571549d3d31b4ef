"""Benchmark: issuing and rendering 1,000 fee notes, on SQLite.

Workload: one practitioner with billing details, 1,000 completed 50-minute sessions paid by
card and captured (written directly, as the payment services would leave them), 200 patients.
Phase 1 issues a fee note for each payment through `fee_note_for_payment` (read the payment,
lock the counter, number, copy, insert — one transaction each). Phase 2 renders each note's
PDF in French and stores it (`document_pdf`, what the worker does after the commit), in
batches of 100, printing the time per note and the process's memory after each batch
(resident set size from /proc, and Python's live objects counted by the garbage collector):
both must stay flat after the first batch (fonts and caches loaded once, no leak).
tracemalloc is left off: it slows rendering several times over. Run with `make bench` (throwaway SQLite file in var/).
"""

import gc
import os
import statistics
import sys
import time as clock
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khepri.settings.dev")
os.environ["SQLITE_PATH"] = str(ROOT / "var" / "bench-invoices.sqlite3")
os.environ["DEBUG"] = "0"
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

NOTES = 1000
BATCH = 100


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def build() -> list[int]:
    from accounts.models import User
    from bookings.models import Booking, SessionType
    from bookings.services import agenda_setup
    from invoices.models import VatRegime
    from invoices.services import billing_details_save
    from payments.models import Payment
    from practitioners.models import Practitioner

    user = User.objects.create_user(
        email="claire@bench.test", first_name="Claire", last_name="Martin"
    )
    practitioner = Practitioner.objects.create(
        user=user, slug="claire", legal_name="Claire Martin", profession="Sophrologue"
    )
    agenda_setup(practitioner=practitioner)
    session_type = SessionType.objects.get(practitioner=practitioner, is_default=True)
    patients = User.objects.bulk_create(
        User(email=f"patient{n}@bench.test", first_name="Alice", last_name=f"Durand {n}")
        for n in range(200)
    )
    start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    bookings = Booking.objects.bulk_create(
        Booking(
            practitioner=practitioner,
            session_type=session_type,
            patient=patients[n % 200],
            start=start + timedelta(hours=n),
            end=start + timedelta(hours=n, minutes=50),
            title="Séance de sophrologie",
            price_cents=6000,
            state=Booking.State.COMPLETED,
            token=f"bench-{n}",
        )
        for n in range(NOTES)
    )
    now = datetime(2026, 3, 1, tzinfo=UTC)
    payments = Payment.objects.bulk_create(
        Payment(
            booking=booking,
            patient=booking.patient,
            practitioner=practitioner,
            gateway="offline",
            status=Payment.Status.CAPTURED,
            amount_cents=6000,
            authorised_cents=6000,
            captured_cents=6000,
            commission_bp=2000,
            commission_cents=1200,
            created_at=now,
            updated_at=now,
        )
        for booking in bookings
    )
    billing_details_save(
        practitioner=practitioner,
        now=now,
        legal_name="Claire Martin",
        profession="Sophrologue",
        address="8 rue des Lilas\n69003 Lyon",
        siret="73282932000074",
        adeli="699512345",
        rpps="",
        vat_regime=VatRegime.EXEMPT_HEALTH,
        vat_rate_bp=0,
    )
    return [payment.pk for payment in payments]


def main() -> None:
    database = Path(os.environ["SQLITE_PATH"])
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{database}{suffix}")
        if path.exists():
            path.unlink()
    call_command("migrate", verbosity=0)

    from django.utils import timezone

    from invoices import services
    from invoices.models import Document, DocumentPdf

    # Issue and render are measured apart: the worker's rendering is phase 2.
    services._render_later = lambda document_id: None
    payment_ids = build()

    started = clock.perf_counter()
    for payment_id in payment_ids:
        services.fee_note_for_payment(payment_id=payment_id, now=timezone.now())
    issue_seconds = clock.perf_counter() - started
    numbers = list(Document.objects.order_by("sequence").values_list("sequence", flat=True))
    assert numbers == list(range(1, NOTES + 1)), "numbers must be continuous"
    print(
        f"issue   {NOTES} fee notes: {issue_seconds:.2f} s, "
        f"{1000 * issue_seconds / NOTES:.2f} ms per note"
    )

    ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
    per_note, rss, python = [], [], []
    total_bytes = 0
    started_all = clock.perf_counter()
    for first in range(0, NOTES, BATCH):
        started = clock.perf_counter()
        for document in Document.objects.filter(pk__in=ids[first : first + BATCH]):
            total_bytes += len(
                services.document_pdf(document=document, language="fr", now=timezone.now())
            )
        elapsed = clock.perf_counter() - started
        gc.collect()
        per_note.append(1000 * elapsed / BATCH)
        rss.append(rss_mib())
        python.append(len(gc.get_objects()))
        print(
            f"render  batch {first // BATCH + 1:2d}: {per_note[-1]:6.1f} ms per note, "
            f"RSS {rss[-1]:6.1f} MiB, {python[-1]:,} live Python objects"
        )
    render_seconds = clock.perf_counter() - started_all
    assert DocumentPdf.objects.count() == NOTES
    print(
        f"render  {NOTES} PDFs: {render_seconds:.1f} s, median {statistics.median(per_note):.1f} ms "
        f"per note, {total_bytes / NOTES / 1024:.1f} KiB per PDF"
    )
    print(
        f"memory  RSS batch 2 → last: {rss[1]:.1f} → {rss[-1]:.1f} MiB "
        f"({rss[-1] - rss[1]:+.1f}); live Python objects {python[1]:,} → {python[-1]:,} "
        f"({python[-1] - python[1]:+,})"
    )


if __name__ == "__main__":
    main()
