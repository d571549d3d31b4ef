import re

import pytest


@pytest.mark.django_db
def test_french_home_is_served_at_the_root_with_alternates(client, home):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'hreflang="fr" href="http://testserver/"' in html
    assert 'hreflang="en" href="http://testserver/en/"' in html
    assert home.hero_title in html


@pytest.mark.django_db
def test_english_home_is_the_translation(client, home):
    english = home.get_translation(_en())

    response = client.get("/en/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert english.specific.hero_title in html
    assert english.specific.hero_title != home.hero_title
    assert 'rel="canonical" href="http://testserver/en/"' in html


def _en():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


@pytest.mark.django_db
def test_language_switcher_points_to_the_same_page_in_the_other_language(client, home):
    html = client.get("/en/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)

    assert 'href="/" hreflang="fr"' in switcher
    assert 'aria-current="true" lang="en"' in switcher


@pytest.mark.django_db
def test_footer_shows_emergency_numbers_in_both_languages(client, home):
    fr = client.get("/").content.decode()
    en = client.get("/en/").content.decode()

    for html in (fr, en):
        assert 'href="tel:3114"' in html
        assert "SOS Amitié" in html
    assert "Besoin d’aide" in fr or "Besoin d'aide" in fr
    assert "Need help right now?" in en
