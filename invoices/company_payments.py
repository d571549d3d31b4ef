"""Companies paying the platform's invoices (employer programmes), and where each invoice stands.

Writes (`company_payment_record`, `company_payment_reverse`): staff record a bank transfer
received against one company invoice, or reverse a record made by mistake (with a reason). Each
is its own `CompanyPayment` row — the invoice itself never changes — and writes one balanced
ledger movement `company` → `bank_received` (`payments.ledger.company_payment`), in integer
cents. Both take the invoice's row lock first (one lock per transaction, before the checks), so
two staff recording the last payment at once record it once; the same bank reference twice on
one invoice is refused by the database as well.

Reads (`invoice_state`, `company_invoice_states`): what is paid, what remains, when it is due
(`issued_at` + the payment term copied on the invoice, `KHEPRI_COMPANY_INVOICE_PAYMENT_DAYS`
for invoices issued before the term was copied) and whether it is overdue.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from invoices.models import CompanyPayment, Document
from payments import ledger
from payments.models import LedgerEntry
from payments.services import PaymentError

COMPANY_KEY_PREFIX = "company:"


class CompanyPaymentError(PaymentError):
    """A payment record refused, in words for the staff member who typed it."""


def company_id_of(document: Document) -> int | None:
    """The company a company invoice bills (its `source_key` is "company:<id>:<YYYY-MM>")."""
    if document.kind != Document.Kind.COMPANY_INVOICE:
        return None
    try:
        return int(document.source_key.split(":")[1])
    except (IndexError, ValueError):
        return None


def company_invoices(company_id: int):
    """Every invoice issued to one company, newest first."""
    return Document.objects.filter(
        kind=Document.Kind.COMPANY_INVOICE,
        source_key__startswith=f"{COMPANY_KEY_PREFIX}{company_id}:",
    ).order_by("-issued_at", "-pk")


def _money(amount_cents: int) -> str:
    from site_pages.templatetags.khepri_tags import cents

    return cents(amount_cents)


def _write(amount_cents: int, *, kind: str, currency: str, movement, now: datetime) -> None:
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            movement=movement,
            account=entry.account,
            amount_cents=entry.amount_cents,
            currency=currency,
            kind=kind,
            at=now,
        )
        for entry in ledger.company_payment(amount_cents)
    )


def _paid_cents(document_id: int) -> int:
    return sum(
        CompanyPayment.objects.filter(document_id=document_id).values_list(
            "amount_cents", flat=True
        )
    )


def _locked_invoice(document_id: int) -> Document:
    document = (
        Document.objects.select_for_update()
        .filter(pk=document_id, kind=Document.Kind.COMPANY_INVOICE)
        .first()
    )
    if document is None or company_id_of(document) is None:
        raise CompanyPaymentError(_("This company invoice does not exist."))
    return document


def company_payment_record(
    *,
    document_id: int,
    amount_cents: int,
    received_on: date,
    bank_reference: str,
    recorded_by,
    now: datetime,
) -> CompanyPayment:
    """Record a transfer received on a company invoice: part or all of what is still due,
    never more; the same bank reference once per invoice (a double click records once)."""
    reference = " ".join((bank_reference or "").split())
    if not reference:
        raise CompanyPaymentError(_("Write the bank reference of the transfer."))
    if amount_cents <= 0:
        raise CompanyPaymentError(_("The amount received must be more than zero."))
    duplicate = CompanyPaymentError(
        _("A payment with the bank reference “%(reference)s” is already recorded on this invoice.")
        % {"reference": reference}
    )
    try:
        with transaction.atomic():
            document = _locked_invoice(document_id)
            earlier = CompanyPayment.objects.filter(
                document=document, bank_reference=reference, reverses__isnull=True
            )
            if earlier.filter(reversed_by__isnull=True).exists():
                raise duplicate
            remaining = document.total_cents - _paid_cents(document.pk)
            if remaining <= 0:
                raise CompanyPaymentError(_("This invoice is already paid in full."))
            if amount_cents > remaining:
                raise CompanyPaymentError(
                    _("%(amount)s is more than what is still due on this invoice (%(remaining)s).")
                    % {"amount": _money(amount_cents), "remaining": _money(remaining)}
                )
            movement = uuid.uuid4()
            payment = CompanyPayment.objects.create(
                document=document,
                company_id=company_id_of(document),
                amount_cents=amount_cents,
                received_on=received_on,
                bank_reference=reference,
                attempt=earlier.count(),
                recorded_by=recorded_by,
                recorded_at=now,
                movement=movement,
            )
            _write(
                amount_cents,
                kind="company_payment",
                currency=document.currency,
                movement=movement,
                now=now,
            )
    except IntegrityError:
        # The same reference recorded at the same moment (the unique constraint decided).
        raise duplicate from None
    return payment


def company_payment_reverse(
    *, payment_id: int, reason: str, recorded_by, now: datetime
) -> CompanyPayment:
    """Cancel a payment recorded by mistake with a reversing record (never a deletion): what it
    paid is due again, and the ledger movement is written back."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise CompanyPaymentError(_("Say why this payment record is reversed."))
    already = CompanyPaymentError(_("This payment record was already reversed."))
    try:
        with transaction.atomic():
            original = CompanyPayment.objects.filter(pk=payment_id, reverses__isnull=True).first()
            if original is None:
                raise CompanyPaymentError(_("This payment record does not exist."))
            document = _locked_invoice(original.document_id)
            if CompanyPayment.objects.filter(reverses=original).exists():
                raise already
            movement = uuid.uuid4()
            reversal = CompanyPayment.objects.create(
                document=document,
                company_id=original.company_id,
                amount_cents=-original.amount_cents,
                received_on=original.received_on,
                bank_reference=original.bank_reference,
                reverses=original,
                reason=reason[:300],
                recorded_by=recorded_by,
                recorded_at=now,
                movement=movement,
            )
            _write(
                -original.amount_cents,
                kind="company_payment_reversal",
                currency=document.currency,
                movement=movement,
                now=now,
            )
    except IntegrityError:
        raise already from None
    return reversal


