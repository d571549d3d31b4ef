"""Becoming a practitioner: signup, the profile checklist, the guide, staff review, and pausing
the listing.

Every change of `Practitioner.status` goes through a function here; views, admin views and
forms only check access, validate input and call one of them. Functions are keyword-only and
raise `PractitionerError`, whose message can be shown to the person as it is.

Status changes (anything else is refused):

    ONBOARDING ──review_submit──▶ IN_REVIEW ──review_approve──▶ ACTIVE ◀──listing_resume── PAUSED
        ▲                            │                             └──listing_pause───────▶
        └──────review_send_back──────┘

Who did what, and when, is recorded with Wagtail's `log()` (a `ModelLogEntry` on the
`Practitioner`, action names `khepri.practitioner.*`, registered in `wagtail_hooks.py`); the
page's own moderation history (workflow start, approval, rejection, publication) is logged by
Wagtail on the page itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import Page, WorkflowState

from practitioners.models import Practitioner, PractitionerPage

if TYPE_CHECKING:
    from allauth.account.forms import SignupForm
    from django.http import HttpRequest

    from accounts.models import User

#: Terms of use: the legal page with this slug in the source language (looked up by slug, so
#: this app needs nothing from `site_pages`).
TERMS_PAGE_SLUG = "conditions-utilisation"
SLUG_MAX_LENGTH = 80


class PractitionerError(Exception):
    """A refusal the person can read: `message` is translated."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- Signup -----------------------------------------------------------------------------------


def _slug_candidates(name: str) -> Iterator[str]:
    base = slugify(name)[: SLUG_MAX_LENGTH - 6].strip("-") or "practitioner"
    yield base
    suffix = 2
    while True:
        yield f"{base}-{suffix}"
        suffix += 1


@transaction.atomic
def practitioner_signup(
    *,
    request: HttpRequest | None,
    first_name: str,
    last_name: str,
    profession: str,
    time_zone: ZoneInfo | str,
    user: User | None = None,
    account_form: SignupForm | None = None,
) -> Practitioner:
    """Create the practitioner record, and the account first for someone new.

    A new person's account is created by allauth's own signup form (`account_form.save`:
    the user, their password and the email address still to verify); the caller then runs
    allauth's `complete_signup`, which sends the verification link. A person already signed in
    (a patient) passes `user` and keeps their account.
    """
    if (user is None) == (account_form is None):
        raise TypeError("Pass either `user` or `account_form`.")
    if user is None:
        user = account_form.save(request)
    elif Practitioner.objects.filter(user=user).exists():
        raise PractitionerError(_("You already have a practitioner space."))
    legal_name = f"{first_name.strip()} {last_name.strip()}".strip()
    for slug in _slug_candidates(legal_name):
        if Practitioner.objects.filter(slug=slug).exists():
            continue
        try:
            with transaction.atomic():  # a savepoint: a slug taken meanwhile tries the next one
                practitioner = Practitioner.objects.create(
                    user=user,
                    slug=slug,
                    legal_name=legal_name,
                    profession=profession.strip(),
                    time_zone=time_zone,
                    status=Practitioner.Status.ONBOARDING,
                )
            break
        except IntegrityError:
            if Practitioner.objects.filter(user=user).exists():
                raise PractitionerError(_("You already have a practitioner space.")) from None
    # Bookings own the agenda; every practitioner starts with a session type and a feed.
    from bookings.services import agenda_setup

    agenda_setup(practitioner=practitioner)
    log(instance=practitioner, action="khepri.practitioner.signup", user=user)
    return practitioner


def terms_page_url() -> str:
    """The terms of use in the active language (falls back to the French page), or ""."""
    page = Page.objects.live().filter(slug=TERMS_PAGE_SLUG, locale__language_code="fr").first()
    if page is None:
        return ""
    return page.localized.url or ""


# --- The profile and its checklist ------------------------------------------------------------


def profile_page(*, practitioner: Practitioner) -> PractitionerPage | None:
    """The practitioner's French profile page as stored (the live version's row), or None."""
    return (
        PractitionerPage.objects.filter(practitioner=practitioner, locale__language_code="fr")
        .order_by("pk")
        .first()
    )


def profile_draft(*, practitioner: Practitioner) -> PractitionerPage | None:
    """The profile as last written: the latest revision when it has unpublished changes."""
    page = profile_page(practitioner=practitioner)
    if page is not None and page.has_unpublished_changes and page.latest_revision_id:
        return page.get_latest_revision_as_object()
    return page


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    #: What to do when it is missing ("Add a photo"); also the link's text.
    action: str
    done: bool
    url_name: str


@dataclass(frozen=True)
class Completeness:
    items: list[ChecklistItem]

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def remaining(self) -> int:
        return self.total - self.done

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def is_complete(self) -> bool:
        return self.done == self.total


