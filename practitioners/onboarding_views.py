"""Onboarding pages: signing up as a practitioner, the space's home with the profile
checklist, the guide, submitting for review and pausing the listing; and the staff's review
queue in the Wagtail admin (its URLs are registered in `wagtail_hooks.py`).

Each view checks access, validates a form, calls one service from `onboarding.py` and turns a
`PractitionerError` into a message.
"""

from __future__ import annotations

import posixpath

from allauth.account import app_settings as allauth_settings
from allauth.account.utils import complete_signup
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from practitioners import onboarding
from practitioners.access import practitioner_of, practitioner_required
from practitioners.models import Credential, Practitioner
from practitioners.onboarding import PractitionerError
from practitioners.onboarding_forms import (
    GuideForm,
    PractitionerDetailsForm,
    PractitionerSignupForm,
    SendBackForm,
)

# --- Signup -----------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request):
    """ "Work on the platform": a new account and a practitioner record, or only the record
    for someone already signed in (a patient keeps their account)."""
    user = request.user
    if practitioner_of(user) is not None:
        return redirect("practitioners:space")
    signed_in = user.is_authenticated
    if signed_in:
        form = PractitionerDetailsForm(
            request.POST if request.method == "POST" else None,
            initial={
                "first_name": user.first_name,
                "last_name": user.last_name,
                "time_zone": user.time_zone,
            },
        )
    else:
        form = PractitionerSignupForm(request.POST if request.method == "POST" else None)

    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "profession": data["profession"],
            "time_zone": data["time_zone"],
        }
        if signed_in:
            try:
                onboarding.practitioner_signup(request=request, user=user, **details)
            except PractitionerError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your practitioner space is ready."))
            return redirect("practitioners:space")
        if form.account_already_exists:
            # allauth emails the owner of the address and answers as for a new account, so
            # the page never tells whether an address is registered.
            _user, response = form.try_save(request)
            return response
        practitioner = onboarding.practitioner_signup(request=request, account_form=form, **details)
        # allauth: the "user signed up" signal, then the verification link by email
        # (mandatory verification, so nobody is signed in until the address is confirmed).
        return complete_signup(
            request,
            practitioner.user,
            allauth_settings.EMAIL_VERIFICATION,
            reverse("practitioners:space"),
        )

    return render(
        request,
        "practitioners/signup.html",
        {"form": form, "signed_in": signed_in, "terms_url": onboarding.terms_page_url()},
        status=400 if form.is_bound else 200,
    )


# --- The space's home -------------------------------------------------------------------------

STATUS_EXPLANATIONS = {
    Practitioner.Status.ONBOARDING: gettext_lazy(
        "Your profile is not visible yet. Complete the checklist, then submit it for review."
    ),
    Practitioner.Status.IN_REVIEW: gettext_lazy(
        "Our team is checking your profile. You can keep editing it in the meantime."
    ),
    Practitioner.Status.ACTIVE: gettext_lazy(
        "Your profile is in the directory and people can book sessions with you."
    ),
    Practitioner.Status.PAUSED: gettext_lazy(
        "Your profile is hidden from the directory and nobody can book a new session."
    ),
}


@never_cache
@practitioner_required
def space_home(request):
    practitioner = request.practitioner
    completeness = onboarding.profile_completeness(practitioner=practitioner)
    return render(
        request,
        "practitioners/space/home.html",
        {
            "space_section": "home",
            "practitioner": practitioner,
            "completeness": completeness,
            "status_explanation": STATUS_EXPLANATIONS[practitioner.status],
            "Status": Practitioner.Status,
        },
    )


@never_cache
@practitioner_required
@require_http_methods(["GET", "POST"])
def guide(request):
    practitioner = request.practitioner
    form = GuideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        onboarding.guide_acknowledge(practitioner=practitioner)
        messages.success(request, _("Thank you: you have acknowledged the practitioner guide."))
        return redirect("practitioners:space")
    return render(
        request,
        "practitioners/space/guide.html",
        {"space_section": "home", "practitioner": practitioner, "form": form},
        status=400 if form.is_bound else 200,
    )