# --- Where an invoice stands --------------------------------------------------------------------


class Status:
    DUE = "due"
    PARTLY_PAID = "partly_paid"
    OVERDUE = "overdue"
    PAID = "paid"


STATUS_LABELS = {
    Status.DUE: gettext_lazy("Due"),
    Status.PARTLY_PAID: gettext_lazy("Partly paid"),
    Status.OVERDUE: gettext_lazy("Overdue"),
    Status.PAID: gettext_lazy("Paid"),
}


@dataclass(frozen=True)
class InvoiceState:
    document: Document
    company_id: int | None
    paid_cents: int
    due_on: date
    #: When the last transfer that completed it was received (paid invoices only).
    paid_on: date | None
    today: date

    @property
    def remaining_cents(self) -> int:
        return self.document.total_cents - self.paid_cents

    @property
    def overdue(self) -> bool:
        return self.remaining_cents > 0 and self.today > self.due_on

    @property
    def status(self) -> str:
        if self.remaining_cents <= 0:
            return Status.PAID
        if self.overdue:
            return Status.OVERDUE
        return Status.PARTLY_PAID if self.paid_cents else Status.DUE

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def summary(self) -> str:
        """The state in one line: "Paid on 3 March 2026", "Partly paid: 20,00 € paid,
        40,00 € remaining", "Overdue since 1 April 2026"..."""
        from django.utils.formats import date_format

        if self.status == Status.PAID:
            return _("Paid on %(date)s") % {"date": date_format(self.paid_on, "DATE_FORMAT")}
        parts = []
        if self.overdue:
            parts.append(
                _("Overdue since %(date)s") % {"date": date_format(self.due_on, "DATE_FORMAT")}
            )
        else:
            parts.append(_("Due by %(date)s") % {"date": date_format(self.due_on, "DATE_FORMAT")})
        if self.paid_cents:
            parts.append(
                _("%(paid)s paid, %(remaining)s remaining")
                % {"paid": _money(self.paid_cents), "remaining": _money(self.remaining_cents)}
            )
        return " — ".join(parts)


def due_on(document: Document) -> date:
    days = document.recipient.get("payment_days", settings.KHEPRI_COMPANY_INVOICE_PAYMENT_DAYS)
    issued = document.issued_at.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    return issued + timedelta(days=int(days))


