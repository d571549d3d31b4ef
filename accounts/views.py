import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import selectors, services
from accounts.forms import AccountDeleteForm, PatientProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = PatientProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/profile.html", {"form": form}, status=status)


def _data_context(request, **extra):
    now = timezone.now()
    return {
        "blockers": selectors.erasure_blockers(user=request.user, now=now),
        "losses": selectors.erasure_losses(user=request.user, now=now),
        **extra,
    }


@login_required
@require_GET
def my_data(request):
    """The patient's two rights in one place: a copy of their data, and erasure."""
    return render(request, "accounts/my_data.html", _data_context(request))


@login_required
@require_GET
def my_data_download(request):
    now = timezone.now()
    data = selectors.personal_data_export(user=request.user, now=now)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    name = f"khepri-my-data-{timezone.localdate(now):%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user, request=request)
    context = _data_context(request, form=form)
    if request.method == "POST" and not context["blockers"] and form.is_valid():
        try:
            services.account_erase(user=request.user, now=timezone.now())
        except services.ErasureRefused as refused:
            context["blockers"] = refused.blockers
        else:
            logout(request)
            return redirect("accounts:goodbye")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/delete.html", context, status=status)


@require_GET
def goodbye(request):
    return render(request, "accounts/goodbye.html")
