"""The writes of a practitioner editing their own profile (issue #5).

Contract:

- Every service takes the practitioner the view got from `practitioner_required`; nothing here
  accepts a page, revision or credential id that is not looked up *through* that practitioner.
- Saving never publishes: it records a Wagtail revision of the French page (the source) and,
  through wagtail-localize, a revision of its English translation. The French page is published
  by moderators (the page's workflow) or, when `settings.KHEPRI_PROFILE_AUTOPUBLISH` is true, at
  once. The English translation is published together with its French source
  (`translations_publish_with_source`).
- Texts are typed as plain text and stored as simple rich text (`<p>` paragraphs, `<ul>` lists
  of lines starting with "- "), escaped: no HTML written by a practitioner reaches a page.
"""

from __future__ import annotations

import copy
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from io import BytesIO
from pathlib import PurePath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Revision, WorkflowState
from wagtail.signals import page_published
from wagtail_localize.strings import extract_strings

from practitioners.models import (
    Credential,
    Practitioner,
    PractitionerDiploma,
    PractitionerIndexPage,
    PractitionerLanguage,
    PractitionerPage,
)
from practitioners.profile import (
    EMPTY_PARAGRAPH,
    SOURCE_LANGUAGE,
    TRANSLATION_LANGUAGE,
    profile_page_source,
    profile_translation,
)

PHOTO_COLLECTION = "Practitioners"


