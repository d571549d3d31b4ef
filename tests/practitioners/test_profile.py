"""A practitioner's public profile, and the practitioner editing it from their space (issue #5).

Pages are built here (another developer owns this folder's conftest): a directory page under
the demo home, a small catalogue in French and English, practitioners from the factories.
"""

import json
import re
import uuid
from datetime import timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import Image as PILImage
from wagtail.models import Locale, Page

from accounts.models import User
from practitioners import editing, forms, profile
from practitioners.models import (
    Credential,
    Practitioner,
    PractitionerDiploma,
    PractitionerIndexPage,
    PractitionerLanguage,
    PractitionerPage,
)
from tests.factories import PractitionerFactory, session_type, week

pytestmark = pytest.mark.django_db

EVERY_DAY = {day: [("09:00", "17:00")] for day in range(7)}


# --- Builders (imported by the browser tests too) ---------------------------------------------


def _text(fr, en):
    return {"fr": fr, "en": en}


def catalogue_build(home) -> dict:
    """One concern and one therapy, French with their English translations."""
    import copy

    from site_pages.localization import translation_apply
    from therapies import demo
    from therapies.models import ConcernIndexPage, ConcernPage, TherapyCategory, TherapyIndexPage
    from therapies.models import TherapyPage as Therapy

    concern_index = demo._index(home, ConcernIndexPage, "concerns")
    concern_data = {
        "slug": "sommeil",
        "title": _text("Troubles du sommeil", "Sleep problems"),
        "summary": _text("Mal dormir fatigue.", "Poor sleep is tiring."),
        "body": _text("<p>Le sommeil compte.</p>", "<p>Sleep matters.</p>"),
    }
    concern = demo._upsert_and_translate(
        parent=concern_index,
        model=ConcernPage,
        data=concern_data,
        fill=demo._concern_filler(concern_data),
    )
    category = TherapyCategory.objects.create(
        locale=home.locale, key="mind-body", title="Corps et esprit", intro="Intro"
    )
    shadow = copy.deepcopy(category)
    shadow.title, shadow.intro = "Mind and body", "Intro EN"
    translation_apply(source_instance=category, shadow_instance=shadow, locale_code="en")
    therapy_index = demo._index(home, TherapyIndexPage, "therapies")
    therapy_data = {
        "slug": "sophrologie",
        "title": _text("Sophrologie", "Sophrology"),
        "summary": _text("Respirer et se détendre.", "Breathe and relax."),
        "body": _text("<p>Une méthode douce.</p>", "<p>A gentle method.</p>"),
        "remote_session": _text(
            "<ol><li>Installez-vous.</li></ol>", "<ol><li>Settle in.</li></ol>"
        ),
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 5000,
        "price_max": 7000,
        "modes": ["video", "phone"],
    }
    therapy = demo._upsert_and_translate(
        parent=therapy_index,
        model=Therapy,
        data=therapy_data,
        fill=demo._therapy_filler(therapy_data, category, [concern]),
    )
    return {"concern": concern, "therapy": therapy}


def directory_build(home) -> PractitionerIndexPage:
    from site_pages.demo import page_with_translation

    def fill(page, lang):
        page.title = {"fr": "Nos praticiens", "en": "Our practitioners"}[lang]
        page.intro = ""

    return page_with_translation(
        parent=home, model=PractitionerIndexPage, slug="praticiens", en="practitioners", fill=fill
    )


def practitioner_build(*, email="claire@example.org", slug="claire-martin", **values):
    user = User.objects.create_user(
        email=email, password="a-long-password-1", first_name="Claire", last_name="Martin"
    )
    values = {"legal_name": "Claire Martin", "profession": "Sophrologue", **values}
    practitioner = PractitionerFactory(user=user, slug=slug, **values)
    session_type(
        practitioner,
        name="Séance de sophrologie",
        name_en="Sophrology session",
        duration_minutes=60,
        price_cents=6000,
        min_notice_minutes=60,
    )
    return practitioner


def profile_build(*, practitioner, directory, catalogue) -> PractitionerPage:
    """A published French profile and its published English translation, as the demo makes."""
    from site_pages.demo import page_translate, page_upsert

    texts = {
        "headline": _text(
            "Sophrologue, le soir après le travail", "Sophrologist, in the evening after work"
        ),
        "presentation": _text(
            "<p>J'accompagne des personnes actives.</p>", "<p>I work with busy people.</p>"
        ),
        "career": _text("<p>Dix ans en ressources humaines.</p>", "<p>Ten years in HR.</p>"),
        "diploma": _text("Certificat de sophrologue", "Sophrology certificate"),
    }

    def fill(page, lang):
        page.title = practitioner.legal_name
        page.headline = texts["headline"][lang]
        page.presentation = texts["presentation"][lang]
        page.career = texts["career"][lang]
        page.diplomas = [
            PractitionerDiploma(
                title=texts["diploma"][lang], year=2016, school="Institut du Val de Loire"
            )
        ]
        if lang != "fr":
            return
        page.practitioner = practitioner
        page.languages = [PractitionerLanguage(code="fr"), PractitionerLanguage(code="en")]
        page.therapies = [catalogue["therapy"]]
        page.concerns = [catalogue["concern"]]
        page.offers_video, page.offers_phone = True, True

    page = page_upsert(parent=directory, model=PractitionerPage, slug=practitioner.slug, fill=fill)
    page_translate(page=page, fill=fill, slug=practitioner.slug)
    return page


