"""Forms of the onboarding: signing up as a practitioner, the guide, the staff's send-back.

They validate input only; the services in `onboarding.py` write. Nothing here asks about
anyone's health.
"""

from allauth.account.forms import SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneFormField


class ErrorSummaryMixin:
    """Errors listed at the top of the page, each linked to its field."""

    def error_summary(self) -> list[tuple[str, str]]:
        items = [("", str(error)) for error in self.non_field_errors()]
        for name in self.fields:
            bound = self[name]
            items.extend((bound.id_for_label, f"{bound.label} — {error}") for error in bound.errors)
        return items


class PractitionerDetailsForm(ErrorSummaryMixin, forms.Form):
    """What a practitioner record needs, for someone who already has an account."""

    first_name = forms.CharField(
        label=_("Legal first name"),
        max_length=150,
        help_text=_("As on your identity document: we check it before your profile goes live."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Legal last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    profession = forms.CharField(
        label=_("Profession"),
        max_length=200,
        help_text=_("For example: sophrologist, psychologist, art therapist."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    time_zone = TimeZoneFormField(
        label=_("Time zone"),
        initial="Europe/Paris",
        help_text=_("Your hours and sessions are shown in this time zone."),
    )
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use"),
        error_messages={"required": _("Accept the terms of use to continue.")},
    )

    field_order = ["first_name", "last_name", "profession", "time_zone", "accept_terms"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PractitionerSignupForm(PractitionerDetailsForm, SignupForm):
    """A new account and a practitioner record in one form.

    allauth's `SignupForm` brings the email address, the two passwords and their checks (unique
    address without telling whether it exists, password validators); `save()` is allauth's.
    """

    field_order = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "password1",
        "password2",
        "profession",
        "time_zone",
        "accept_terms",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].help_text = _("We send a link to this address to confirm it.")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)


class GuideForm(forms.Form):
    acknowledged = forms.BooleanField(
        label=_("I have read and will follow this guide"),
        error_messages={"required": _("Tick the box to confirm you have read the guide.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the practitioner change?"),
        help_text=_("The practitioner sees this text in their space, as you write it."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write what the practitioner should change.")},
    )
