from django.db import models
from django.utils.translation import gettext_lazy as _

from practitioners.models import Practitioner


class WidgetTheme(models.Model):
    """How a practitioner's embeddable booking page looks, and which sites may frame it.

    Colours are checked for contrast when saved (`widget.forms.WidgetThemeForm`, rules in
    `widget.theme`); a practitioner without a saved theme gets the defaults below."""

    class Scheme(models.TextChoices):
        LIGHT = "light", _("Light")
        DARK = "dark", _("Dark")
        AUTO = "auto", _("Automatic (follows the visitor's device)")

    class Font(models.TextChoices):
        SYSTEM = "system", _("System (the device's own font)")
        HUMANIST = "humanist", _("Humanist sans-serif")
        ROUNDED = "rounded", _("Rounded")
        SERIF = "serif", _("Serif")

    class ButtonStyle(models.TextChoices):
        ROUNDED = "rounded", _("Rounded corners")
        PILL = "pill", _("Pill")
        SQUARE = "square", _("Square corners")

    practitioner = models.OneToOneField(
        Practitioner, on_delete=models.CASCADE, related_name="widget_theme"
    )
    scheme = models.CharField(
        _("light or dark"), max_length=8, choices=Scheme.choices, default=Scheme.LIGHT
    )
    accent = models.CharField(_("accent colour (light)"), max_length=7, default="#2f6f6a")
    background = models.CharField(_("background (light)"), max_length=7, default="#ffffff")
    accent_dark = models.CharField(_("accent colour (dark)"), max_length=7, default="#8fd0c7")
    background_dark = models.CharField(_("background (dark)"), max_length=7, default="#141b1b")
    font = models.CharField(_("font"), max_length=12, choices=Font.choices, default=Font.SYSTEM)
    button_style = models.CharField(
        _("button style"), max_length=8, choices=ButtonStyle.choices, default=ButtonStyle.PILL
    )
    #: Origins (`https://host[:port]`, one per line) allowed to frame the widget; empty: any
    #: https site.
    allowed_origins = models.TextField(_("sites allowed to show the widget"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("widget theme")
        verbose_name_plural = _("widget themes")

    def __str__(self):
        return str(self.practitioner)

    @property
    def origins(self) -> list[str]:
        return [line for line in self.allowed_origins.split() if line]
