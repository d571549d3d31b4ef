"""Demo site tree: home, standard, FAQ, legal, pricing, contact and newsletter pages, in French
with their English translations (wagtail-localize), and the site settings.

Idempotent: pages are found again by their French slug under their parent and refreshed; pages
and settings the demo did not create are left alone. Menus and site texts come last, once the
catalogue exists (`site_pages.demo_navigation`).
"""

import copy
import uuid
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from site_pages.demo_data import faq as faq_content
from site_pages.demo_data import legal as legal_content
from site_pages.demo_data import pages as content
from site_pages.localization import streamfields_normalise, translation_apply
from site_pages.models import (
    ContactFormField,
    ContactPage,
    FAQPage,
    HomePage,
    LegalPage,
    NewsletterPage,
    PricingPage,
    SiteSettings,
    StandardPage,
)

Fill = Callable[[Page, str], None]

#: Titles of pages the content files do not name (written for the demo).
FAQ_TEXTS = {
    "title": {"fr": "Questions fréquentes", "en": "Frequently asked questions"},
    "intro": {
        "fr": "Les réponses aux questions que l'on nous pose le plus souvent. Vous ne trouvez pas "
        "la vôtre ? Écrivez-nous depuis la page de contact.",
        "en": "Answers to the questions we are asked most often. Can't find yours? "
        "Write to us from the contact page.",
    },
    "patients": {"fr": "Vous souhaitez consulter", "en": "If you would like to consult"},
    "practitioners": {"fr": "Vous êtes praticien", "en": "If you are a practitioner"},
}
CONTACT_FIELDS = [
    ("name", "singleline", {"fr": "Votre nom", "en": "Your name"}, True),
    ("email", "email", {"fr": "Votre adresse e-mail", "en": "Your email address"}, True),
    ("message", "multiline", {"fr": "Votre message", "en": "Your message"}, True),
]


def new_id() -> str:
    return str(uuid.uuid4())


def en_slug(title: dict) -> str:
    return slugify(title["en"])[:80]