def _has_weekly_hours(practitioner: Practitioner, today: date) -> bool:
    from bookings.models import WeeklySchedule

    return (
        WeeklySchedule.objects.filter(practitioner=practitioner, ranges__isnull=False)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .exists()
    )


def profile_completeness(*, practitioner: Practitioner, today: date | None = None) -> Completeness:
    """What the profile still needs before it can be reviewed, item by item."""
    page = profile_draft(practitioner=practitioner)
    today = today or timezone.localdate(timezone=practitioner.time_zone)
    has = {
        "therapies": bool(page and list(page.therapies.all())),
        "presentation": bool(page and strip_tags(page.presentation or "").strip()),
        "photo": bool(page and page.photo_id),
        "diploma": bool(page and list(page.diplomas.all())),
        "languages": bool(page and list(page.languages.all())),
    }
    items = [
        ChecklistItem(
            "therapies",
            gettext_lazy("The therapies you practise"),
            gettext_lazy("Choose your therapies"),
            has["therapies"],
            "practitioners:profile_edit",
        ),
        ChecklistItem(
            "presentation",
            gettext_lazy("A presentation"),
            gettext_lazy("Write your presentation"),
            has["presentation"],
            "practitioners:profile_edit",
        ),
        ChecklistItem(
            "photo",
            gettext_lazy("A photo"),
            gettext_lazy("Add a photo"),
            has["photo"],
            "practitioners:profile_edit",
        ),
        ChecklistItem(
            "diploma",
            gettext_lazy("At least one diploma"),
            gettext_lazy("Add a diploma"),
            has["diploma"],
            "practitioners:profile_edit",
        ),
        ChecklistItem(
            "languages",
            gettext_lazy("The languages you speak"),
            gettext_lazy("Add your languages"),
            has["languages"],
            "practitioners:profile_edit",
        ),
        ChecklistItem(
            "time_zone",
            gettext_lazy("Your time zone"),
            gettext_lazy("Set your time zone"),
            bool(practitioner.time_zone),
            "practitioners:profile_edit",
        ),
        ChecklistItem(
            "availability",
            gettext_lazy("Weekly hours for bookings"),
            gettext_lazy("Set your availability"),
            _has_weekly_hours(practitioner, today),
            "bookings:availability",
        ),
        ChecklistItem(
            "guide",
            gettext_lazy("The practitioner guide, read"),
            gettext_lazy("Read the guide"),
            practitioner.guide_acknowledged_at is not None,
            "practitioners:guide",
        ),
    ]
    return Completeness(items=items)


def guide_acknowledge(*, practitioner: Practitioner, now: datetime | None = None) -> Practitioner:
    """Record that the practitioner read the guide (the first time only)."""
    if practitioner.guide_acknowledged_at is None:
        practitioner.guide_acknowledged_at = now or timezone.now()
        practitioner.save(update_fields=["guide_acknowledged_at"])
        log(instance=practitioner, action="khepri.practitioner.guide", user=practitioner.user)
    return practitioner


# --- Review -----------------------------------------------------------------------------------


def _locked(practitioner_id: int) -> Practitioner:
    return Practitioner.objects.select_for_update().select_related("user").get(pk=practitioner_id)


def _copy_state(source: Practitioner, target: Practitioner) -> Practitioner:
    """Keep the caller's object in step with the row just written under the lock."""
    for name in ("status", "submitted_at", "review_comment", "guide_acknowledged_at"):
        setattr(target, name, getattr(source, name))
    return target


@transaction.atomic
def review_submit(
    *, practitioner: Practitioner, user: User, now: datetime | None = None
) -> Practitioner:
    """Send a complete profile to staff; starts (or resumes) the page's moderation workflow."""
    locked = _locked(practitioner.pk)
    if locked.status == Practitioner.Status.IN_REVIEW:
        raise PractitionerError(_("Your profile is already awaiting review."))
    if locked.status != Practitioner.Status.ONBOARDING:
        raise PractitionerError(_("Your profile has already been approved."))
    completeness = profile_completeness(practitioner=locked)
    if not completeness.is_complete:
        raise PractitionerError(
            _("Complete every item of the checklist first (%(count)s left).")
            % {"count": completeness.remaining}
        )
    page = profile_page(practitioner=locked)
    workflow = page.get_workflow()
    if workflow is not None:
        state = page.current_workflow_state
        if state is None:
            workflow.start(page, user)
        elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user=user)  # back to the task that asked for changes
        # In progress already (submitted from the page editor): never a second workflow.
    locked.status = Practitioner.Status.IN_REVIEW
    locked.submitted_at = now or timezone.now()
    locked.save(update_fields=["status", "submitted_at"])
    log(instance=locked, action="khepri.practitioner.submit", user=user)
    return _copy_state(locked, practitioner)


