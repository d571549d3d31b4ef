"""Forms of the practitioner's space: their profile, diplomas and credential files.

Plain forms, not model forms: each field a practitioner may change is listed here, so a
crafted POST naming any other field (status, verification dates, commission, page owner,
locale, live...) has nothing to land in. They only validate and hand plain data to
`practitioners.editing`.
"""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from timezone_field.forms import TimeZoneFormField

from practitioners.editing import DiplomaData, ProfileData
from practitioners.models import GENDERS, LANGUAGES
from practitioners.profile import catalogue_choices

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
CREDENTIAL_MAX_BYTES = 10 * 1024 * 1024
#: File signatures: what a file is, whatever its name says.
CREDENTIAL_SIGNATURES = {
    ".pdf": [b"%PDF-"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
    ".png": [b"\x89PNG\r\n\x1a\n"],
}
MODES = [("video", _("By video")), ("phone", _("By phone"))]
TEXT_MAX = 6000


class SpaceForm(forms.Form):
    """Labels without a colon, and an error summary whose items link to their fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def error_summary(self) -> list[tuple[str, str]]:
        items = [("", str(error)) for error in self.non_field_errors()]
        for name in self.fields:
            bound = self[name]
            for error in bound.errors:
                items.append((self._error_anchor(bound), f"{bound.label} — {error}"))
        return items

    @staticmethod
    def _error_anchor(bound) -> str:
        # Choice lists are fieldsets: link to their first box, which has the list's id + "_0".
        if bound.field.widget.use_fieldset:
            return f"{bound.auto_id}_0"
        return bound.id_for_label


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ProfileForm(SpaceForm):
    photo = forms.ImageField(
        label=_("New photo"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP, up to 5 MB. A recent portrait in good light, your face clearly "
            "visible: it is the first thing patients see."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my current photo"), required=False)
    headline = forms.CharField(
        label=_("Headline"),
        max_length=200,
        help_text=_("One sentence under your name: who you help, and how."),
    )
    presentation = forms.CharField(
        label=_("Presentation"),
        required=False,
        max_length=TEXT_MAX,
        widget=_textarea(10),
        help_text=_(
            "How you work and who you see. Leave an empty line between paragraphs; start lines "
            "with “- ” for a list."
        ),
    )
    career = forms.CharField(
        label=_("Career"),
        required=False,
        max_length=TEXT_MAX,
        widget=_textarea(7),
        help_text=_("Your path and training, as a few paragraphs or a list."),
    )
    video_url = forms.URLField(
        label=_("Presentation video (optional)"),
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["https", "http"])],
        help_text=_("The address of a YouTube or Vimeo video, for example https://vimeo.com/…"),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you consult in"),
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=GENDERS,
        widget=forms.RadioSelect,
        help_text=_("Some patients look for a woman or a man; you may prefer not to say."),
    )
    therapies = forms.TypedMultipleChoiceField(
        label=_("Approaches you practise"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    concerns = forms.TypedMultipleChoiceField(
        label=_("What you help with"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    modes = forms.MultipleChoiceField(
        label=_("How you consult"),
        choices=MODES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose video, phone or both.")},
    )
    accepts_new_patients = forms.BooleanField(label=_("I accept new patients"), required=False)
    offers_follow_up = forms.BooleanField(label=_("I offer ongoing follow-up"), required=False)
    # The English version (optional).
    headline_en = forms.CharField(label=_("Headline in English"), max_length=200, required=False)
    presentation_en = forms.CharField(
        label=_("Presentation in English"),
        required=False,
        max_length=TEXT_MAX,
        widget=_textarea(8),
    )
    career_en = forms.CharField(
        label=_("Career in English"), required=False, max_length=TEXT_MAX, widget=_textarea(6)
    )

    def __init__(self, *args, language: str = "fr", **kwargs):
        super().__init__(*args, **kwargs)
        from therapies.models import ConcernPage, TherapyPage

        self.fields["therapies"].choices = catalogue_choices(model=TherapyPage, language=language)
        self.fields["concerns"].choices = catalogue_choices(model=ConcernPage, language=language)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        if photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("This photo is larger than 5 MB: send a smaller one."))
        image = getattr(photo, "image", None)
        if image is None or image.format not in PHOTO_FORMATS:
            raise forms.ValidationError(_("Send a JPEG, PNG or WebP photo."))
        if image.width * image.height > PHOTO_MAX_PIXELS:
            raise forms.ValidationError(_("This photo has too many pixels: send a smaller one."))
        return photo

    def clean(self):
        cleaned = super().clean()
        for name in ("presentation", "career"):
            if cleaned.get(f"{name}_en", "").strip() and not cleaned.get(name, "").strip():
                self.add_error(
                    f"{name}_en",
                    _("Write the French text first: the English one is its translation."),
                )
        return cleaned

    def profile_data(self, diplomas: list[DiplomaData]) -> ProfileData:
        data = self.cleaned_data
        return ProfileData(
            headline=data["headline"],
            presentation=data["presentation"],
            career=data["career"],
            video_url=data["video_url"],
            languages=tuple(data["languages"]),
            gender=data["gender"],
            therapy_ids=tuple(data["therapies"]),
            concern_ids=tuple(data["concerns"]),
            offers_video="video" in data["modes"],
            offers_phone="phone" in data["modes"],
            accepts_new_patients=data["accepts_new_patients"],
            offers_follow_up=data["offers_follow_up"],
            diplomas=tuple(diplomas),
            remove_photo=data["remove_photo"],
            headline_en=data["headline_en"],
            presentation_en=data["presentation_en"],
            career_en=data["career_en"],
        )


class DiplomaForm(SpaceForm):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1950)
    school = forms.CharField(label=_("School or organisation"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].max_value = timezone.localdate().year
        self.fields["year"].widget.attrs.update(
            {"max": timezone.localdate().year, "inputmode": "numeric"}
        )

    def clean(self):
        cleaned = super().clean()
        filled = any(cleaned.get(name) for name in ("year", "school", "title_en"))
        if filled and not (cleaned.get("title") or "").strip():
            self.add_error("title", _("Give the diploma's title, or empty this row."))
        return cleaned

    def diploma(self) -> DiplomaData | None:
        data = getattr(self, "cleaned_data", {})
        if not data or data.get("DELETE") or not (data.get("title") or "").strip():
            return None
        return DiplomaData(
            title=data["title"].strip(),
            year=data.get("year"),
            school=(data.get("school") or "").strip(),
            title_en=(data.get("title_en") or "").strip(),
        )


class BaseDiplomaFormSet(forms.BaseFormSet):
    def diplomas(self) -> list[DiplomaData]:
        return [item for item in (form.diploma() for form in self.forms) if item]

    def error_summary(self) -> list[tuple[str, str]]:
        items = [("", str(error)) for error in self.non_form_errors()]
        for number, form in enumerate(self.forms, start=1):
            for field_id, text in form.error_summary():
                label = _("Diploma %(number)s") % {"number": number}
                items.append((field_id, f"{label}: {text}"))
        return items


DiplomaFormSet = forms.formset_factory(
    DiplomaForm,
    formset=BaseDiplomaFormSet,
    extra=1,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


class CredentialForm(SpaceForm):
    title = forms.CharField(
        label=_("What is this document?"),
        max_length=200,
        help_text=_("For example “Sophrology practitioner certificate, 2016”."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG, up to 10 MB."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CREDENTIAL_MAX_BYTES:
            raise forms.ValidationError(_("This file is larger than 10 MB: send a smaller one."))
        extension = PurePath(upload.name).suffix.lower()
        signatures = CREDENTIAL_SIGNATURES.get(extension)
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not signatures or not any(head.startswith(sign) for sign in signatures):
            raise forms.ValidationError(_("Send a PDF, JPEG or PNG file."))
        return upload


class TimeZoneForm(forms.Form):
    time_zone = TimeZoneFormField(
        label=_("Your time zone"),
        help_text=_(
            "Your weekly hours are read in this zone, and your agenda is shown in it. Change it "
            "if you move: your hours keep the same local times."
        ),
        choices_display="WITH_GMT_OFFSET",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget.attrs["aria-describedby"] = "id_time_zone_helptext"
