from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from site_pages.blocks import BaseStreamBlock


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

    #: The home page sits at the root of each language tree, only once.
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


@register_setting(icon="cog")
class SiteSettings(BaseGenericSetting):
    advice_phone = models.CharField(
        _("advice phone number"),
        max_length=32,
        blank=True,
        help_text=_("Shown as “Call us to be guided to the right practitioner”."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)

    panels = [FieldPanel("advice_phone"), FieldPanel("contact_email")]

    class Meta:
        verbose_name = _("site settings")