class ProfileError(Exception):
    """A profile change that cannot be made; `message` is written for the practitioner."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class CredentialNotFound(ProfileError):
    def __init__(self):
        super().__init__(_("This file does not exist or is not yours."))


# --- Plain text → rich text --------------------------------------------------------------------

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
_LIST_ITEM = re.compile(r"^\s*[-•*]\s+")


def text_to_rich_text(text: str) -> str:
    """Paragraphs (separated by a blank line) as `<p>`, single line breaks as `<br/>`, and
    blocks whose every line starts with "- " as a list. Everything is escaped."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace(EMPTY_PARAGRAPH, "")
    blocks = []
    for block in _BLANK_LINES.split(text.strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_LIST_ITEM.match(line) for line in lines):
            items = "".join(f"<li>{escape(_LIST_ITEM.sub('', line))}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append("<p>" + "<br/>".join(escape(line) for line in lines) + "</p>")
    return "".join(blocks)


def _strings(html: str) -> list[str]:
    """The strings wagtail-localize extracts from a rich text value, in order."""
    if not html:
        return []
    return [value.data for value, _attrs in extract_strings(html)[1]]


def translated_rich_text(*, source_html: str, text: str) -> str:
    """Rich text carrying `text` in as many strings as `source_html` has.

    wagtail-localize translates a rich text string by string, inside the structure of the
    source; a translation written freely rarely has the same number of paragraphs. Extra
    paragraphs are joined to the last one (with a blank line), missing ones are left empty.
    Without a translation the source is kept (the English page then shows the French text).
    """
    source_count = len(_strings(source_html))
    strings = _strings(text_to_rich_text(text))
    if not strings or not source_count:
        return source_html
    if len(strings) > source_count:
        tail = "<br/><br/>".join(strings[source_count - 1 :])
        strings = [*strings[: source_count - 1], tail]
    strings += [EMPTY_PARAGRAPH] * (source_count - len(strings))
    return "".join(f"<p>{string}</p>" for string in strings)


# --- Data in, results out ----------------------------------------------------------------------


@dataclass(frozen=True)
class DiplomaData:
    title: str
    year: int | None = None
    school: str = ""
    title_en: str = ""


@dataclass(frozen=True)
class ProfileData:
    """What the practitioner may change; nothing else can be written through `profile_save`."""

    headline: str
    presentation: str = ""  # plain text
    career: str = ""  # plain text
    video_url: str = ""
    languages: tuple[str, ...] = ()
    gender: str = "unspecified"
    therapy_ids: tuple[int, ...] = ()
    concern_ids: tuple[int, ...] = ()
    offers_video: bool = True
    offers_phone: bool = False
    accepts_new_patients: bool = True
    offers_follow_up: bool = True
    diplomas: tuple[DiplomaData, ...] = ()
    remove_photo: bool = False
    # The English version (optional): empty means "show the French text".
    headline_en: str = ""
    presentation_en: str = ""
    career_en: str = ""

    @property
    def has_english(self) -> bool:
        return any(
            [
                self.headline_en,
                self.presentation_en,
                self.career_en,
                *(d.title_en for d in self.diplomas),
            ]
        )


class ProfileStatus(StrEnum):
    NEW = "new"  # no page yet
    DRAFT = "draft"  # never published, or published with changes not yet public
    IN_REVIEW = "in_review"  # a moderation workflow is in progress
    NEEDS_CHANGES = "needs_changes"  # moderators asked for changes
    PUBLISHED = "published"  # live, nothing waiting


@dataclass(frozen=True)
class ProfileState:
    status: ProfileStatus
    page: PractitionerPage | None = None
    is_live: bool = False
    can_submit: bool = False
    autopublish: bool = False
    #: A newcomer's first review is asked for from their space, with the onboarding checklist
    #: (`practitioners.onboarding.review_submit`), not from the profile form.
    submit_from_space: bool = False
    has_english: bool = False
    saved_at: datetime | None = None
    published_at: datetime | None = None
    reviewer_comment: str = ""
    public_url: str | None = None

    @property
    def has_unpublished_changes(self) -> bool:
        return self.status in (
            ProfileStatus.DRAFT,
            ProfileStatus.IN_REVIEW,
            ProfileStatus.NEEDS_CHANGES,
        )


@dataclass(frozen=True)
class ProfileSaveResult:
    page: PractitionerPage
    revision: Revision
    created: bool = False
    published: bool = False
    submitted: bool = False
    #: Saved while awaiting review: the new version replaced the one under review.
    review_restarted: bool = False
    english_page: PractitionerPage | None = field(default=None, repr=False)


# --- Reading the state -------------------------------------------------------------------------


def autopublish_enabled() -> bool:
    return bool(getattr(settings, "KHEPRI_PROFILE_AUTOPUBLISH", False))


def _directory_page() -> PractitionerIndexPage | None:
    return (
        PractitionerIndexPage.objects.live()
        .filter(locale__language_code=SOURCE_LANGUAGE)
        .order_by("path")
        .first()
    )


def profile_state(*, practitioner: Practitioner) -> ProfileState:
    autopublish = autopublish_enabled()
    from_space = practitioner.status == Practitioner.Status.ONBOARDING
    page = profile_page_source(practitioner=practitioner)
    if page is None:
        directory = _directory_page()
        workflow = directory.get_workflow() if directory else None
        return ProfileState(
            status=ProfileStatus.NEW,
            can_submit=bool(workflow) and not autopublish and not from_space,
            autopublish=autopublish,
            submit_from_space=from_space,
        )
    workflow_state = page.current_workflow_state
    comment = ""
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        status = ProfileStatus.NEEDS_CHANGES
        task_state = workflow_state.current_task_state
        comment = task_state.specific.get_comment() if task_state else ""
    elif workflow_state:
        status = ProfileStatus.IN_REVIEW
    elif page.live and not page.has_unpublished_changes:
        status = ProfileStatus.PUBLISHED
    else:
        status = ProfileStatus.DRAFT
    can_submit = (
        not autopublish
        and not from_space
        and status in (ProfileStatus.DRAFT, ProfileStatus.NEEDS_CHANGES)
        and page.get_workflow() is not None
    )
    translation = profile_translation(page=page)
    return ProfileState(
        status=status,
        page=page,
        is_live=page.live,
        can_submit=can_submit,
        autopublish=autopublish,
        submit_from_space=from_space,
        has_english=translation is not None,
        saved_at=page.latest_revision.created_at if page.latest_revision_id else None,
        published_at=page.last_published_at,
        reviewer_comment=comment or "",
        public_url=page.get_url() if page.live else None,
    )


# --- Saving ------------------------------------------------------------------------------------


@transaction.atomic
def profile_save(
    *,
    practitioner: Practitioner,
    user,
    data: ProfileData,
    photo_file=None,
    submit: bool = False,
) -> ProfileSaveResult:
    """Record the practitioner's profile as a new revision (creating the page on first save).

    `submit` starts the page's moderation workflow (or resumes it after requested changes).
    Saving while a review is in progress restarts the review on the new revision, so
    moderators always approve what they were shown.
    """
    # One writer per practitioner at a time (a no-op on SQLite, which serialises writers).
    practitioner = Practitioner.objects.select_for_update().get(pk=practitioner.pk)
    page = profile_page_source(practitioner=practitioner)
    created = page is None
    if created:
        page = _page_create(practitioner=practitioner, user=user, data=data)
        draft = page
    else:
        draft = page.get_latest_revision_as_object()

    _apply(draft=draft, data=data)
    if photo_file is not None:
        draft.photo = photo_store(practitioner=practitioner, upload=photo_file)
    elif data.remove_photo:
        draft.photo = None

    try:
        draft.full_clean()
    except ValidationError as error:
        raise ProfileError(" ".join(error.messages)) from error
    if not draft.live:
        # As Wagtail's editor does: a page that was never published keeps its draft in the row.
        draft.save(clean=False)
    revision = draft.save_revision(user=user, log_action=True, clean=False)

    english = _translation_write(source=draft, data=data, user=user)

    published = submitted = restarted = False
    if autopublish_enabled():
        revision.publish(user=user, skip_permission_checks=True)
        published = True
    else:
        # A newcomer is reviewed as a whole, from their space (see ProfileState).
        submit = submit and practitioner.status != Practitioner.Status.ONBOARDING
        submitted, restarted = _review(page=draft, user=user, submit=submit)

    page = PractitionerPage.objects.get(pk=draft.pk)
    return ProfileSaveResult(
        page=page,
        revision=revision,
        created=created,
        published=published,
        submitted=submitted,
        review_restarted=restarted,
        english_page=english,
    )


def _page_create(*, practitioner: Practitioner, user, data: ProfileData) -> PractitionerPage:
    directory = _directory_page()
    if directory is None:
        raise ProfileError(
            _(
                "Profiles cannot be created yet: the practitioners' directory is not online. "
                "Please contact us."
            )
        )
    page = PractitionerPage(
        title=practitioner.legal_name,
        slug=_free_slug(parent=directory, slug=practitioner.slug),
        practitioner=practitioner,
        headline=data.headline,
        locale=directory.locale,
        owner=user,
        live=False,
    )
    directory.add_child(instance=page)
    return page


def _free_slug(*, parent, slug: str) -> str:
    siblings = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in siblings:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def _apply(*, draft: PractitionerPage, data: ProfileData) -> None:
    """Copy the practitioner's fields, and only those, onto the page."""
    from therapies.models import ConcernPage, TherapyPage

    draft.headline = data.headline.strip()
    draft.search_description = draft.headline[:300]
    draft.presentation = text_to_rich_text(data.presentation)
    draft.career = text_to_rich_text(data.career)
    draft.video_url = data.video_url.strip()
    draft.gender = data.gender
    draft.offers_video = data.offers_video
    draft.offers_phone = data.offers_phone
    draft.accepts_new_patients = data.accepts_new_patients
    draft.offers_follow_up = data.offers_follow_up

    # Only live pages of the page's own (French) catalogue can be linked.
    therapies = TherapyPage.objects.live().filter(pk__in=data.therapy_ids, locale=draft.locale)
    concerns = ConcernPage.objects.live().filter(pk__in=data.concern_ids, locale=draft.locale)
    draft.therapies = list(therapies.order_by("title"))
    draft.concerns = list(concerns.order_by("title"))

    known = {item.code: item for item in draft.languages.all()}
    languages = []
    for order, code in enumerate(dict.fromkeys(data.languages)):
        item = known.get(code) or PractitionerLanguage(code=code)
        item.sort_order = order
        languages.append(item)
    draft.languages = languages

    # Reuse the existing rows in order: their translation keys keep the English titles paired.
    existing = list(draft.diplomas.all())
    diplomas = []
    for order, diploma in enumerate(data.diplomas):
        item = existing[order] if order < len(existing) else PractitionerDiploma()
        item.title, item.year, item.school = diploma.title.strip(), diploma.year, diploma.school
        item.locale_id = draft.locale_id
        item.sort_order = order
        diplomas.append(item)
    draft.diplomas = diplomas


def _review(*, page: PractitionerPage, user, submit: bool) -> tuple[bool, bool]:
    """Start, resume or restart moderation; returns (submitted, restarted)."""
    workflow_state = page.current_workflow_state
    if workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        # Moderators approve the revision they reviewed, but Wagtail publishes the latest one:
        # restarting puts the new version in front of them instead of the old one.
        workflow = workflow_state.workflow
        workflow_state.cancel(user=user)
        workflow.start(page, user)
        return True, True
    if not submit:
        return False, False
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user)
        return True, False
    workflow = page.get_workflow()
    if workflow is None:  # no moderation configured: staff publish drafts themselves
        return False, False
    workflow.start(page, user)
    return True, False