@transaction.atomic
def page_upsert(*, parent: Page, model: type[Page], slug: str, fill: Fill) -> Page:
    """Create or refresh the French page `slug` under `parent`, and publish it."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, locale=parent.locale)
        fill(page, "fr")
        streamfields_normalise(page)
        parent.add_child(instance=page)
    else:
        fill(page, "fr")
        streamfields_normalise(page)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def page_translate(*, page: Page, fill: Fill, slug: str) -> Page:
    """Create or refresh the English translation of `page` from the same filler."""
    shadow = copy.deepcopy(page)
    fill(shadow, "en")
    shadow.slug = slug
    return translation_apply(source_instance=page, shadow_instance=shadow, locale_code="en")


def page_with_translation(*, parent: Page, model, slug: str, en: str, fill: Fill) -> Page:
    page = page_upsert(parent=parent, model=model, slug=slug, fill=fill)
    page_translate(page=page, fill=fill, slug=en)
    return page


# --- Home -----------------------------------------------------------------------------------


def _home_body(lang: str, ids: dict[str, str]) -> list[dict]:
    home = content.HOME
    return [
        {
            "type": "steps",
            "id": ids["steps"],
            "value": {
                "title": home["steps_title"][lang],
                "steps": [
                    {"title": s["title"][lang], "text": s["text"][lang]} for s in home["steps"]
                ],
            },
        },
        {
            "type": "cards",
            "id": ids["cards"],
            "value": {
                "title": "",
                "cards": [
                    {"title": r["title"][lang], "text": r["text"][lang], "page": None}
                    for r in home["reassurance"]
                ],
            },
        },
        {
            "type": "call_to_action",
            "id": ids["orientation"],
            "value": {
                "text": home["orientation_text"][lang],
                "label": home["orientation_title"][lang],
                "page": ids.get("orientation_page"),
                "url": "",
            },
        },
    ]


def _stable_ids(page: HomePage | None) -> dict[str, str]:
    """Reuse block ids across runs so translations keep their segments."""
    ids = {"steps": new_id(), "cards": new_id(), "orientation": new_id()}
    if page is not None:
        for block in page.body:
            key = {"steps": "steps", "cards": "cards", "call_to_action": "orientation"}.get(
                block.block_type
            )
            if key:
                ids[key] = block.id
            if block.block_type == "call_to_action" and block.value["page"]:
                ids["orientation_page"] = block.value["page"].pk
    return ids


def _fill_home(page: HomePage, lang: str, ids: dict[str, str]) -> None:
    home = content.HOME
    page.title = {"fr": "Accueil", "en": "Home"}[lang]
    page.hero_title = home["hero_title"][lang]
    page.hero_text = home["hero_text"][lang]
    page.hero_cta_label = home["hero_cta"][lang]
    page.body = _home_body(lang, ids)
    page.seo_title = home["hero_title"][lang]
    page.search_description = home["hero_text"][lang][:300]


@transaction.atomic
def ensure_home() -> HomePage:
    fr = Locale.objects.get(language_code="fr")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=fr, depth=2).first()
    if home is None:
        home = HomePage(slug="accueil", locale=fr)
        _fill_home(home, "fr", _stable_ids(None))
        streamfields_normalise(home)
        root.add_child(instance=home)
    else:
        _fill_home(home, "fr", _stable_ids(home))
        streamfields_normalise(home)
    home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name = "localhost", 80, "Khepri"
    site.root_page = home
    site.save()
    # Wagtail's migrations leave a plain "Welcome" page; it has no place in Khepri's tree.
    for stale in Page.objects.filter(depth=2).exclude(pk=home.pk).not_type(HomePage):
        if stale.get_children_count() == 0:
            stale.delete()
    return HomePage.objects.get(pk=home.pk)


def translate_home(home: HomePage) -> HomePage:
    shadow = copy.deepcopy(home)
    _fill_home(shadow, "en", _stable_ids(home))
    shadow.slug = "home"
    english = translation_apply(source_instance=home, shadow_instance=shadow, locale_code="en")
    # Wagtail caches the site's root paths per locale; a new translated root must be seen.
    Site.clear_site_root_paths_cache()
    return english


# --- Standard pages -------------------------------------------------------------------------


def _stream_block(block: dict, lang: str) -> dict:
    kind = block["type"]
    if kind == "heading":
        value = {"text": block["text"][lang]}
    elif kind == "paragraph":
        value = block["html"][lang]
    elif kind == "quote":
        attribution = block.get("attribution")
        value = {
            "text": block["text"][lang],
            "attribution": attribution[lang] if attribution else "",
        }
    elif kind == "steps":
        value = {
            "title": block["title"][lang] if block.get("title") else "",
            "steps": [{"title": s["title"][lang], "text": s["text"][lang]} for s in block["items"]],
        }
    else:
        raise ValueError(f"Unknown demo block type {kind!r}.")
    return {"type": kind, "id": new_id(), "value": value}


def _standard_filler(data: dict) -> Fill:
    def fill(page, lang):
        page.title = data["title"][lang]
        page.intro = data["intro"][lang]
        page.search_description = data["intro"][lang][:300]
        page.body = [_stream_block(block, lang) for block in data["blocks"]]
        page.show_in_menus = False

    return fill


# --- FAQ, legal, pricing, contact, newsletter -----------------------------------------------


def _faq_fill(page, lang):
    page.title = FAQ_TEXTS["title"][lang]
    page.intro = FAQ_TEXTS["intro"][lang]
    page.search_description = FAQ_TEXTS["intro"][lang][:300]
    page.sections = [
        {
            "type": "faq",
            "id": new_id(),
            "value": {
                "title": FAQ_TEXTS[audience][lang],
                "items": [
                    {"question": item["question"][lang], "answer": item["answer"][lang]}
                    for item in faq_content.FAQ
                    if item["audience"] == audience
                ],
            },
        }
        for audience in ("patients", "practitioners")
    ]


def _legal_filler(data: dict) -> Fill:
    def fill(page, lang):
        page.title = data["title"][lang]
        page.body = "".join(
            f"<h2>{section['heading'][lang]}</h2>{section['html'][lang]}"
            for section in data["sections"]
        )
        page.show_in_menus = False

    return fill


def _euros(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def _pricing_fill(page, lang):
    data = content.PRICING
    page.title = data["title"][lang]
    page.intro = data["intro"][lang]
    page.search_description = data["intro"][lang][:300]
    page.note = data["note"][lang]
    page.prices = [
        {
            "type": "price",
            "id": new_id(),
            "value": {
                "name": item["name"][lang],
                "price": _euros(item["price"]),
                "text": item["text"][lang],
            },
        }
        for item in data["items"]
    ]
    page.packages = [
        {
            "type": "package",
            "id": new_id(),
            "value": {
                "name": item["name"][lang],
                "sessions": item["sessions"],
                "price": _euros(item["price"]),
                "validity_days": item["validity_days"],
                "text": item["text"][lang],
            },
        }
        for item in data["packages"]
    ]


def _contact_fill(page, lang):
    data = content.CONTACT
    page.title = data["title"][lang]
    page.intro = data["intro"][lang]
    page.thank_you_text = data["thank_you"][lang]
    page.search_description = data["intro"][lang][:300]
    page.to_address = content.SITE["contact_email"]
    page.from_address = content.SITE["contact_email"]
    # Plain subject: the inbox preview must not reveal anything about the sender's situation.
    page.subject = {"fr": "Nouveau message du site", "en": "New message from the site"}[lang]
    if lang == "fr" and not page.pk:
        page.form_fields = [
            ContactFormField(clean_name=name, field_type=kind, label=label["fr"], required=required)
            for name, kind, label, required in CONTACT_FIELDS
        ]
    elif lang == "en":
        fields = list(page.form_fields.all())
        english = {name: label["en"] for name, _kind, label, _required in CONTACT_FIELDS}
        for field in fields:
            field.label = english.get(field.clean_name, field.label)
        page.form_fields = fields


def _newsletter_fill(page, lang):
    data = content.NEWSLETTER
    page.title = data["title"][lang]
    page.intro = data["intro"][lang]
    page.search_description = data["intro"][lang][:300]
    page.show_in_menus = False


def ensure_moderation_workflow() -> None:
    """Pages go through moderators' approval before publishing (Wagtail's default workflow).

    Wagtail's migrations create it; a database emptied since (tests) gets it back here.
    """
    from practitioners.apps import grant_reviews_to_moderators

    root = Page.get_first_root_node()
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    grant_reviews_to_moderators(sender=None, using="default")
    if WorkflowPage.objects.filter(page=root).exists():
        return
    task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    task = task or GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name="Moderators approval")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.create(workflow=workflow, page=root)


def load(*, stdout) -> None:
    ensure_moderation_workflow()
    home = ensure_home()
    translate_home(home)
    for data in content.STANDARD_PAGES:
        page_with_translation(
            parent=home,
            model=StandardPage,
            slug=data["slug"],
            en=en_slug(data["title"]),
            fill=_standard_filler(data),
        )
    page_with_translation(
        parent=home, model=FAQPage, slug="questions-frequentes", en="faq", fill=_faq_fill
    )
    page_with_translation(
        parent=home, model=PricingPage, slug="tarifs", en="prices", fill=_pricing_fill
    )
    page_with_translation(
        parent=home, model=ContactPage, slug="contact", en="contact", fill=_contact_fill
    )
    page_with_translation(
        parent=home, model=NewsletterPage, slug="lettre", en="newsletter", fill=_newsletter_fill
    )
    for data in legal_content.LEGAL_PAGES:
        page_with_translation(
            parent=home,
            model=LegalPage,
            slug=data["slug"],
            en=en_slug(data["title"]),
            fill=_legal_filler(data),
        )

    site_settings = SiteSettings.load()
    site_settings.advice_phone = content.SITE["advice_phone"]
    site_settings.contact_email = content.SITE["contact_email"]
    site_settings.save()
    stdout.write(f"  {StandardPage.objects.count()} standard pages, FAQ, legal, pricing, contact")
