import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_visitor_reads_the_home_page_and_switches_to_english(live_site, page, screenshot):
    page.goto(live_site.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_be_visible()
    screenshot("home-fr")

    page.get_by_role("navigation", name="Langue").get_by_role("link", name=re.compile("EN")).click()

    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot("home-en")


def test_home_page_fits_a_phone_screen(live_site, page, screenshot):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_site.url + "/")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "no horizontal scrolling on a phone"
    screenshot("home-fr-phone")
