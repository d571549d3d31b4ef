"""A practitioner writes their public profile in Chromium: sign in, edit, save a draft, submit
it for review, preview it; then a patient reads the published page (desktop and phone) and
picks a time. axe-core on the public page and on the form; screenshots in var/screenshots/."""

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from practitioners.models import PractitionerPage
from tests.factories import week
from tests.practitioners.test_profile import (
    EVERY_DAY,
    approve,
    catalogue_build,
    directory_build,
    practitioner_build,
)

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
PASSWORD = "a-long-password-1"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def profile_site(live_site, settings):
    from site_pages.demo import ensure_home, ensure_moderation_workflow

    settings.KHEPRI_PAGE_CACHE_SECONDS = 0
    ensure_moderation_workflow()
    home = ensure_home()
    catalogue = catalogue_build(home)
    directory_build(home)
    practitioner = practitioner_build()
    practitioner.identity_verified_at = practitioner.created_at
    practitioner.diplomas_verified_at = practitioner.created_at
    practitioner.save()
    week(practitioner, EVERY_DAY)
    EmailAddress.objects.create(
        user=practitioner.user, email=practitioner.user.email, verified=True, primary=True
    )
    return {"url": live_site.url, "practitioner": practitioner, "catalogue": catalogue}


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def sign_in(page, url, email):
    page.goto(url + "/en/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_a_practitioner_writes_submits_and_previews_their_profile(profile_site, page, screenshot):
    url, practitioner = profile_site["url"], profile_site["practitioner"]
    sign_in(page, url, practitioner.user.email)

    page.goto(url + "/en/pro/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My public profile")
    expect(page.locator("[data-profile-state]")).to_contain_text("Not created yet")

    # A failed save first: the summary lists the missing headline and links to it.
    page.get_by_role("button", name="Save as draft").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile("Headline")).click()
    expect(page.get_by_label("Headline", exact=True)).to_be_focused()

    page.get_by_label("Headline", exact=True).fill(
        "Sophrologue, le soir après le travail, en visio"
    )
    page.get_by_label("Presentation", exact=True).fill(
        "J'accompagne surtout des personnes actives que le stress empêche de dormir.\n\n"
        "Nous construisons ensemble quelques exercices courts, faciles à glisser dans une "
        "journée chargée."
    )
    page.get_by_label("Career", exact=True).fill(
        "- Depuis 2017 : sophrologue\n- 2019 : formation à l'accompagnement du sommeil"
    )
    page.get_by_label("Title", exact=True).fill("Certificat de sophrologue praticienne")
    page.get_by_label("Year").fill("2016")
    page.get_by_label("School or organisation").fill("Institut de sophrologie du Val de Loire")
    page.get_by_label("Title in English").fill("Practitioner certificate in sophrology")
    languages = page.get_by_role("group", name="Languages you consult in")
    languages.get_by_label("English").check()
    page.get_by_role("group", name="How you consult").get_by_label("By phone").check()
    page.get_by_role("group", name="Approaches you practise").get_by_label("Sophrology").check()
    page.get_by_role("group", name="What you help with").get_by_label("Sleep problems").check()
    page.get_by_role("group", name="Gender").get_by_label("Woman").check()
    page.get_by_label("Headline in English").fill(
        "Sophrologist, in the evening after work, by video"
    )
    page.get_by_label("Presentation in English").fill(
        "I mainly support busy people whose stress keeps them awake.\n\n"
        "Together we build a few short exercises that fit into a full day."
    )
    screenshot("profile-edit-filled")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("status")).to_contain_text("saved as a draft")
    expect(page.locator("[data-profile-state]")).to_contain_text("Draft")
    expect(page.get_by_label("Headline", exact=True)).to_have_value(
        "Sophrologue, le soir après le travail, en visio"
    )
    screenshot("profile-edit-draft")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("sent for review")
    expect(page.locator("[data-profile-state]")).to_contain_text("Awaiting review")
    expect(page.get_by_role("button", name="Save and submit for review")).to_have_count(0)
    screenshot("profile-edit-in-review")

    page.get_by_role("link", name="Preview my page").click()
    expect(page.get_by_role("note")).to_contain_text("Preview — not public yet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Claire Martin")
    expect(page.locator("meta[name=robots]")).to_have_attribute("content", "noindex, nofollow")
    expect(page.get_by_text("Sophrologist, in the evening after work, by video")).to_be_visible()
    screenshot("profile-preview-en")
    page.get_by_role("link", name="Back to my profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My public profile")

    # Without JavaScript the form still saves.
    no_js = page.context.browser.new_context(java_script_enabled=False)
    try:
        other = no_js.new_page()
        sign_in_no_js = other
        sign_in_no_js.goto(url + "/en/accounts/login/")
        sign_in_no_js.locator("input[name=login]").fill(practitioner.user.email)
        sign_in_no_js.locator("input[name=password]").fill(PASSWORD)
        sign_in_no_js.locator("form button[type=submit]").last.click()
        other.goto(url + "/en/pro/profile/")
        other.get_by_label("Headline", exact=True).fill("Sophrologue, en visio et au téléphone")
        other.get_by_role("button", name="Save my changes").click()
        expect(other.get_by_role("status")).to_contain_text("replace the version awaiting review")
    finally:
        no_js.close()

    # On a small phone, the form fits the screen.
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(url + "/en/pro/profile/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot("profile-edit-phone")

    # Diploma files: sent, listed for their owner only, never linked.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Diploma files").click()
    page.get_by_label("What is this document?").fill("Certificat de sophrologue, 2016")
    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "certificat.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Send this file").click()
    expect(page.get_by_role("status")).to_contain_text("Only our team can open it.")
    expect(page.locator(".credential-list")).to_contain_text("Certificat de sophrologue, 2016")
    expect(page.locator(".credential-list a")).to_have_count(0)
    screenshot("profile-credentials")
    assert axe_violations(page) == []

    page_record = PractitionerPage.objects.get(
        practitioner=practitioner, locale__language_code="fr"
    )
    assert not page_record.live and page_record.workflow_in_progress