def _state(document: Document, payments: list[CompanyPayment], today: date) -> InvoiceState:
    paid = sum(payment.amount_cents for payment in payments)
    standing = [p for p in payments if p.reverses_id is None and not _is_reversed(p, payments)]
    paid_on = None
    if paid >= document.total_cents and standing:
        paid_on = max(payment.received_on for payment in standing)
    return InvoiceState(
        document=document,
        company_id=company_id_of(document),
        paid_cents=paid,
        due_on=due_on(document),
        paid_on=paid_on,
        today=today,
    )


def _is_reversed(payment: CompanyPayment, payments: list[CompanyPayment]) -> bool:
    return any(other.reverses_id == payment.pk for other in payments)


def invoice_state(document: Document, *, today: date) -> InvoiceState:
    return _state(document, list(CompanyPayment.objects.filter(document=document)), today)


def _order(state: InvoiceState):
    """Overdue first (the longest overdue on top), then what is still to be paid by due date,
    then paid invoices, newest first."""
    rank = {Status.OVERDUE: 0, Status.PARTLY_PAID: 1, Status.DUE: 1, Status.PAID: 2}[state.status]
    if state.status == Status.PAID:
        return (rank, -state.document.issued_at.timestamp())
    return (rank, state.due_on.toordinal())


def company_invoice_states(
    *,
    today: date,
    company_id: int | None = None,
    status: str | None = None,
    documents=None,
) -> list[InvoiceState]:
    """Company invoices with their state, overdue first; `status` keeps one state ("unpaid":
    every invoice with something still due)."""
    if documents is None:
        documents = (
            company_invoices(company_id)
            if company_id is not None
            else Document.objects.filter(kind=Document.Kind.COMPANY_INVOICE)
        )
    documents = list(
        documents.filter(kind=Document.Kind.COMPANY_INVOICE).prefetch_related("company_payments")
    )
    states = [_state(d, list(d.company_payments.all()), today) for d in documents]
    if status == "unpaid":
        states = [state for state in states if state.status != Status.PAID]
    elif status:
        states = [state for state in states if state.status == status]
    return sorted(states, key=_order)


# --- The overdue reminder -------------------------------------------------------------------------


def _reminder_address(company) -> str:
    if company.billing_email:
        return company.billing_email
    contact = company.hr_contacts.exclude(email="").order_by("pk").first()
    return contact.email if contact else ""


def overdue_reminders_send(*, now: datetime) -> int:
    """Remind each company once of an invoice that became overdue (to its billing address, or
    its first HR contact); returns how many were queued. The reminder row is unique per
    invoice: a second run, or two at once, send nothing more."""
    from django.utils import formats, translation

    from bookings.notify import _absolute, _money
    from employers.models import Company
    from invoices.messages import COMPANY_INVOICE_OVERDUE
    from invoices.models import CompanyInvoiceReminder
    from notifications.services import email_queue

    today = now.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    pending = Document.objects.filter(
        kind=Document.Kind.COMPANY_INVOICE, overdue_reminder__isnull=True
    )
    sent = 0
    for state in company_invoice_states(today=today, status=Status.OVERDUE, documents=pending):
        company = Company.objects.filter(pk=state.company_id).first()
        address = _reminder_address(company) if company else ""
        if not address:
            continue
        document = state.document
        language = document.language if document.language in ("fr", "en") else "fr"
        with translation.override(language):
            values = {
                "number": document.number,
                "issued_on": formats.date_format(
                    document.issued_at.astimezone(ZoneInfo(settings.TIME_ZONE)).date(),
                    "SHORT_DATE_FORMAT",
                ),
                "due_on": formats.date_format(state.due_on, "SHORT_DATE_FORMAT"),
                "amount": _money(document.total_cents, document.currency),
                "remaining": _money(state.remaining_cents, document.currency),
                "invoices_url": _absolute("/company/" if language == "fr" else "/en/company/"),
                "sender_name": settings.KHEPRI_SENDER_NAME,
            }
        try:
            with transaction.atomic():
                CompanyInvoiceReminder.objects.create(
                    document=document, sent_to=address, sent_at=now
                )
                email_queue(COMPANY_INVOICE_OVERDUE, to=address, language=language, values=values)
        except IntegrityError:
            continue  # reminded by another run at the same moment
        sent += 1
    return sent
