from django import forms
from django.utils.translation import gettext_lazy as _

from widget import theme
from widget.models import WidgetTheme

ORIGIN_ERRORS = {
    "format": _("“%(value)s” is not a site address. Write it like https://www.example.fr"),
    "path": _(
        "“%(value)s” has a page path: give only the site's address, like https://www.example.fr"
    ),
    "credentials": _("“%(value)s” contains a user name or password: give only the site's address."),
    "https": _(
        "“%(value)s” is not secure (http): only https sites may show the widget "
        "(http is accepted for localhost only)."
    ),
    "too_many": _("At most %(max)s sites may be listed."),
}

CONTRAST_ERRORS = {
    "accent": _(
        "Not readable enough: this accent colour (%(foreground)s) has a contrast of %(ratio)s:1 "
        "against the background (%(background)s); at least 4.5:1 is needed (WCAG AA). Choose a "
        "%(direction)s accent."
    ),
    "background": _(
        "Not readable enough: text (%(foreground)s) would have a contrast of %(ratio)s:1 on this "
        "background (%(background)s); at least 4.5:1 is needed (WCAG AA). Choose a "
        "%(direction)s background."
    ),
}


class ColourInput(forms.TextInput):
    input_type = "color"


class WidgetThemeForm(forms.ModelForm):
    """The theme a practitioner edits; refused (with the measured ratio) when unreadable."""

    class Meta:
        model = WidgetTheme
        fields = [
            "scheme",
            "accent",
            "background",
            "accent_dark",
            "background_dark",
            "font",
            "button_style",
            "allowed_origins",
        ]
        widgets = {
            "scheme": forms.RadioSelect,
            "font": forms.RadioSelect,
            "button_style": forms.RadioSelect,
            "accent": ColourInput,
            "background": ColourInput,
            "accent_dark": ColourInput,
            "background_dark": ColourInput,
            "allowed_origins": forms.Textarea(
                attrs={"rows": 3, "spellcheck": "false", "autocomplete": "off"}
            ),
        }
        help_texts = {
            "accent": _("Links, buttons and the focus outline on the light background."),
            "accent_dark": _("Links, buttons and the focus outline on the dark background."),
            "allowed_origins": _(
                "One address per line, like https://www.my-practice.fr — only these sites may "
                "show your widget. Leave empty to allow any secure (https) site."
            ),
        }

    def _clean_colour(self, name):
        value = (self.cleaned_data.get(name) or "").strip().lower()
        if not theme.HEX.match(value):
            raise forms.ValidationError(
                _("Give a colour like #2f6f6a (a # and six hexadecimal digits).")
            )
        return value

    def clean_accent(self):
        return self._clean_colour("accent")

    def clean_background(self):
        return self._clean_colour("background")

    def clean_accent_dark(self):
        return self._clean_colour("accent_dark")

    def clean_background_dark(self):
        return self._clean_colour("background_dark")

    def clean_allowed_origins(self):
        try:
            origins = theme.parse_origins(self.cleaned_data.get("allowed_origins", ""))
        except theme.OriginError as error:
            raise forms.ValidationError(
                ORIGIN_ERRORS[error.reason] % {"value": error.value, "max": theme.MAX_ORIGINS}
            ) from error
        return "\n".join(origins)

    def clean(self):
        cleaned = super().clean()
        for scheme in theme.schemes_used(cleaned.get("scheme") or "auto"):
            suffix = "" if scheme == "light" else "_dark"
            accent, background = cleaned.get("accent" + suffix), cleaned.get("background" + suffix)
            if not accent or not background:
                continue
            for problem in theme.scheme_problems(
                scheme=scheme, accent=accent, background=background
            ):
                lighter = theme.luminance(problem.foreground) > theme.luminance(problem.background)
                if problem.kind == "accent":
                    direction = _("lighter") if lighter else _("darker")
                else:
                    direction = _("darker") if lighter else _("lighter")
                self.add_error(
                    problem.field,
                    CONTRAST_ERRORS[problem.kind]
                    % {
                        "foreground": problem.foreground,
                        "background": problem.background,
                        "ratio": f"{problem.ratio:.1f}",
                        "direction": direction,
                    },
                )
        return cleaned

    def draft(self) -> dict:
        """The validated values, for a preview that saves nothing."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
