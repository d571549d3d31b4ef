"""Onboarding: signing up as a practitioner, the checklist, the guide, review by staff in the
Wagtail admin (with the moderation workflow), pausing the listing, and who may do what."""

import re
from io import BytesIO
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone, translation
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, ModelLogEntry, Workflow, WorkflowState

from accounts.models import User
from bookings.models import CalendarFeed, SessionType
from practitioners import onboarding
from practitioners.models import (
    Credential,
    Practitioner,
    PractitionerDiploma,
    PractitionerIndexPage,
    PractitionerLanguage,
    PractitionerPage,
)
from practitioners.onboarding import PractitionerError
from site_pages.demo import ensure_moderation_workflow
from tests.factories import PractitionerFactory, UserFactory, week
from therapies.models import TherapyIndexPage, TherapyPage

PASSWORD = "a-long-test-password-42"
QUEUE_URL = "/admin/practitioner-reviews/"


# --- Builders ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth rate-limits verification mails per address in the cache; start each test clean."""
    cache.clear()


@pytest.fixture
def tree(home):
    """The practitioner directory and one therapy, in French, with the moderation workflow."""
    ensure_moderation_workflow()
    if Collection.get_first_root_node() is None:  # flushed by a transactional test run before
        Collection.add_root(name="Root")
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
    return SimpleNamespace(home=home, index=index, therapy=therapy)


def photo() -> Image:
    buffer = BytesIO()
    PILImage.new("RGB", (40, 40), "#d8e4dc").save(buffer, format="PNG")
    return Image.objects.create(title="Portrait", file=ImageFile(buffer, name="portrait.png"))


def profile(practitioner, tree, *, missing=(), live=False) -> PractitionerPage:
    """The practitioner's French profile page, as a draft (or live), with everything the
    checklist asks for except the items named in `missing`."""
    page = PractitionerPage(
        title=practitioner.legal_name,
        slug=practitioner.slug,
        locale=tree.index.locale,
        practitioner=practitioner,
        headline="Sophrologue à l'écoute",
        presentation="" if "presentation" in missing else "<p>Je vous accompagne.</p>",
        photo=None if "photo" in missing else photo(),
        live=live,
    )
    page.therapies = [] if "therapies" in missing else [tree.therapy]
    page.languages = [] if "languages" in missing else [PractitionerLanguage(code="fr")]
    page.diplomas = (
        [] if "diploma" in missing else [PractitionerDiploma(title="Sophrologue RNCP", year=2019)]
    )
    tree.index.add_child(instance=page)
    page.save_revision(user=practitioner.user)
    return PractitionerPage.objects.get(pk=page.pk)


def ready(practitioner, tree, **options) -> PractitionerPage:
    """Everything done: profile page, weekly hours, guide acknowledged."""
    page = profile(practitioner, tree, **options)
    week(practitioner)
    onboarding.guide_acknowledge(practitioner=practitioner)
    return page


@pytest.fixture
def newcomer(db):
    return PractitionerFactory(
        legal_name="Claire Martin", slug="claire-martin", status=Practitioner.Status.ONBOARDING
    )


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English (French is the site's default language)."""
    with translation.override("en"):
        yield


def english_admin(user):
    """Wagtail's admin speaks each user's preferred language; these tests read English."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def superuser(db):
    return english_admin(
        User.objects.create_superuser(email="admin@example.test", password=PASSWORD)
    )


@pytest.fixture
def moderator(db):
    """A member of Wagtail's "Moderators" group, which is given the review permission."""
    ensure_moderation_workflow()
    group = Group.objects.get(name="Moderators")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="practitioners", codename="change_practitioner"
        ),
    )
    user = UserFactory(email="moderator@example.test")
    user.groups.add(group)
    return english_admin(user)


