"""Issuing documents: fee notes, package receipts, credit notes and the platform's monthly
commission invoices. Every document copies what it prints and is numbered in its issuer's
series (`invoices.numbering`) in the transaction that creates it.

When documents are issued:

* a session paid by card, when its payment is captured (`fee_note_for_payment`; a late
  cancellation or missed-session fee is a fee note for that fee, not for a session);
* a session paid by a package, when its credit is spent (`fee_note_for_package_use`);
* a package purchase (`receipt_for_package`);
* a session paid from the prepaid balance, like a card (`fee_note_for_payment`, "paid from the
  prepaid balance");
* a session paid by the patient's employer, when it is billed to the company
  (`fee_note_for_covered_session`, "paid by the employer's programme": nothing for the patient
  to claim from an insurer, the note says so);
* a refund of a card payment (`credit_note_for_refund`), referring to the payment's fee note;
* each month, the platform's commission invoice to each practitioner
  (`commission_invoice_issue`) and its invoice to each company of an employer programme for
  its employees' sessions (`company_invoice_issue`: one aggregated line, no name).

The rule against claiming the same money twice from an insurer: *only sessions get fee
notes*. Buying a package gives a payment receipt that says it is not a fee note and must not
be sent to an insurer; each session held with the package then gets its fee note for its part
of the package's price (equal parts, exact to the cent, `payments.ledger.unit_price`), marked
"paid by package" with the receipt's number. Unused credits are never on a fee note.

Each document is issued once per source (`Document.source_key` is unique): signals from
`payments` trigger the issue after the payment's change commits, and a periodic job
(`documents_catch_up`) issues whatever a lost task or a missing detail left behind.

A practitioner without billing details gets no fee note yet: the issue is deferred (nothing is
written), their space asks for the details, and saving them issues everything waiting.

"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum

from invoices.models import BillingDetails, Document, VatRegime
from invoices.numbering import (
    PLATFORM_SERIES,
    number_format,
    number_take,
    practitioner_series,
)

logger = logging.getLogger(__name__)

Kind = Document.Kind
PaidWith = Document.PaidWith


@dataclass(frozen=True)
class Line:
    label: str
    amount_cents: int
    label_en: str = ""
    day: date | None = None
    start: str = ""  # "HH:MM", local time of the session
    minutes: int | None = None

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "label_en": self.label_en or self.label,
            "date": self.day.isoformat() if self.day else "",
            "start": self.start,
            "minutes": self.minutes,
            "amount_cents": self.amount_cents,
        }


def platform_issuer() -> dict:
    """The platform's legal details (settings `KHEPRI_PLATFORM_LEGAL`), as documents copy them."""
    legal = settings.KHEPRI_PLATFORM_LEGAL
    return {
        "name": legal["name"],
        "profession": "",
        "address": legal["address"],
        "siret": legal["siret"],
        "vat_number": legal.get("vat_number", ""),
        "adeli": "",
        "rpps": "",
        "vat_regime": VatRegime.RATE,
        "vat_rate_bp": int(legal.get("vat_rate_bp", 2000)),
        "platform": True,
    }


def issuer_of(details: BillingDetails) -> dict:
    return {
        "name": details.legal_name,
        "profession": details.profession,
        "address": details.address,
        "siret": details.siret,
        "vat_number": "",
        "adeli": details.adeli,
        "rpps": details.rpps,
        "vat_regime": details.vat_regime,
        "vat_rate_bp": details.vat_rate_bp if details.vat_regime == VatRegime.RATE else 0,
        "platform": False,
    }