def test_a_patient_reads_a_published_profile_and_picks_a_time(profile_site, page, screenshot):
    from practitioners import editing
    from practitioners.editing import DiplomaData, ProfileData

    practitioner, catalogue = profile_site["practitioner"], profile_site["catalogue"]
    data = ProfileData(
        headline="Sophrologue, le soir après le travail, en visio",
        presentation=(
            "J'accompagne surtout des personnes actives qui sentent que le stress a pris trop de "
            "place : sommeil léger, tensions dans le dos, difficulté à décrocher le soir.\n\n"
            "Je reçois en soirée et le samedi matin, en français ou en anglais."
        ),
        career="Dix ans dans les ressources humaines, puis la sophrologie.\n\n"
        "- Depuis 2017 : sophrologue\n- 2019 : formation au sommeil",
        languages=("fr", "en"),
        gender="female",
        therapy_ids=(catalogue["therapy"].pk,),
        concern_ids=(catalogue["concern"].pk,),
        offers_video=True,
        offers_phone=True,
        diplomas=(
            DiplomaData(
                title="Certificat de sophrologue praticienne",
                year=2016,
                school="Institut de sophrologie du Val de Loire",
                title_en="Practitioner certificate in sophrology",
            ),
        ),
        headline_en="Sophrologist, in the evening after work, by video",
        presentation_en=(
            "I mainly work with busy people who feel that stress has taken up too much room: "
            "light sleep, back tension, trouble switching off in the evening.\n\n"
            "I see people in the evening and on Saturday mornings, in French or English."
        ),
        career_en="Ten years in human resources, then sophrology.\n\n"
        "- Since 2017: sophrologist\n- 2019: training in sleep support",
    )
    result = editing.profile_save(
        practitioner=practitioner, user=practitioner.user, data=data, submit=True
    )
    approve(result.page, superuser=True)

    url = profile_site["url"]
    page.goto(url + "/en/practitioners/claire-martin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Claire Martin")
    expect(page.locator(".verified")).to_contain_text("Identity checked on")
    expect(page.locator(".verified")).not_to_contain_text("insurance")
    expect(page.get_by_role("link", name="Sophrology")).to_have_attribute(
        "href", "/en/therapies/sophrology/"
    )
    expect(page.locator(".profile-slots a")).to_have_count(6)
    screenshot("profile-public-en-desktop")
    assert axe_violations(page) == []

    page.goto(url + "/praticiens/claire-martin/")
    expect(page.get_by_role("link", name="Sophrologie")).to_have_attribute(
        "href", "/pratiques/sophrologie/"
    )
    screenshot("profile-public-fr-desktop")
    assert axe_violations(page) == []

    page.set_viewport_size(PHONE)
    page.goto(url + "/en/practitioners/claire-martin/?tz=America/Montreal")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(page.locator(".profile-tz")).to_contain_text("America/Montreal")
    screenshot("profile-public-en-phone")
    assert axe_violations(page) == []

    page.locator(".profile-slots a").first.click()
    chosen = page.locator("#chosen-time")
    expect(chosen).to_contain_text("Your chosen time")
    expect(chosen).to_contain_text("Sophrology session")
    expect(chosen).to_contain_text("€60")
    expect(chosen.get_by_role("button", name="Continue")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot("profile-public-en-phone-chosen")
    assert axe_violations(page) == []

    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url + "/en/practitioners/claire-martin/")
    screenshot("profile-public-en-dark")
    assert axe_violations(page) == []