@pytest.fixture
def editor(db):
    """Staff with admin access but without the review permission."""
    user = UserFactory(email="editor@example.test", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def signup_data(**overrides):
    return {
        "first_name": "Claire",
        "last_name": "Martin",
        "email": "claire@example.test",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "profession": "Sophrologue",
        "time_zone": "Europe/Paris",
        "accept_terms": "on",
    } | overrides


def submitted(practitioner, tree, **options) -> PractitionerPage:
    page = ready(practitioner, tree, **options)
    onboarding.review_submit(practitioner=practitioner, user=practitioner.user)
    return page


def active_workflow_states(page):
    return WorkflowState.objects.for_instance(page).active()


# --- Signup -----------------------------------------------------------------------------------


def test_signup_sends_the_verification_link_and_creates_the_record(client, home):
    response = client.post("/en/become-a-practitioner/", signup_data())

    assert response.status_code == 302
    assert response.url == "/en/accounts/confirm-email/"  # allauth's "check your inbox"
    user = User.objects.get(email="claire@example.test")
    assert (user.first_name, user.last_name) == ("Claire", "Martin")
    practitioner = user.practitioner
    assert practitioner.status == Practitioner.Status.ONBOARDING
    assert practitioner.slug == "claire-martin"
    assert practitioner.legal_name == "Claire Martin"
    assert practitioner.profession == "Sophrologue"
    assert str(practitioner.time_zone) == "Europe/Paris"
    # agenda_setup ran: a default session type and a private feed.
    assert SessionType.objects.filter(practitioner=practitioner, is_default=True).exists()
    assert CalendarFeed.objects.filter(practitioner=practitioner).exists()
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session  # nobody signed in before verifying

    # Signing in before verifying only resends the link.
    client.post("/en/accounts/login/", {"login": "claire@example.test", "password": PASSWORD})
    assert "_auth_user_id" not in client.session

    [message, *_resent] = [m for m in mail.outbox if m.to == ["claire@example.test"]]
    link = re.search(r"https?://[^/\s]+(/\S*/confirm-email/[-:\w]+/)", message.body).group(1)
    assert client.get(link).status_code == 200
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified

    client.post("/en/accounts/login/", {"login": "claire@example.test", "password": PASSWORD})
    response = client.get("/en/pro/")
    assert response.status_code == 200
    assert "My practitioner space" in response.text
    assert "Onboarding" in response.text


def test_a_second_person_with_the_same_name_gets_a_numbered_slug(client, home, newcomer):
    client.post("/en/become-a-practitioner/", signup_data(email="c.martin@example.test"))
    assert Practitioner.objects.get(user__email="c.martin@example.test").slug == "claire-martin-2"

    third = onboarding.practitioner_signup(
        request=None,
        user=UserFactory(),
        first_name="Claire",
        last_name="Martin",
        profession="Psychologue",
        time_zone="Europe/Paris",
    )
    assert third.slug == "claire-martin-3"


def test_names_without_latin_letters_still_get_a_slug(home):
    practitioner = onboarding.practitioner_signup(
        request=None,
        user=UserFactory(),
        first_name="美咲",
        last_name="佐藤",
        profession="Art-thérapeute",
        time_zone="Asia/Tokyo",
    )
    assert practitioner.slug == "practitioner"
    assert practitioner.legal_name == "美咲 佐藤"


def test_signup_errors_are_summarised_and_nothing_is_created(client, home):
    response = client.post(
        "/en/become-a-practitioner/",
        signup_data(accept_terms="", password2="something-else-entirely", profession=""),
    )

    assert response.status_code == 400
    assert "Some information needs your attention" in response.text
    assert 'href="#id_accept_terms"' in response.text
    assert "Accept the terms of use to continue." in response.text
    assert 'aria-invalid="true"' in response.text
    assert not User.objects.filter(email="claire@example.test").exists()
    assert mail.outbox == []


def test_signup_with_a_registered_address_does_not_tell_and_creates_nothing(client, home):
    UserFactory(email="claire@example.test")

    response = client.post("/en/become-a-practitioner/", signup_data())

    assert response.status_code == 302  # the same "check your inbox" answer
    assert User.objects.filter(email="claire@example.test").count() == 1
    assert not Practitioner.objects.exists()
    assert [m.to for m in mail.outbox] == [["claire@example.test"]]  # "you already have one"


def test_the_signup_page_asks_nothing_about_health(client, home):
    response = client.get("/en/become-a-practitioner/")

    assert response.status_code == 200
    fields = re.findall(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"', response.text)
    names = set(fields) - {"csrfmiddlewaretoken", "q"}  # "q": the site search in the header
    assert names == {
        "first_name",
        "last_name",
        "email",
        "phone",  # optional, confirmed by an SMS code
        "password1",
        "password2",
        "profession",
        "time_zone",
        "accept_terms",
    }
    assert '<option value="Europe/Paris" selected>' in response.text


def test_a_signed_in_patient_becomes_a_practitioner_without_a_new_account(client, home):
    patient = UserFactory(email="patient@example.test", first_name="Ana", last_name="Lopez")
    client.force_login(patient)

    page = client.get("/en/become-a-practitioner/")
    assert 'name="password1"' not in page.text
    assert 'value="Ana"' in page.text
    response = client.post(
        "/en/become-a-practitioner/",
        {
            "first_name": "Ana María",
            "last_name": "López",
            "profession": "Psychologue",
            "time_zone": "America/Mexico_City",
            "accept_terms": "on",
        },
    )

    assert response.status_code == 302
    assert response.url == "/en/pro/"
    practitioner = Practitioner.objects.get(user=patient)
    assert practitioner.slug == "ana-maria-lopez"
    assert str(practitioner.time_zone) == "America/Mexico_City"
    assert User.objects.count() == 1
    assert mail.outbox == []
    assert client.get("/en/become-a-practitioner/").url == "/en/pro/"


def test_signing_up_twice_is_refused(newcomer):
    with pytest.raises(PractitionerError):
        onboarding.practitioner_signup(
            request=None,
            user=newcomer.user,
            first_name="Claire",
            last_name="Martin",
            profession="Sophrologue",
            time_zone="Europe/Paris",
        )


# --- The checklist ----------------------------------------------------------------------------


def done_keys(practitioner) -> set[str]:
    completeness = onboarding.profile_completeness(practitioner=practitioner)
    return {item.key for item in completeness.items if item.done}


ALL_ITEMS = {
    "therapies",
    "presentation",
    "photo",
    "diploma",
    "languages",
    "time_zone",
    "availability",
    "guide",
}


def test_without_a_page_only_the_time_zone_is_done(newcomer):
    completeness = onboarding.profile_completeness(practitioner=newcomer)

    assert done_keys(newcomer) == {"time_zone"}
    assert (completeness.done, completeness.total, completeness.percent) == (1, 8, 12)
    assert not completeness.is_complete


@pytest.mark.parametrize("missing", ["therapies", "presentation", "photo", "diploma", "languages"])
def test_each_profile_item_counts(newcomer, tree, missing):
    ready(newcomer, tree, missing=(missing,))

    completeness = onboarding.profile_completeness(practitioner=newcomer)
    assert done_keys(newcomer) == ALL_ITEMS - {missing}
    assert (completeness.done, completeness.percent) == (7, 88)


def test_weekly_hours_and_the_guide_count(newcomer, tree):
    profile(newcomer, tree)
    assert done_keys(newcomer) == ALL_ITEMS - {"availability", "guide"}

    # A schedule that ended does not count; a current one does.
    week(newcomer, valid_from=timezone.localdate().replace(year=2020), valid_until=None)
    assert "availability" in done_keys(newcomer)

    onboarding.guide_acknowledge(practitioner=newcomer)
    assert onboarding.profile_completeness(practitioner=newcomer).is_complete


def test_a_schedule_that_has_ended_does_not_count(newcomer):
    from datetime import date

    week(newcomer, valid_from=date(2020, 1, 6), valid_until=date(2020, 6, 30))
    assert "availability" not in done_keys(newcomer)


def test_the_checklist_reads_the_latest_draft(newcomer, tree):
    page = profile(newcomer, tree, missing=("photo",), live=True)
    page.save_revision().publish()
    assert "photo" not in done_keys(newcomer)

    page.photo = photo()
    page.save_revision()  # a draft, not published
    assert "photo" in done_keys(newcomer)


def test_space_home_shows_status_progress_and_links(client, newcomer, tree):
    profile(newcomer, tree, missing=("photo",))
    client.force_login(newcomer.user)

    response = client.get("/en/pro/")

    text = response.text
    assert response.status_code == 200
    assert "Onboarding" in text
    assert "5 of 8 items done" in text
    assert '<progress class="progress" max="8" value="5"' in text
    assert "Add a photo" in text
    assert 'href="/en/pro/profile/"' in text
    assert 'href="/en/pro/availability/"' in text
    assert 'href="/en/pro/guide/"' in text
    assert "3 items of the checklist are left before you can submit." in text
    assert re.search(r"<button[^>]*disabled[^>]*>Submit for review</button>", text)


def test_space_home_needs_a_practitioner(client, home):
    assert client.get("/en/pro/").status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get("/en/pro/").status_code == 403


# --- The guide --------------------------------------------------------------------------------


def test_the_guide_is_acknowledged_with_the_checkbox(client, newcomer):
    client.force_login(newcomer.user)
    page = client.get("/en/pro/guide/")
    assert page.status_code == 200
    assert "3114" in page.text
    assert "I have read and will follow this guide" in page.text

    refused = client.post("/en/pro/guide/", {})
    assert refused.status_code == 400
    assert "Tick the box" in refused.text
    newcomer.refresh_from_db()
    assert newcomer.guide_acknowledged_at is None

    assert client.post("/en/pro/guide/", {"acknowledged": "on"}).status_code == 302
    newcomer.refresh_from_db()
    first = newcomer.guide_acknowledged_at
    assert first is not None
    onboarding.guide_acknowledge(practitioner=newcomer)  # the first date is kept
    newcomer.refresh_from_db()
    assert newcomer.guide_acknowledged_at == first
    assert "You acknowledged this guide on" in client.get("/en/pro/guide/").text


# --- Submitting -------------------------------------------------------------------------------


def test_submitting_an_incomplete_profile_is_refused(client, newcomer, tree):
    profile(newcomer, tree, missing=("diploma",))

    with pytest.raises(PractitionerError, match="left"):
        onboarding.review_submit(practitioner=newcomer, user=newcomer.user)

    client.force_login(newcomer.user)
    response = client.post("/en/pro/submit/", follow=True)
    assert "Complete every item of the checklist first (3 left)." in response.text
    newcomer.refresh_from_db()
    assert newcomer.status == Practitioner.Status.ONBOARDING
    assert newcomer.submitted_at is None


def test_submitting_starts_the_moderation_workflow_once(client, newcomer, tree):
    page = ready(newcomer, tree)
    client.force_login(newcomer.user)

    response = client.post("/en/pro/submit/", follow=True)

    assert "Your profile is submitted." in response.text
    assert "Awaiting review" in response.text
    newcomer.refresh_from_db()
    assert newcomer.status == Practitioner.Status.IN_REVIEW
    assert newcomer.submitted_at is not None
    [state] = active_workflow_states(page)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Moderators approval"
    assert state.requested_by == newcomer.user

    with pytest.raises(PractitionerError, match="already awaiting review"):
        onboarding.review_submit(practitioner=newcomer, user=newcomer.user)
    assert active_workflow_states(page).count() == 1


def test_a_page_already_in_moderation_is_not_started_twice(newcomer, tree):
    page = ready(newcomer, tree)
    page.get_workflow().start(page, newcomer.user)  # submitted from the page editor

    onboarding.review_submit(practitioner=newcomer, user=newcomer.user)

    assert active_workflow_states(page).count() == 1
    assert WorkflowState.objects.for_instance(page).count() == 1


def test_without_a_workflow_submitting_only_changes_the_status(newcomer, tree):
    Workflow.objects.update(active=False)
    page = ready(newcomer, tree)

    onboarding.review_submit(practitioner=newcomer, user=newcomer.user)

    assert newcomer.status == Practitioner.Status.IN_REVIEW
    assert not WorkflowState.objects.for_instance(page).exists()


# --- Approving --------------------------------------------------------------------------------


def test_approving_without_the_guide_is_refused(newcomer, tree, superuser):
    page = profile(newcomer, tree)
    Practitioner.objects.filter(pk=newcomer.pk).update(status=Practitioner.Status.IN_REVIEW)

    with pytest.raises(PractitionerError, match="guide"):
        onboarding.review_approve(practitioner_id=newcomer.pk, user=superuser)

    newcomer.refresh_from_db()
    assert newcomer.status == Practitioner.Status.IN_REVIEW
    page.refresh_from_db()
    assert not page.live


def test_approving_publishes_french_and_english_and_activates(client, newcomer, tree, superuser):
    page = ready(newcomer, tree)
    english = page.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.headline = "A listening sophrologist"
    english.save_revision()
    onboarding.review_submit(practitioner=newcomer, user=newcomer.user)
    Practitioner.objects.filter(pk=newcomer.pk).update(review_comment="Old comment")
    [state] = active_workflow_states(page)
    client.force_login(superuser)

    response = client.post(f"{QUEUE_URL}{newcomer.pk}/approve/", follow=True)

    assert response.status_code == 200
    assert "Claire Martin is approved" in response.text
    newcomer.refresh_from_db()
    assert newcomer.status == Practitioner.Status.ACTIVE
    assert newcomer.review_comment == ""
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED  # approved through the workflow
    assert state.current_task_state.finished_by == superuser
    page = PractitionerPage.objects.get(pk=page.pk)
    english = PractitionerPage.objects.get(pk=english.pk)
    assert page.live and not page.has_unpublished_changes
    assert english.live and english.headline == "A listening sophrologist"
    assert PractitionerPage.objects.live().bookable().count() == 2
    entry = ModelLogEntry.objects.get(action="khepri.practitioner.approve")
    assert (entry.user, entry.object_id) == (superuser, str(newcomer.pk))


def test_approving_without_a_workflow_publishes_the_latest_revision(newcomer, tree, superuser):
    Workflow.objects.update(active=False)
    page = submitted(newcomer, tree)

    onboarding.review_approve(practitioner_id=newcomer.pk, user=superuser)

    page = PractitionerPage.objects.get(pk=page.pk)
    assert page.live
    assert Practitioner.objects.get(pk=newcomer.pk).status == Practitioner.Status.ACTIVE


def test_approving_twice_or_an_onboarding_profile_is_refused(newcomer, tree, superuser):
    profile(newcomer, tree)
    with pytest.raises(PractitionerError, match="awaiting review"):
        onboarding.review_approve(practitioner_id=newcomer.pk, user=superuser)


def test_a_moderator_approves_from_the_queue(client, newcomer, tree, moderator):
    page = submitted(newcomer, tree)
    client.force_login(moderator)

    queue = client.get(QUEUE_URL)

    assert queue.status_code == 200
    assert "Claire Martin" in queue.text
    assert "Sophrologue" in queue.text
    assert "8 of 8 (100%)" in queue.text
    revision = page.get_latest_revision()
    assert f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/" in queue.text
    assert client.get("/admin/").text.count("Practitioner reviews") >= 1

    client.post(f"{QUEUE_URL}{newcomer.pk}/approve/")
    assert Practitioner.objects.get(pk=newcomer.pk).status == Practitioner.Status.ACTIVE
    assert PractitionerPage.objects.get(pk=page.pk).live


def test_the_queue_lists_only_profiles_awaiting_review(client, newcomer, tree, superuser):
    other = PractitionerFactory(legal_name="Paul Durand", status=Practitioner.Status.ONBOARDING)
    submitted(newcomer, tree)
    client.force_login(superuser)

    text = client.get(QUEUE_URL).text

    assert "Claire Martin" in text
    assert other.legal_name not in text


# --- Sending back -----------------------------------------------------------------------------


def test_sending_back_needs_a_comment(client, newcomer, tree, superuser):
    submitted(newcomer, tree)

    with pytest.raises(PractitionerError):
        onboarding.review_send_back(practitioner_id=newcomer.pk, user=superuser, comment="  ")

    client.force_login(superuser)
    assert client.get(f"{QUEUE_URL}{newcomer.pk}/send-back/").status_code == 200
    response = client.post(f"{QUEUE_URL}{newcomer.pk}/send-back/", {"comment": ""})
    assert response.status_code == 400
    assert "Write what the practitioner should change." in response.text
    assert Practitioner.objects.get(pk=newcomer.pk).status == Practitioner.Status.IN_REVIEW


def test_sending_back_rejects_the_task_and_shows_the_comment(client, newcomer, tree, superuser):
    page = submitted(newcomer, tree)
    [state] = active_workflow_states(page)
    client.force_login(superuser)

    client.post(
        f"{QUEUE_URL}{newcomer.pk}/send-back/",
        {"comment": "Votre photo est floue.\nMerci d'en ajouter une autre."},
    )

    newcomer.refresh_from_db()
    assert newcomer.status == Practitioner.Status.ONBOARDING
    assert newcomer.review_comment.startswith("Votre photo est floue.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.status == "rejected"
    entry = ModelLogEntry.objects.get(action="khepri.practitioner.send_back")
    assert entry.user == superuser
    assert entry.data["comment"].startswith("Votre photo")

    client.force_login(newcomer.user)
    home_page = client.get("/en/pro/").text
    assert "Our team asks for changes" in home_page
    assert "Votre photo est floue." in home_page

    # Submitting again resumes the same workflow at the step that asked for changes.
    client.post("/en/pro/submit/")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert active_workflow_states(page).count() == 1
    assert Practitioner.objects.get(pk=newcomer.pk).status == Practitioner.Status.IN_REVIEW


def test_sending_back_a_profile_not_in_review_is_refused(newcomer, superuser):
    with pytest.raises(PractitionerError, match="awaiting review"):
        onboarding.review_send_back(practitioner_id=newcomer.pk, user=superuser, comment="Non")


# --- Pausing the listing ----------------------------------------------------------------------


def test_pause_and_resume(client, db):
    practitioner = PractitionerFactory(status=Practitioner.Status.ACTIVE)
    client.force_login(practitioner.user)

    response = client.post("/en/pro/listing/", {"action": "pause"}, follow=True)
    assert "it is hidden from the directory and nobody can book a new session" in response.text
    assert "Show my profile again" in response.text
    practitioner.refresh_from_db()
    assert practitioner.status == Practitioner.Status.PAUSED

    with pytest.raises(PractitionerError):
        onboarding.listing_pause(practitioner=practitioner)

    response = client.post("/en/pro/listing/", {"action": "resume"}, follow=True)
    assert "Your profile is visible again" in response.text
    practitioner.refresh_from_db()
    assert practitioner.status == Practitioner.Status.ACTIVE

    with pytest.raises(PractitionerError):
        onboarding.listing_resume(practitioner=practitioner)


@pytest.mark.parametrize("status", [Practitioner.Status.ONBOARDING, Practitioner.Status.IN_REVIEW])
def test_only_active_or_paused_profiles_can_pause_or_resume(client, db, status):
    practitioner = PractitionerFactory(status=status)
    client.force_login(practitioner.user)

    for action in ("pause", "resume", "publish"):
        response = client.post("/en/pro/listing/", {"action": action}, follow=True)
        assert 'class="message message--error"' in response.text
    practitioner.refresh_from_db()
    assert practitioner.status == status
    assert client.get("/en/pro/listing/").status_code == 405


# --- Who may review ---------------------------------------------------------------------------


def assert_refused(response):
    """Wagtail answers a `PermissionDenied` in its admin with a redirect to the dashboard and
    the message "Sorry, you do not have permission to access this area."."""
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_a_practitioner_cannot_reach_the_queue_nor_approve_themself(client, newcomer, tree):
    submitted(newcomer, tree)
    client.force_login(newcomer.user)

    assert client.get(QUEUE_URL).status_code == 302  # to the admin login: no admin access
    client.post(f"{QUEUE_URL}{newcomer.pk}/approve/")
    client.post(f"{QUEUE_URL}{newcomer.pk}/send-back/", {"comment": "ok"})

    newcomer.refresh_from_db()
    assert newcomer.status == Practitioner.Status.IN_REVIEW


def test_a_practitioner_who_is_staff_without_the_permission_cannot_either(client, newcomer, tree):
    submitted(newcomer, tree)
    user = newcomer.user
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(user)

    assert_refused(client.get(QUEUE_URL))
    assert_refused(client.post(f"{QUEUE_URL}{newcomer.pk}/approve/"))
    assert Practitioner.objects.get(pk=newcomer.pk).status == Practitioner.Status.IN_REVIEW


def test_staff_without_the_permission_cannot_review(client, newcomer, tree, editor):
    submitted(newcomer, tree)
    client.force_login(editor)

    assert "Practitioner reviews" not in client.get("/admin/").text
    assert_refused(client.get(QUEUE_URL))
    assert_refused(client.post(f"{QUEUE_URL}{newcomer.pk}/approve/"))
    assert_refused(client.get(f"{QUEUE_URL}{newcomer.pk}/send-back/"))
    assert_refused(client.post(f"{QUEUE_URL}{newcomer.pk}/send-back/", {"comment": "x"}))
    assert Practitioner.objects.get(pk=newcomer.pk).status == Practitioner.Status.IN_REVIEW


def test_credential_files_are_downloaded_by_reviewers_only(client, newcomer, editor, moderator):
    credential = Credential.objects.create(
        practitioner=newcomer,
        title="Diplôme",
        file=ContentFile(b"%PDF-1.4 diploma", name="diplome.pdf"),
    )
    url = f"{QUEUE_URL}credentials/{credential.pk}/"

    client.force_login(newcomer.user)
    assert client.get(url).status_code == 302  # no admin access at all
    client.force_login(editor)
    assert_refused(client.get(url))

    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "diplome" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 diploma"
    assert client.get(f"{QUEUE_URL}credentials/999999/").status_code == 404


def test_the_review_permission_is_offered_in_the_group_editor(client, superuser):
    client.force_login(superuser)
    group = Group.objects.create(name="Reviewers")

    response = client.get(f"/admin/groups/edit/{group.pk}/")

    assert response.status_code == 200
    permission = Permission.objects.get(codename="change_practitioner")
    assert f'value="{permission.pk}"' in response.text


@pytest.mark.django_db
def test_moderators_may_review_practitioners(site_tree):
    from django.contrib.auth.models import Group

    from site_pages.demo import ensure_moderation_workflow

    ensure_moderation_workflow()
    moderators = Group.objects.get(name="Moderators")
    assert moderators.permissions.filter(codename="change_practitioner").exists()
