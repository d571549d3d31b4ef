from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneField


class Practitioner(models.Model):
    """The person bookings, payouts and fee notes refer to.

    Not the public profile: that is `PractitionerPage`, which editors and the practitioner
    write. This record holds what must stay true whatever the page says.
    """

    class Status(models.TextChoices):
        ONBOARDING = "onboarding", _("Onboarding")
        IN_REVIEW = "in_review", _("Awaiting review")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="practitioner",
        verbose_name=_("user"),
    )
    #: Same slug as the public profile page; used by the booking API and the widget.
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    legal_name = models.CharField(_("legal name"), max_length=200)
    profession = models.CharField(_("profession"), max_length=200, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    adeli = models.CharField(_("ADELI number"), max_length=9, blank=True)
    rpps = models.CharField(_("RPPS number"), max_length=11, blank=True)
    address = models.TextField(_("address for fee notes"), blank=True)
    time_zone = TimeZoneField(_("time zone"), default="Europe/Paris")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ONBOARDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("practitioner")
        verbose_name_plural = _("practitioners")
        ordering = ["legal_name"]

    def __str__(self):
        return self.legal_name

    @property
    def is_bookable(self) -> bool:
        return self.status == self.Status.ACTIVE
