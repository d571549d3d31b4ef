"""The catalogue: therapy categories, therapies, concerns and domains, as Wagtail pages.

Tree: HomePage ─ TherapyIndexPage ─ TherapyPage
               ─ ConcernIndexPage ─ ConcernPage
               ─ DomainIndexPage  ─ DomainPage

Links between pages are translatable orderables (`TranslatableMixin`): wagtail-localize then
points the English therapy at the English concern, so every relation can be read within one
locale. A later `PractitionerPage` points to `TherapyPage`/`ConcernPage` from its own side
(ParentalManyToMany or a through model); `therapies.selectors` reads it when it exists.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from therapies import selectors

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class TherapyCategory(TranslatableMixin, ClusterableModel):
    """A family of therapies (mind and body, psychology...), edited as a snippet."""

    key = models.SlugField(
        _("key"), max_length=40, help_text=_("Stable identifier, the same in every language.")
    )
    title = models.CharField(_("title"), max_length=120)
    intro = models.TextField(_("introduction"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("title"), FieldPanel("intro"), FieldPanel("key"), FieldPanel("sort_order")]
    #: The key and the order are shared by every language; only the words are translated.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        SynchronizedField("key"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("therapy category")
        verbose_name_plural = _("therapy categories")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title


class TherapyIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["site_pages.HomePage"]
    subpage_types = ["therapies.TherapyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("therapy catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = selectors.therapy_groups(index_page=self)
        return context


class TherapyPage(Page):
    category = models.ForeignKey(
        TherapyCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="therapy_pages",
    )
    summary = models.TextField(_("summary"), help_text=_("One or two sentences, shown in lists."))
    body = RichTextField(_("what it is"), features=RICH_TEXT_FEATURES, blank=True)
    remote_session = RichTextField(
        _("what a remote session looks like"), features=RICH_TEXT_FEATURES, blank=True
    )
    duration_min = models.PositiveSmallIntegerField(_("shortest session (minutes)"), default=45)
    duration_max = models.PositiveSmallIntegerField(_("longest session (minutes)"), default=60)
    #: Euro cents, like every amount in Khepri.
    price_min = models.PositiveIntegerField(_("lowest usual price (cents)"), default=5000)
    price_max = models.PositiveIntegerField(_("highest usual price (cents)"), default=7000)
    offers_video = models.BooleanField(_("by video"), default=True)
    offers_phone = models.BooleanField(_("by phone"), default=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("remote_session"),
        InlinePanel("indications", label=_("Indications (concerns)")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration_min"), FieldPanel("duration_max")]),
                FieldRowPanel([FieldPanel("price_min"), FieldPanel("price_max")]),
                FieldRowPanel([FieldPanel("offers_video"), FieldPanel("offers_phone")]),
            ],
            heading=_("Practical details"),
        ),
    ]
    api_fields = [
        APIField("category"),
        APIField("summary"),
        APIField("body"),
        APIField("remote_session"),
        APIField("duration_min"),
        APIField("duration_max"),
        APIField("price_min"),
        APIField("price_max"),
        APIField("offers_video"),
        APIField("offers_phone"),
        APIField("indications"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("remote_session"),
    ]

    parent_page_types = ["therapies.TherapyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("therapy")

    def concerns(self):
        return selectors.therapy_concerns(therapy=self)

    def bookable_practitioner_pages(self):
        return selectors.therapy_practitioner_pages(therapy=self)

    @property
    def price_min_euros(self) -> int:
        return self.price_min // 100

    @property
    def price_max_euros(self) -> int:
        return self.price_max // 100


class TherapyIndication(TranslatableMixin, Orderable):
    """A concern a therapy can help with ("indications" on the therapy page)."""

    page = ParentalKey(TherapyPage, on_delete=models.CASCADE, related_name="indications")
    concern = models.ForeignKey(
        "therapies.ConcernPage",
        verbose_name=_("concern"),
        on_delete=models.CASCADE,
        related_name="therapy_indications",
    )

    panels = [FieldPanel("concern")]
    api_fields = [APIField("concern")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("indication")


class ConcernIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["site_pages.HomePage"]
    subpage_types = ["therapies.ConcernPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("concern list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["concerns"] = self.get_children().live().public().specific()
        return context


class ConcernPage(Page):
    summary = models.TextField(_("summary"), help_text=_("One or two gentle sentences."))
    body = RichTextField(_("explanation"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    api_fields = [APIField("summary"), APIField("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["therapies.ConcernIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("concern")

    def related_therapies(self):
        return selectors.concern_therapies(concern=self)

    def practitioner_pages(self):
        return selectors.concern_practitioner_pages(concern=self)


class DomainIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["site_pages.HomePage"]
    subpage_types = ["therapies.DomainPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("domain list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["domains"] = self.get_children().live().public().specific()
        return context


class DomainPage(Page):
    summary = models.TextField(_("summary"))
    body = RichTextField(_("text"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("therapy_links", label=_("Therapies")),
        InlinePanel("concern_links", label=_("Concerns")),
    ]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("therapy_links"),
        APIField("concern_links"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["therapies.DomainIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("domain of intervention")

    def therapies(self):
        return selectors.domain_therapies(domain=self)

    def concerns(self):
        return selectors.domain_concerns(domain=self)


class DomainTherapy(TranslatableMixin, Orderable):
    page = ParentalKey(DomainPage, on_delete=models.CASCADE, related_name="therapy_links")
    therapy = models.ForeignKey(
        TherapyPage, verbose_name=_("therapy"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("therapy")]
    api_fields = [APIField("therapy")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("therapy of the domain")


class DomainConcern(TranslatableMixin, Orderable):
    page = ParentalKey(DomainPage, on_delete=models.CASCADE, related_name="concern_links")
    concern = models.ForeignKey(
        ConcernPage, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("concern")]
    api_fields = [APIField("concern")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("concern of the domain")
