"""The practitioner edits their own public profile: the form, a preview, and diploma files.

Nothing in these URLs names a page, a practitioner or a revision: everything derives from
`request.practitioner` (set by `practitioner_required`). Each view validates a form, calls
one service of `practitioners.editing`, and turns a `ProfileError` into a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from practitioners import editing, profile
from practitioners.access import practitioner_required
from practitioners.forms import CredentialForm, DiplomaFormSet, ProfileForm, TimeZoneForm

DIPLOMAS_PREFIX = "diplomas"


def _render(request, template: str, context: dict, *, status: int = 200):
    context = {
        "practitioner": request.practitioner,
        "space_section": "profile",
        "time_zone_form": TimeZoneForm(
            initial={"time_zone": request.practitioner.time_zone},
            auto_id="id_%s",
        ),
    } | context
    return render(request, template, context, status=status)


def _saved_message(result: editing.ProfileSaveResult) -> str:
    if result.published:
        return _("Your profile is saved and published.")
    if result.review_restarted:
        return _(
            "Your changes are saved. They replace the version awaiting review: our team will "
            "review this one."
        )
    if result.submitted:
        return _("Your profile is saved and sent for review. It will be public once approved.")
    if result.page.live:
        return _("Your changes are saved as a draft. Your public page stays as it is for now.")
    return _("Your profile is saved as a draft. It is not public yet.")


@practitioner_required
@require_http_methods(["GET", "POST"])
@never_cache
def profile_edit(request):
    practitioner = request.practitioner
    language = get_language()
    initial = profile.profile_form_initial(practitioner=practitioner)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, language=language)
        diplomas = DiplomaFormSet(request.POST, prefix=DIPLOMAS_PREFIX)
        if form.is_valid() and diplomas.is_valid():
            try:
                result = editing.profile_save(
                    practitioner=practitioner,
                    user=request.user,
                    data=form.profile_data(diplomas.diplomas()),
                    photo_file=form.cleaned_data["photo"],
                    submit=request.POST.get("action") == "submit",
                )
            except editing.ProfileError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _saved_message(result))
                return redirect("practitioners:profile_edit")
        status = 400
    else:
        form = ProfileForm(initial=initial.fields, language=language)
        diplomas = DiplomaFormSet(initial=initial.diplomas, prefix=DIPLOMAS_PREFIX)
        status = 200
    errors = form.error_summary() + diplomas.error_summary() if form.is_bound else []
    return _render(
        request,
        "practitioners/space/profile_edit.html",
        {
            "form": form,
            "diplomas": diplomas,
            "errors": errors,
            "photo": initial.photo,
            "state": editing.profile_state(practitioner=practitioner),
        },
        status=status,
    )


@practitioner_required
@require_GET
@never_cache
def profile_preview(request):
    """The latest saved version as patients would see it, in the language of the URL."""
    page = profile.profile_preview_page(practitioner=request.practitioner, language=get_language())
    if page is None:
        messages.info(request, _("Save your profile once to preview it."))
        return redirect("practitioners:profile_edit")
    request.is_preview = True
    request.preview_mode = ""
    request.profile_preview_own = True
    response = page.serve_preview(request, "")
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@practitioner_required
@require_http_methods(["GET", "POST"])
@never_cache
def credentials(request):
    """Diploma and certificate files for staff: added, listed and deleted by their owner."""
    practitioner = request.practitioner
    form = CredentialForm()
    status = 200
    if request.method == "POST" and request.POST.get("action") == "delete":
        try:
            editing.credential_delete(
                practitioner=practitioner, credential_id=int(request.POST.get("credential", ""))
            )
        except (ValueError, editing.CredentialNotFound) as error:
            raise Http404 from error
        messages.success(request, _("The file is deleted."))
        return redirect("practitioners:credentials")
    if request.method == "POST":
        form = CredentialForm(request.POST, request.FILES)
        if form.is_valid():
            credential = editing.credential_add(
                practitioner=practitioner,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
            messages.success(
                request,
                _("“%(title)s” is sent. Only our team can open it.") % {"title": credential.title},
            )
            return redirect("practitioners:credentials")
        status = 400
    return _render(
        request,
        "practitioners/space/profile_credentials.html",
        {
            "form": form,
            "errors": form.error_summary() if form.is_bound else [],
            "credentials": profile.credential_list(practitioner=practitioner),
        },
        status=status,
    )


@practitioner_required
@require_POST
def time_zone(request):
    form = TimeZoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a time zone from the list."))
        return redirect("practitioners:profile_edit")
    try:
        editing.practitioner_time_zone_set(
            practitioner=request.practitioner, time_zone=str(form.cleaned_data["time_zone"])
        )
    except editing.ProfileError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your time zone is now %(zone)s.") % {"zone": form.cleaned_data["time_zone"]},
        )
    return redirect(reverse("practitioners:profile_edit") + "#time-zone")
