"""Reads: a patient's documents, a practitioner's, what waits for billing details, the
monthly statement."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from django.db.models import Q

from invoices.models import BillingDetails, Document
from invoices.numbering import practitioner_series

#: What a patient receives (and may send to an insurer, or keep).
PATIENT_KINDS = (
    Document.Kind.FEE_NOTE,
    Document.Kind.PACKAGE_RECEIPT,
    Document.Kind.CREDIT_NOTE,
)


def patient_documents(*, user):
    return (
        Document.objects.filter(patient=user, kind__in=PATIENT_KINDS)
        .select_related("refers_to")
        .order_by("-issued_at", "-pk")
    )


def patient_documents_by_year(*, user) -> list[tuple[int, list[Document]]]:
    documents = patient_documents(user=user)
    return [(year, list(group)) for year, group in groupby(documents, key=lambda d: d.year)]


def patient_document(*, user, pk: int) -> Document | None:
    return patient_documents(user=user).filter(pk=pk).first()


def practitioner_documents(*, practitioner):
    """The documents issued in the practitioner's name."""
    return (
        Document.objects.filter(series=practitioner_series(practitioner.pk))
        .select_related("refers_to")
        .order_by("-issued_at", "-pk")
    )


def practitioner_invoices(*, practitioner):
    """The platform's invoices addressed to the practitioner (its commission)."""
    return Document.objects.filter(
        practitioner=practitioner, kind=Document.Kind.COMMISSION_INVOICE
    ).order_by("-period")


def practitioner_document(*, practitioner, pk: int) -> Document | None:
    return (
        Document.objects.filter(pk=pk)
        .filter(
            Q(series=practitioner_series(practitioner.pk))
            | Q(practitioner=practitioner, kind=Document.Kind.COMMISSION_INVOICE)
        )
        .first()
    )


def billing_details_missing(*, practitioner) -> bool:
    return not BillingDetails.objects.filter(practitioner=practitioner).exists()


def documents_waiting(*, practitioner) -> int:
    """How many documents wait for the practitioner's billing details."""
    from invoices.services import pending_sources

    pending = pending_sources(practitioner_id=practitioner.pk)
    return sum(len(ids) for ids in pending.values())


@dataclass
class StatementRow:
    document: Document
    patient: str
    day: date | None
    start: str
    minutes: int | None
    label: str
    amount_cents: int  # negative for a credit note


@dataclass
class MonthlyStatement:
    """A practitioner's month: each document issued in their name (people seen, dates,
    durations, amounts), the total, and the platform's commission from the ledger."""

    practitioner_name: str
    period: date
    rows: list[StatementRow] = field(default_factory=list)
    commission_cents: int = 0
    issuer: dict | None = None

    @property
    def sessions(self) -> int:
        return sum(1 for row in self.rows if row.document.kind == Document.Kind.FEE_NOTE)

    @property
    def total_cents(self) -> int:
        return sum(row.amount_cents for row in self.rows)

    @property
    def net_cents(self) -> int:
        return self.total_cents - self.commission_cents


def monthly_statement(*, practitioner, period: date, language: str = "fr") -> MonthlyStatement:
    from payments.statements import month_bounds
    from payments.statements import monthly_statement as ledger_statement

    start, end = month_bounds(period)
    statement = MonthlyStatement(practitioner_name=practitioner.legal_name, period=start.date())
    documents = practitioner_documents(practitioner=practitioner).filter(
        issued_at__gte=start, issued_at__lt=end, kind__in=PATIENT_KINDS
    )
    for document in documents.order_by("issued_at", "pk"):
        statement.issuer = statement.issuer or document.issuer
        sign = -1 if document.is_credit else 1
        for line in document.lines:
            statement.rows.append(
                StatementRow(
                    document=document,
                    patient=document.recipient_name,
                    day=date.fromisoformat(line["date"]) if line.get("date") else None,
                    start=line.get("start", ""),
                    minutes=line.get("minutes"),
                    label=line["label_en"] if language == "en" else line["label"],
                    amount_cents=sign * line["amount_cents"],
                )
            )
    statement.commission_cents = ledger_statement(practitioner.pk, start.date()).commission_cents
    return statement


def staff_export_rows(*, start, end):
    """Every document issued in [start, end), for the accountants."""
    return (
        Document.objects.filter(issued_at__gte=start, issued_at__lt=end)
        .select_related("refers_to")
        .order_by("series", "year", "sequence")
    )
