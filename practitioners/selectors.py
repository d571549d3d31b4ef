"""Reads for the practitioner directory ("Our practitioners") and the day planning.

Both read live, public pages of one locale whose practitioner is ACTIVE, and ask the agenda
engine about them through `bookings.selectors.agendas_load`, called once for every candidate.
The number of SQL queries does not depend on the number of practitioners.

**Which slots count.** Only the practitioner's default session type (the one the cards show
and the profile books by default). With no availability filter, a card shows the next three
free slots within 60 days. With one, it shows the next three slots that satisfy it:

- `available_on` alone: slots *starting* on that calendar date in the visitor's time zone;
- `utc_from`–`utc_to` with `available_on`: slots lying entirely inside that UTC window on that
  UTC calendar date (a window that wraps midnight, 22:00–02:00, ends the next day);
- `utc_from`–`utc_to` alone: the same window on each of the next 14 UTC dates, today included.

**Order** (the rule the page explains in one line):

1. practitioners with a free slot (matching the filters, if any) before those without;
2. the earlier *day* of their first free slot, as a date in the visitor's time zone;
3. on the same day, more completed sessions on Khepri first (bookings in state COMPLETED,
   counted in one aggregate query) — a small loyalty reward among equally soon people;
4. then the earlier first slot, then the name (accent- and case-insensitive), then the page id.

Practitioners without any free slot (only listed when no availability filter is set) come
last, by completed sessions then name.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from bookings import availability as engine
from bookings.models import Booking
from bookings.selectors import agendas_load, gc_paused
from practitioners.models import GENDERS, LANGUAGES, Practitioner, PractitionerPage

PER_PAGE = 20
#: Free slots shown on a card.
NEXT_SLOTS = 3
#: How far ahead the directory looks for a free slot.
HORIZON_DAYS = 60
#: How many days a UTC time window without a date is tried on.
WINDOW_DAYS = 14
#: The rendition the cards show (keep in step with `_card.html`).
PHOTO_SPEC = "fill-160x160"

LANGUAGE_NAMES = dict(LANGUAGES)
GENDER_VALUES = frozenset(code for code, _label in GENDERS)
MODES = ("video", "phone")
_SECOND = timedelta(seconds=1)
#: First piece of a long window asked of the engine (see `_slots_in`).
CHUNK = timedelta(days=7)
_LATEST = datetime.max.replace(tzinfo=UTC)


# --- Values ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DirectoryFilters:
    """What the visitor asked for; every field optional. Slugs may be in either language."""

    therapy: str | None = None
    concern: str | None = None
    language: str | None = None
    gender: str | None = None
    name: str = ""
    mode: str | None = None
    available_on: date | None = None
    utc_from: time | None = None
    utc_to: time | None = None
    new_patients: bool = False

    @property
    def has_window(self) -> bool:
        return self.utc_from is not None and self.utc_to is not None


class FreeTime(NamedTuple):
    """A free slot (UTC) of a session type; `iso` is what the profile's `?slot=` expects."""

    start: datetime
    end: datetime
    session_type_id: int

    @property
    def iso(self) -> str:
        return self.start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Availability:
    """What "available" means for a search: the UTC spans a slot must lie in.

    `kind` is "date", "window_on_date" or "window_daily" (see the module docstring); `fit`
    says whether a slot must end inside a span too, or only start inside it.
    """

    kind: str
    spans: tuple[engine.Interval, ...]
    fit: bool
    day: date | None = None
    utc_from: time | None = None
    utc_to: time | None = None

    @property
    def reach(self) -> engine.Interval:
        return engine.Interval.unchecked(self.spans[0].start, self.spans[-1].end)


class Option(NamedTuple):
    """A catalogue page offered in a filter: its slug and title in the locale read."""

    slug: str
    title: str
    translation_key: str


@dataclass
class DirectoryCard:
    page: PractitionerPage
    therapies: list[str]
    languages: list[str]
    slots: list[FreeTime]