def form_data(catalogue, **overrides) -> dict:
    data = {
        "headline": "Sophrologue à l'écoute, en visio",
        "presentation": "J'accompagne les personnes stressées.\n\nSéances courtes et concrètes.",
        "career": "- 2016 : certificat\n- 2019 : formation au sommeil",
        "video_url": "",
        "languages": ["fr", "en"],
        "gender": "female",
        "therapies": [catalogue["therapy"].pk],
        "concerns": [catalogue["concern"].pk],
        "modes": ["video", "phone"],
        "accepts_new_patients": "on",
        "offers_follow_up": "on",
        "headline_en": "",
        "presentation_en": "",
        "career_en": "",
        "diplomas-TOTAL_FORMS": "1",
        "diplomas-INITIAL_FORMS": "0",
        "diplomas-MIN_NUM_FORMS": "0",
        "diplomas-MAX_NUM_FORMS": "20",
        "diplomas-0-title": "Certificat de sophrologue",
        "diplomas-0-year": "2016",
        "diplomas-0-school": "Institut du Val de Loire",
        "diplomas-0-title_en": "",
        "action": "save",
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def approve(page, *, comment="", superuser=False):
    """A moderator (a member of Wagtail's "Moderators" group) approves the current review task.

    After a transactional flush the group has lost its page permissions: `superuser` then.
    """
    email = f"moderator-{uuid.uuid4().hex[:8]}@example.org"
    moderator = User.objects.create_user(email=email, is_staff=True, is_superuser=superuser)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve", comment=comment)


def png_bytes(size=(64, 64), image_format="PNG", color="#88aa99") -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format=image_format)
    return buffer.getvalue()


# --- Fixtures ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def offline_and_uncached(settings, monkeypatch):
    """No page cache between requests; embeds never reach the internet."""
    from wagtail.embeds import embeds
    from wagtail.embeds.exceptions import EmbedNotFoundException

    settings.KHEPRI_PAGE_CACHE_SECONDS = 0
    cache.clear()

    def refuse(url, *args, **kwargs):
        raise EmbedNotFoundException

    monkeypatch.setattr(embeds, "get_embed", refuse)


@pytest.fixture
def moderated(home):
    from site_pages.demo import ensure_moderation_workflow

    ensure_moderation_workflow()


@pytest.fixture
def catalogue(home):
    return catalogue_build(home)


@pytest.fixture
def directory(home):
    return directory_build(home)


@pytest.fixture
def claire(directory):
    practitioner = practitioner_build()
    week(practitioner, EVERY_DAY)
    return practitioner


@pytest.fixture
def claire_page(claire, directory, catalogue):
    return profile_build(practitioner=claire, directory=directory, catalogue=catalogue)


@pytest.fixture
def signed_in(client, claire):
    client.force_login(claire.user)
    return client


def _en(page: PractitionerPage) -> PractitionerPage:
    return PractitionerPage.objects.get(
        translation_key=page.translation_key, locale__language_code="en"
    )


def _latest(page: PractitionerPage) -> PractitionerPage:
    return PractitionerPage.objects.get(pk=page.pk).get_latest_revision_as_object()


# --- The public page ---------------------------------------------------------------------------


def test_the_page_reads_in_french_and_english_with_catalogue_links_in_each_language(
    client, claire_page
):
    french = client.get("/praticiens/claire-martin/")
    assert french.status_code == 200
    html = french.content.decode()
    assert "<h1>Claire Martin</h1>" in html
    assert "Sophrologue" in html and "Sophrologue, le soir après le travail" in html
    assert "J&#x27;accompagne des personnes actives." in html or "J'accompagne" in html
    assert 'href="/pratiques/sophrologie/"' in html
    assert 'href="/ce-qui-vous-amene/sommeil/"' in html
    assert "Certificat de sophrologue" in html and "2016" in html
    assert "Institut du Val de Loire" in html
    assert "60 €" in html and "Séance de sophrologie" in html

    english = client.get("/en/practitioners/claire-martin/")
    assert english.status_code == 200
    html = english.content.decode()
    assert "Sophrologist, in the evening after work" in html
    assert "I work with busy people." in html
    assert 'href="/en/therapies/sophrology/"' in html
    assert 'href="/en/what-brings-you-here/sleep-problems/"' in html
    assert 'href="/pratiques/' not in html
    assert "Sophrology certificate" in html
    assert "French, English" in html
    assert "€60" in html and "Sophrology session" in html
    assert "rating" not in html.lower() and "★" not in html


