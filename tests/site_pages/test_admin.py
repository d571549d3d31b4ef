"""Editors can open every page type, the menus, the site texts and the settings in the admin."""

from io import StringIO

import pytest
from wagtail.models import Page

from site_pages.models import Menu, SiteText

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, site, django_user_model):
    from site_pages import demo_navigation

    demo_navigation.load(stdout=StringIO())
    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="x" * 12)
    client.force_login(admin)
    return client


def test_every_page_type_opens_in_the_editor(editor_client):
    seen = set()
    for page in Page.objects.filter(depth__gte=2).specific():
        if (type(page), page.locale_id) in seen:
            continue
        seen.add((type(page), page.locale_id))
        response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, (type(page).__name__, page.locale)
    assert len(seen) >= 14  # 7 page types, French and English


def test_menus_site_texts_and_settings_are_editable(editor_client):
    menu = Menu.objects.filter(locale__language_code="en").first()
    texts = SiteText.objects.filter(locale__language_code="en").first()

    assert editor_client.get(f"/admin/snippets/site_pages/menu/edit/{menu.pk}/").status_code == 200
    assert (
        editor_client.get(f"/admin/snippets/site_pages/sitetext/edit/{texts.pk}/").status_code
        == 200
    )
    assert editor_client.get("/admin/settings/site_pages/sitesettings/").status_code in (200, 302)


def test_editors_change_the_english_menu_without_touching_the_french_one(client, editor_client):
    english = Menu.objects.get(locale__language_code="en", location=Menu.Location.MAIN)
    item = english.items.first()
    item.label = "Our practices"
    item.save()

    assert "Our practices" in client.get("/en/").content.decode()
    assert "Our practices" not in client.get("/").content.decode()