@dataclass
class DirectoryResult:
    #: The cards of the requested page, in order.
    cards: list[DirectoryCard]
    #: Django's paginator page (its `object_list` is `cards`).
    pagination: PaginatorPage
    total: int
    #: Filters as applied: slugs in the locale read, unknown ones dropped.
    filters: DirectoryFilters
    availability: Availability | None
    therapy_options: list[Option]
    concern_options: list[Option]
    notices: list[str] = field(default_factory=list)


@dataclass
class PlanningRow:
    page: PractitionerPage
    slots: list[FreeTime]


@dataclass
class PlanningResult:
    day: date
    rows: list[PlanningRow]
    pagination: PaginatorPage
    total: int
    filters: DirectoryFilters
    therapy_options: list[Option]
    notices: list[str] = field(default_factory=list)


# --- Public selectors ----------------------------------------------------------------------------


def directory_search(
    *,
    locale_id: int,
    filters: DirectoryFilters,
    tz: ZoneInfo,
    page_number: int = 1,
    per_page: int = PER_PAGE,
    now: datetime | None = None,
) -> DirectoryResult:
    """Practitioner pages of one locale matching `filters`, ordered (module docstring), one
    page of cards with their next free slots as seen from `tz`."""
    now = now or timezone.now()
    notices: list[str] = []
    therapy_options = _options(model=_therapy_model(), locale_id=locale_id)
    concern_options = _options(model=_concern_model(), locale_id=locale_id)
    therapy_keys, therapy_slug = _resolve(
        model=_therapy_model(), slug=filters.therapy, options=therapy_options
    )
    if filters.therapy and not therapy_keys:
        notices.append(
            _("No therapy is called “%(value)s”: that filter was ignored.")
            % {"value": Truncator(filters.therapy).chars(40)}
        )
    concern_keys, concern_slug = _resolve(
        model=_concern_model(), slug=filters.concern, options=concern_options
    )
    if filters.concern and not concern_keys:
        notices.append(
            _("No concern is called “%(value)s”: that filter was ignored.")
            % {"value": Truncator(filters.concern).chars(40)}
        )
    applied = DirectoryFilters(
        therapy=therapy_slug if therapy_keys else None,
        concern=concern_slug if concern_keys else None,
        language=filters.language if filters.language in LANGUAGE_NAMES else None,
        gender=filters.gender if filters.gender in GENDER_VALUES else None,
        name=filters.name.strip(),
        mode=filters.mode if filters.mode in MODES else None,
        available_on=filters.available_on,
        utc_from=filters.utc_from if filters.has_window else None,
        utc_to=filters.utc_to if filters.has_window else None,
        new_patients=filters.new_patients,
    )
    candidates, practitioners = _candidates(
        locale_id=locale_id,
        filters=applied,
        therapy_keys=therapy_keys,
        concern_keys=concern_keys,
    )
    availability = availability_for(filters=applied, tz=tz, now=now)
    if availability is None:
        spans, fit = (engine.Interval(now, now + timedelta(days=HORIZON_DAYS)),), False
    else:
        spans, fit = availability.spans, availability.fit
    slots = _free_times(
        candidates=candidates,
        practitioners=practitioners,
        spans=spans,
        fit=fit,
        now=now,
        limit=NEXT_SLOTS,
    )
    if availability is not None:
        candidates = [c for c in candidates if slots.get(c.practitioner_id)]
        practitioners = sorted({c.practitioner_id for c in candidates})
    completed = _completed_sessions(practitioners) if candidates else {}

    def order(candidate: _Candidate):
        found = slots.get(candidate.practitioner_id)
        loyalty = -completed.get(candidate.practitioner_id, 0)
        if not found:
            return (1, date.max, loyalty, _LATEST, candidate.folded, candidate.id)
        first = found[0].start
        return (0, first.astimezone(tz).date(), loyalty, first, candidate.folded, candidate.id)

    candidates.sort(key=order)
    pagination = Paginator(candidates, per_page).get_page(page_number)
    shown = list(pagination.object_list)
    cards = _cards(candidates=shown, slots=slots, locale_id=locale_id)
    pagination.object_list = cards
    return DirectoryResult(
        cards=cards,
        pagination=pagination,
        total=len(candidates),
        filters=applied,
        availability=availability,
        therapy_options=therapy_options,
        concern_options=concern_options,
        notices=notices,
    )


