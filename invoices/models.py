"""Invoicing records: the practitioner's billing details, the numbered documents (fee notes,
package receipts, credit notes, the platform's invoices), their counters and rendered PDFs.

A `Document` copies everything it prints when it is issued and never changes afterwards: no
update, no deletion (model and queryset guards, like `payments.LedgerEntry`). The only writes
ever allowed on an issued document are the database's own `SET_NULL` when a linked record
(the patient's account, a booking) is erased: the copied name and lines stay, for the ten years
the law asks fee notes to be kept. A correction is a new document (a credit note).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: The links an erasure may clear on an issued document (`on_delete=SET_NULL`).
ERASABLE_LINKS = frozenset({"patient", "booking", "payment", "package"})


class VatRegime(models.TextChoices):
    #: Care given by a health professional holding an ADELI/RPPS number.
    EXEMPT_HEALTH = "exempt_261", _("VAT exempt (art. 261-4-1° of the French tax code)")
    #: Micro-entrepreneurs under the turnover threshold.
    FRANCHISE = "franchise_293b", _("VAT franchise (art. 293 B of the French tax code)")
    RATE = "rate", _("VAT charged at a rate")


class BillingDetails(models.Model):
    """What a practitioner's fee notes print about them. Without it no note is issued in
    their name: the notes wait (see `invoices.services`) and their space asks for it."""

    practitioner = models.OneToOneField(
        "practitioners.Practitioner", on_delete=models.CASCADE, related_name="billing_details"
    )
    legal_name = models.CharField(
        _("legal name"), max_length=200, help_text=_("As registered for your SIRET.")
    )
    profession = models.CharField(
        _("profession"), max_length=120, help_text=_("As printed on your fee notes.")
    )
    address = models.TextField(_("professional address"), max_length=400)
    siret = models.CharField(_("SIRET"), max_length=14, help_text=_("14 digits."))
    adeli = models.CharField(_("ADELI number"), max_length=9, blank=True)
    rpps = models.CharField(_("RPPS number"), max_length=11, blank=True)
    vat_regime = models.CharField(
        _("VAT"), max_length=16, choices=VatRegime.choices, default=VatRegime.FRANCHISE
    )
    #: Basis points (2000 = 20 %), only with `VatRegime.RATE`.
    vat_rate_bp = models.PositiveIntegerField(_("VAT rate (basis points)"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("billing details")
        verbose_name_plural = _("billing details")

    def __str__(self):
        return self.legal_name


class DocumentCounter(models.Model):
    """The last number used in a series for a year. Taken under a row lock in the transaction
    that creates the document: a rollback gives the number back, so numbers have no gap."""

    series = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="document_counter_once")
        ]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last_number}"


class DocumentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if not set(kwargs) <= ERASABLE_LINKS or any(value is not None for value in kwargs.values()):
            raise ValueError("Issued documents never change: issue a credit note.")
        return super().update(**kwargs)

    def delete(self):
        raise ValueError("Issued documents are kept: they are never deleted.")


class Document(models.Model):
    """One numbered document, as issued."""

    class Kind(models.TextChoices):
        FEE_NOTE = "fee_note", _("Fee note")
        PACKAGE_RECEIPT = "package_receipt", _("Package receipt")
        CREDIT_NOTE = "credit_note", _("Credit note")
        COMMISSION_INVOICE = "commission_invoice", _("Commission invoice")
        COMPANY_INVOICE = "company_invoice", _("Company invoice")

    class PaidWith(models.TextChoices):
        CARD = "card", _("Card")
        PACKAGE = "package", _("Package")
        CENTRE = "centre", _("Paid at the centre")
        EMPLOYER = "employer", _("Employer programme")
        BALANCE = "balance", _("Prepaid balance")
        TRANSFER = "transfer", _("Deducted from payouts")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    #: The numbering series (one per issuer) and the number within it for the year.
    series = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=40)
    issued_at = models.DateTimeField(_("issued at"))
    #: The language it is rendered in by default (the patient's).
    language = models.CharField(max_length=8, default="fr")
    #: Copied at issue: name, profession, address, siret, adeli, rpps, vat_regime, vat_rate_bp.
    issuer = models.JSONField()
    #: Copied at issue: name (and address for businesses).
    recipient = models.JSONField()
    recipient_name = models.CharField(_("recipient"), max_length=200)
    #: Copied lines: label, label_en, date (ISO), start (ISO time), minutes, amount_cents.
    lines = models.JSONField()
    total_cents = models.PositiveIntegerField(_("amount (cents)"))
    vat_cents = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3, default="EUR")
    paid_with = models.CharField(max_length=12, choices=PaidWith.choices, blank=True)
    #: A credit note's original; a session paid by a package: the package's receipt.
    refers_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="referred_by"
    )
    #: Monthly documents: the first day of the month.
    period = models.DateField(null=True, blank=True)
    practitioner = models.ForeignKey(
        "practitioners.Practitioner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fee_documents",
    )
    booking = models.ForeignKey(
        "bookings.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    payment = models.ForeignKey(
        "payments.Payment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    package = models.ForeignKey(
        "payments.Package", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: What it was issued for ("payment:12", "refund:40", "package-use:7"...): once each.
    source_key = models.CharField(max_length=80, unique=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoicing document")
        verbose_name_plural = _("invoicing documents")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "sequence"], name="document_number_once"
            ),
            models.CheckConstraint(
                condition=Q(kind="credit_note", refers_to__isnull=False) | ~Q(kind="credit_note"),
                name="credit_note_refers_to_a_document",
            ),
        ]
        indexes = [models.Index(fields=["practitioner", "issued_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Issued documents never change: issue a credit note.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Issued documents are kept: they are never deleted.")

    @property
    def is_credit(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE


class DocumentPdf(models.Model):
    """A document rendered in one language (by the worker after the issue commits, or on the
    first download in the other language). Rendering is deterministic from the copied data,
    so a lost file is simply rendered again."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="pdfs")
    language = models.CharField(max_length=8)
    content = models.BinaryField()
    rendered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="document_pdf_once")
        ]

    def __str__(self):
        return f"{self.document} ({self.language})"


class CompanyPaymentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValueError("Company payments never change: record a reversal.")

    def delete(self):
        raise ValueError("Company payments are kept: record a reversal.")


class CompanyPayment(models.Model):
    """Money a company paid on one of its invoices (a bank transfer), as staff recorded it; or
    the reversal of such a record made by mistake (`reverses`, a negative amount, a reason).
    Never changed nor deleted: the invoice's paid amount is the sum of these rows, and each row
    wrote its own ledger movement (`movement`, `company` → `bank_received`)."""

    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="company_payments",
        limit_choices_to={"kind": Document.Kind.COMPANY_INVOICE},
        verbose_name=_("invoice"),
    )
    company = models.ForeignKey(
        "employers.Company",
        on_delete=models.PROTECT,
        related_name="invoice_payments",
        verbose_name=_("company"),
    )
    #: Positive for money received; a reversal is minus the amount it reverses.
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    received_on = models.DateField(_("received on"))
    bank_reference = models.CharField(_("bank reference"), max_length=80)
    #: How many earlier records of this reference on this invoice were reversed: the same
    #: transfer may be recorded again after a mistaken record was reversed, never twice at once.
    attempt = models.PositiveSmallIntegerField(default=0)
    #: The record this one cancels (recorded by mistake); at most one reversal each.
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    #: The ledger movement this record wrote.
    movement = models.UUIDField(unique=True)

    objects = CompanyPaymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("company payment")
        verbose_name_plural = _("company payments")
        ordering = ["recorded_at", "pk"]
        constraints = [
            # A double click, or the same transfer typed twice, records once.
            models.UniqueConstraint(
                fields=["document", "bank_reference", "attempt"],
                condition=Q(reverses__isnull=True),
                name="company_payment_reference_once",
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, amount_cents__gt=0)
                | Q(reverses__isnull=False, amount_cents__lt=0),
                name="company_payment_sign",
            ),
        ]

    def __str__(self):
        return f"{self.document_id} {self.bank_reference} {self.amount_cents}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Company payments never change: record a reversal.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Company payments are kept: record a reversal.")


class CompanyInvoiceReminder(models.Model):
    """The one reminder sent when a company invoice became overdue (unique: never twice)."""

    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, related_name="overdue_reminder"
    )
    sent_to = models.EmailField()
    sent_at = models.DateTimeField()

    def __str__(self):
        return f"{self.document_id} {self.sent_at:%Y-%m-%d}"