def test_the_page_describes_the_person_in_json_ld_without_health_data(client, claire_page):
    html = client.get("/en/practitioners/claire-martin/").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    people = [data for data in map(json.loads, blocks) if data.get("@type") == "Person"]
    assert len(people) == 1
    person = people[0]
    assert person["name"] == "Claire Martin"
    assert person["jobTitle"] == "Sophrologue"
    assert person["knowsLanguage"] == ["fr", "en"]
    assert person["url"].endswith("/en/practitioners/claire-martin/")
    assert set(person) <= {"@context", "@type", "name", "jobTitle", "knowsLanguage", "url"}
    assert "Sleep" not in json.dumps(person) and "Sophrology" not in json.dumps(person)


def test_the_verified_badge_says_exactly_what_staff_checked_and_when(client, claire, claire_page):
    html = client.get("/en/practitioners/claire-martin/").content.decode()
    assert "Checked by Khepri" not in html

    claire.identity_verified_at = timezone.make_aware(timezone.datetime(2025, 3, 3, 10))
    claire.insurance_verified_at = timezone.make_aware(timezone.datetime(2025, 4, 9, 10))
    claire.save()
    html = client.get("/en/practitioners/claire-martin/").content.decode()
    assert "Checked by Khepri" in html
    assert "Identity checked on 3 March 2025" in html
    assert "Professional insurance checked on 9 April 2025" in html
    assert "Diplomas checked" not in html


def test_without_a_photo_a_neutral_placeholder_and_with_one_a_portrait_named_after_them(
    client, claire_page
):
    from wagtail.images.models import Image

    html = client.get("/praticiens/claire-martin/").content.decode()
    assert "profile-photo__placeholder" in html
    image = Image.objects.create(
        title="Portrait", file=SimpleUploadedFile("claire.png", png_bytes((400, 400)))
    )
    for page in (claire_page, _en(claire_page)):
        page.photo = image
        page.save_revision().publish()
    html = client.get("/praticiens/claire-martin/").content.decode()
    assert re.search(r'<img alt="Claire Martin"[^>]*class="profile-photo__image"', html)


def test_next_free_times_are_shown_in_the_visitors_time_zone(client, claire, claire_page):
    paris = client.get("/en/practitioners/claire-martin/")
    days = paris.context["slot_days"]
    slots = [slot for day in days for slot in day.slots]
    assert len(slots) == 6
    assert all(slot.start.tzinfo == ZoneInfo("Europe/Paris") for slot in slots)
    assert all(9 <= slot.start.hour < 17 for slot in slots)
    assert "Times shown for the Europe/Paris time zone." in paris.content.decode()

    montreal = client.get("/en/practitioners/claire-martin/?tz=America/Montreal")
    html = montreal.content.decode()
    local = [slot for day in montreal.context["slot_days"] for slot in day.slots]
    assert [slot.start for slot in local] == [slot.start for slot in slots]  # same instants
    assert all(slot.start.tzinfo == ZoneInfo("America/Montreal") for slot in local)
    assert all(2 <= slot.start.hour < 12 for slot in local)  # 09:00–17:00 Paris
    first = local[0]
    assert f">{first.start:%H:%M}</a>" in html
    assert "tz=America%2FMontreal" in first.url
    assert "Times shown for the America/Montreal time zone." in html

    nonsense = client.get("/en/practitioners/claire-martin/?tz=Mars/Olympus_Mons")
    assert nonsense.context["visitor_tz"] == ZoneInfo("Europe/Paris")


def test_a_signed_in_visitor_sees_times_in_their_own_zone(client, claire_page):
    visitor = User.objects.create_user(email="visitor@example.org", time_zone="Asia/Tokyo")
    client.force_login(visitor)
    response = client.get("/en/practitioners/claire-martin/")
    assert response.context["visitor_tz"] == ZoneInfo("Asia/Tokyo")
    assert "Times shown for the Asia/Tokyo time zone." in response.content.decode()


def test_choosing_a_time_shows_it_with_the_session_and_a_continue_button(client, claire_page):
    page = client.get("/en/practitioners/claire-martin/")
    first = page.context["slot_days"][0].slots[0]
    response = client.get("/en/practitioners/claire-martin/" + first.url.split("#")[0])
    html = response.content.decode()
    chosen = response.context["chosen_slot"]
    assert chosen.start == first.start and chosen.offer.name == "Sophrology session"
    assert "Your chosen time" in html
    assert "60 min" in html and "€60" in html
    assert 'action="/en/book/"' in html
    assert f'name="start" value="{profile.slot_iso(first.start)}"' in html
    assert ">Continue</button>" in html


def test_a_time_that_is_not_free_is_refused(client, claire_page):
    taken = (timezone.now() + timedelta(days=2)).replace(hour=3, minute=7, second=0)
    url = f"/en/practitioners/claire-martin/?slot={profile.slot_iso(taken)}&session_type=1"
    response = client.get(url)
    assert response.context["chosen_slot"] is None
    assert "This time is no longer available." in response.content.decode()
    garbage = client.get("/en/practitioners/claire-martin/?slot=yesterday&session_type=x")
    assert garbage.status_code == 200 and garbage.context["chosen_slot"] is None


