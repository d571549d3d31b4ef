"""Document numbers: per issuer (a series) and per calendar year, continuous, without gaps.

The counter row is locked (`select_for_update`) and incremented in the transaction that
creates the document, never with a database sequence: a sequence keeps numbers consumed by
a transaction that rolls back, which would leave a gap. Two issuers never wait on each other;
two documents of one issuer are numbered one after the other.
"""

from __future__ import annotations

from django.db import transaction

from invoices.models import DocumentCounter

#: The platform's own series (its commission and company invoices, platform-wide packages).
PLATFORM_SERIES = "platform"


def practitioner_series(practitioner_id: int) -> str:
    return f"practitioner-{practitioner_id}"


def number_format(*, series: str, year: int, sequence: int) -> str:
    """ "2026-00042" for a practitioner; the platform's numbers start with "KH-"."""
    prefix = "KH-" if series == PLATFORM_SERIES else ""
    return f"{prefix}{year}-{sequence:05d}"


def number_take(*, series: str, year: int) -> int:
    """The next number of `series` for `year`, locked until the caller's transaction ends
    (call inside `transaction.atomic()`, just before creating the document)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A document number is taken inside the transaction that uses it.")
    DocumentCounter.objects.get_or_create(series=series, year=year)
    counter = DocumentCounter.objects.select_for_update().get(series=series, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number
