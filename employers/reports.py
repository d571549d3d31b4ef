"""What companies are billed and what their HR contacts see: aggregated numbers only.

* `billable_lines(company_id, period)`: the month's lines to bill (quantity and amount), read
  from the ledger's `employer_session` movements. No name, practitioner,
  session type or date of a session: an invoice to the company must not say who consulted.
  The invoices app renders its PDF from these lines.
* `hr_dashboard(company, today)`: enrolled employees, sessions used per month and budget
  consumed, every count under `SUPPRESS_BELOW` shown as "fewer than 5" (and the amount that
  would give it away hidden), so no individual can be inferred.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from employers.models import Company, CoveredSession, Enrolment
from employers.selectors import agreement_on
from payments.ledger import Account
from payments.models import LedgerEntry
from payments.statements import month_bounds

#: Counts from 1 to 4 are never shown to a company.
SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class BillableLine:
    kind: str  # "sessions"
    label: str
    quantity: int
    amount_cents: int


@dataclass
class CompanyStatement:
    company: Company
    period: date
    lines: list[BillableLine] = field(default_factory=list)

    @property
    def total_cents(self) -> int:
        return sum(line.amount_cents for line in self.lines)

    @property
    def sessions(self) -> int:
        return sum(line.quantity for line in self.lines)


def billable_lines(company_id: int, period: date) -> list[BillableLine]:
    """The month's lines billed to the company. One line: the sessions billed (held, or a
    late-cancellation or missed-session fee), their number and amount. Fees are not a line of
    their own: with a handful of employees, "1 missed session" would say too much."""
    start, end = month_bounds(period)
    totals = LedgerEntry.objects.filter(
        kind="employer_session",
        account=Account.COMPANY,
        at__gte=start,
        at__lt=end,
        booking__covered_session__company_id=company_id,
    ).aggregate(quantity=Count("pk"), amount=Sum("amount_cents"))
    if not totals["quantity"]:
        return []
    return [
        BillableLine(
            kind="sessions",
            label=_("Sessions under the employee programme"),
            quantity=totals["quantity"],
            amount_cents=totals["amount"],
        )
    ]


def company_statement(company: Company, period: date) -> CompanyStatement:
    start, _end = month_bounds(period)
    return CompanyStatement(
        company=company, period=start.date(), lines=billable_lines(company.pk, period)
    )


def company_statement_csv(statement: CompanyStatement) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("month"), _("line"), _("quantity"), _("amount")])
    for line in statement.lines:
        writer.writerow(
            [
                statement.period.strftime("%Y-%m"),
                line.label,
                line.quantity,
                f"{line.amount_cents / 100:.2f}",
            ]
        )
    writer.writerow(
        [
            statement.period.strftime("%Y-%m"),
            _("total"),
            statement.sessions,
            f"{statement.total_cents / 100:.2f}",
        ]
    )
    return out.getvalue()


# --- The HR dashboard -------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A count as a company may see it: exact from `SUPPRESS_BELOW` (or 0), else hidden."""

    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None

    @classmethod
    def of(cls, count: int) -> Figure:
        return cls(count if count == 0 or count >= SUPPRESS_BELOW else None)


@dataclass(frozen=True)
class MonthFigures:
    month: date
    sessions: Figure
    #: None when the count is hidden (an amount would tell it).
    amount_cents: int | None


@dataclass
class HrDashboard:
    company: Company
    enrolled: Figure
    months: list[MonthFigures]
    year_start: date | None
    year_end: date | None
    year_sessions: Figure
    year_amount_cents: int | None
    sessions_per_employee: int | None


def _months_back(today: date, count: int) -> list[date]:
    first = today.replace(day=1)
    months = []
    for back in range(count):
        year, month = divmod(first.month - 1 - back, 12)
        months.append(date(first.year + year, month + 1, 1))
    return list(reversed(months))


def _spent_between(company: Company, start, end) -> tuple[int, int]:
    totals = CoveredSession.objects.filter(
        company=company, settled_at__gte=start, settled_at__lt=end
    ).aggregate(count=Count("pk"), amount=Sum("billed_cents"))
    return totals["count"], totals["amount"] or 0


def hr_dashboard(company: Company, *, today: date, months: int = 12) -> HrDashboard:
    """The programme's numbers for its HR contacts: sessions are counted when settled (held,
    or forfeited by a late cancellation), in the month they were billed."""
    enrolled = Enrolment.objects.filter(company=company, left_at__isnull=True).count()
    figures = []
    for month in _months_back(today, months):
        start, end = month_bounds(month)
        count, amount = _spent_between(company, start, end)
        sessions = Figure.of(count)
        figures.append(
            MonthFigures(
                month=month, sessions=sessions, amount_cents=None if sessions.hidden else amount
            )
        )
    agreement = agreement_on(company.pk, today)
    year_start = year_end = None
    year_sessions, year_amount = Figure.of(0), 0
    if agreement is not None:
        year_start, year_end = agreement.year_bounds(today)
        zone = ZoneInfo(settings.TIME_ZONE)
        count, amount = _spent_between(
            company,
            datetime.combine(year_start, time(0), tzinfo=zone),
            datetime.combine(year_end, time(0), tzinfo=zone),
        )
        year_sessions = Figure.of(count)
        year_amount = None if year_sessions.hidden else amount
    return HrDashboard(
        company=company,
        enrolled=Figure.of(enrolled),
        months=figures,
        year_start=year_start,
        year_end=year_end,
        year_sessions=year_sessions,
        year_amount_cents=year_amount,
        sessions_per_employee=agreement.sessions_per_employee if agreement else None,
    )
