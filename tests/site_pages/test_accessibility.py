"""axe-core in Chromium on every kind of public page: zero violations, all impact levels."""

from io import StringIO
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"

FRENCH_PAGES = {
    "home": "/",
    "therapy-index": "/pratiques/",
    "therapy": "/pratiques/sophrologie/",
    "concern-index": "/ce-qui-vous-amene/",
    "concern": "/ce-qui-vous-amene/stress/",
    "domain-index": "/domaines/",
    "domain": "/domaines/sante-psychologique/",
    "faq": "/questions-frequentes/",
    "legal": "/mentions-legales/",
    "pricing": "/tarifs/",
    "contact": "/contact/",
    "newsletter": "/lettre/",
    "standard": "/comment-ca-marche/",
    "search": "/search/?q=stress",
}
ENGLISH_PAGES = {
    "home": "/en/",
    "therapy": "/en/therapies/sophrology/",
    "concern": "/en/what-brings-you-here/stress/",
    "faq": "/en/faq/",
}


@pytest.fixture
def demo_site(live_site):
    from site_pages import demo, demo_navigation
    from therapies import demo as therapies_demo

    for module in (demo, therapies_demo, demo_navigation):
        module.load(stdout=StringIO())
    return live_site


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def test_public_pages_have_no_accessibility_violations(demo_site, page, screenshot):
    failures = {}
    pages = [(f"fr-{k}", url) for k, url in FRENCH_PAGES.items()]
    pages += [(f"en-{k}", url) for k, url in ENGLISH_PAGES.items()]
    for name, url in pages:
        response = page.goto(demo_site.url + url)
        assert response.status == 200, url
        screenshot(f"a11y-{name}")
        violations = _violations(page)
        if violations:
            failures[url] = violations
    assert failures == {}


def test_home_in_dark_mode_and_on_a_phone_has_no_violations(demo_site, page, screenshot):
    page.emulate_media(color_scheme="dark")
    page.goto(demo_site.url + "/")
    screenshot("a11y-fr-home-dark")
    assert _violations(page) == []

    page.set_viewport_size({"width": 375, "height": 740})
    for url in ("/", "/pratiques/sophrologie/"):
        page.goto(demo_site.url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, url
        assert _violations(page) == [], url
    screenshot("a11y-fr-therapy-phone-dark")
