from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class PatientProfileForm(forms.ModelForm):
    """What a patient may tell about themselves. Only name and contact are needed; the rest is
    optional and shown to a practitioner only once the patient has booked with them."""

    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "preferred_channel",
            "language",
            "time_zone",
            "sex",
            "birth_date",
            "accessibility_needs",
            "about_needs",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "about_needs": forms.Textarea(attrs={"rows": 4}),
            "preferred_channel": forms.RadioSelect,
        }
        help_texts = {
            "sex": _("Optional."),
            "birth_date": _("Optional."),
            "accessibility_needs": _("Optional. For example: subtitles, a slower pace."),
            "about_needs": _(
                "Optional. Only practitioners you have booked with can read it. "
                "Write only what you are comfortable sharing."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"), choices=settings.LANGUAGES, initial=self.instance.language
        )
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("preferred_channel") == User.Channel.SMS and not (
            self.instance.phone and self.instance.phone_verified
        ):
            self.add_error(
                "preferred_channel",
                _("Add and confirm a mobile number first to receive text messages."),
            )
        return cleaned


class SignupDetailsForm(forms.Form):
    """What allauth's signup asks on top of email and password: a name (phone is optional and
    confirmed by SMS). Nothing about health."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    field_order = ["first_name", "last_name", "email", "phone", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "phone" in self.fields:
            self.fields["phone"].help_text = _(
                "Optional. For text reminders if you want them; confirmed by a code sent by SMS."
            )
        self.order_fields(self.field_order)

    def signup(self, request, user):
        from django.utils.translation import get_language

        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.language = get_language() or user.language
        user.save(update_fields=["first_name", "last_name", "language"])


class AccountDeleteForm(forms.Form):
    """Deleting an account: the password again (whoever holds an open session is not enough),
    and a deliberate tick."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand: my account and my data are deleted for good."),
    )

    def __init__(self, *args, user, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def error_summary(self) -> list[tuple[str, str]]:
        return [
            (self[name].id_for_label, f"{self[name].label} — {error}")
            for name in self.fields
            for error in self[name].errors
        ]

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Counted like failed logins (allauth's limits, by address and by account): an open
        # session must not become a way to guess the password.
        usage = None
        if self.request is not None:
            # The internal module, as allauth's own login does: it returns the usage to roll
            # back (the public `consume` only says yes or no).
            from allauth.core.internal import ratelimit

            usage = ratelimit.consume(
                self.request,
                app="allauth.account",
                action="login_failed",
                key=f"account-delete:{self.user.pk}",
            )
            if not usage:
                raise forms.ValidationError(
                    _("Too many wrong passwords. Please try again in a few minutes.")
                )
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not right."))
        if usage:
            usage.rollback()  # a right password spends nothing
        return password
