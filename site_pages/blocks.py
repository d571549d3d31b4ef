"""The one StreamField block set shared by every content page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=160)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it. Leave empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), required=False)
    label = blocks.CharBlock(label=_("Button label"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or external address"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/cta_block.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("FAQ accordion")
        template = "blocks/faq_block.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"))


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"))

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = "blocks/steps_block.html"


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Link to page"), required=False)


class CardsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    cards = blocks.ListBlock(CardBlock(), label=_("Cards"))

    class Meta:
        icon = "grip"
        label = _("Cards")
        template = "blocks/cards_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"))
    title = blocks.CharBlock(label=_("Title (for screen readers)"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    video = VideoBlock()
    steps = StepsBlock()
    cards = CardsBlock()


class PriceBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Type of support"))
    price = blocks.DecimalBlock(label=_("Typical price (€)"), min_value=0, decimal_places=2)
    text = blocks.TextBlock(label=_("Details"), required=False)

    class Meta:
        icon = "tag"
        label = _("Price")


class PackageBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"))
    sessions = blocks.IntegerBlock(label=_("Sessions"), min_value=1)
    price = blocks.DecimalBlock(label=_("Price (€)"), min_value=0, decimal_places=2)
    validity_days = blocks.IntegerBlock(label=_("Valid for (days)"), min_value=1)
    text = blocks.TextBlock(label=_("Details"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Package")
