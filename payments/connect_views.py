"""The practitioner's payment account (Stripe Connect): open it, fill it in at the provider,
see whether it is ready. The practitioner's own: never a secretary's (`practitioner_required`
keeps delegates out of any view not named in `DELEGABLE_VIEWS`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from payments import connect
from payments.gateways import get_gateway
from payments.models import ConnectedAccount
from payments.services import PaymentError
from practitioners.access import practitioner_required


def _own_account(request) -> ConnectedAccount | None:
    return ConnectedAccount.objects.filter(practitioner=request.practitioner).first()


def _to_onboarding(request, account: ConnectedAccount):
    url = connect.onboarding_url(
        account=account,
        refresh_url=request.build_absolute_uri(reverse("payments:payments_account_continue")),
        return_url=request.build_absolute_uri(reverse("payments:payments_account") + "?back=1"),
    )
    return redirect(url)


@practitioner_required
@require_http_methods(["GET", "POST"])
def payments_account(request):
    """GET: the account's state (read afresh from the provider on return from its form).
    POST: open the account if needed and go and fill it in at the provider."""
    account = _own_account(request)
    if request.method == "POST":
        try:
            account = connect.connected_account_open(
                practitioner=request.practitioner, now=timezone.now()
            )
            return _to_onboarding(request, account)
        except PaymentError as error:
            messages.error(request, error.message)
            return redirect("payments:payments_account")
    if account is not None and request.GET.get("back"):
        try:
            account = connect.connected_account_refresh(account=account, now=timezone.now())
        except PaymentError as error:
            messages.error(request, error.message)
    context = {
        "space_section": "earnings",
        "account": account,
        "status": connect.account_status(account),
        "test_mode": get_gateway(account.gateway if account else None).test_mode,
    }
    return render(request, "payments/payments_account.html", context)


@require_safe
@practitioner_required
def payments_account_continue(request):
    """Where the provider sends a practitioner whose form link has expired: a new link."""
    account = _own_account(request)
    if account is None:
        return redirect("payments:payments_account")
    try:
        return _to_onboarding(request, account)
    except PaymentError as error:
        messages.error(request, error.message)
        return redirect("payments:payments_account")


@practitioner_required
@require_http_methods(["GET", "POST"])
def payments_account_test_onboarding(request):
    """Test mode (offline gateway): stands for the provider's onboarding form."""
    account = _own_account(request)
    if account is None or account.gateway != "offline":
        raise Http404
    if request.method == "POST":
        try:
            connect.offline_onboarding_complete(account=account, now=timezone.now())
        except PaymentError as error:
            messages.error(request, error.message)
        return redirect(reverse("payments:payments_account") + "?back=1")
    return render(
        request,
        "payments/payments_account_test.html",
        {"space_section": "earnings", "account": account},
    )
