"""Employer programmes: a company pays for a number of its employees' sessions each year.

* `Company`: who is billed, and the accounts of its HR contacts (they see aggregated numbers
  only, never who booked what).
* `Agreement`: N sessions per employee per agreement year, for sessions up to a duration and a
  price cap, between two dates.
* `CompanyDomain` and `InviteCode`: how an employee joins (a verified address at the company's
  domain, or a code HR hands out).
* `Enrolment`: an account in a company's programme (joined, left).
* `CoveredSession`: one quota unit taken by a booking; given back on a free cancellation,
  settled (billed to the company) when the session is held or its fee is due.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: Invite codes: no 0/O, 1/I/L, so they can be read aloud or copied from paper without doubt.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 31^12 ≈ 8·10^17: not guessable by trying


def new_invite_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Company(models.Model):
    name = models.CharField(_("name"), max_length=120)
    billing_name = models.CharField(_("billing name"), max_length=200, blank=True)
    billing_address = models.TextField(_("billing address"), blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=32, blank=True)
    billing_email = models.EmailField(_("billing email"), blank=True)
    hr_contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("HR contacts"),
        blank=True,
        related_name="hr_companies",
        help_text=_("Accounts that see the programme's aggregated numbers (never names)."),
    )

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self):
        return self.name


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


class Agreement(models.Model):
    """What a company pays for. Session types belong to each practitioner and are named freely,
    so what is covered is said with what every session has: its duration and its price. A
    session priced above the cap is not covered at all (the patient pays it by card as usual):
    one payer per session keeps the bills, refunds and fee notes simple."""

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="agreements"
    )
    sessions_per_employee = models.PositiveSmallIntegerField(
        _("sessions per employee per year"),
        help_text=_("Counted per agreement year, from the start date."),
    )
    starts_on = models.DateField(_("valid from"))
    ends_on = models.DateField(_("valid until"), null=True, blank=True)
    max_duration_minutes = models.PositiveSmallIntegerField(
        _("longest session covered (minutes)"),
        null=True,
        blank=True,
        help_text=_("Empty: any duration."),
    )
    price_cap_cents = models.PositiveIntegerField(
        _("highest price covered (cents)"),
        null=True,
        blank=True,
        help_text=_("A session priced above it is not covered: the patient pays it by card."),
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["company", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(sessions_per_employee__gt=0), name="agreement_sessions_positive"
            ),
        ]

    def __str__(self):
        return f"{self.company} — {self.sessions_per_employee} / {self.starts_on:%Y-%m-%d}"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end comes before the start.")})
        if self.company_id and self.starts_on:
            overlapping = Agreement.objects.filter(company_id=self.company_id).exclude(pk=self.pk)
            if self.ends_on:
                overlapping = overlapping.filter(starts_on__lte=self.ends_on)
            overlapping = overlapping.filter(
                Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on)
            )
            if overlapping.exists():
                raise ValidationError(
                    _("Another agreement of this company covers part of these dates.")
                )

    def covers_day(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def year_bounds(self, day: date) -> tuple[date, date]:
        """The agreement year holding `day`: [start, next start)."""
        years = day.year - self.starts_on.year
        if add_years(self.starts_on, years) > day:
            years -= 1
        return add_years(self.starts_on, years), add_years(self.starts_on, years + 1)


class CompanyDomain(models.Model):
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="domains"
    )
    domain = models.CharField(
        _("email domain"), max_length=253, unique=True, help_text=_("E.g. “acme.example”.")
    )

    class Meta:
        verbose_name = _("email domain")
        verbose_name_plural = _("email domains")
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)


class InviteCode(models.Model):
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="invite_codes"
    )
    code = models.CharField(
        _("code"), max_length=32, unique=True, default=new_invite_code, editable=False
    )
    max_uses = models.PositiveIntegerField(
        _("maximum uses"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    uses = models.PositiveIntegerField(_("uses"), default=0, editable=False)
    revoked = models.BooleanField(_("revoked"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invite code")
        verbose_name_plural = _("invite codes")
        ordering = ["company", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_uses__isnull=True) | Q(uses__lte=models.F("max_uses")),
                name="invite_code_uses_within_max",
            )
        ]

    def __str__(self):
        return self.code


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="enrolments"
    )
    #: How they joined: "domain" or "code" (never which address or code: not needed).
    method = models.CharField(_("joined with"), max_length=8)
    joined_at = models.DateTimeField(_("joined"))
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(left_at__isnull=True), name="one_active_enrolment"
            )
        ]

    def __str__(self):
        return f"{self.company} ({self.joined_at:%Y-%m-%d})"


class CoveredSession(models.Model):
    """One session of an agreement's quota, taken by a booking."""

    booking = models.OneToOneField(
        "bookings.Booking", on_delete=models.PROTECT, related_name="covered_session"
    )
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="covered")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="covered")
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="covered_sessions"
    )
    #: The agreement year the session counts in (its first day).
    year_start = models.DateField()
    taken_at = models.DateTimeField()
    #: Given back (a cancellation in time): the unit counts again.
    returned_at = models.DateTimeField(null=True, blank=True)
    #: Settled: billed to the company (`billed_cents`, possibly 0 for a forgiven no-show).
    settled_at = models.DateTimeField(null=True, blank=True)
    billed_cents = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["taken_at"]
        indexes = [models.Index(fields=["agreement", "patient", "year_start"])]

    def __str__(self):
        return f"{self.company_id} → {self.booking_id}"
