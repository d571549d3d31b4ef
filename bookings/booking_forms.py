"""Forms of the booking flow: who the patient is (nothing about why they consult)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from bookings.forms import EditorForm


class GuardianFields(EditorForm):
    guardian_name = forms.CharField(label=_("Guardian's full name"), max_length=150, required=False)
    guardian_contact = forms.CharField(
        label=_("Guardian's phone or email"), max_length=254, required=False
    )
    guardian_consent = forms.BooleanField(
        label=_("The guardian agrees to this appointment"), required=False
    )

    def _require_guardian(self, cleaned):
        for name in ("guardian_name", "guardian_contact", "guardian_consent"):
            if not cleaned.get(name):
                self.add_error(
                    name,
                    _("Needed for a patient under 18.")
                    if name != "guardian_consent"
                    else _("A guardian's consent is needed for a patient under 18."),
                )


class PatientDetailsForm(GuardianFields):
    """A new patient at booking: name, email, phone — and a guardian for a minor."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Your confirmation and the link to manage your appointment are sent here."),
    )
    phone = PhoneNumberField(
        label=_("Mobile phone"),
        region="FR",
        help_text=_("Only used about this appointment, for example if it has to move."),
    )
    is_minor = forms.BooleanField(label=_("The patient is under 18"), required=False)

    field_order = ["first_name", "last_name", "email", "phone", "is_minor"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete = {
            "first_name": "given-name",
            "last_name": "family-name",
            "email": "email",
            "phone": "tel",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["phone"].widget.input_type = "tel"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_minor"):
            self._require_guardian(cleaned)
        return cleaned


class GuardianForm(GuardianFields):
    """A signed-in patient under 18 completes their guardian's consent before booking."""

    def clean(self):
        cleaned = super().clean()
        self._require_guardian(cleaned)
        return cleaned


class PractitionerNoteForm(forms.Form):
    """An optional word to the patient when declining or cancelling."""

    note = forms.CharField(
        label=_("A word for the patient (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown to the patient with the booking. Never about health."),
    )


class BookingSettingsForm(forms.ModelForm):
    """How a practitioner takes bookings: confirmation, cancellation policy, video room."""

    video_room_url = forms.URLField(
        label=_("My video room address"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        from practitioners.models import Practitioner

        model = Practitioner
        fields = [
            "confirmation_mode",
            "request_response_hours",
            "free_cancellation_hours",
            "late_cancellation_fee_percent",
            "video_room_url",
            "daily_agenda_email",
        ]
        widgets = {
            "confirmation_mode": forms.RadioSelect,
            "free_cancellation_hours": forms.RadioSelect,
            "late_cancellation_fee_percent": forms.RadioSelect,
        }
        help_texts = {
            "daily_agenda_email": _(
                "Sent around 6 pm your time when you have sessions the next day: times and "
                "names, nothing about what the sessions are for."
            ),
            "request_response_hours": _(
                "A request not answered in this time expires, and the patient is told."
            ),
            "late_cancellation_fee_percent": _(
                "A patient's first late cancellation with you is always free."
            ),
            "video_room_url": _(
                "Your own room (Zoom, Whereby, Jitsi...). Leave empty: each session gets its "
                "own private room."
            ),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def error_summary(self) -> list[tuple[str, str]]:
        return [
            (self[name].id_for_label, f"{self[name].label} — {error}")
            for name in self.fields
            for error in self[name].errors
        ]