@pytest.mark.parametrize("status", [Practitioner.Status.PAUSED, Practitioner.Status.ONBOARDING])
def test_a_paused_or_inactive_practitioner_is_not_bookable(client, claire, claire_page, status):
    claire.status = status
    claire.save()
    first_slot = profile.slot_iso(timezone.now() + timedelta(days=3))
    response = client.get(f"/en/practitioners/claire-martin/?slot={first_slot}&session_type=1")
    html = response.content.decode()
    assert "Claire Martin is not taking bookings right now." in html
    assert response.context["slot_days"] == [] and response.context["chosen_slot"] is None
    assert "?slot=" not in html and "Your chosen time" not in html


def test_a_video_is_embedded_when_possible_and_linked_otherwise(client, claire_page, monkeypatch):
    from wagtail.embeds import embeds
    from wagtail.embeds.models import Embed

    for page in (claire_page, _en(claire_page)):
        page.video_url = "https://vimeo.com/123456"
        page.save_revision().publish()
    html = client.get("/en/practitioners/claire-martin/").content.decode()
    assert 'href="https://vimeo.com/123456"' in html and "<iframe" not in html

    cache.clear()
    fake = Embed(
        url="https://vimeo.com/123456",
        html='<iframe title="Video"></iframe>',
        width=640,
        height=360,
    )
    monkeypatch.setattr(embeds, "get_embed", lambda url, *args, **kwargs: fake)
    html = client.get("/en/practitioners/claire-martin/").content.decode()
    assert '<iframe title="Video"></iframe>' in html


# --- Editing: revisions, translation, state ----------------------------------------------------


def test_the_first_save_creates_a_draft_page_with_a_revision_not_a_publication(
    signed_in, claire, catalogue, moderated
):
    response = signed_in.post("/en/pro/profile/", form_data(catalogue), follow=True)
    assert response.redirect_chain == [("/en/pro/profile/", 302)]
    assert "Your profile is saved as a draft. It is not public yet." in response.content.decode()
    page = PractitionerPage.objects.get(practitioner=claire)
    assert page.locale.language_code == "fr" and page.slug == "claire-martin"
    assert page.title == "Claire Martin"
    assert page.get_parent().specific_class is PractitionerIndexPage
    assert not page.live and page.revisions.count() == 1
    assert page.latest_revision.user == claire.user
    draft = _latest(page)
    assert draft.headline == "Sophrologue à l'écoute, en visio"
    assert draft.presentation == (
        "<p>J&#x27;accompagne les personnes stressées.</p><p>Séances courtes et concrètes.</p>"
    )
    assert draft.career == "<ul><li>2016 : certificat</li><li>2019 : formation au sommeil</li></ul>"
    assert [d.title for d in draft.diplomas.all()] == ["Certificat de sophrologue"]
    assert [item.code for item in draft.languages.all()] == ["fr", "en"]
    assert list(draft.therapies.all()) == [catalogue["therapy"]]
    assert draft.offers_video and draft.offers_phone
    assert signed_in.get("/praticiens/claire-martin/").status_code == 404
    assert editing.profile_state(practitioner=claire).status == editing.ProfileStatus.DRAFT

    followed = signed_in.get("/en/pro/profile/")
    assert followed.context["form"].initial["headline"] == draft.headline
    assert followed.context["form"].initial["career"] == (
        "- 2016 : certificat\n- 2019 : formation au sommeil"
    )


def test_saving_never_publishes_a_live_page_directly(signed_in, claire, claire_page, catalogue):
    before = claire_page.revisions.count()
    signed_in.post("/en/pro/profile/", form_data(catalogue, headline="Un nouveau titre"))
    page = PractitionerPage.objects.get(pk=claire_page.pk)
    assert page.live and page.has_unpublished_changes
    assert page.headline == "Sophrologue, le soir après le travail"  # the public version
    assert page.revisions.count() == before + 1
    assert _latest(page).headline == "Un nouveau titre"
    html = signed_in.get("/praticiens/claire-martin/").content.decode()
    assert "Un nouveau titre" not in html


def test_with_autopublish_on_saving_publishes_both_languages(
    signed_in, claire, catalogue, directory, settings
):
    settings.KHEPRI_PROFILE_AUTOPUBLISH = True
    data = form_data(catalogue, headline_en="Sophrologist, by video")
    response = signed_in.post("/en/pro/profile/", data, follow=True)
    assert "Your profile is saved and published." in response.content.decode()
    page = PractitionerPage.objects.get(practitioner=claire, locale__language_code="fr")
    assert page.live and not page.has_unpublished_changes
    assert editing.profile_state(practitioner=claire).status == editing.ProfileStatus.PUBLISHED
    english = _en(page)
    assert english.live and english.headline == "Sophrologist, by video"
    assert signed_in.get("/en/practitioners/claire-martin/").status_code == 200