def vat_included(total_cents: int, issuer: dict) -> int:
    """The VAT inside a price that includes it (0 when exempt), rounded to the cent."""
    rate = issuer["vat_rate_bp"] if issuer["vat_regime"] == VatRegime.RATE else 0
    if not rate:
        return 0
    before_tax = (total_cents * 10_000 + (10_000 + rate) // 2) // (10_000 + rate)
    return total_cents - before_tax


def _local(moment: datetime, zone: str | None = None):
    return moment.astimezone(ZoneInfo(zone or settings.TIME_ZONE))


def person_name(user) -> str:
    if user is None:
        return ""
    return f"{user.first_name} {user.last_name}".strip() or user.email


def document_issue(
    *,
    kind: str,
    series: str,
    issuer: dict,
    recipient: dict,
    lines: list[Line],
    source_key: str,
    now: datetime,
    language: str = "fr",
    paid_with: str = "",
    refers_to: Document | None = None,
    period: date | None = None,
    practitioner_id: int | None = None,
    patient=None,
    booking=None,
    payment=None,
    package=None,
) -> Document:
    """Issue one document, numbered in `series` for the year of `now` (platform time zone);
    once per `source_key` (a second call returns the first document). Its PDF is rendered by
    the worker once the transaction commits."""
    total = sum(line.amount_cents for line in lines)
    year = _local(now).year
    try:
        with transaction.atomic():
            sequence = number_take(series=series, year=year)
            # Under the counter's lock: a concurrent issue of the same source has committed.
            existing = Document.objects.filter(source_key=source_key).first()
            if existing is not None:
                transaction.set_rollback(True)  # the number goes back
                return existing
            document = Document.objects.create(
                kind=kind,
                series=series,
                year=year,
                sequence=sequence,
                number=number_format(series=series, year=year, sequence=sequence),
                issued_at=now,
                language=language if language in ("fr", "en") else "fr",
                issuer=issuer,
                recipient=recipient,
                recipient_name=recipient["name"][:200],
                lines=[line.as_json() for line in lines],
                total_cents=total,
                vat_cents=vat_included(total, issuer),
                paid_with=paid_with,
                refers_to=refers_to,
                period=period,
                practitioner_id=practitioner_id,
                patient=patient,
                booking=booking,
                payment=payment,
                package=package,
                source_key=source_key,
            )
            transaction.on_commit(lambda: _render_later(document.pk))
            return document
    except IntegrityError:
        # The same source issued at the same instant elsewhere (its number was given back).
        existing = Document.objects.filter(source_key=source_key).first()
        if existing is None:
            raise
        return existing


def _render_later(document_id: int) -> None:
    from invoices.tasks import render_document

    try:
        render_document.enqueue(document_id)
    except Exception:  # rendered on its first download otherwise
        logger.exception("Could not enqueue the rendering of document %s.", document_id)


# --- Fee notes ----------------------------------------------------------------------------------


def details_of(practitioner_id: int) -> BillingDetails | None:
    return BillingDetails.objects.filter(practitioner_id=practitioner_id).first()


def _session_line(booking, amount_cents: int, *, fee: str = "") -> Line:
    """The act: the session as booked (its title in French and English), or the fee."""
    from django.utils import translation
    from django.utils.translation import gettext

    session_type = booking.session_type
    label = booking.title
    label_en = session_type.display_name("en") if session_type else booking.title
    if session_type is not None:
        label = session_type.display_name("fr")
    if fee:
        labels = {}
        for language in ("fr", "en"):
            with translation.override(language):
                labels[language] = (
                    gettext("Late cancellation fee")
                    if fee == "late"
                    else gettext("Fee for a missed session")
                )
        label, label_en = labels["fr"], labels["en"]
    local = _local(booking.start, booking.time_zone)
    return Line(
        label=label,
        label_en=label_en,
        amount_cents=amount_cents,
        day=local.date(),
        start=local.strftime("%H:%M"),
        minutes=None if fee else round((booking.end - booking.start).total_seconds() / 60),
    )


def _fee_kind(booking) -> str:
    from bookings.models import Booking

    if booking.state == Booking.State.NO_SHOW:
        return "missed"
    if booking.state == Booking.State.CANCELLED_BY_PATIENT:
        return "late"
    return ""


def _recipient(user, fallback: str = "") -> dict:
    return {"name": person_name(user) or fallback, "address": ""}


def fee_note_for_payment(*, payment_id: int, now: datetime) -> Document | None:
    """The fee note of a card payment once captured; None while nothing was captured or the
    practitioner's billing details are missing (deferred)."""
    from payments.models import Payment

    payment = (
        Payment.objects.select_related("booking__session_type", "patient")
        .filter(pk=payment_id)
        .first()
    )
    if payment is None or payment.captured_cents == 0:
        return None
    existing = Document.objects.filter(source_key=f"payment:{payment.pk}").first()
    if existing is not None:
        return existing
    details = details_of(payment.practitioner_id)
    if details is None:
        return None
    booking = payment.booking
    patient = payment.patient or booking.patient
    return document_issue(
        kind=Kind.FEE_NOTE,
        series=practitioner_series(payment.practitioner_id),
        issuer=issuer_of(details),
        recipient=_recipient(patient),
        lines=[_session_line(booking, payment.captured_cents, fee=_fee_kind(booking))],
        source_key=f"payment:{payment.pk}",
        now=now,
        language=getattr(patient, "language", "") or booking.language,
        paid_with=PaidWith.BALANCE if payment.gateway == "balance" else PaidWith.CARD,
        practitioner_id=payment.practitioner_id,
        patient=patient,
        booking=booking,
        payment=payment,
    )


def fee_note_for_covered_session(*, covered_id: int, now: datetime) -> Document | None:
    """The fee note of a session the patient's employer paid, once billed to the company;
    None while it is not billed (or billed nothing) or the billing details are missing."""
    from employers.models import CoveredSession

    covered = (
        CoveredSession.objects.select_related("booking__session_type", "patient")
        .filter(pk=covered_id, settled_at__isnull=False, returned_at__isnull=True)
        .first()
    )
    if covered is None or covered.billed_cents == 0:
        return None
    key = f"covered:{covered.pk}"
    existing = Document.objects.filter(source_key=key).first()
    if existing is not None:
        return existing
    booking = covered.booking
    details = details_of(booking.practitioner_id)
    if details is None:
        return None
    return document_issue(
        kind=Kind.FEE_NOTE,
        series=practitioner_series(booking.practitioner_id),
        issuer=issuer_of(details),
        recipient=_recipient(covered.patient),
        lines=[_session_line(booking, covered.billed_cents, fee=_fee_kind(booking))],
        source_key=key,
        now=now,
        language=getattr(covered.patient, "language", "") or booking.language,
        paid_with=PaidWith.EMPLOYER,
        practitioner_id=booking.practitioner_id,
        patient=covered.patient,
        booking=booking,
    )


def receipt_for_package(*, package_id: int, now: datetime) -> Document | None:
    """The receipt of a package purchase (not a fee note, see the module's rule); issued by
    its practitioner, or by the platform for a package valid with every practitioner."""
    from django.utils import translation
    from django.utils.translation import gettext

    from payments.models import Package

    package = Package.objects.select_related("offer", "patient").filter(pk=package_id).first()
    if package is None:
        return None
    existing = Document.objects.filter(source_key=f"package:{package.pk}").first()
    if existing is not None:
        return existing
    if package.practitioner_id is None:
        issuer, series = platform_issuer(), PLATFORM_SERIES
    else:
        details = details_of(package.practitioner_id)
        if details is None:
            return None
        issuer, series = issuer_of(details), practitioner_series(package.practitioner_id)
    labels = {}
    for language in ("fr", "en"):
        with translation.override(language):
            labels[language] = gettext("Package of %(count)s sessions: %(name)s") % {
                "count": package.sessions_total,
                "name": package.offer.name,
            }
    return document_issue(
        kind=Kind.PACKAGE_RECEIPT,
        series=series,
        issuer=issuer,
        recipient=_recipient(package.patient),
        lines=[
            Line(
                label=labels["fr"],
                label_en=labels["en"],
                amount_cents=package.price_cents,
                day=_local(package.bought_at).date(),
            )
        ],
        source_key=f"package:{package.pk}",
        now=now,
        language=package.patient.language,
        paid_with=PaidWith.CENTRE if package.source == Package.Source.CENTRE else PaidWith.CARD,
        practitioner_id=package.practitioner_id,
        patient=package.patient,
        package=package,
    )


def _package_part(use) -> int:
    """This session's part of its package's price: the n-th settled credit gets the n-th part,
    as the ledger does for platform-wide packages."""
    from payments.ledger import unit_price
    from payments.models import PackageUse

    package = use.package
    index = (
        PackageUse.objects.filter(package=package, settled_at__isnull=False)
        .filter(Q(settled_at__lt=use.settled_at) | Q(settled_at=use.settled_at, pk__lt=use.pk))
        .count()
    )
    return unit_price(package.price_cents, package.sessions_total, index)


def fee_note_for_package_use(*, use_id: int, now: datetime) -> Document | None:
    """The fee note of a session paid by a package, once its credit is spent."""
    from payments.models import PackageUse

    use = (
        PackageUse.objects.select_related(
            "package__patient", "booking__session_type", "booking__patient"
        )
        .filter(pk=use_id, settled_at__isnull=False, returned_at__isnull=True)
        .first()
    )
    if use is None:
        return None
    existing = Document.objects.filter(source_key=f"package-use:{use.pk}").first()
    if existing is not None:
        return existing
    booking = use.booking
    details = details_of(booking.practitioner_id)
    if details is None:
        return None
    receipt = receipt_for_package(package_id=use.package_id, now=now)
    patient = use.package.patient
    return document_issue(
        kind=Kind.FEE_NOTE,
        series=practitioner_series(booking.practitioner_id),
        issuer=issuer_of(details),
        recipient=_recipient(patient),
        lines=[_session_line(booking, _package_part(use), fee=_fee_kind(booking))],
        source_key=f"package-use:{use.pk}",
        now=now,
        language=patient.language,
        paid_with=PaidWith.PACKAGE,
        refers_to=receipt,
        practitioner_id=booking.practitioner_id,
        patient=patient,
        booking=booking,
        package=use.package,
    )


def credit_note_for_refund(*, call_id: int, now: datetime) -> Document | None:
    """The credit note of a recorded refund, referring to the payment's fee note (issued
    first when it was still waiting)."""
    from django.utils import translation
    from django.utils.translation import gettext

    from payments.models import GatewayCall

    call = (
        GatewayCall.objects.select_related("payment")
        .filter(pk=call_id, operation="refund", recorded_at__isnull=False)
        .first()
    )
    if call is None:
        return None
    existing = Document.objects.filter(source_key=f"refund:{call.pk}").first()
    if existing is not None:
        return existing
    original = fee_note_for_payment(payment_id=call.payment_id, now=now)
    if original is None:
        return None
    labels = {}
    for language in ("fr", "en"):
        with translation.override(language):
            labels[language] = gettext("Refund on fee note %(number)s") % {
                "number": original.number
            }
    first = original.lines[0]
    return document_issue(
        kind=Kind.CREDIT_NOTE,
        series=original.series,
        issuer=original.issuer,
        recipient=original.recipient,
        lines=[
            Line(
                label=labels["fr"],
                label_en=labels["en"],
                amount_cents=call.amount_cents,
                day=date.fromisoformat(first["date"]) if first["date"] else None,
                start=first["start"],
                minutes=first["minutes"],
            )
        ],
        source_key=f"refund:{call.pk}",
        now=now,
        language=original.language,
        paid_with=original.paid_with,
        refers_to=original,
        practitioner_id=original.practitioner_id,
        patient=original.patient,
        booking=original.booking,
        payment=original.payment,
    )


# --- The platform's monthly commission invoice ------------------------------------------------


def commission_invoice_issue(
    *, practitioner_id: int, period: date, now: datetime
) -> Document | None:
    """The platform's invoice of its commission on `period` (a month) to a practitioner, from
    the ledger; None when there was no commission (or no billing details to address it to)."""
    from django.utils import translation
    from django.utils.translation import gettext

    from payments.ledger import Account
    from payments.models import LedgerEntry
    from payments.statements import month_bounds

    period = period.replace(day=1)
    key = f"commission:{practitioner_id}:{period:%Y-%m}"
    existing = Document.objects.filter(source_key=key).first()
    if existing is not None:
        return existing
    start, end = month_bounds(period)
    commission = -(
        LedgerEntry.objects.filter(
            practitioner_id=practitioner_id, account=Account.COMMISSION, at__gte=start, at__lt=end
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )
    details = details_of(practitioner_id)
    if commission <= 0 or details is None:
        return None
    labels = {}
    for language in ("fr", "en"):
        with translation.override(language):
            labels[language] = gettext("Platform commission for %(month)s") % {
                "month": f"{period:%m/%Y}"
            }
    return document_issue(
        kind=Kind.COMMISSION_INVOICE,
        series=PLATFORM_SERIES,
        issuer=platform_issuer(),
        recipient={
            "name": details.legal_name,
            "address": details.address,
            "siret": details.siret,
        },
        lines=[Line(label=labels["fr"], label_en=labels["en"], amount_cents=commission)],
        source_key=key,
        now=now,
        language=details.practitioner.user.language,
        paid_with=PaidWith.TRANSFER,
        period=period,
        practitioner_id=practitioner_id,
    )


def commission_invoices_issue(*, period: date, now: datetime) -> int:
    """Every practitioner's commission invoice for `period`; returns how many were issued."""
    from payments.models import LedgerEntry
    from payments.statements import month_bounds

    start, end = month_bounds(period)
    practitioners = (
        LedgerEntry.objects.filter(account="commission", at__gte=start, at__lt=end)
        .exclude(practitioner__isnull=True)
        .values_list("practitioner_id", flat=True)
        .distinct()
    )
    issued = 0
    for practitioner_id in practitioners:
        issued += (
            commission_invoice_issue(practitioner_id=practitioner_id, period=period, now=now)
            is not None
        )
    return issued


def company_invoice_issue(*, company_id: int, period: date, now: datetime) -> Document | None:
    """The platform's invoice to a company for its employees' sessions of `period` (a month):
    the lines of `employers.reports.billable_lines` — a number of sessions and an amount, never
    who consulted whom. None when nothing was billed that month."""
    from django.utils import translation
    from django.utils.translation import ngettext

    from employers.models import Company
    from employers.reports import billable_lines

    period = period.replace(day=1)
    key = f"company:{company_id}:{period:%Y-%m}"
    existing = Document.objects.filter(source_key=key).first()
    if existing is not None:
        return existing
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        return None
    lines = []
    for line in billable_lines(company_id, period):
        labels = {}
        for language in ("fr", "en"):
            with translation.override(language):
                labels[language] = ngettext(
                    "%(count)s session under the employee programme",
                    "%(count)s sessions under the employee programme",
                    line.quantity,
                ) % {"count": line.quantity}
        lines.append(
            Line(label=labels["fr"], label_en=labels["en"], amount_cents=line.amount_cents)
        )
    if not lines:
        return None
    return document_issue(
        kind=Kind.COMPANY_INVOICE,
        series=PLATFORM_SERIES,
        issuer=platform_issuer(),
        recipient={
            "name": company.billing_name or company.name,
            "address": company.billing_address,
            "vat_number": company.vat_number,
            # Copied like the rest: the term printed stays the term it is due by.
            "payment_days": settings.KHEPRI_COMPANY_INVOICE_PAYMENT_DAYS,
        },
        lines=lines,
        source_key=key,
        now=now,
        period=period,
    )


def company_invoices_issue(*, period: date, now: datetime) -> int:
    """Every company's invoice for `period`; returns how many were issued."""
    from employers.models import Company

    return sum(
        company_invoice_issue(company_id=company_id, period=period, now=now) is not None
        for company_id in Company.objects.values_list("pk", flat=True)
    )


# --- Billing details and catching up ------------------------------------------------------------


def billing_details_save(*, practitioner, now: datetime, **values) -> BillingDetails:
    """Save a practitioner's billing details, then issue every document that waited for them
    (its PDFs rendered after the commit)."""
    details, _created = BillingDetails.objects.update_or_create(
        practitioner=practitioner, defaults=values
    )
    documents_catch_up(now=now, practitioner_id=practitioner.pk)
    return details


def pending_sources(
    *, practitioner_id: int | None = None, patient_id: int | None = None, limit: int = 500
) -> dict[str, list]:
    """Ids of what should have a document and has none: captured payments, spent package
    credits, package purchases, recorded refunds (of one practitioner, or one patient)."""
    from payments.models import GatewayCall, Package, PackageUse, Payment

    issued = Document.objects.values_list("source_key", flat=True)

    def missing(queryset, prefix):
        keys = {f"{prefix}{pk}" for pk in queryset.values_list("pk", flat=True)}
        done = set(issued.filter(source_key__in=keys))
        return sorted(int(key.removeprefix(prefix)) for key in keys - done)[:limit]

    from employers.models import CoveredSession

    payments = Payment.objects.filter(captured_cents__gt=0)
    covered = CoveredSession.objects.filter(
        settled_at__isnull=False, returned_at__isnull=True, billed_cents__gt=0
    )
    uses = PackageUse.objects.filter(settled_at__isnull=False, returned_at__isnull=True)
    packages = Package.objects.all()
    refunds = GatewayCall.objects.filter(operation="refund", recorded_at__isnull=False)
    if practitioner_id is not None:
        payments = payments.filter(practitioner_id=practitioner_id)
        uses = uses.filter(booking__practitioner_id=practitioner_id)
        packages = packages.filter(practitioner_id=practitioner_id)
        refunds = refunds.filter(payment__practitioner_id=practitioner_id)
        covered = covered.filter(booking__practitioner_id=practitioner_id)
    if patient_id is not None:
        # A payment names its patient, or (older rows) only its booking does.
        paid_by = Q(patient_id=patient_id) | Q(patient__isnull=True, booking__patient_id=patient_id)
        payments = payments.filter(paid_by)
        uses = uses.filter(package__patient_id=patient_id)
        packages = packages.filter(patient_id=patient_id)
        refunds = refunds.filter(payment__in=Payment.objects.filter(paid_by))
        covered = covered.filter(patient_id=patient_id)
    return {
        "covered": missing(covered, "covered:"),
        "payments": missing(payments, "payment:"),
        "package_uses": missing(uses, "package-use:"),
        "packages": missing(packages, "package:"),
        "refunds": missing(refunds, "refund:"),
    }


def documents_catch_up(
    *,
    now: datetime,
    practitioner_id: int | None = None,
    patient_id: int | None = None,
    limit: int = 500,
) -> int:
    """Issue whatever is missing (a lost task, details filled in since); returns how many."""
    pending = pending_sources(practitioner_id=practitioner_id, patient_id=patient_id, limit=limit)
    issued = 0
    for package_id in pending["packages"]:
        issued += receipt_for_package(package_id=package_id, now=now) is not None
    for payment_id in pending["payments"]:
        issued += fee_note_for_payment(payment_id=payment_id, now=now) is not None
    for use_id in pending["package_uses"]:
        issued += fee_note_for_package_use(use_id=use_id, now=now) is not None
    for covered_id in pending["covered"]:
        issued += fee_note_for_covered_session(covered_id=covered_id, now=now) is not None
    for call_id in pending["refunds"]:
        issued += credit_note_for_refund(call_id=call_id, now=now) is not None
    return issued


def document_pdf(*, document: Document, language: str, now: datetime) -> bytes:
    """The document's PDF in `language` (fr or en): stored once rendered."""
    from invoices.models import DocumentPdf
    from invoices.rendering import render_document_pdf

    language = language if language in ("fr", "en") else document.language
    stored = DocumentPdf.objects.filter(document=document, language=language).first()
    if stored is not None:
        return bytes(stored.content)
    content = render_document_pdf(document, language=language)
    try:
        with transaction.atomic():
            DocumentPdf.objects.create(
                document=document, language=language, content=content, rendered_at=now
            )
    except IntegrityError:
        pass  # rendered at the same moment by the worker: the same bytes
    return content
