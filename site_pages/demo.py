"""Demo site tree: the French home page, its English translation, the default Site."""

import copy
import uuid

from django.db import transaction
from wagtail.models import Locale, Page, Site

from site_pages.demo_data import pages as content
from site_pages.localization import translation_apply
from site_pages.models import HomePage, SiteSettings


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
                "page": None,
                "url": "",
            },
        },
    ]


def _stable_ids(page: HomePage | None) -> dict[str, str]:
    """Reuse block ids across runs so translations keep their segments."""
    ids = {"steps": str(uuid.uuid4()), "cards": str(uuid.uuid4()), "orientation": str(uuid.uuid4())}
    if page is not None:
        for block in page.body:
            key = {"steps": "steps", "cards": "cards", "call_to_action": "orientation"}.get(
                block.block_type
            )
            if key:
                ids[key] = block.id
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
        root.add_child(instance=home)
    else:
        _fill_home(home, "fr", _stable_ids(home))
    home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name = "localhost", 80, "Khepri"
    site.root_page = home
    site.save()
    # Wagtail's migrations leave a plain "Welcome" page; it has no place in Khepri's tree.
    for stale in Page.objects.filter(depth=2).exclude(pk=home.pk).not_type(HomePage):
        if stale.get_children_count() == 0:
            stale.delete()
    return home


def translate_home(home: HomePage) -> HomePage:
    shadow = copy.deepcopy(home)
    _fill_home(shadow, "en", _stable_ids(home))
    shadow.slug = "home"
    english = translation_apply(source_instance=home, shadow_instance=shadow, locale_code="en")
    # Wagtail caches the site's root paths per locale; a new translated root must be seen.
    Site.clear_site_root_paths_cache()
    return english


def load(*, stdout) -> None:
    home = ensure_home()
    translate_home(home)
    site_settings = SiteSettings.load()
    site_settings.advice_phone = content.SITE["advice_phone"]
    site_settings.contact_email = content.SITE["contact_email"]
    site_settings.save()
