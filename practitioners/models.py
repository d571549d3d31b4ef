from django import forms
from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from timezone_field import TimeZoneField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def private_storage():
    """Files only staff may read (diploma scans): the "private" storage, outside MEDIA_ROOT and
    never served by URL."""
    return storages["private"]


class Practitioner(models.Model):
    """The person bookings, payouts and fee notes refer to.

    Not the public profile: that is `PractitionerPage`, which editors and the practitioner
    write. This record holds what must stay true whatever the page says.
    """

    class ConfirmationMode(models.TextChoices):
        INSTANT = "instant", _("Instant booking")
        REQUEST = "request", _("I confirm each request")

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
    #: Instant: a free slot is booked at once. Request: the practitioner accepts or declines.
    confirmation_mode = models.CharField(
        _("confirmation"), max_length=8, choices=ConfirmationMode.choices, default="instant"
    )
    #: The practitioner's own video room (Zoom, Whereby, Jitsi...); empty: one room per booking
    #: on the platform's video service (`KHEPRI_VIDEO_BASE_URL`).
    video_room_url = models.URLField(_("my video room address"), max_length=500, blank=True)
    #: How long a request may wait for an answer before it expires and the patient is told.
    request_response_hours = models.PositiveSmallIntegerField(
        _("time to answer a request"),
        choices=[(12, _("12 hours")), (24, _("24 hours")), (48, _("48 hours"))],
        default=24,
    )
    # --- Cancellation policy (shown on the booking page and in every message) -----------------
    #: A patient may cancel or move a session for free until this many hours before it.
    free_cancellation_hours = models.PositiveSmallIntegerField(
        _("free cancellation until"),
        choices=[(24, _("24 hours before")), (48, _("48 hours before"))],
        default=24,
    )
    #: Share of the price due for a late cancellation (the first one is always forgiven).
    late_cancellation_fee_percent = models.PositiveSmallIntegerField(
        _("fee for a late cancellation"),
        choices=[(0, _("No fee")), (50, _("Half the price")), (100, _("The full price"))],
        default=50,
    )
    #: The evening before a working day: the list of tomorrow's sessions, by email.
    daily_agenda_email = models.BooleanField(
        _("email me tomorrow's sessions the evening before"), default=True
    )
    # --- Staff only: never in a form the practitioner can post -------------------------------
    #: The platform's commission on this practitioner's sessions, in basis points (2000 =
    #: 20 %); empty: the platform's default.
    commission_bp = models.PositiveIntegerField(
        _("commission (basis points)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10_000)],
        help_text=_("2000 means 20 %. Leave empty for the platform's default."),
    )
    #: The practitioner's Stripe Connect account, which receives their sessions' payments.
    stripe_account_id = models.CharField(_("Stripe account"), max_length=64, blank=True)
    #: What staff checked, and when (the public "verified" badge lists these).
    identity_verified_at = models.DateTimeField(_("identity checked on"), null=True, blank=True)
    diplomas_verified_at = models.DateTimeField(_("diplomas checked on"), null=True, blank=True)
    insurance_verified_at = models.DateTimeField(
        _("professional insurance checked on"), null=True, blank=True
    )
    #: Platform commission in basis points (2000 = 20 %).
    commission_basis_points = models.PositiveIntegerField(
        _("commission (basis points)"), default=2000
    )
    review_comment = models.TextField(_("comment from the review"), blank=True)
    # --- Onboarding -----------------------------------------------------------------------------
    guide_acknowledged_at = models.DateTimeField(_("guide read on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted for review on"), null=True, blank=True)
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

    @property
    def is_verified(self) -> bool:
        return bool(self.identity_verified_at and self.diplomas_verified_at)


class Credential(models.Model):
    """A diploma or certificate file sent for review: private to staff, never served publicly."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="credentials"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="credentials/%Y/", storage=private_storage)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("credential file")
        verbose_name_plural = _("credential files")

    def __str__(self):
        return self.title


GENDERS = [
    ("female", _("Woman")),
    ("male", _("Man")),
    ("non_binary", _("Non-binary")),
    ("unspecified", _("Prefer not to say")),
]

LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
    ("ja", _("Japanese")),
    ("zh", _("Chinese")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("nl", _("Dutch")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("he", _("Hebrew")),
    ("wo", _("Wolof")),
]


class PractitionerIndexPage(RoutablePageMixin, Page):
    """ "Our practitioners": the directory, with its filters and the day planning."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["site_pages.HomePage"]
    subpage_types = ["practitioners.PractitionerPage"]
    max_count_per_parent = 1
    #: Shows live availability: never served from the page cache.
    page_cache_enabled = False

    class Meta:
        verbose_name = _("practitioner directory")

    @path("")
    def directory(self, request):
        from practitioners.directory import directory_response

        return directory_response(request=request, page=self)

    @path("planning/")
    def planning(self, request):
        from practitioners.directory import planning_response

        return planning_response(request=request, page=self)


class PractitionerPageQuerySet(PageQuerySet):
    def bookable(self):
        return self.filter(practitioner__status=Practitioner.Status.ACTIVE)


class PractitionerPage(Page):
    """The public profile a practitioner writes (and staff approve).

    `practitioner` is the record behind it: the same in every language. Therapies and concerns
    point to pages in the source language; selectors resolve them into the language read.
    """

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="pages", verbose_name=_("practitioner")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    headline = models.CharField(
        _("headline"), max_length=200, help_text=_("One sentence under your name.")
    )
    presentation = RichTextField(_("presentation"), features=RICH_TEXT_FEATURES, blank=True)
    career = RichTextField(_("career"), features=RICH_TEXT_FEATURES, blank=True)
    video_url = models.URLField(_("presentation video"), blank=True)
    gender = models.CharField(_("gender"), max_length=16, choices=GENDERS, default="unspecified")
    therapies = ParentalManyToManyField(
        "therapies.TherapyPage", related_name="practitioner_profiles", blank=True
    )
    concerns = ParentalManyToManyField(
        "therapies.ConcernPage", related_name="practitioner_profiles", blank=True
    )
    offers_video = models.BooleanField(_("sessions by video"), default=True)
    offers_phone = models.BooleanField(_("sessions by phone"), default=False)
    accepts_new_patients = models.BooleanField(_("accepts new patients"), default=True)
    offers_follow_up = models.BooleanField(_("offers ongoing follow-up"), default=True)

    objects = PageManager.from_queryset(PractitionerPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("practitioner"),
        FieldPanel("photo"),
        FieldPanel("headline"),
        FieldPanel("presentation"),
        FieldPanel("career"),
        InlinePanel("diplomas", label=_("Diplomas and certificates")),
        FieldPanel("video_url"),
        MultiFieldPanel(
            [
                InlinePanel("languages", label=_("Languages spoken")),
                FieldPanel("gender"),
                FieldPanel("therapies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("concerns", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("offers_video"), FieldPanel("offers_phone")]),
                FieldRowPanel([FieldPanel("accepts_new_patients"), FieldPanel("offers_follow_up")]),
            ],
            heading=_("Practice"),
        ),
    ]
    #: Words are translated; the record, links, choices and flags are the same in every language.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("headline"),
        TranslatableField("presentation"),
        TranslatableField("career"),
        TranslatableField("diplomas"),
        SynchronizedField("practitioner", overridable=False),
        SynchronizedField("photo"),
        SynchronizedField("video_url"),
        SynchronizedField("gender", overridable=False),
        SynchronizedField("therapies", overridable=False),
        SynchronizedField("concerns", overridable=False),
        SynchronizedField("languages", overridable=False),
        SynchronizedField("offers_video", overridable=False),
        SynchronizedField("offers_phone", overridable=False),
        SynchronizedField("accepts_new_patients", overridable=False),
        SynchronizedField("offers_follow_up", overridable=False),
    ]
    api_fields = [
        APIField("headline"),
        APIField("presentation"),
        APIField("career"),
        APIField("video_url"),
        APIField("gender"),
        APIField("language_codes"),
        APIField("offers_video"),
        APIField("offers_phone"),
        APIField("accepts_new_patients"),
        APIField("diplomas"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("headline"),
        index.SearchField("presentation"),
    ]
    parent_page_types = ["practitioners.PractitionerIndexPage"]
    subpage_types = []
    #: Shows the next free slots: never served from the page cache.
    page_cache_enabled = False

    class Meta:
        verbose_name = _("practitioner profile")

    @property
    def language_codes(self) -> list[str]:
        return [item.code for item in self.languages.all()]

    def get_context(self, request, *args, **kwargs):
        from practitioners.profile import profile_context

        context = super().get_context(request, *args, **kwargs)
        context.update(profile_context(request=request, page=self))
        return context


class PractitionerLanguage(Orderable):
    page = ParentalKey(PractitionerPage, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8, choices=LANGUAGES)

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="one_language_once_per_page")
        ]

    def __str__(self):
        return self.get_code_display()


class PractitionerDiploma(TranslatableMixin, Orderable):
    page = ParentalKey(PractitionerPage, on_delete=models.CASCADE, related_name="diplomas")
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    school = models.CharField(_("school"), max_length=200, blank=True)

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("year"), FieldPanel("school")])]
    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("year"),
        SynchronizedField("school"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("diploma")

    def __str__(self):
        return self.title
