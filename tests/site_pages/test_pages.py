import json
import re

import pytest
from django.utils.html import escape

from site_pages.models import (
    ContactPage,
    FAQPage,
    HomePage,
    LegalPage,
    NewsletterPage,
    PricingPage,
    StandardPage,
)
from tests.site_pages.conftest import page_pair

pytestmark = pytest.mark.django_db

PAGES = [
    (StandardPage, "concept"),
    (FAQPage, "questions-frequentes"),
    (LegalPage, "mentions-legales"),
    (LegalPage, "politique-confidentialite"),
    (PricingPage, "tarifs"),
    (ContactPage, "contact"),
    (NewsletterPage, "lettre"),
]


def test_every_site_page_type_renders_in_both_languages(client, site):
    for model, slug in PAGES:
        _assert_renders_in_both_languages(client, model, slug)


def _assert_renders_in_both_languages(client, model, slug):
    french, english = page_pair(model, slug)

    assert english.title != french.title or model is ContactPage
    for page, lang in ((french, "fr"), (english, "en")):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert f"<h1>{escape(page.title)}</h1>" in html
        assert 'rel="canonical"' in html
        assert 'hreflang="fr"' in html and 'hreflang="en"' in html
        assert '<meta property="og:title"' in html


def test_faq_page_publishes_schema_org_json_ld_for_every_question(client, site):
    _french, english = page_pair(FAQPage, "questions-frequentes")

    html = client.get(english.url).content.decode()
    data = json.loads(
        re.search(
            r'<script type="application/ld\+json">(\{"@context": "https://schema.org", "@type": "FAQPage".*?)</script>',
            html,
            re.S,
        ).group(1)
    )

    assert data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) >= 15
    assert data["mainEntity"][0]["name"] == "How does a remote session work?"
    assert "<" not in data["mainEntity"][0]["acceptedAnswer"]["text"]
    # Both audiences are there, in groups.
    assert html.count('<section class="block-faq">') == 2


def test_pricing_page_shows_prices_and_packages(client, site):
    french, english = page_pair(PricingPage, "tarifs")

    fr = client.get(french.url).content.decode()
    en = client.get(english.url).content.decode()
    assert "171 €" in fr and "€171" in en
    assert "3 séances" in fr or "3 sessions" in fr
    assert "3 sessions, valid for 120 days" in en


def test_tree_rules_refuse_wrong_parents(site):
    home = HomePage.objects.get(slug="accueil")
    concept = StandardPage.objects.get(slug="concept", locale=home.locale)

    assert StandardPage.can_create_at(home)
    assert StandardPage.can_create_at(concept)
    assert not FAQPage.can_create_at(concept)
    assert not FAQPage.can_create_at(home)  # one FAQ per home page, already there
    assert not LegalPage.can_create_at(concept)
    assert not HomePage.can_create_at(home)
    assert not ContactPage.can_create_at(home)


def test_unpublished_page_is_not_found(client, site):
    french, english = page_pair(StandardPage, "concept")
    url = french.url
    french.unpublish()

    assert client.get(url).status_code == 404
    assert client.get(english.url).status_code == 200  # translations are published separately


def test_sitemap_lists_both_languages(client, site):
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", xml)

    assert "http://localhost/" in locations
    assert "http://localhost/en/" in locations
    assert "http://localhost/concept/" in locations
    assert "http://localhost/en/our-approach/" in locations


def test_robots_txt_points_to_the_sitemap(client, site):
    text = client.get("/robots.txt").content.decode()

    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_api_serves_streamfield_and_custom_fields_of_english_pages(client, site):
    response = client.get(
        "/api/v2/pages/",
        {"type": "site_pages.StandardPage", "locale": "en", "fields": "intro,body"},
    )

    items = response.json()["items"]
    concept = next(item for item in items if item["meta"]["slug"] == "our-approach")
    assert concept["title"] == "Our approach"
    assert concept["body"][0]["type"] == "heading"
    assert concept["body"][0]["value"]["text"] == "A place to look after yourself, remotely"


def test_search_finds_pages_in_the_active_language(client, site):
    fr = client.get("/search/", {"q": "tarifs"}).content.decode()
    en = client.get("/en/search/", {"q": "prices"}).content.decode()

    assert 'href="/tarifs/"' in fr
    assert 'href="/en/prices/"' in en
    assert 'href="/tarifs/"' not in en
