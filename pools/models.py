"""Pooled services: "book with the service, not a person".

A service (an orientation call, say) has members; a patient books the service and one free
member is assigned. The booking stays a booking of that ONE practitioner, made with a session
type of theirs kept in step with the service (`ServiceMember.session_type`): every guarantee of
an ordinary booking (no double booking, reminders, agenda, payments, invoices) holds unchanged.
`ServiceBooking` records which service a booking came through.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from bookings.models import Booking, SessionType
from practitioners.models import Practitioner


class Service(models.Model):
    """What patients book without choosing a person: a duration, a price, its members."""

    name = models.CharField(_("name"), max_length=80)
    #: Shown on the English site; the French name is used when empty.
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=20)
    buffer_after_minutes = models.PositiveSmallIntegerField(
        _("free time after (minutes)"), default=10
    )
    min_notice_minutes = models.PositiveIntegerField(_("minimum notice (minutes)"), default=4 * 60)
    horizon_days = models.PositiveSmallIntegerField(_("bookable up to (days ahead)"), default=30)
    price_cents = models.PositiveIntegerField(_("price (cents)"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    is_active = models.BooleanField(_("bookable"), default=True)
    #: People who see the service's bookings and reassign them (staff always can).
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_services",
        verbose_name=_("managers"),
    )

    class Meta:
        verbose_name = _("pooled service")
        verbose_name_plural = _("pooled services")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=5, duration_minutes__lte=480),
                name="service_duration_range",
            )
        ]

    def __str__(self):
        return self.name

    def display_name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name


class ServiceMember(models.Model):
    """A practitioner who takes the service's bookings, with the session type (theirs, kept in
    step with the service by `pools.services`) that those bookings are made with."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="members")
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="service_memberships"
    )
    session_type = models.OneToOneField(
        SessionType, on_delete=models.CASCADE, related_name="service_member"
    )
    joined_at = models.DateTimeField(_("joined on"), auto_now_add=True)

    class Meta:
        verbose_name = _("service member")
        verbose_name_plural = _("service members")
        ordering = ["service", "practitioner_id"]
        constraints = [
            models.UniqueConstraint(fields=["service", "practitioner"], name="service_member_once")
        ]

    def __str__(self):
        return f"{self.service} · {self.practitioner}"


class ServiceBooking(models.Model):
    """A booking made through a service (the booking itself is the member's)."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="service_link")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="bookings")

    class Meta:
        verbose_name = _("booking through a service")
        verbose_name_plural = _("bookings through a service")
        indexes = [models.Index(fields=["service", "booking"])]

    def __str__(self):
        return f"{self.service} · {self.booking_id}"


class ServicePage(Page):
    """The public page of a service: what it is, and its week of free times to book from."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="pages"
    )
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("service"), FieldPanel("intro")]
    api_fields = [APIField("intro"), APIField("service_summary")]
    #: The service is the same in every language; only the words around it are translated.
    override_translatable_fields = [SynchronizedField("service", overridable=False)]

    parent_page_types = ["site_pages.HomePage"]
    subpage_types = []
    template = "pools/service_page.html"
    #: Free times change every minute and the booking form carries a CSRF token.
    page_cache_enabled = False

    class Meta:
        verbose_name = _("service page")

    @property
    def service_summary(self) -> dict:
        service = self.service
        return {
            "slug": service.slug,
            "name": service.display_name(self.locale.language_code),
            "duration_minutes": service.duration_minutes,
            "price_cents": service.price_cents,
            "currency": service.currency,
        }

    def get_context(self, request, *args, **kwargs):
        from pools.views import service_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(service_page_context(request, service=self.service))
        return context
