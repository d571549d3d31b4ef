"""Site pages (home, standard, FAQ, legal, pricing, contact, newsletter), menus and site texts."""

import secrets

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from site_pages.blocks import BaseStreamBlock, FAQBlock, PackageBlock, PriceBlock

LEGAL_RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]

#: Page types a home page may hold; the practitioners app adds its directory later.
HOME_SUBPAGE_TYPES = [
    "site_pages.StandardPage",
    "site_pages.FAQPage",
    "site_pages.LegalPage",
    "site_pages.PricingPage",
    "site_pages.ContactPage",
    "site_pages.NewsletterPage",
    "therapies.TherapyIndexPage",
    "therapies.ConcernIndexPage",
    "therapies.DomainIndexPage",
    "practitioners.PractitionerIndexPage",
    "pools.ServicePage",
]


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=160)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_cta_label = models.CharField(_("hero button label"), max_length=80, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]
    api_fields = [
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("hero_cta_label"),
        APIField("hero_cta_page"),
        APIField("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]

    #: The home page sits at the root of each language tree, only once.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = HOME_SUBPAGE_TYPES
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """Concept, how it works, why remote therapy, working on the platform, partners..."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    api_fields = [APIField("intro"), APIField("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["site_pages.HomePage", "site_pages.StandardPage"]
    subpage_types = ["site_pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class FAQPage(Page):
    """Questions grouped by audience; also published as schema.org FAQPage JSON-LD."""

    intro = models.TextField(_("introduction"), blank=True)
    sections = StreamField([("faq", FAQBlock())], verbose_name=_("question groups"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("sections")]
    api_fields = [APIField("intro"), APIField("sections")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("sections")]

    parent_page_types = ["site_pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("FAQ page")

    def questions(self) -> list[dict]:
        """Every question and its answer, in page order (for the JSON-LD)."""
        return [
            {"question": item["question"], "answer": item["answer"]}
            for section in self.sections
            for item in section.value["items"]
        ]


class LegalPage(Page):
    """Terms of use, legal notice, privacy policy, cookie policy."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("text"), features=LEGAL_RICH_TEXT_FEATURES)
    updated_on = models.DateField(_("last updated on"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("updated_on"),
    ]
    api_fields = [APIField("intro"), APIField("body"), APIField("updated_on")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["site_pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("legal page")


class PricingPage(Page):
    """Usual prices and packages; written by editors until the payment models feed it."""

    intro = models.TextField(_("introduction"), blank=True)
    prices = StreamField([("price", PriceBlock())], verbose_name=_("prices"), blank=True)
    packages = StreamField([("package", PackageBlock())], verbose_name=_("packages"), blank=True)
    note = models.TextField(_("note"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("prices"),
        FieldPanel("packages"),
        FieldPanel("note"),
    ]
    api_fields = [APIField("intro"), APIField("prices"), APIField("packages"), APIField("note")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["site_pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("pricing page")


# --- Contact form ---------------------------------------------------------------------------

#: Name of the hidden field only robots fill in.
HONEYPOT_FIELD = "website"


class ContactFormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class ContactPage(AbstractEmailForm):
    """Wagtail form builder page: submissions are stored, emailed, and robots are ignored."""

    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(_("thank-you text"), blank=True)

    content_panels = [
        *AbstractEmailForm.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email"),
        ),
    ]
    api_fields = [APIField("intro"), APIField("thank_you_text"), APIField("form_fields")]

    parent_page_types = ["site_pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    #: The form carries a CSRF token: never serve it from the page cache.
    page_cache_enabled = False

    class Meta:
        verbose_name = _("contact page")

    def get_form_class(self):
        base = super().get_form_class()
        return type(
            "ContactForm",
            (base,),
            {
                HONEYPOT_FIELD: forms.CharField(
                    required=False,
                    label=_("Leave this field empty"),
                    widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
                )
            },
        )

    def process_form_submission(self, form):
        if form.cleaned_data.pop(HONEYPOT_FIELD, ""):
            # A robot filled the invisible field: thank it, keep and send nothing.
            return None
        return super().process_form_submission(form)


# --- Newsletter -----------------------------------------------------------------------------


class NewsletterPage(Page):
    """Subscription form; the address counts only once its owner clicks the emailed link."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["site_pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    page_cache_enabled = False

    class Meta:
        verbose_name = _("newsletter page")

    def serve(self, request, *args, **kwargs):
        from site_pages import views

        return views.newsletter_page_serve(request, page=self)


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class NewsletterSubscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(_("language"), max_length=8, default="fr")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    #: Secret of the confirmation and unsubscribe links; renewed at each new subscription.
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created_at = models.DateTimeField(_("subscribed on"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


# --- Menus, site texts, settings --------------------------------------------------------------


class Menu(TranslatableMixin, ClusterableModel):
    """A list of links editors manage per language: the main menu or a footer column."""

    class Location(models.TextChoices):
        MAIN = "main", _("Main menu")
        FOOTER = "footer", _("Footer")

    title = models.CharField(_("title"), max_length=80)
    location = models.CharField(_("location"), max_length=16, choices=Location.choices)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("location"), FieldPanel("sort_order")]),
        InlinePanel("items", label=_("Links")),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("items"),
        SynchronizedField("location"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        ordering = ["location", "sort_order"]

    def __str__(self):
        return f"{self.title} ({self.get_location_display()})"


class MenuItem(TranslatableMixin, Orderable):
    menu = ParentalKey(Menu, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(
        _("label"), max_length=80, blank=True, help_text=_("Leave empty to use the page title.")
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("or external address"), blank=True)

    panels = [FieldPanel("label"), FieldPanel("link_page"), FieldPanel("link_url")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("link")

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        if self.label:
            return self.label
        return self.link_page.title if self.link_page else self.link_url


class SiteText(TranslatableMixin, ClusterableModel):
    """Site-wide words shown on every page, one per language."""

    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    advice_text = models.CharField(
        _("advice invitation"),
        max_length=200,
        blank=True,
        help_text=_("Shown next to the advice phone number."),
    )
    emergency_title = models.CharField(_("emergency title"), max_length=120)
    emergency_text = RichTextField(_("emergency-help text"), features=["bold", "link"])

    panels = [
        FieldPanel("tagline"),
        FieldPanel("advice_text"),
        FieldPanel("emergency_title"),
        FieldPanel("emergency_text"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site texts")
        verbose_name_plural = _("site texts")

    def __str__(self):
        return str(_("Site texts (%(language)s)") % {"language": self.locale.get_display_name()})


@register_setting(icon="cog")
class SiteSettings(BaseGenericSetting):
    advice_phone = models.CharField(
        _("advice phone number"),
        max_length=32,
        blank=True,
        help_text=_("Shown as “Call us to be guided to the right practitioner”."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    instagram_url = models.URLField(_("Instagram account"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn page"), blank=True)

    panels = [
        FieldPanel("advice_phone"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("linkedin_url")],
            heading=_("Social networks"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def social_links(self) -> list[dict]:
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [{"name": name, "url": url} for name, url in links if url]
