import pytest
from django.utils.html import escape
from wagtail.models import Locale

from therapies.models import (
    ConcernIndexPage,
    ConcernPage,
    DomainPage,
    TherapyIndexPage,
    TherapyPage,
)

pytestmark = pytest.mark.django_db


def _english(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def test_every_catalogue_page_renders_in_french_and_english(client, catalogue):
    pages = [*catalogue["indexes"], catalogue["therapy"], catalogue["concern"], catalogue["domain"]]
    for page in pages:
        for version, lang in ((page, "fr"), (_english(page), "en")):
            response = client.get(version.url)
            assert response.status_code == 200, version.url
            html = response.content.decode()
            assert f'<html lang="{lang}">' in html
            assert f"<h1>{escape(version.title)}</h1>" in html
            assert '<nav class="breadcrumbs"' in html


def test_english_therapy_links_to_english_concern_and_back(client, catalogue):
    therapy_en = _english(catalogue["therapy"])
    concern_en = _english(catalogue["concern"])

    assert therapy_en.title == "Sophrology"
    assert therapy_en.category.title == "Mind and body"
    assert therapy_en.concerns() == [concern_en]
    assert list(concern_en.related_therapies()) == [therapy_en]
    html = client.get(therapy_en.url).content.decode()
    assert f'href="{concern_en.url}"' in html
    assert "€50 to €70 per session" in html
    assert "45 to 60 minutes" in html


def test_domain_lists_its_therapies_and_concerns_in_its_language(catalogue):
    domain_en = _english(catalogue["domain"])

    assert [p.title for p in domain_en.therapies()] == ["Sophrology"]
    assert [p.title for p in domain_en.concerns()] == ["Sleep problems"]


def test_therapy_without_practitioners_says_so_kindly(client, catalogue):
    therapy = catalogue["therapy"]

    assert list(therapy.bookable_practitioner_pages()) == []
    html = client.get(therapy.url).content.decode()
    assert "Aucun praticien" in html or "No practitioner" in html


def test_tree_rules_refuse_wrong_parents(catalogue, home):
    therapy_index, concern_index, domain_index = catalogue["indexes"]

    assert TherapyPage.can_create_at(therapy_index)
    assert not TherapyPage.can_create_at(home)
    assert not TherapyPage.can_create_at(concern_index)
    assert ConcernPage.can_create_at(concern_index)
    assert not ConcernPage.can_create_at(therapy_index)
    assert DomainPage.can_create_at(domain_index)
    assert not DomainPage.can_create_at(catalogue["therapy"])
    # One catalogue per home page.
    assert not TherapyIndexPage.can_create_at(home)
    assert not ConcernIndexPage.can_create_at(therapy_index)


def test_unpublished_therapy_is_not_found(client, catalogue):
    therapy = catalogue["therapy"]
    url = therapy.url
    therapy.unpublish()

    assert client.get(url).status_code == 404


def test_api_returns_translated_therapies_with_custom_fields(client, catalogue):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "therapies.TherapyPage",
            "locale": "en",
            "fields": "summary,body,price_min,price_max,offers_phone,indications",
        },
    )

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Sophrology"]
    item = items[0]
    assert item["summary"] == "Breathe and relax."
    assert item["price_min"] == 5000
    assert item["offers_phone"] is True
    assert item["meta"]["locale"] == "en"
    assert len(item["indications"]) == 1


def test_api_filters_by_locale(client, catalogue):
    french = client.get("/api/v2/pages/", {"type": "therapies.ConcernPage", "locale": "fr"})

    assert [item["title"] for item in french.json()["items"]] == ["Troubles du sommeil"]