@practitioner_required
@require_POST
def submit_for_review(request):
    try:
        onboarding.review_submit(practitioner=request.practitioner, user=request.user)
    except PractitionerError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your profile is submitted. Our team will review it; you can see its status here."),
        )
    return redirect("practitioners:space")


@practitioner_required
@require_POST
def listing_toggle(request):
    action = request.POST.get("action")
    try:
        if action == "pause":
            onboarding.listing_pause(practitioner=request.practitioner)
            messages.success(
                request,
                _(
                    "Your profile is paused: it is hidden from the directory and nobody can book "
                    "a new session. Sessions already booked are kept."
                ),
            )
        elif action == "resume":
            onboarding.listing_resume(practitioner=request.practitioner)
            messages.success(
                request,
                _("Your profile is visible again: people can find you and book sessions."),
            )
        else:
            messages.error(request, _("Choose whether to pause or show your profile."))
    except PractitionerError as error:
        messages.error(request, error.message)
    return redirect("practitioners:space")


# --- Staff review queue (Wagtail admin) -------------------------------------------------------


class ReviewerRequiredMixin:
    """Wagtail checks admin access for every admin URL; this checks the review permission."""

    def dispatch(self, request, *args, **kwargs):
        if not onboarding.reviewer_allowed(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class ReviewQueueView(ReviewerRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "practitioners/admin/review_queue.html"
    page_title = gettext_lazy("Practitioner reviews")
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for practitioner in onboarding.review_queue():
            page = onboarding.profile_page(practitioner=practitioner)
            revision = page.get_latest_revision() if page else None
            rows.append(
                {
                    "practitioner": practitioner,
                    "completeness": onboarding.profile_completeness(practitioner=practitioner),
                    "page": page,
                    "revision": revision,
                    "task_state": page.current_workflow_task_state if page else None,
                }
            )
        context["rows"] = rows
        return context


class ReviewApproveView(ReviewerRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, practitioner_id: int):
        try:
            practitioner = onboarding.review_approve(
                practitioner_id=practitioner_id, user=request.user
            )
        except Practitioner.DoesNotExist:
            raise Http404 from None
        except PractitionerError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is approved: the profile is published and bookable.")
                % {"name": practitioner.legal_name},
            )
        return redirect("practitioner_reviews:queue")


@method_decorator(never_cache, name="dispatch")
class ReviewSendBackView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "practitioners/admin/send_back.html"
    header_icon = "user"

    def get_practitioner(self) -> Practitioner:
        return get_object_or_404(
            Practitioner,
            pk=self.kwargs["practitioner_id"],
            status=Practitioner.Status.IN_REVIEW,
        )

    def get_page_title(self):
        return _("Send back %(name)s's profile") % {"name": self.practitioner.legal_name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("practitioner_reviews:queue"), "label": _("Practitioner reviews")},
            {"url": "", "label": self.get_page_title()},
        ]

    def dispatch(self, request, *args, **kwargs):
        if not onboarding.reviewer_allowed(user=request.user):
            raise PermissionDenied  # before the lookup: no hint of who is in review
        self.practitioner = self.get_practitioner()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", SendBackForm())
        context["practitioner"] = self.practitioner
        return context

    def post(self, request, practitioner_id: int):
        form = SendBackForm(request.POST)
        if form.is_valid():
            try:
                onboarding.review_send_back(
                    practitioner_id=practitioner_id,
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                )
            except PractitionerError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("%(name)s's profile is sent back with your comment.")
                    % {"name": self.practitioner.legal_name},
                )
                return redirect("practitioner_reviews:queue")
        return self.render_to_response(self.get_context_data(form=form), status=400)


@never_cache
def credential_download(request, credential_id: int):
    """A credential file, for reviewers only: read from the private storage and sent as an
    attachment (never a public URL, never shown inline)."""
    if not onboarding.reviewer_allowed(user=request.user):
        raise PermissionDenied
    credential = get_object_or_404(Credential, pk=credential_id)
    try:
        handle = credential.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=posixpath.basename(credential.file.name),
        content_type="application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