def planning_search(
    *,
    locale_id: int,
    day: date,
    tz: ZoneInfo,
    therapy: str | None = None,
    language: str | None = None,
    page_number: int = 1,
    per_page: int = PER_PAGE,
    now: datetime | None = None,
) -> PlanningResult:
    """Who is free on `day` (a date in `tz`) and when: every free slot of the default session
    type starting that day, per practitioner, earliest first."""
    now = now or timezone.now()
    notices: list[str] = []
    therapy_options = _options(model=_therapy_model(), locale_id=locale_id)
    therapy_keys, therapy_slug = _resolve(
        model=_therapy_model(), slug=therapy, options=therapy_options
    )
    if therapy and not therapy_keys:
        notices.append(
            _("No therapy is called “%(value)s”: that filter was ignored.")
            % {"value": Truncator(therapy).chars(40)}
        )
    applied = DirectoryFilters(
        therapy=therapy_slug if therapy_keys else None,
        language=language if language in LANGUAGE_NAMES else None,
        available_on=day,
    )
    candidates, practitioners = _candidates(
        locale_id=locale_id, filters=applied, therapy_keys=therapy_keys, concern_keys=[]
    )
    slots = _free_times(
        candidates=candidates,
        practitioners=practitioners,
        spans=(engine.local_day_window(day, tz),),
        fit=False,
        now=now,
        limit=None,
    )
    candidates = [c for c in candidates if slots.get(c.practitioner_id)]
    candidates.sort(key=lambda c: (slots[c.practitioner_id][0].start, c.folded, c.id))
    pagination = Paginator(candidates, per_page).get_page(page_number)
    shown = list(pagination.object_list)
    pages = PractitionerPage.objects.in_bulk([c.id for c in shown])
    rows = [PlanningRow(page=pages[c.id], slots=slots[c.practitioner_id]) for c in shown]
    pagination.object_list = rows
    return PlanningResult(
        day=day,
        rows=rows,
        pagination=pagination,
        total=len(candidates),
        filters=applied,
        therapy_options=therapy_options,
        notices=notices,
    )


def availability_for(
    *, filters: DirectoryFilters, tz: ZoneInfo, now: datetime
) -> Availability | None:
    """The UTC spans the availability filters describe (module docstring), or None."""
    if filters.has_window:
        if filters.available_on is not None:
            days = [filters.available_on]
            kind = "window_on_date"
        else:
            today = now.astimezone(UTC).date()
            days = [today + timedelta(days=offset) for offset in range(WINDOW_DAYS)]
            kind = "window_daily"
        spans = tuple(_utc_window(day, filters.utc_from, filters.utc_to) for day in days)
        return Availability(
            kind=kind,
            spans=spans,
            fit=True,
            day=filters.available_on,
            utc_from=filters.utc_from,
            utc_to=filters.utc_to,
        )
    if filters.available_on is not None:
        return Availability(
            kind="date",
            spans=(engine.local_day_window(filters.available_on, tz),),
            fit=False,
            day=filters.available_on,
        )
    return None


