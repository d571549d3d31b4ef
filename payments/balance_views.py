"""The patient's prepaid balance ("My balance"): what is on it, its history, topping it up by
card (test form offline, Stripe's Payment Element otherwise), and the referral link."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from payments.balance import (
    balance_for,
    balance_history,
    topup_card_entered,
    topup_complete,
    topup_start,
)
from payments.forms import TestCardForm, TopUpForm
from payments.gateways import get_gateway
from payments.models import TopUp
from payments.referrals import referral_summary
from payments.services import PaymentError


def _paid_message(request, topup: TopUp) -> None:
    from site_pages.templatetags.khepri_tags import cents

    messages.success(
        request,
        _("%(amount)s added to your balance.") % {"amount": cents(topup.amount_cents)},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_balance(request):
    gateway = get_gateway()
    offline = hasattr(gateway, "confirm")
    posted = request.method == "POST"
    form = TopUpForm(request.POST if posted else None, initial={"request_key": uuid.uuid4().hex})
    card_form = TestCardForm(request.POST if posted else None) if offline else None
    stripe_step = None
    error = ""
    if posted and form.is_valid() and (card_form is None or card_form.is_valid()):
        now = timezone.now()
        try:
            topup = topup_start(
                patient=request.user,
                amount_cents=form.cleaned_data["amount_cents"],
                request_key=form.cleaned_data["request_key"],
                now=now,
            )
            if card_form is not None:
                topup = topup_card_entered(
                    topup=topup, card=card_form.cleaned_data["card_number"], now=now
                )
        except PaymentError as refused:
            error = refused.message
        else:
            if topup.status == TopUp.Status.PAID:
                _paid_message(request, topup)
                return redirect("payments:my_balance")
            if card_form is None:
                stripe_step = {
                    "stripe_key": settings.STRIPE_PUBLISHABLE_KEY,
                    "client_secret": topup.client_secret,
                    "amount_cents": topup.amount_cents,
                    "action": reverse("payments:topup_done", args=[topup.reference]),
                    "return_url": request.build_absolute_uri(
                        reverse("payments:topup_done", args=[topup.reference])
                    ),
                }
            else:
                error = topup.failure_message or _("The card was not accepted.")
    context = {
        "balance": balance_for(request.user),
        "history": balance_history(request.user),
        "form": form,
        "card_form": card_form,
        "stripe_step": stripe_step,
        "error": error,
        "test_mode": gateway.test_mode,
        "referral": referral_summary(request.user),
        "referral_link": request.build_absolute_uri(
            reverse("account_signup") + "?ref=" + request.user.referral_code
        ),
    }
    status = 400 if posted and stripe_step is None else 200
    return render(request, "payments/my_balance.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def topup_done(request, reference):
    """Stripe's card form comes back here (by its return address or the page's script)."""
    topup = get_object_or_404(TopUp, reference=reference, patient=request.user)
    try:
        topup = topup_complete(topup=topup, now=timezone.now())
    except PaymentError as refused:
        messages.error(request, refused.message)
        return redirect("payments:my_balance")
    if topup.status == TopUp.Status.PAID:
        _paid_message(request, topup)
    else:
        messages.error(request, topup.failure_message or _("The card was not accepted."))
    return redirect("payments:my_balance")