def test_english_texts_land_in_the_english_translation(signed_in, claire, catalogue, directory):
    data = form_data(
        catalogue,
        headline_en="Sophrologist who listens, by video",
        presentation_en="I support stressed people.\n\nShort, concrete sessions.\n\nIn English too.",
        career_en="",
        **{"diplomas-0-title_en": "Sophrology certificate"},
    )
    signed_in.post("/en/pro/profile/", data)
    french = PractitionerPage.objects.get(practitioner=claire, locale__language_code="fr")
    english = _latest(_en(french))
    assert english.locale == Locale.objects.get(language_code="en")
    assert english.headline == "Sophrologist who listens, by video"
    # Two French paragraphs: the third English one joins the second.
    assert english.presentation == (
        "<p>I support stressed people.</p><p>Short, concrete sessions.<br/><br/>In English too.</p>"
    )
    assert english.career == _latest(french).career  # not translated: the French text
    assert [d.title for d in english.diplomas.all()] == ["Sophrology certificate"]
    assert [d.school for d in english.diplomas.all()] == ["Institut du Val de Loire"]
    assert list(english.therapies.all()) == [catalogue["therapy"]]  # synchronised
    assert not _en(french).live
    assert _latest(french).headline == "Sophrologue à l'écoute, en visio"

    form = signed_in.get("/en/pro/profile/").context["form"]
    assert form.initial["headline_en"] == "Sophrologist who listens, by video"
    assert form.initial["career_en"] == ""


def test_fewer_english_paragraphs_leave_no_empty_paragraph_on_the_page(
    signed_in, claire, catalogue, directory, settings
):
    settings.KHEPRI_PROFILE_AUTOPUBLISH = True
    data = form_data(catalogue, presentation_en="Just one paragraph.", headline_en="Hello")
    signed_in.post("/en/pro/profile/", data)
    html = signed_in.get("/en/practitioners/claire-martin/").content.decode()
    assert "<p>Just one paragraph.</p>" in html
    assert "\u200b" not in html
    form = signed_in.get("/en/pro/profile/").context["form"]
    assert form.initial["presentation_en"] == "Just one paragraph."


def test_an_english_edit_waits_for_the_french_approval(
    signed_in, claire, catalogue, directory, moderated
):
    signed_in.post(
        "/en/pro/profile/", form_data(catalogue, headline_en="First English", action="submit")
    )
    french = PractitionerPage.objects.get(practitioner=claire, locale__language_code="fr")
    approve(french)
    assert _en(french).live and _en(french).headline == "First English"

    signed_in.post(
        "/en/pro/profile/", form_data(catalogue, headline_en="Second English", action="submit")
    )
    english = _en(french)
    assert english.headline == "First English" and english.has_unpublished_changes
    assert _latest(english).headline == "Second English"
    assert "First English" in signed_in.get("/en/practitioners/claire-martin/").content.decode()

    approve(PractitionerPage.objects.get(pk=french.pk))
    assert _en(french).headline == "Second English"
    assert not _en(french).has_unpublished_changes


def test_the_state_goes_from_draft_to_awaiting_review_to_published(
    signed_in, claire, catalogue, directory, moderated
):
    state = editing.profile_state(practitioner=claire)
    assert state.status == editing.ProfileStatus.NEW and state.can_submit
    html = signed_in.get("/en/pro/profile/").content.decode()
    assert "Not created yet" in html and 'value="submit"' in html

    signed_in.post("/en/pro/profile/", form_data(catalogue))
    assert editing.profile_state(practitioner=claire).status == editing.ProfileStatus.DRAFT

    response = signed_in.post(
        "/en/pro/profile/", form_data(catalogue, action="submit"), follow=True
    )
    assert "sent for review" in response.content.decode()
    page = PractitionerPage.objects.get(practitioner=claire)
    assert page.workflow_in_progress and not page.live
    state = editing.profile_state(practitioner=claire)
    assert state.status == editing.ProfileStatus.IN_REVIEW and not state.can_submit
    html = signed_in.get("/en/pro/profile/").content.decode()
    assert "Awaiting review" in html and 'value="submit"' not in html

    # Saving during the review keeps it under review, on the new version.
    response = signed_in.post(
        "/en/pro/profile/", form_data(catalogue, headline="Version deux"), follow=True
    )
    assert "They replace the version awaiting review" in response.content.decode()
    page = PractitionerPage.objects.get(pk=page.pk)
    assert page.workflow_in_progress
    assert page.current_workflow_state.current_task_state.revision == page.latest_revision

    approve(page)
    page = PractitionerPage.objects.get(pk=page.pk)
    assert page.live and page.headline == "Version deux"
    state = editing.profile_state(practitioner=claire)
    assert state.status == editing.ProfileStatus.PUBLISHED and state.public_url
    assert "Version deux" in signed_in.get("/praticiens/claire-martin/").content.decode()
    assert "Published" in signed_in.get("/en/pro/profile/").content.decode()

    signed_in.post("/en/pro/profile/", form_data(catalogue, headline="Version trois"))
    state = editing.profile_state(practitioner=claire)
    assert state.status == editing.ProfileStatus.DRAFT and state.is_live


