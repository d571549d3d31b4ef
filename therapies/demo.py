"""Demo catalogue: categories, concerns, therapies and domains, in French and English.

Translations go through wagtail-localize (`site_pages.localization`), in dependency order:
a therapy's English page can only point to English concerns once those exist.
"""

import copy

from django.db import transaction
from wagtail.models import Locale

from site_pages.demo import en_slug, page_translate, page_upsert, page_with_translation
from site_pages.demo_data import concerns as concern_content
from site_pages.demo_data import domains as domain_content
from site_pages.demo_data import therapies as therapy_content
from site_pages.localization import translation_apply
from site_pages.models import HomePage
from therapies.models import (
    ConcernIndexPage,
    ConcernPage,
    DomainConcern,
    DomainIndexPage,
    DomainPage,
    DomainTherapy,
    TherapyCategory,
    TherapyIndexPage,
    TherapyIndication,
    TherapyPage,
)

#: Index pages (texts written for the demo).
INDEXES = {
    "therapies": {
        "slug": "pratiques",
        "title": {"fr": "Les pratiques", "en": "Therapies"},
        "intro": {
            "fr": "Chaque pratique a sa manière d'accompagner. Découvrez ce qu'elle propose, "
            "comment se passe une séance à distance et ce qu'elle coûte en général.",
            "en": "Each practice has its own way of supporting you. See what it offers, what a "
            "remote session looks like and what it usually costs.",
        },
    },
    "concerns": {
        "slug": "ce-qui-vous-amene",
        "title": {"fr": "Ce qui vous amène", "en": "What brings you here"},
        "intro": {
            "fr": "Partez de ce que vous vivez en ce moment : nous vous présentons les "
            "accompagnements qui peuvent aider, sans jugement et sans promesse.",
            "en": "Start from what you are going through right now: we show you the kinds of "
            "support that can help, without judgement and without promises.",
        },
    },
    "domains": {
        "slug": "domaines",
        "title": {"fr": "Domaines d'intervention", "en": "Areas of support"},
        "intro": {
            "fr": "Quatre grands domaines de la vie, et pour chacun les pratiques et les "
            "préoccupations qui s'y rattachent.",
            "en": "Four broad areas of life, and for each one the practices and concerns "
            "that belong to it.",
        },
    },
}


def _index_filler(key: str):
    data = INDEXES[key]

    def fill(page, lang):
        page.title = data["title"][lang]
        page.intro = data["intro"][lang]
        page.search_description = data["intro"][lang][:300]
        page.show_in_menus = True

    return fill


def _index(home, model, key):
    data = INDEXES[key]
    return page_with_translation(
        parent=home,
        model=model,
        slug=data["slug"],
        en=en_slug(data["title"]),
        fill=_index_filler(key),
    )


@transaction.atomic
def _categories() -> dict[str, TherapyCategory]:
    fr = Locale.objects.get(language_code="fr")
    categories = {}
    for order, data in enumerate(therapy_content.CATEGORIES):
        category = TherapyCategory.objects.filter(locale=fr, key=data["key"]).first()
        category = category or TherapyCategory(locale=fr, key=data["key"])
        category.title, category.intro = data["title"]["fr"], data["intro"]["fr"]
        category.sort_order = order
        category.save()
        shadow = copy.deepcopy(category)
        shadow.title, shadow.intro = data["title"]["en"], data["intro"]["en"]
        translation_apply(source_instance=category, shadow_instance=shadow, locale_code="en")
        categories[data["key"]] = category
    return categories


def _links_changed(current: list, wanted: list) -> bool:
    return [link.pk for link in current] != [page.pk for page in wanted]


def _concern_filler(data):
    def fill(page, lang):
        page.title = data["title"][lang]
        page.summary = data["summary"][lang]
        page.body = data["body"][lang]
        page.search_description = data["summary"][lang][:300]

    return fill


def _therapy_filler(data, category, concerns):
    def fill(page, lang):
        page.title = data["title"][lang]
        page.summary = data["summary"][lang]
        page.body = data["body"][lang]
        page.remote_session = data["remote_session"][lang]
        page.search_description = data["summary"][lang][:300]
        if lang != "fr":
            return  # relations and numbers are synchronised from the French page
        page.category = category
        page.duration_min, page.duration_max = data["duration_min"], data["duration_max"]
        page.price_min, page.price_max = data["price_min"], data["price_max"]
        page.offers_video = "video" in data["modes"]
        page.offers_phone = "phone" in data["modes"]
        current = [link.concern for link in page.indications.all()] if page.pk else []
        if _links_changed(current, concerns):
            page.indications = [TherapyIndication(concern=concern) for concern in concerns]

    return fill


def _domain_filler(data, therapies, concerns):
    def fill(page, lang):
        page.title = data["title"][lang]
        page.summary = data["summary"][lang]
        page.body = data["body"][lang]
        page.search_description = data["summary"][lang][:300]
        if lang != "fr":
            return
        current = [link.therapy for link in page.therapy_links.all()] if page.pk else []
        if _links_changed(current, therapies):
            page.therapy_links = [DomainTherapy(therapy=therapy) for therapy in therapies]
        current = [link.concern for link in page.concern_links.all()] if page.pk else []
        if _links_changed(current, concerns):
            page.concern_links = [DomainConcern(concern=concern) for concern in concerns]

    return fill


def _upsert_and_translate(*, parent, model, data, fill):
    page = page_upsert(parent=parent, model=model, slug=data["slug"], fill=fill)
    page_translate(page=page, fill=fill, slug=en_slug(data["title"]))
    return page


def load(*, stdout) -> None:
    fr = Locale.objects.get(language_code="fr")
    home = HomePage.objects.get(locale=fr, depth=2)

    concern_index = _index(home, ConcernIndexPage, "concerns")
    concerns = {}
    for data in concern_content.CONCERNS:
        concerns[data["slug"]] = _upsert_and_translate(
            parent=concern_index, model=ConcernPage, data=data, fill=_concern_filler(data)
        )

    categories = _categories()
    therapy_index = _index(home, TherapyIndexPage, "therapies")
    therapies = {}
    for data in therapy_content.THERAPIES:
        fill = _therapy_filler(
            data, categories[data["category"]], [concerns[slug] for slug in data["concerns"]]
        )
        therapies[data["slug"]] = _upsert_and_translate(
            parent=therapy_index, model=TherapyPage, data=data, fill=fill
        )

    domain_index = _index(home, DomainIndexPage, "domains")
    for data in domain_content.DOMAINS:
        fill = _domain_filler(
            data,
            [therapies[slug] for slug in data["therapies"]],
            [concerns[slug] for slug in data["concerns"]],
        )
        _upsert_and_translate(parent=domain_index, model=DomainPage, data=data, fill=fill)
    stdout.write(
        f"  {len(therapies)} therapies, {len(concerns)} concerns, "
        f"{len(domain_content.DOMAINS)} domains"
    )
