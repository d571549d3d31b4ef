"""Demo menus and site texts, built once the whole tree (catalogue included) exists."""

import copy
import re

from django.db import transaction
from wagtail.models import Locale, Page

from site_pages.demo_data import pages as content
from site_pages.localization import translation_apply
from site_pages.models import HomePage, Menu, MenuItem, SiteText

#: (title, location, French page slugs in order) — slugs are looked up anywhere in the tree.
MENUS = [
    (
        {"fr": "Menu principal", "en": "Main menu"},
        Menu.Location.MAIN,
        [
            "praticiens",
            "pratiques",
            "ce-qui-vous-amene",
            "domaines",
            "tarifs",
            "questions-frequentes",
        ],
    ),
    (
        {"fr": "Découvrir Khepri", "en": "About Khepri"},
        Menu.Location.FOOTER,
        [
            "concept",
            "comment-ca-marche",
            "pourquoi-la-teleconsultation",
            "rejoindre-khepri",
            "partenaires",
            "lettre",
            "contact",
        ],
    ),
    (
        {"fr": "Informations légales", "en": "Legal information"},
        Menu.Location.FOOTER,
        [
            "mentions-legales",
            "conditions-utilisation",
            "politique-confidentialite",
            "politique-cookies",
        ],
    ),
]

SITE_TEXTS = {
    "advice_text": {
        "fr": "Appelez-nous pour être orienté vers le bon praticien",
        "en": "Call us to be guided to the right practitioner",
    },
    "emergency_title": {"fr": "Besoin d'aide tout de suite ?", "en": "Need help right now?"},
}


def _page(home: HomePage, slug: str) -> Page | None:
    return home.get_descendants().filter(slug=slug).first()


@transaction.atomic
def _menu(home, order, title, location, slugs):
    fr = home.locale
    menu = Menu.objects.filter(locale=fr, location=location, sort_order=order).first()
    menu = menu or Menu(locale=fr, location=location, sort_order=order)
    menu.title = title["fr"]
    pages = [page for page in (_page(home, slug) for slug in slugs) if page is not None]
    if [item.link_page_id for item in menu.items.all()] != [page.pk for page in pages]:
        menu.items = [MenuItem(link_page=page) for page in pages]
    menu.save()
    shadow = copy.deepcopy(menu)
    shadow.title = title["en"]
    translation_apply(source_instance=menu, shadow_instance=shadow, locale_code="en")


def _emergency_html(lang: str) -> str:
    """The emergency text with its phone numbers as links a phone can dial."""
    text = content.SITE["emergency_text"][lang]
    text = text.replace("09 72 39 40 50", '<a href="tel:+33972394050">09 72 39 40 50</a>')
    text = re.sub(r"\b(3114|112|15)\b", r'<a href="tel:\1"><b>\1</b></a>', text)
    return f"<p>{text}</p>"


@transaction.atomic
def _site_texts(fr: Locale) -> None:
    texts = SiteText.objects.filter(locale=fr).first() or SiteText(locale=fr)

    def fill(instance, lang):
        instance.tagline = content.SITE["tagline"][lang]
        instance.advice_text = SITE_TEXTS["advice_text"][lang]
        instance.emergency_title = SITE_TEXTS["emergency_title"][lang]
        instance.emergency_text = _emergency_html(lang)

    fill(texts, "fr")
    texts.save()
    shadow = copy.deepcopy(texts)
    fill(shadow, "en")
    translation_apply(source_instance=texts, shadow_instance=shadow, locale_code="en")


def _home_links(home: HomePage) -> None:
    """Point the home page's buttons at the catalogue, then refresh its translation."""
    from site_pages.demo import translate_home

    therapies = _page(home, "pratiques")
    contact = _page(home, "contact")
    changed = False
    if therapies and home.hero_cta_page_id != therapies.pk:
        home.hero_cta_page = therapies
        changed = True
    for block in home.body:
        if block.block_type == "call_to_action" and contact and block.value["page"] != contact:
            block.value["page"] = contact
            changed = True
    if changed:
        home.save_revision().publish()
        translate_home(HomePage.objects.get(pk=home.pk))


def load(*, stdout) -> None:
    fr = Locale.objects.get(language_code="fr")
    home = HomePage.objects.get(locale=fr, depth=2)
    _home_links(home)
    for order, (title, location, slugs) in enumerate(MENUS):
        _menu(home, order, title, location, slugs)
    _site_texts(fr)
    stdout.write(f"  {Menu.objects.filter(locale=fr).count()} menus and the site texts")