def _task_state_for(page: Page, user: User, action: str):
    """The workflow task waiting on `page`, if any, after checking `user` may act on it."""
    task_state = page.current_workflow_task_state
    if task_state is None:
        return None
    allowed = [name for name, *_rest in task_state.task.specific.get_actions(page, user)]
    if action not in allowed:
        raise PractitionerError(
            _("The profile is waiting on the moderation step “%(task)s”, which you cannot act on.")
            % {"task": task_state.task.name}
        )
    return task_state


def _page_approve(*, page: Page, user: User) -> None:
    """Approve through the workflow when one is waiting (its last step publishes the page);
    otherwise publish the latest revision."""
    task_state = _task_state_for(page, user, "approve")
    if task_state is not None:
        task_state.approve(user=user)
    page = type(page).objects.get(pk=page.pk)  # fresh: the workflow may have published it
    if page.workflow_in_progress:
        return  # more steps follow; their reviewers publish it
    revision = page.get_latest_revision()
    if revision is not None and (page.has_unpublished_changes or not page.live):
        revision.publish(user=user)


@transaction.atomic
def review_approve(*, practitioner_id: int, user: User) -> Practitioner:
    """Staff approve the profile: published in French (and its translations), status ACTIVE."""
    practitioner = _locked(practitioner_id)
    if practitioner.status != Practitioner.Status.IN_REVIEW:
        raise PractitionerError(_("Only a profile awaiting review can be approved."))
    if practitioner.guide_acknowledged_at is None:
        raise PractitionerError(
            _("%(name)s has not read and acknowledged the practitioner guide yet.")
            % {"name": practitioner.legal_name}
        )
    page = profile_page(practitioner=practitioner)
    if page is None:
        raise PractitionerError(
            _("%(name)s has no profile page yet.") % {"name": practitioner.legal_name}
        )
    _page_approve(page=page, user=user)
    for translation in page.get_translations().specific():
        _page_approve(page=translation, user=user)
    practitioner.status = Practitioner.Status.ACTIVE
    practitioner.review_comment = ""
    practitioner.save(update_fields=["status", "review_comment"])
    log(instance=practitioner, action="khepri.practitioner.approve", user=user)
    return practitioner


@transaction.atomic
def review_send_back(*, practitioner_id: int, user: User, comment: str) -> Practitioner:
    """Staff ask for changes: back to ONBOARDING with a comment; the workflow task rejected."""
    comment = comment.strip()
    if not comment:
        raise PractitionerError(_("Write what the practitioner should change."))
    practitioner = _locked(practitioner_id)
    if practitioner.status != Practitioner.Status.IN_REVIEW:
        raise PractitionerError(_("Only a profile awaiting review can be sent back."))
    page = profile_page(practitioner=practitioner)
    if page is not None:
        task_state = _task_state_for(page, user, "reject")
        if task_state is not None:
            task_state.reject(user=user, comment=comment)
    practitioner.status = Practitioner.Status.ONBOARDING
    practitioner.review_comment = comment
    practitioner.save(update_fields=["status", "review_comment"])
    log(
        instance=practitioner,
        action="khepri.practitioner.send_back",
        user=user,
        data={"comment": comment},
    )
    return practitioner


def review_queue() -> list[Practitioner]:
    """Practitioners awaiting review, oldest submission first."""
    return list(
        Practitioner.objects.filter(status=Practitioner.Status.IN_REVIEW)
        .select_related("user")
        .prefetch_related("credentials")
        .order_by("submitted_at", "pk")
    )


def reviewer_allowed(*, user) -> bool:
    """Who may use the review queue: active staff holding `practitioners.change_practitioner`
    (superusers have it; grant it to the "Moderators" group)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("practitioners.change_practitioner")
    )


# --- Listing ----------------------------------------------------------------------------------


@transaction.atomic
def listing_pause(*, practitioner: Practitioner) -> Practitioner:
    """Hide an active profile from the directory and from new bookings."""
    locked = _locked(practitioner.pk)
    if locked.status != Practitioner.Status.ACTIVE:
        raise PractitionerError(_("Only a profile that is visible can be paused."))
    locked.status = Practitioner.Status.PAUSED
    locked.save(update_fields=["status"])
    log(instance=locked, action="khepri.practitioner.pause", user=locked.user)
    return _copy_state(locked, practitioner)


@transaction.atomic
def listing_resume(*, practitioner: Practitioner) -> Practitioner:
    """Show a paused profile again."""
    locked = _locked(practitioner.pk)
    if locked.status != Practitioner.Status.PAUSED:
        raise PractitionerError(_("Only a paused profile can be shown again."))
    locked.status = Practitioner.Status.ACTIVE
    locked.save(update_fields=["status"])
    log(instance=locked, action="khepri.practitioner.resume", user=locked.user)
    return _copy_state(locked, practitioner)
