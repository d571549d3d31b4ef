"""The directory in Chromium: "an English-speaking sophrologist free next Tuesday evening",
on a desktop and a phone, with and without JavaScript; axe-core on the directory and the day
planning, light and dark."""

import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.practitioners.conftest import (  # noqa: F401 (fixtures)
    catalogue,
    directory,
    empty_cache,
    english_directory,
    make_practitioner,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("empty_cache")]

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PARIS = ZoneInfo("Europe/Paris")
#: Tuesdays 17:00–22:00 UTC: 50-minute sessions at 17, 18, 19, 20 and 21 o'clock UTC.
TUESDAY_EVENINGS = {1: [("17:00", "22:00")]}


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def next_tuesday():
    today = timezone.now().astimezone(PARIS).date()
    return today + timedelta(days=(1 - today.weekday()) % 7 or 7)


@pytest.fixture
def practitioners(live_site, request):
    make = request.getfixturevalue("make_practitioner")  # built after the live site
    make(
        "Claire Martin",
        languages=["fr", "en"],
        therapies=["sophrologie"],
        hours=TUESDAY_EVENINGS,
        tz="UTC",
        english=True,
    )
    make(
        "Henri Hypno",
        languages=["en"],
        therapies=["hypnotherapie"],
        hours=TUESDAY_EVENINGS,
        tz="UTC",
        english=True,
    )
    make(
        "Françoise Française",
        languages=["fr"],
        therapies=["sophrologie"],
        hours=TUESDAY_EVENINGS,
        tz="UTC",
        english=True,
    )
    make(
        "Mona Morning",
        languages=["en"],
        therapies=["sophrologie"],
        hours={1: [("07:00", "10:00")]},
        tz="UTC",
        english=True,
        completed=3,
    )
    return live_site


def test_english_speaking_sophrologist_free_next_tuesday_evening(practitioners, page, screenshot):
    live_site = practitioners
    tuesday = next_tuesday()
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + "/en/practitioners/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Our practitioners")
    expect(page.get_by_role("status").first).to_contain_text("4 practitioners match.")

    page.get_by_label("Approach").select_option(label="Sophrology")
    page.get_by_label("Speaks").select_option(label="English")
    page.get_by_label("Free on").fill(tuesday.isoformat())
    page.get_by_label("From").fill("18:00")
    page.get_by_label("To", exact=True).fill("21:00")
    page.get_by_role("button", name="Show practitioners").click()

    page.wait_for_url(re.compile(r"available_on="))
    query = parse_qs(urlparse(page.url).query)
    assert query == {
        "therapy": ["sophrology"],
        "language": ["en"],
        "available_on": [tuesday.isoformat()],
        "utc_from": ["18:00"],
        "utc_to": ["21:00"],
        "tz": ["Europe/Paris"],
    }, "empty filters are left out of the shareable URL"
    expect(page.get_by_role("status").first).to_have_text("1 practitioner matches.")
    expect(page.locator(".availability-summary")).to_contain_text(
        "Free between 18:00 and 21:00 UTC on"
    )
    card = page.locator(".practitioner-card")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", name="Claire Martin")).to_be_visible()
    slots = card.get_by_role("link", name=re.compile("with Claire Martin"))
    expect(slots).to_have_count(3)
    first = datetime.combine(tuesday, time(18), tzinfo=UTC).astimezone(PARIS)
    expect(slots.first).to_contain_text(first.strftime("%H:%M"))
    href = slots.first.get_attribute("href")
    assert href.startswith("/en/practitioners/claire-martin/?slot=")
    assert f"{tuesday.isoformat()}T18%3A00%3A00Z" in href
    assert "&session_type=" in href and href.endswith("#chosen-time")
    # The form shows what was asked for.
    expect(page.get_by_label("Approach")).to_have_value("sophrology")
    expect(page.get_by_label("From")).to_have_value("18:00")
    screenshot("directory-journey-desktop")
    assert axe_violations(page) == []

    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot("directory-journey-phone")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The back button returns to the unfiltered list.
    page.go_back()
    expect(page.get_by_role("status").first).to_contain_text("4 practitioners match.")


def test_filters_work_without_javascript(practitioners, browser, screenshot):
    live_site = practitioners
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_site.url + "/en/practitioners/")
    page.get_by_label("Speaks").select_option(label="English")
    page.get_by_label("Name").fill("MONA")
    page.get_by_role("button", name="Show practitioners").click()
    page.wait_for_url(re.compile(r"language=en"))
    expect(page.get_by_role("status").first).to_have_text("1 practitioner matches.")
    expect(page.locator(".practitioner-card h3")).to_have_text("Mona Morning")
    context.close()


def test_directory_and_planning_have_no_accessibility_violations(practitioners, page, screenshot):
    live_site = practitioners
    tuesday = next_tuesday().isoformat()
    pages = {
        "directory-en": "/en/practitioners/",
        "directory-fr-notices": "/praticiens/?language=xx&available_on=soon&q=h%C3%A9l%C3%A8ne",
        "planning-en": f"/en/practitioners/planning/?date={tuesday}",
        "planning-fr-empty": "/praticiens/planning/?therapy=hypnotherapie&language=fr",
    }
    failures = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for viewport_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            for name, url in pages.items():
                response = page.goto(live_site.url + url)
                assert response.status == 200, url
                if viewport_name == "phone":
                    width = page.evaluate("document.documentElement.scrollWidth")
                    assert width <= PHONE["width"], (url, width)
                if scheme == "light" or name in ("planning-en", "directory-en"):
                    screenshot(f"{name}-{viewport_name}-{scheme}")
                violations = axe_violations(page)
                if violations:
                    failures[f"{url} {viewport_name} {scheme}"] = violations
    assert failures == {}

    page.emulate_media(color_scheme="light")
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + f"/en/practitioners/planning/?date={tuesday}")
    rows = page.locator(".planning-row")
    expect(rows).to_have_count(4)
    expect(rows.first).to_contain_text("Mona Morning")  # 07:00 UTC, the earliest
    expect(rows.first.locator(".timeline__slot")).to_have_count(3)
    page.get_by_role("link", name="Next day").click()
    expect(page.get_by_role("status").first).to_have_text("0 practitioners are free on this day.")
