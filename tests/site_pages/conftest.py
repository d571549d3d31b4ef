from io import StringIO

import pytest


@pytest.fixture
def site(home):
    """The site pages of the demo (standard, FAQ, legal, pricing, contact, newsletter)."""
    from site_pages import demo

    demo.load(stdout=StringIO())
    return home


def page_pair(model, slug):
    """The French page `slug` of type `model` and its English translation."""
    from wagtail.models import Locale

    french = model.objects.get(slug=slug, locale__language_code="fr")
    english = french.get_translation(Locale.objects.get(language_code="en")).specific
    return french, english
