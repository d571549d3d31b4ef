"""Secretaries, from both sides.

- `/pro/secretaries/`: the practitioner lets someone work on their agenda (an existing
  account by its email, or a new account), sees who can, and revokes them. The practitioner's
  own page: a secretary never opens it.
- `/pro/acting-for/`: a secretary (or a practitioner who is also someone's secretary) chooses
  whose agenda they work on; the choice is kept in the session.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from bookings import delegation
from bookings.forms import EditorForm
from practitioners.access import ACTING_FOR_SESSION_KEY, practitioner_of, practitioner_required


class DelegateForm(EditorForm):
    email = forms.EmailField(label=gettext_lazy("Their email address"))
    first_name = forms.CharField(
        label=gettext_lazy("First name"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("Only if they have no account yet: one is created for them."),
    )
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150, required=False)


@never_cache
@require_http_methods(["GET", "POST"])
@practitioner_required
def secretaries(request):
    practitioner = request.practitioner
    form = DelegateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                granted, created = delegation.delegation_grant(
                    practitioner=practitioner, now=timezone.now(), **form.cleaned_data
                )
            except delegation.DelegationError as refused:
                form.add_error(None, refused.message)
            else:
                name = granted.delegate.get_full_name() or granted.delegate.email
                if created:
                    messages.success(
                        request,
                        _(
                            "An account was created for %(name)s. They choose their password "
                            "with “Forgotten password” on the sign-in page, then open your "
                            "agenda."
                        )
                        % {"name": name},
                    )
                else:
                    messages.success(
                        request,
                        _("%(name)s can now work on your agenda once signed in.") % {"name": name},
                    )
                return redirect("bookings:secretaries")
    return render(
        request,
        "bookings/pro/secretaries.html",
        {
            "space_section": "secretaries",
            "form": form,
            "delegations": delegation.delegations_of(practitioner=practitioner),
            "agenda_url": request.build_absolute_uri(reverse("bookings:agenda")),
        },
        status=status,
    )


@require_POST
@practitioner_required
def secretary_revoke(request, delegation_id: int):
    try:
        delegation.delegation_revoke(
            practitioner=request.practitioner, delegation_id=delegation_id, now=timezone.now()
        )
    except delegation.DelegationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Access revoked: they can no longer open your agenda."))
    return redirect("bookings:secretaries")


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("bookings:agenda")


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def acting_for(request):
    own = practitioner_of(request.user)
    choices = delegation.practitioners_delegating_to(user=request.user)
    if not choices:
        raise Http404
    if request.method == "POST":
        value = request.POST.get("practitioner", "")
        if own is not None and value == "own":
            request.session.pop(ACTING_FOR_SESSION_KEY, None)
        else:
            chosen = next((p for p in choices if str(p.pk) == value), None)
            if chosen is None:  # not someone who delegates to them
                raise Http404
            request.session[ACTING_FOR_SESSION_KEY] = chosen.pk
        return redirect(_next(request))
    return render(
        request,
        "bookings/pro/acting_for.html",
        {"own": own, "choices": choices, "next": _next(request)},
    )