# --- The English translation -------------------------------------------------------------------


def _english_shadow(*, source: PractitionerPage, data: ProfileData) -> PractitionerPage:
    """A copy of the French draft carrying the English texts (the French ones where empty)."""
    shadow = copy.deepcopy(source)
    if data.headline_en.strip():
        shadow.headline = data.headline_en.strip()
        shadow.search_description = shadow.headline[:300] if source.search_description else ""
    shadow.presentation = translated_rich_text(
        source_html=source.presentation, text=data.presentation_en
    )
    shadow.career = translated_rich_text(source_html=source.career, text=data.career_en)
    english_titles = [diploma.title_en.strip() for diploma in data.diplomas]
    shadow.diplomas = [
        PractitionerDiploma(
            title=(english_titles[order] if order < len(english_titles) else "") or item.title,
            year=item.year,
            school=item.school,
        )
        for order, item in enumerate(source.diplomas.all())
    ]
    return shadow


def _translation_write(*, source: PractitionerPage, data: ProfileData, user):
    """Record the English translation's new revision through wagtail-localize.

    Kept in step with every save once it exists (the practice, links and flags are
    synchronised from the French page). wagtail-localize writes the translated page's row
    itself; when that page is live the row is put back to its published content, so nothing
    reaches the public English page before the French one is published.
    """
    from site_pages.localization import translation_apply

    english_locale = Locale.objects.filter(language_code=TRANSLATION_LANGUAGE).first()
    if english_locale is None:
        return None
    existing = profile_translation(page=source)
    if existing is None and not data.has_english:
        return None
    if existing is None and not _directory_translated(source=source, locale=english_locale):
        return None
    live_revision = existing.live_revision if existing is not None and existing.live else None

    english = translation_apply(
        source_instance=source,
        shadow_instance=_english_shadow(source=source, data=data),
        locale_code=TRANSLATION_LANGUAGE,
        publish=False,
    )
    Revision.objects.filter(pk=english.latest_revision_id).update(user=user)
    if live_revision is not None:
        _live_content_restore(page=english, live_revision=live_revision)
    return PractitionerPage.objects.get(pk=english.pk)


