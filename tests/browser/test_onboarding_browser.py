"""Becoming a practitioner in Chromium: sign up, confirm the address from the email, sign in,
see the checklist, read the guide; on a desktop and on a phone, with axe-core on every page."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import expect
from wagtail.models import Collection

from accounts.models import User
from practitioners import onboarding
from practitioners.models import Practitioner, PractitionerIndexPage, PractitionerPage
from tests.factories import PractitionerFactory
from therapies.models import TherapyIndexPage, TherapyPage

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "a-long-test-password-42"


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def signup_site(live_site):
    cache.clear()  # allauth's per-address rate limit on verification mails
    return live_site


def test_a_person_signs_up_confirms_the_address_and_sees_the_checklist(
    signup_site, page, screenshot
):
    url = signup_site.url
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/become-a-practitioner/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Become a practitioner")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Paris")
    assert axe_violations(page) == []
    screenshot("onboarding-signup")

    # A first try with missing answers: a summary with links, nothing created.
    page.get_by_label("Legal first name").fill("Claire")
    page.get_by_role("button", name="Create my account").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(
        summary.get_by_role("link", name=re.compile("I accept the terms of use"))
    ).to_be_visible()
    assert axe_violations(page) == []
    screenshot("onboarding-signup-errors")

    page.get_by_label("Legal first name").fill("Claire")
    page.get_by_label("Legal last name").fill("Martin")
    page.get_by_label("Email address").fill("claire@example.test")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Profession").fill("Sophrologue")
    page.get_by_label("I accept the terms of use").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/confirm-email/$"))
    practitioner = Practitioner.objects.get(user__email="claire@example.test")
    assert practitioner.status == Practitioner.Status.ONBOARDING

    # The verification link from the email (the live server shares the locmem outbox).
    [message] = [m for m in mail.outbox if m.to == ["claire@example.test"]]
    link = re.search(r"https?://\S+/confirm-email/[-:\w]+/", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    page.goto(url + "/en/pro/")
    expect(page).to_have_url(re.compile(r"/en/accounts/login/"))
    page.get_by_label("Email").fill("claire@example.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(re.compile(r"/en/pro/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My practitioner space")
    expect(page.locator(".status-line")).to_contain_text("Onboarding")
    expect(page.locator("#progress-text")).to_contain_text("1 of 8 items done")
    expect(page.locator(".checklist li")).to_have_count(8)
    expect(page.get_by_role("link", name="Set your availability")).to_have_attribute(
        "href", "/en/pro/availability/"
    )
    expect(page.get_by_role("button", name="Submit for review")).to_be_disabled()
    assert axe_violations(page) == []
    screenshot("onboarding-space-home")

    page.get_by_role("link", name="Read the guide").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practitioner guide")
    assert axe_violations(page) == []
    screenshot("onboarding-guide")
    page.get_by_label("I have read and will follow this guide").check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text("acknowledged the practitioner guide")
    expect(page.locator("#progress-text")).to_contain_text("2 of 8 items done")

    page.set_viewport_size(PHONE)
    page.goto(url + "/en/pro/")
    assert fits_the_screen(page)
    assert axe_violations(page) == []
    screenshot("onboarding-space-home-phone")
    page.goto(url + "/en/pro/guide/")
    assert fits_the_screen(page)
    screenshot("onboarding-guide-phone")


def test_the_signup_page_on_a_phone_and_in_dark_mode(signup_site, page, screenshot):
    page.set_viewport_size(PHONE)
    page.goto(signup_site.url + "/become-a-practitioner/")  # French, the default
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert fits_the_screen(page)
    assert axe_violations(page) == []
    screenshot("onboarding-signup-phone")

    page.emulate_media(color_scheme="dark")
    page.goto(signup_site.url + "/en/become-a-practitioner/")
    assert axe_violations(page) == []
    screenshot("onboarding-signup-phone-dark")


def sign_in(context, live_site, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_site.url}]
    )


def test_staff_send_back_then_approve_from_the_admin_queue(live_site, page, screenshot):
    from site_pages.demo import ensure_moderation_workflow
    from site_pages.models import HomePage
    from tests.practitioners.test_onboarding import english_admin, ready

    ensure_moderation_workflow()
    if Collection.get_first_root_node() is None:  # flushed by an earlier transactional test
        Collection.add_root(name="Root")
    home = HomePage.objects.get(locale__language_code="fr")
    index = home.add_child(
        instance=PractitionerIndexPage(
            title="Nos praticiens", slug="praticiens", locale=home.locale
        )
    )
    therapy_index = home.add_child(
        instance=TherapyIndexPage(title="Pratiques", slug="pratiques", locale=home.locale)
    )
    therapy = therapy_index.add_child(
        instance=TherapyPage(title="Sophrologie", slug="sophrologie", summary="Respirer.")
    )
    tree = SimpleNamespace(home=home, index=index, therapy=therapy)
    practitioner = PractitionerFactory(
        legal_name="Claire Martin", slug="claire-martin", status=Practitioner.Status.ONBOARDING
    )
    page_id = ready(practitioner, tree).pk
    onboarding.review_submit(practitioner=practitioner, user=practitioner.user)
    staff = User.objects.create_superuser(email="staff@example.test", password=PASSWORD)
    english_admin(staff)  # the admin speaks the staff member's language; this test reads English
    sign_in(page.context, live_site, staff)
    page.set_viewport_size(DESKTOP)

    page.goto(live_site.url + "/admin/")
    page.get_by_role("link", name="Practitioner reviews").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Practitioner reviews")
    row = page.get_by_role("row", name=re.compile("Claire Martin"))
    expect(row).to_contain_text("8 of 8 (100%)")
    expect(row.get_by_role("link", name="Preview the submitted profile")).to_be_visible()
    screenshot("onboarding-admin-queue")

    row.get_by_role("link", name=re.compile("Send back")).click()
    page.get_by_role("button", name="Send back with this comment").click()
    expect(page.get_by_text("Write what the practitioner should change.").first).to_be_visible()
    page.get_by_label("What should the practitioner change?").fill(
        "Merci d'ajouter une photo plus nette."
    )
    screenshot("onboarding-admin-send-back")
    page.get_by_role("button", name="Send back with this comment").click()
    expect(page.get_by_text("No profile is awaiting review.")).to_be_visible()
    practitioner.refresh_from_db()
    assert practitioner.status == Practitioner.Status.ONBOARDING

    # The practitioner sees the comment at the top of their space.
    sign_in(page.context, live_site, practitioner.user)
    page.goto(live_site.url + "/en/pro/")
    comment = page.get_by_role("region", name="Our team asks for changes")
    expect(comment).to_contain_text("Merci d'ajouter une photo plus nette.")
    expect(page.get_by_role("button", name="Submit for review")).to_be_enabled()
    assert axe_violations(page) == []
    screenshot("onboarding-space-home-sent-back")
    sign_in(page.context, live_site, staff)

    onboarding.review_submit(practitioner=practitioner, user=practitioner.user)
    page.goto(live_site.url + "/admin/practitioner-reviews/")
    page.get_by_role("button", name=re.compile("Approve")).click()
    expect(page.get_by_text("Claire Martin is approved")).to_be_visible()
    practitioner.refresh_from_db()
    assert practitioner.status == Practitioner.Status.ACTIVE
    assert PractitionerPage.objects.get(pk=page_id).live
