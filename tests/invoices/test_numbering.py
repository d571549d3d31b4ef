"""Numbers per issuer and year: continuous, no gap and no duplicate, whatever runs at the same
time and whatever rolls back. Real transactions in threads (run on SQLite and PostgreSQL)."""

import random
import threading

import pytest
from django.db import connection, transaction

from invoices import services as invoices
from invoices.models import Document, DocumentCounter
from invoices.numbering import PLATFORM_SERIES, number_format, number_take
from tests.invoices.conftest import NOW

ISSUER = {
    "name": "Claire Martin",
    "profession": "Sophrologue",
    "address": "Lyon",
    "siret": "73282932000074",
    "adeli": "",
    "rpps": "",
    "vat_regime": "franchise_293b",
    "vat_rate_bp": 0,
}


class Abandoned(Exception):
    """Raised after a number was taken, to roll the whole transaction back."""


def issue(series: str, key: str, *, abandon: bool = False):
    with transaction.atomic():
        document = invoices.document_issue(
            kind=Document.Kind.FEE_NOTE,
            series=series,
            issuer=ISSUER,
            recipient={"name": "Alice Durand", "address": ""},
            lines=[invoices.Line(label="Séance", amount_cents=6000)],
            source_key=key,
            now=NOW,
        )
        if abandon:
            raise Abandoned
        return document


def run_in_threads(work, count):
    errors = []

    def target(index):
        try:
            work(index)
        except Abandoned:
            pass
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_with_rollbacks_leave_no_gap_and_no_duplicate():
    random.seed(7)
    abandon = {index for index in range(40) if random.random() < 0.3}
    series = ["practitioner-1", "practitioner-2"]

    def work(index):
        issue(series[index % 2], f"test:{index}", abandon=index in abandon)

    errors = run_in_threads(work, 40)

    assert errors == []
    for name in series:
        kept = [i for i in range(40) if i % 2 == series.index(name) and i not in abandon]
        sequences = sorted(Document.objects.filter(series=name).values_list("sequence", flat=True))
        assert sequences == list(range(1, len(kept) + 1))  # continuous from 1
        assert DocumentCounter.objects.get(series=name).last_number == len(kept)
    assert Document.objects.values("series", "sequence").distinct().count() == 40 - len(abandon)


@pytest.mark.django_db(transaction=True)
def test_the_same_source_issued_at_once_gives_one_document_and_no_gap():
    errors = run_in_threads(lambda index: issue(PLATFORM_SERIES, "payment:1"), 8)
    assert errors == []
    document = Document.objects.get()
    assert document.sequence == 1 and document.number == "KH-2026-00001"
    assert DocumentCounter.objects.get(series=PLATFORM_SERIES).last_number == 1
    issue(PLATFORM_SERIES, "payment:2")
    assert Document.objects.get(source_key="payment:2").sequence == 2


@pytest.mark.django_db
def test_each_year_starts_again_at_one():
    with transaction.atomic():
        assert number_take(series="practitioner-1", year=2026) == 1
        assert number_take(series="practitioner-1", year=2026) == 2
        assert number_take(series="practitioner-1", year=2027) == 1
        assert number_take(series="practitioner-2", year=2026) == 1
    assert number_format(series="practitioner-1", year=2027, sequence=1) == "2027-00001"


@pytest.mark.django_db(transaction=True)
def test_a_number_is_only_taken_inside_a_transaction():
    with pytest.raises(RuntimeError):
        number_take(series="practitioner-1", year=2026)