def _directory_translated(*, source: PractitionerPage, locale: Locale) -> bool:
    parent = source.get_parent()
    return parent.get_translation_or_none(locale) is not None


def _live_content_restore(*, page: PractitionerPage, live_revision: Revision) -> None:
    live = live_revision.as_object()
    live.latest_revision_id = page.latest_revision_id
    live.has_unpublished_changes = True
    live.draft_title = page.draft_title
    live.save(clean=False)


def translations_publish_with_source(sender, instance, revision=None, **kwargs) -> None:
    """Publish the English revision a practitioner wrote when its French page is published
    (by moderators approving it, by staff, or by autopublishing)."""
    if not isinstance(instance, PractitionerPage):
        return
    if instance.locale.language_code != SOURCE_LANGUAGE:
        return
    author_id = instance.practitioner.user_id
    translations = PractitionerPage.objects.filter(
        translation_key=instance.translation_key
    ).exclude(locale_id=instance.locale_id)
    for translation in translations:
        latest = translation.latest_revision
        pending = not translation.live or translation.has_unpublished_changes
        if latest is not None and pending and latest.user_id == author_id:
            latest.publish(skip_permission_checks=True)


page_published.connect(
    translations_publish_with_source,
    sender=PractitionerPage,
    dispatch_uid="practitioners.editing.translations_publish_with_source",
)


