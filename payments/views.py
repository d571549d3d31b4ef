"""The practitioner's earnings: a year at a glance (a bar per month), then one month's
statement, as a page or a CSV file."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from payments.models import Payout
from payments.statements import monthly_statement, monthly_totals, statement_csv
from practitioners.access import practitioner_required


def _month(value: str | None, today: date) -> date:
    if not value:
        return today.replace(day=1)
    try:
        year, month = (int(part) for part in value.split("-"))
        asked = date(year, month, 1)
    except ValueError:
        raise Http404 from None
    if asked > today or asked.year < 2000:
        raise Http404
    return asked


def _previous_months(last: date, count: int) -> list[date]:
    months = []
    year, month = last.year, last.month
    for _index in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


@require_safe
@practitioner_required
def earnings(request):
    practitioner = request.practitioner
    zone = ZoneInfo(str(practitioner.time_zone))
    today = timezone.now().astimezone(zone).date()
    period = _month(request.GET.get("month"), today)
    statement = monthly_statement(practitioner.pk, period)
    year = monthly_totals(practitioner.pk, _previous_months(today.replace(day=1), 12))
    highest = max((net for _month_start, net, _sessions in year), default=0) or 1
    bars = [
        {
            "month": month_start,
            "net_cents": net,
            "sessions": sessions,
            "percent": max(0, round(100 * net / highest)),
            "current": month_start == period,
        }
        for month_start, net, sessions in year
    ]
    context = {
        "space_section": "earnings",
        "statement": statement,
        "period": period,
        "bars": bars,
        "tz": zone,
        "payouts": Payout.objects.filter(practitioner=practitioner)[:12],
    }
    return render(request, "payments/earnings.html", context)


@require_safe
@practitioner_required
def earnings_csv(request, year: int, month: int):
    practitioner = request.practitioner
    zone = ZoneInfo(str(practitioner.time_zone))
    today = timezone.now().astimezone(zone).date()
    period = _month(f"{year}-{month}", today)
    statement = monthly_statement(practitioner.pk, period)
    response = HttpResponse(statement_csv(statement, zone=zone), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="statement-{period:%Y-%m}.csv"'
    return response
