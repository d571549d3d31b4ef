"""Reads of employer programmes: who is enrolled where, what is left of a quota, what a
checkout may offer, and the aggregated numbers companies see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from employers.models import Agreement, Company, CompanyDomain, CoveredSession, Enrolment


def local_day(moment: datetime) -> date:
    """The platform's calendar day of `moment` (agreement dates are the platform's days)."""
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def active_enrolment(user) -> Enrolment | None:
    if user is None or not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(user=user, left_at__isnull=True).select_related("company").first()
    )


def agreement_on(company_id: int, day: date) -> Agreement | None:
    """The company's agreement valid on `day` (agreements do not overlap)."""
    return (
        Agreement.objects.filter(company_id=company_id, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .order_by("-starts_on")
        .first()
    )


def _email_domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower()


def companies_by_email(user, *, verified: bool) -> list[Company]:
    """Companies whose domain matches one of the account's addresses (verified or not)."""
    from allauth.account.models import EmailAddress

    addresses = EmailAddress.objects.filter(user=user, verified=verified).values_list(
        "email", flat=True
    )
    domains = {_email_domain(address) for address in addresses}
    if not domains:
        return []
    return list(
        Company.objects.filter(
            pk__in=CompanyDomain.objects.filter(domain__in=domains).values("company_id")
        )
    )


def used_in_year(*, agreement: Agreement, patient, year_start: date) -> int:
    """Units of the quota taken and not given back in that agreement year."""
    return CoveredSession.objects.filter(
        agreement=agreement, patient=patient, year_start=year_start, returned_at__isnull=True
    ).count()


@dataclass(frozen=True)
class Quota:
    company: Company
    agreement: Agreement
    year_start: date
    year_end: date  # the next year's first day
    total: int
    used: int

    @property
    def remaining(self) -> int:
        return max(self.total - self.used, 0)

    @property
    def last_day(self) -> date:
        return self.year_end - timedelta(days=1)


def quota_on(user, day: date) -> Quota | None:
    """What the account's programme grants in the agreement year holding `day` (None: not
    enrolled, or no agreement then)."""
    enrolment = active_enrolment(user)
    if enrolment is None:
        return None
    agreement = agreement_on(enrolment.company_id, day)
    if agreement is None:
        return None
    year_start, year_end = agreement.year_bounds(day)
    return Quota(
        company=enrolment.company,
        agreement=agreement,
        year_start=year_start,
        year_end=year_end,
        total=agreement.sessions_per_employee,
        used=used_in_year(agreement=agreement, patient=user, year_start=year_start),
    )


def not_covered_reason(agreement: Agreement, booking) -> str:
    """Why the agreement does not cover this booking ("" when it does, quota aside)."""
    if agreement.price_cap_cents is not None and booking.price_cents > agreement.price_cap_cents:
        return _(
            "Your employer covers sessions priced up to %(cap)s; this one is paid by card."
        ) % {"cap": _euros(agreement.price_cap_cents)}
    minutes = int((booking.end - booking.start).total_seconds() // 60)
    if agreement.max_duration_minutes is not None and minutes > agreement.max_duration_minutes:
        return _(
            "Your employer covers sessions of up to %(minutes)s minutes; this one is paid by card."
        ) % {"minutes": agreement.max_duration_minutes}
    return ""


def _euros(amount_cents: int) -> str:
    from site_pages.templatetags.khepri_tags import cents

    return cents(amount_cents)


@dataclass(frozen=True)
class CheckoutOffer:
    """What the payment step says about the employer: covered (with what is left), or why
    not."""

    company_name: str
    covered: bool
    remaining: int
    total: int
    reason: str = ""


def checkout_offer(*, patient, booking) -> CheckoutOffer | None:
    """None when the patient is in no programme covering the session's date."""
    quota = quota_on(patient, local_day(booking.start))
    if quota is None:
        return None
    reason = not_covered_reason(quota.agreement, booking)
    if not reason and quota.remaining == 0:
        reason = _(
            "You have used this year's sessions paid by your employer; this one is paid by card."
        )
    return CheckoutOffer(
        company_name=quota.company.name,
        covered=not reason,
        remaining=quota.remaining,
        total=quota.total,
        reason=reason,
    )