# --- Photo -------------------------------------------------------------------------------------

PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _photo_collection() -> Collection:
    existing = Collection.objects.filter(name=PHOTO_COLLECTION).first()
    if existing:
        return existing
    return Collection.get_first_root_node().add_child(name=PHOTO_COLLECTION)


def photo_store(*, practitioner: Practitioner, upload):
    """A Wagtail image from an uploaded portrait, re-encoded without its metadata (a phone
    photo's EXIF can carry the place it was taken), upright."""
    upload.seek(0)
    with PILImage.open(upload) as original:
        image_format = original.format
        if image_format not in PHOTO_FORMATS:
            raise ProfileError(_("Send a JPEG, PNG or WebP photo."))
        picture = ImageOps.exif_transpose(original)
        if image_format == "JPEG" and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        buffer = BytesIO()
        options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
        picture.save(buffer, format=image_format, **options)
    name = f"{practitioner.slug}-{uuid.uuid4().hex[:8]}.{PHOTO_FORMATS[image_format]}"
    image = get_image_model()(
        title=str(_("Portrait — %(name)s") % {"name": practitioner.legal_name}),
        file=ImageFile(BytesIO(buffer.getvalue()), name=name),
        collection=_photo_collection(),
    )
    image.save()
    return image


# --- Credential files --------------------------------------------------------------------------


def credential_add(*, practitioner: Practitioner, title: str, upload) -> Credential:
    """Store a diploma or certificate file for staff (private storage, a random file name)."""
    extension = PurePath(upload.name).suffix.lower()
    upload.seek(0)
    credential = Credential(practitioner=practitioner, title=title.strip())
    credential.file.save(f"{uuid.uuid4().hex}{extension}", ContentFile(upload.read()), save=False)
    credential.save()
    return credential


@transaction.atomic
def credential_delete(*, practitioner: Practitioner, credential_id: int) -> None:
    credential = Credential.objects.filter(pk=credential_id, practitioner=practitioner).first()
    if credential is None:
        raise CredentialNotFound()
    storage, name = credential.file.storage, credential.file.name
    credential.delete()
    transaction.on_commit(lambda: storage.delete(name))


def practitioner_time_zone_set(*, practitioner: Practitioner, time_zone: str) -> Practitioner:
    """The zone the practitioner's weekly hours are read in. Bookings keep their UTC instants;
    working hours stay the same wall-clock hours in the new zone."""
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ProfileError(_("Unknown time zone.")) from None
    practitioner.time_zone = zone
    practitioner.save(update_fields=["time_zone"])
    return practitioner
