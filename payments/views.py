"""The practitioner's earnings (a year at a glance, a bar per month, then one month's statement,
as a page or a CSV file); the patient's packages (buy one, see what is left)."""

from __future__ import annotations

import uuid
from datetime import date
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from payments.connect import account_status
from payments.forms import TestCardForm
from payments.gateways import get_gateway
from payments.models import ConnectedAccount, Package, PackageOffer, Payout
from payments.packages import package_buy
from payments.services import PaymentError
from payments.statements import monthly_statement, monthly_totals, statement_csv
from practitioners.access import practitioner_required
from practitioners.models import Practitioner


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
        "account_status": account_status(
            ConnectedAccount.objects.filter(practitioner=practitioner).first()
        ),
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


# --- Packages (patients) ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def packages_page(request, slug):
    """The packages on sale for a practitioner's sessions (theirs and platform-wide); buying one
    with the card (test mode with the offline gateway)."""
    practitioner = get_object_or_404(Practitioner, slug=slug)
    offers = PackageOffer.objects.filter(active=True).filter(
        Q(practitioner=practitioner) | Q(practitioner__isnull=True)
    )
    gateway = get_gateway()
    card_form = TestCardForm(request.POST if request.method == "POST" else None)
    chosen = None
    error = ""
    if request.method == "POST":
        offer_id = request.POST.get("offer", "")
        if not offer_id.isdigit():  # a tampered form: no such offer
            raise Http404
        chosen = get_object_or_404(offers, pk=offer_id)
        if card_form.is_valid():
            try:
                package = package_buy(
                    offer=chosen,
                    patient=request.user,
                    card=card_form.cleaned_data["card_number"],
                    now=timezone.now(),
                    request_key=request.POST.get("purchase_key", "")[:64],
                )
            except PaymentError as refused:
                error = refused.message
            else:
                messages.success(
                    request,
                    _("Package bought: %(count)s sessions to use with your bookings.")
                    % {"count": package.sessions_total},
                )
                return redirect("payments:my_packages")
    context = {
        "practitioner": practitioner,
        "offers": offers,
        "card_form": card_form,
        "chosen": chosen,
        "error": error,
        "test_mode": gateway.test_mode,
        "can_buy_online": hasattr(gateway, "confirm"),
        # Names this purchase: the same form sent twice (a double click) pays once.
        "purchase_key": request.POST.get("purchase_key") or uuid.uuid4().hex,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "payments/packages.html", context, status=status)


@login_required
@require_safe
def my_packages(request):
    packages = (
        Package.objects.filter(patient=request.user)
        .select_related("offer", "practitioner")
        .prefetch_related("uses__booking")
    )
    return render(
        request, "payments/my_packages.html", {"packages": packages, "now": timezone.now()}
    )
