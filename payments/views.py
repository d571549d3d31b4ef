"""The practitioner's earnings (a year at a glance, a bar per month, then one month's statement,
as a page or a CSV file); the patient's packages (buy one, see what is left)."""

from __future__ import annotations

import uuid
from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from khepri.parsing import plain_id
from payments.connect import account_status
from payments.forms import TestCardForm
from payments.gateways import AUTHORISATION_LIFETIME, get_gateway
from payments.models import ConnectedAccount, Package, PackageOffer, PackagePurchase, Payout
from payments.packages import (
    package_purchase_card_entered,
    package_purchase_card_sent,
    package_purchase_complete,
    package_purchase_start,
)
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


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def packages_page(request, slug):
    """The packages on sale for a practitioner's sessions (theirs and platform-wide). Choosing
    one starts its purchase: the test-mode card form pays at once (offline gateway); with
    Stripe, the purchase's page shows the Payment Element."""
    practitioner = get_object_or_404(Practitioner, slug=slug)
    for_these_sessions = PackageOffer.objects.filter(
        Q(practitioner=practitioner) | Q(practitioner__isnull=True)
    ).order_by(F("practitioner").asc(nulls_last=True), "sessions")  # theirs first
    offers = for_these_sessions.filter(active=True)
    gateway = get_gateway()
    offline = hasattr(gateway, "confirm")
    posted = request.method == "POST"
    card_form = TestCardForm(request.POST if posted else None) if offline else None
    chosen = None
    error = ""
    if posted:
        offer_id = plain_id(request.POST.get("offer"))
        if offer_id is None:  # a tampered form: no such offer
            raise Http404
        # One withdrawn since the page was shown is refused in words (the service says so).
        chosen = get_object_or_404(for_these_sessions, pk=offer_id)
        if card_form is None or card_form.is_valid():
            now = timezone.now()
            try:
                purchase = package_purchase_start(
                    offer=chosen,
                    patient=request.user,
                    request_key=request.POST.get("purchase_key", "")[:64],
                    now=now,
                )
                if card_form is not None:
                    purchase = package_purchase_card_entered(
                        purchase=purchase, card=card_form.cleaned_data["card_number"], now=now
                    )
            except PaymentError as refused:
                error = refused.message
            else:
                if card_form is None or purchase.status != PackagePurchase.Status.PENDING:
                    return redirect("payments:package_purchase", purchase.reference)
                error = purchase.failure_message or _("The card was not accepted.")
    context = {
        "practitioner": practitioner,
        "offers": offers,
        "card_form": card_form,
        "chosen": chosen,
        "error": error,
        "test_mode": gateway.test_mode,
        # Names this purchase: the same form sent twice (a double click) starts one.
        "purchase_key": request.POST.get("purchase_key") or uuid.uuid4().hex,
    }
    status = 400 if posted else 200
    return render(request, "payments/packages.html", context, status=status)


@never_cache
@login_required
@require_safe
def package_purchase(request, reference):
    """A purchase's page: Stripe's card form while it waits for the card, "Confirming your
    payment…" once the card was sent (each visit reads the provider: a small script asks
    again, or the patient's "Check again"), then the package ready, or why not."""
    purchase = get_object_or_404(
        PackagePurchase.objects.select_related("offer", "offer__practitioner", "package"),
        reference=reference,
        patient=request.user,
    )
    error = ""
    if purchase.status == PackagePurchase.Status.PENDING and purchase.card_sent_at:
        try:
            purchase = package_purchase_complete(purchase=purchase, now=timezone.now())
        except PaymentError as refused:
            error = refused.message
    gateway = get_gateway(purchase.gateway)
    done_url = reverse("payments:package_purchase_done", args=[purchase.reference])
    context = {
        "purchase": purchase,
        "package": getattr(purchase, "package", None),
        "offer": purchase.offer,
        "error": error or purchase.failure_message,
        "test_mode": gateway.test_mode,
        "confirming": purchase.status == PackagePurchase.Status.PENDING
        and purchase.card_sent_at is not None
        and not purchase.failure_message,
        "card_step": {
            "stripe_key": settings.STRIPE_PUBLISHABLE_KEY,
            "client_secret": purchase.client_secret,
            "action": done_url,
            "return_url": request.build_absolute_uri(done_url),
        }
        if not hasattr(gateway, "confirm")
        else None,
        "now": timezone.now(),
    }
    return render(request, "payments/package_purchase.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def package_purchase_done(request, reference):
    """Stripe's card form comes back here (by its return address or the page's script)."""
    purchase = get_object_or_404(PackagePurchase, reference=reference, patient=request.user)
    try:
        package_purchase_card_sent(purchase=purchase, now=timezone.now())
    except PaymentError as refused:
        messages.error(request, refused.message)
    return redirect("payments:package_purchase", purchase.reference)


@login_required
@require_safe
def my_packages(request):
    packages = (
        Package.objects.filter(patient=request.user)
        .select_related("offer", "practitioner")
        .prefetch_related("uses__booking")
    )
    now = timezone.now()
    # Paid by card but not confirmed yet; past an authorisation's lifetime it never will be.
    confirming = PackagePurchase.objects.filter(
        patient=request.user,
        status=PackagePurchase.Status.PENDING,
        card_sent_at__isnull=False,
        failure_message="",
        created_at__gte=now - AUTHORISATION_LIFETIME,
    ).select_related("offer")
    return render(
        request,
        "payments/my_packages.html",
        {"packages": packages, "confirming": confirming, "now": now},
    )