def test_a_newcomer_sends_their_first_review_from_their_space(
    signed_in, claire, catalogue, directory, moderated
):
    claire.status = Practitioner.Status.ONBOARDING
    claire.save()
    html = signed_in.get("/en/pro/profile/").content.decode()
    assert 'value="submit"' not in html and 'href="/en/pro/"' in html
    signed_in.post("/en/pro/profile/", form_data(catalogue, action="submit"))
    page = PractitionerPage.objects.get(practitioner=claire)
    assert not page.workflow_in_progress
    assert editing.profile_state(practitioner=claire).status == editing.ProfileStatus.DRAFT


def test_requested_changes_are_shown_and_a_new_submission_resumes_the_review(
    signed_in, claire, catalogue, directory, moderated
):
    signed_in.post("/en/pro/profile/", form_data(catalogue, action="submit"))
    page = PractitionerPage.objects.get(practitioner=claire)
    moderator = User.objects.create_user(email="mod@example.org", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(
        task_state, moderator, "reject", comment="Ajoutez votre diplôme."
    )
    state = editing.profile_state(practitioner=claire)
    assert state.status == editing.ProfileStatus.NEEDS_CHANGES and state.can_submit
    html = signed_in.get("/en/pro/profile/").content.decode()
    assert "Changes requested" in html and "Ajoutez votre diplôme." in html

    signed_in.post("/en/pro/profile/", form_data(catalogue, action="submit"))
    state = editing.profile_state(practitioner=claire)
    assert state.status == editing.ProfileStatus.IN_REVIEW


def test_the_preview_shows_the_latest_saved_version_marked_not_public(
    signed_in, claire, catalogue, directory
):
    response = signed_in.get("/en/pro/profile/preview/")
    assert response.status_code == 302 and response.url.endswith("/en/pro/profile/")

    data = form_data(catalogue, headline="Brouillon privé", headline_en="Private draft")
    signed_in.post("/en/pro/profile/", data)
    response = signed_in.get("/pro/profile/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    with translation.override("fr"):
        assert gettext("Preview — not public yet") in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Brouillon privé" in html and 'href="/pratiques/sophrologie/"' in html
    assert 'application/ld+json">{"@context": "https://schema.org", "@type": "Person"' not in html
    english = signed_in.get("/en/pro/profile/preview/").content.decode()
    assert "Private draft" in english and 'href="/en/therapies/sophrology/"' in english
    assert signed_in.get("/praticiens/claire-martin/").status_code == 404


def test_a_photo_is_stored_as_an_image_in_the_practitioners_collection(
    signed_in, claire, catalogue, directory
):
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's make, like the GPS position, must not remain
    buffer = BytesIO()
    PILImage.new("RGB", (300, 300), "#8a9").save(buffer, format="JPEG", exif=exif)
    photo = SimpleUploadedFile("me.jpg", buffer.getvalue(), content_type="image/jpeg")
    signed_in.post("/en/pro/profile/", {**form_data(catalogue), "photo": photo})
    image = _latest(PractitionerPage.objects.get(practitioner=claire)).photo
    assert image is not None and image.collection.name == "Practitioners"
    assert (image.width, image.height) == (300, 300)
    with image.open_file() as stored, PILImage.open(stored) as picture:
        assert picture.format == "JPEG" and not picture.getexif()

    signed_in.post("/en/pro/profile/", form_data(catalogue, remove_photo="on"))
    assert _latest(PractitionerPage.objects.get(practitioner=claire)).photo is None


@pytest.mark.parametrize(
    "name, content, limit, message",
    [
        ("me.gif", png_bytes(image_format="GIF"), None, "Send a JPEG, PNG or WebP photo."),
        ("me.jpg", b"not an image at all", None, "Upload a valid image."),
        ("big.png", png_bytes((200, 200)), 100, "larger than 5 MB"),
    ],
)
def test_a_photo_must_be_a_jpeg_png_or_webp_of_at_most_5_mb(
    signed_in, claire, catalogue, directory, monkeypatch, name, content, limit, message
):
    if limit:  # a smaller limit than 5 MB, to keep the test light
        monkeypatch.setattr(forms, "PHOTO_MAX_BYTES", limit)
    upload = SimpleUploadedFile(name, content)
    response = signed_in.post("/en/pro/profile/", {**form_data(catalogue), "photo": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'href="#id_photo"' in html  # the error summary links to the field
    assert not PractitionerPage.objects.filter(practitioner=claire).exists()


def test_invalid_fields_are_listed_in_a_summary_linked_to_them(
    signed_in, claire, catalogue, directory
):
    data = form_data(
        catalogue,
        headline="",
        languages=None,
        presentation="",
        presentation_en="Only English",
        **{"diplomas-0-title": "", "diplomas-0-year": "2016"},
    )
    response = signed_in.post("/en/pro/profile/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some information needs your attention" in html
    assert 'href="#id_headline"' in html
    assert 'href="#id_languages_0"' in html
    assert 'href="#id_presentation_en"' in html
    assert 'href="#id_diplomas-0-title"' in html
    assert "<title>Error:" in html
    assert not PractitionerPage.objects.filter(practitioner=claire).exists()


def test_typed_html_is_escaped_never_injected(signed_in, claire, catalogue, directory, settings):
    settings.KHEPRI_PROFILE_AUTOPUBLISH = True
    data = form_data(
        catalogue,
        presentation='<script>alert("x")</script>\n<a href="javascript:x">clic</a>',
        headline="<b>Titre</b>",
    )
    signed_in.post("/en/pro/profile/", data)
    html = signed_in.get("/praticiens/claire-martin/").content.decode()
    assert "<script>alert" not in html and '<a href="javascript:x">' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<b>Titre</b>" not in html


# --- Credential files --------------------------------------------------------------------------


def test_credential_files_are_private_listed_and_deletable_by_their_owner(
    signed_in, claire, claire_page, django_capture_on_commit_callbacks
):
    pdf = SimpleUploadedFile("diplome.pdf", b"%PDF-1.4\n% a diploma\n", "application/pdf")
    response = signed_in.post(
        "/en/pro/profile/credentials/", {"title": "Certificat 2016", "file": pdf}, follow=True
    )
    assert "Only our team can open it." in response.content.decode()
    credential = Credential.objects.get(practitioner=claire)
    assert credential.title == "Certificat 2016"
    assert credential.file.storage is storages["private"]
    assert credential.file.name.endswith(".pdf") and "diplome" not in credential.file.name
    assert storages["private"].exists(credential.file.name)

    html = signed_in.get("/en/pro/profile/credentials/").content.decode()
    assert "Certificat 2016" in html and "Sent on" in html
    assert credential.file.name not in html  # never linked
    public = Client().get("/en/practitioners/claire-martin/").content.decode()
    assert "Certificat 2016" not in public

    other = practitioner_build(email="paul@example.org", slug="paul-durand")
    intruder = Client()
    intruder.force_login(other.user)
    assert "Certificat 2016" not in intruder.get("/en/pro/profile/credentials/").content.decode()
    refused = intruder.post(
        "/en/pro/profile/credentials/", {"action": "delete", "credential": credential.pk}
    )
    assert refused.status_code == 404
    assert Credential.objects.filter(pk=credential.pk).exists()

    name = credential.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            "/en/pro/profile/credentials/", {"action": "delete", "credential": credential.pk}
        )
    assert response.status_code == 302
    assert not Credential.objects.filter(pk=credential.pk).exists()
    assert not storages["private"].exists(name)


@pytest.mark.parametrize(
    "name, content",
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf"),
        ("notes.txt", b"%PDF-1.4 but a .txt name"),
        ("big.pdf", b"%PDF-1.4" + b"0" * 2000),
    ],
)
def test_credential_files_must_be_pdf_jpeg_or_png_of_at_most_10_mb(
    signed_in, claire, monkeypatch, name, content
):
    monkeypatch.setattr(forms, "CREDENTIAL_MAX_BYTES", 1000)
    upload = SimpleUploadedFile(name, content)
    response = signed_in.post("/en/pro/profile/credentials/", {"title": "X", "file": upload})
    assert response.status_code == 400
    assert "Some information needs your attention" in response.content.decode()
    assert not Credential.objects.exists()


# --- Security ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/en/pro/profile/", "/en/pro/profile/preview/", "/en/pro/profile/credentials/"]
)
def test_the_profile_space_needs_a_signed_in_practitioner(client, home, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(User.objects.create_user(email="patient@example.org"))
    assert client.get(url).status_code == 403


def test_a_practitioner_only_ever_sees_and_changes_their_own_profile(
    client, claire, claire_page, catalogue
):
    paul = practitioner_build(email="paul@example.org", slug="paul-durand", legal_name="Paul D")
    client.force_login(paul.user)
    form = client.get("/en/pro/profile/").context["form"]
    assert form.initial.get("headline") is None  # Paul has no page yet, and sees no other

    data = form_data(
        catalogue,
        headline="Paul's headline",
        page=claire_page.pk,
        page_id=claire_page.pk,
        id=claire_page.pk,
        practitioner=claire.pk,
    )
    client.post("/en/pro/profile/", data)
    assert _latest(claire_page).headline == "Sophrologue, le soir après le travail"
    pauls = PractitionerPage.objects.get(practitioner=paul)
    assert pauls.pk != claire_page.pk and pauls.slug == "paul-durand"
    preview = client.get("/en/pro/profile/preview/").content.decode()
    assert "Paul&#x27;s headline" in preview and "Claire Martin" not in preview


def test_staff_only_fields_cannot_be_set_by_a_crafted_post(
    signed_in, claire, claire_page, catalogue
):
    other_user = User.objects.create_user(email="someone@example.org")
    english = Locale.objects.get(language_code="en")
    before = Practitioner.objects.values().get(pk=claire.pk)
    crafted = form_data(
        catalogue,
        identity_verified_at="2020-01-01T00:00:00Z",
        diplomas_verified_at="2020-01-01T00:00:00Z",
        insurance_verified_at="2020-01-01T00:00:00Z",
        commission_basis_points="1",
        status="active",
        practitioner=str(PractitionerFactory().pk),
        owner=str(other_user.pk),
        locale=str(english.pk),
        live="on",
        title="Docteur Miracle",
        slug="docteur-miracle",
    )
    claire.status = Practitioner.Status.PAUSED
    claire.save()
    before = Practitioner.objects.values().get(pk=claire.pk)
    response = signed_in.post("/en/pro/profile/", crafted)
    assert response.status_code == 302
    assert Practitioner.objects.values().get(pk=claire.pk) == before
    page = PractitionerPage.objects.get(pk=claire_page.pk)
    draft = page.get_latest_revision_as_object()
    assert draft.practitioner_id == claire.pk
    assert draft.owner_id != other_user.pk and page.owner_id != other_user.pk
    assert draft.locale.language_code == "fr" and page.locale.language_code == "fr"
    assert draft.title == "Claire Martin" and draft.slug == "claire-martin"
    assert page.live and page.has_unpublished_changes  # saved, not published by "live=on"


def test_a_practitioner_cannot_reach_the_wagtail_admin(signed_in, claire):
    assert not claire.user.has_perm("wagtailadmin.access_admin")
    response = signed_in.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url
    assert signed_in.get(f"/admin/pages/{Page.get_first_root_node().pk}/").status_code == 302


# --- Text conversions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, html",
    [
        ("Un.\n\nDeux\nlignes.", "<p>Un.</p><p>Deux<br/>lignes.</p>"),
        ("- a\n- b & c", "<ul><li>a</li><li>b &amp; c</li></ul>"),
        ("<i>x</i>", "<p>&lt;i&gt;x&lt;/i&gt;</p>"),
        ("  \n\n ", ""),
    ],
)
def test_plain_text_becomes_simple_escaped_rich_text_and_back(text, html):
    assert editing.text_to_rich_text(text) == html
    assert profile.rich_text_to_text(html) == text.strip()


def test_a_translation_has_as_many_strings_as_its_source():
    source = "<p>Un.</p><ul><li>a</li><li>b</li></ul>"
    assert editing.translated_rich_text(source_html=source, text="One.\n\nTwo.\n\nThree.\n\nFour.")
    assert editing.translated_rich_text(source_html=source, text="One.\n\nTwo.") == (
        "<p>One.</p><p>Two.</p><p>\u200b</p>"
    )
    assert editing.translated_rich_text(source_html=source, text="") == source
    assert editing.translated_rich_text(source_html="", text="Lonely") == ""


@pytest.mark.django_db
def test_a_practitioner_sets_their_time_zone(client):
    from tests.factories import PractitionerFactory

    practitioner = PractitionerFactory()
    client.force_login(practitioner.user)
    page = client.get("/pro/profile/")
    assert 'name="time_zone"' in page.content.decode()
    client.post("/pro/profile/time-zone/", {"time_zone": "America/Montreal"})
    practitioner.refresh_from_db()
    assert str(practitioner.time_zone) == "America/Montreal"
    client.post("/pro/profile/time-zone/", {"time_zone": "Mars/Olympus"})
    practitioner.refresh_from_db()
    assert str(practitioner.time_zone) == "America/Montreal"


def test_not_taking_new_patients_is_enforced_when_booking(client, claire, claire_page):
    """The profile's "not taking new patients" is a rule of the booking service, not a label."""
    from bookings import lifecycle
    from bookings.models import Booking, SessionType

    PractitionerPage.objects.filter(practitioner=claire).update(accepts_new_patients=False)
    consult = SessionType.objects.get(practitioner=claire, is_default=True)
    days = client.get("/en/practitioners/claire-martin/").context["slot_days"]
    first, second = [slot for day in days for slot in day.slots][:2]
    now = timezone.now()
    newcomer = User.objects.create_user(email="new@example.org")
    hold = lifecycle.hold_create(session_type=consult, start=first.start, now=now)
    with pytest.raises(lifecycle.NotAllowed):
        lifecycle.hold_confirm(booking=hold, patient=newcomer, now=now)

    followed = User.objects.create_user(email="followed@example.org")
    Booking.objects.create(
        practitioner=claire,
        patient=followed,
        start=now - timedelta(days=30),
        end=now - timedelta(days=30) + timedelta(minutes=60),
        title="Consultation",
        state=Booking.State.COMPLETED,
    )
    hold = lifecycle.hold_create(session_type=consult, start=second.start, now=now)
    booking = lifecycle.hold_confirm(booking=hold, patient=followed, now=now)
    assert booking.state in (Booking.State.CONFIRMED, Booking.State.REQUESTED)