def folded(text: str) -> str:
    """`text` without accents, case-folded: "Hélène" and "HELENE" both give "helene"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# --- Internals ---------------------------------------------------------------------------------


class _Candidate(NamedTuple):
    id: int
    practitioner_id: int
    folded: str


def _therapy_model():
    from therapies.models import TherapyPage

    return TherapyPage


def _concern_model():
    from therapies.models import ConcernPage

    return ConcernPage


def _options(*, model, locale_id: int) -> list[Option]:
    rows = (
        model.objects.live()
        .filter(locale_id=locale_id)
        .order_by("title")
        .values_list("slug", "title", "translation_key")
    )
    return [Option(slug, title, str(key)) for slug, title, key in rows]


def _resolve(*, model, slug: str | None, options: list[Option]) -> tuple[list[str], str | None]:
    """Translation keys of the catalogue page(s) with `slug` in any language, and the slug of
    the same page in the locale read (for the filter form). The locale read is tried first:
    only a slug from the other language costs a query."""
    if not slug:
        return [], None
    for option in options:
        if option.slug == slug:
            return [option.translation_key], slug
    keys = [
        str(key)
        for key in model.objects.live().filter(slug=slug).values_list("translation_key", flat=True)
    ]
    localized = next((o.slug for o in options if o.translation_key in keys), slug)
    return keys, localized


def _candidates(
    *, locale_id: int, filters: DirectoryFilters, therapy_keys, concern_keys
) -> tuple[list[_Candidate], QuerySet[Practitioner] | list[int]]:
    """Bookable live pages of the locale matching every filter but availability, in one query
    (the name is matched here, accent- and case-insensitively, on the titles read); and their
    practitioners for `agendas_load`: a subquery when every filter ran in SQL (rather than
    hundreds of ids as parameters of each of its queries), else the ids."""
    pages = PractitionerPage.objects.live().public().bookable().filter(locale_id=locale_id)
    if therapy_keys:
        pages = pages.filter(therapies__translation_key__in=therapy_keys)
    if concern_keys:
        pages = pages.filter(concerns__translation_key__in=concern_keys)
    if filters.language:
        pages = pages.filter(languages__code=filters.language)
    if filters.gender:
        pages = pages.filter(gender=filters.gender)
    if filters.mode == "video":
        pages = pages.filter(offers_video=True)
    elif filters.mode == "phone":
        pages = pages.filter(offers_phone=True)
    if filters.new_patients:
        pages = pages.filter(accepts_new_patients=True)
    words = folded(filters.name).split()
    candidates = []
    for page_id, title, practitioner_id in (
        pages.order_by().distinct().values_list("id", "title", "practitioner_id")
    ):
        name = folded(title)
        if all(word in name for word in words):
            candidates.append(_Candidate(page_id, practitioner_id, name))
    if words:
        return candidates, sorted({c.practitioner_id for c in candidates})
    return candidates, Practitioner.objects.filter(id__in=pages.values("practitioner_id"))


def _utc_window(day: date, start: time, end: time) -> engine.Interval:
    """`start`–`end` UTC on `day`; ends the next day when it wraps midnight."""
    opens = datetime.combine(day, start, tzinfo=UTC)
    closes = datetime.combine(day + timedelta(days=1) if end <= start else day, end, tzinfo=UTC)
    return engine.Interval(opens, closes)


def _free_times(
    *,
    candidates: list[_Candidate],
    practitioners: QuerySet[Practitioner] | list[int],
    spans: tuple[engine.Interval, ...],
    fit: bool,
    now: datetime,
    limit: int | None,
) -> dict[int, list[FreeTime]]:
    """The first `limit` free slots (all when None) of each candidate's default session type
    lying in `spans`, keyed by practitioner id: one `agendas_load` for everyone."""
    if not candidates:
        return {}
    reach = engine.Interval.unchecked(spans[0].start, spans[-1].end)
    agendas = agendas_load(practitioners=practitioners, window=reach, now=now)
    result: dict[int, list[FreeTime]] = {}
    with gc_paused():
        for pid, agenda in agendas.items():
            option = agenda.default_session
            if option is None:
                result[pid] = []
                continue
            starts = _start_spans(spans, option.spec.duration if fit else None)
            result[pid] = [
                FreeTime(slot.start, slot.end, option.id)
                for slot in _slots_in(
                    availability=agenda.availability,
                    session=option.spec,
                    starts=starts,
                    now=now,
                    limit=limit,
                )
            ]
    return result


def _start_spans(spans, duration: timedelta | None) -> list[engine.Interval]:
    """Where a slot may start: the span itself, or (when it must fit) up to `end - duration`
    inclusive. Intervals are half-open, hence the extra second."""
    if duration is None:
        return list(spans)
    starts = []
    for span in spans:
        last = span.end - duration + _SECOND
        if last > span.start:
            starts.append(engine.Interval.unchecked(span.start, last))
    return starts


def _slots_in(*, availability, session, starts, now, limit) -> list[engine.Interval]:
    """Free slots starting inside one of `starts` (sorted, disjoint), at most `limit`.

    The engine builds working time over the whole window it is given before looking for the
    first slot; most practitioners have three free slots within days, so the reach is asked
    for a week at a time (windows are by start time: the pieces give the same slots).
    Several spans (a daily window) are asked in one pass, keeping the slots inside a span.
    """
    if not starts:
        return []
    found: list[engine.Interval] = []
    index, last = 0, len(starts)
    for chunk in _chunks(starts[0].start, starts[-1].end, whole=limit is None):
        if last == 1:
            if limit is None:
                found += engine.free_slots(
                    availability=availability, session=session, window=chunk, now=now
                )
            else:
                found += engine.first_free_slots(
                    availability=availability,
                    session=session,
                    now=now,
                    limit=limit - len(found),
                    window=chunk,
                )
        else:
            for slot in engine.free_slots(
                availability=availability, session=session, window=chunk, now=now
            ):
                while index < last and starts[index].end <= slot.start:
                    index += 1
                if index == last:
                    break
                if starts[index].start <= slot.start:
                    found.append(slot)
                    if limit is not None and len(found) >= limit:
                        break
        if limit is not None and len(found) >= limit:
            break
    return found


def _chunks(start: datetime, end: datetime, *, whole: bool) -> list[engine.Interval]:
    if whole or end - start <= CHUNK:
        return [engine.Interval.unchecked(start, end)]
    return [
        engine.Interval.unchecked(start, start + CHUNK),
        engine.Interval.unchecked(start + CHUNK, end),
    ]


def _completed_sessions(practitioners: QuerySet[Practitioner] | list[int]) -> dict[int, int]:
    """Completed sessions per practitioner, in one aggregate query."""
    rows = (
        Booking.objects.filter(practitioner__in=practitioners, state=Booking.State.COMPLETED)
        .values("practitioner_id")
        .annotate(count=Count("id"))
        .order_by()
        .values_list("practitioner_id", "count")
    )
    return dict(rows)


def _cards(
    *, candidates: list[_Candidate], slots: dict[int, list[FreeTime]], locale_id: int
) -> list[DirectoryCard]:
    """Cards for one page of results: pages with photo and its rendition, languages, and
    therapy titles in the locale read, in a fixed number of queries."""
    if not candidates:
        return []
    ids = [c.id for c in candidates]
    rendition_model = get_image_model().get_rendition_model()
    pages = (
        PractitionerPage.objects.filter(id__in=ids)
        .select_related("photo")
        .prefetch_related(
            "languages",
            Prefetch(
                "photo__renditions", queryset=rendition_model.objects.filter(filter_spec=PHOTO_SPEC)
            ),
        )
    )
    by_id = {page.id: page for page in pages}
    therapies = _therapy_titles(page_ids=ids, locale_id=locale_id)
    return [
        DirectoryCard(
            page=by_id[c.id],
            therapies=therapies.get(c.id, []),
            languages=[
                str(LANGUAGE_NAMES.get(item.code, item.code))
                for item in by_id[c.id].languages.all()
            ],
            slots=slots.get(c.practitioner_id, []),
        )
        for c in candidates
    ]


def _therapy_titles(*, page_ids: list[int], locale_id: int) -> dict[int, list[str]]:
    """Each page's therapies as titles of their live translation in `locale_id` (pages link
    the source-language therapies), in one query; therapies not translated are left out."""
    therapy = _therapy_model()
    links = PractitionerPage.therapies.through.objects.filter(practitionerpage_id__in=page_ids)
    localized = therapy.objects.live().filter(
        locale_id=locale_id, translation_key=OuterRef("therapypage__translation_key")
    )
    titles: dict[int, list[str]] = defaultdict(list)
    for page_id, title in links.annotate(title=Subquery(localized.values("title")[:1])).values_list(
        "practitionerpage_id", "title"
    ):
        if title:
            titles[page_id].append(title)
    for names in titles.values():
        names.sort(key=folded)
    return titles
