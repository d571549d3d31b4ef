"""Reads for the agenda: load practitioners' availability and ask the engine about it.

`agendas_load` reads everything the engine needs for any number of practitioners in a fixed
number of queries (nine, whatever their number); the other selectors are questions asked of
what it returns. Rows are read as tuples (`values_list`), not model instances: the directory
asks about hundreds of practitioners at once.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db import connections
from django.db.models import (
    BigIntegerField,
    CharField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
)
from django.db.models.functions import Cast
from django.utils import timezone

from bookings import availability as engine
from bookings.models import (
    Booking,
    DateOverride,
    DateOverrideRange,
    ExternalBusy,
    SessionType,
    TimeOff,
    WeeklyRange,
    WeeklySchedule,
)
from practitioners.models import Practitioner


class EpochSeconds(Func):
    """A datetime column as POSIX seconds, computed by the database.

    Agendas read tens of thousands of booking times at once; integers skip Django's datetime
    parsing, and go to the engine as they are (`Availability.bookings_seconds`).
    """

    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        # `unixepoch()` (SQLite 3.38+) gives the same whole seconds as `strftime('%s')`
        # without formatting them as text first: a third faster on the benchmark's bookings.
        if connection.Database.sqlite_version_info >= (3, 38):
            template = "unixepoch(%(expressions)s)"
        else:
            template = "CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(EXTRACT(EPOCH FROM %(expressions)s) AS BIGINT)"
        )


def _rows(queryset) -> list[tuple]:
    """A values_list queryset's rows through a plain cursor: no per-value converters."""
    sql, params = queryset.order_by().query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _with_epochs(queryset, **extra) -> list[tuple]:
    """Rows of practitioner id, start and end as POSIX seconds computed by the database, then
    the `extra` expressions in their order."""
    return _rows(
        queryset.annotate(
            start_s=EpochSeconds("start"), end_s=EpochSeconds("end"), **extra
        ).values_list("practitioner_id", "start_s", "end_s", *extra)
    )


@lru_cache(maxsize=4096)
def _time_range(start, end) -> engine.TimeRange:
    """A TimeRange from two database values ("09:00:00" on SQLite, `time` on PostgreSQL);
    cached, since practitioners share their hours."""
    if isinstance(start, str):
        start, end = time.fromisoformat(start), time.fromisoformat(end)
    return engine.TimeRange(start, end)


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while building many short-lived tuples.

    Agendas of hundreds of practitioners allocate tens of thousands of tuples, which makes the
    collector walk every live object again and again (it doubled the benchmark's time). Nothing
    here creates reference cycles, so pausing it loses no memory.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class SessionOption:
    """A bookable session type, as the engine and the booking pages need it."""

    id: int
    name: str
    name_en: str
    duration_minutes: int
    price_cents: int
    currency: str
    is_default: bool
    spec: engine.SessionSpec

    def display_name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name


@dataclass
class Agenda:
    """One practitioner's availability and session types, ready for the engine."""

    practitioner_id: int
    slug: str
    tz: ZoneInfo
    availability: engine.Availability
    session_options: list[SessionOption] = field(default_factory=list)

    @property
    def default_session(self) -> SessionOption | None:
        for option in self.session_options:
            if option.is_default:
                return option
        return self.session_options[0] if self.session_options else None

    def session(self, session_type_id: int | None) -> SessionOption | None:
        if session_type_id is None:
            return self.default_session
        return next((o for o in self.session_options if o.id == session_type_id), None)


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    session: SessionOption


def bookable_practitioners() -> QuerySet[Practitioner]:
    return Practitioner.objects.filter(status=Practitioner.Status.ACTIVE)


def session_spec(
    *,
    duration_minutes: int,
    buffer_before_minutes: int,
    buffer_after_minutes: int,
    min_notice_minutes: int,
    horizon_days: int,
    slot_step_minutes: int | None,
) -> engine.SessionSpec:
    return engine.SessionSpec(
        duration=timedelta(minutes=duration_minutes),
        buffer_before=timedelta(minutes=buffer_before_minutes),
        buffer_after=timedelta(minutes=buffer_after_minutes),
        min_notice=timedelta(minutes=min_notice_minutes),
        horizon=timedelta(days=horizon_days),
        step=timedelta(minutes=slot_step_minutes) if slot_step_minutes else None,
    )


def recurrence_dates(rule, first_day: date, last_day: date) -> frozenset[date]:
    """Local dates on which a django-recurrence rule occurs between two dates (inclusive)."""
    start = datetime.combine(first_day, time(0), tzinfo=UTC)
    end = datetime.combine(last_day, time(23, 59), tzinfo=UTC)
    dtstart = rule.dtstart or start
    if dtstart.tzinfo is None:
        dtstart = dtstart.replace(tzinfo=UTC)
    return frozenset(
        moment.date() for moment in rule.between(start, end, inc=True, dtstart=dtstart)
    )


def agendas_load(
    *,
    practitioners: QuerySet[Practitioner] | Iterable[int] | None = None,
    window: engine.Interval,
    session_type_ids: Iterable[int] | None = None,
    exclude_schedule_ids: Iterable[int] = (),
    now: datetime | None = None,
) -> dict[int, Agenda]:
    """Availability of many practitioners over `window`, in a fixed number of queries.

    `practitioners` is a queryset (used as a subquery), ids, or None for every bookable one.
    A hold whose time is up at `now` (default: the current time) leaves its time free, even
    before the worker marks it expired.
    """
    with gc_paused():
        return _agendas_load(
            practitioners=practitioners,
            window=window,
            session_type_ids=session_type_ids,
            exclude_schedule_ids=exclude_schedule_ids,
            now=now or timezone.now(),
        )


def _agendas_load(*, practitioners, window, session_type_ids, exclude_schedule_ids, now):
    if practitioners is None:
        practitioners = bookable_practitioners()
    if isinstance(practitioners, QuerySet):
        people = practitioners.values_list("id", "slug", "time_zone")
        scope = Q(practitioner__in=practitioners.values("id"))
    else:
        ids = list(practitioners)
        people = Practitioner.objects.filter(id__in=ids).values_list("id", "slug", "time_zone")
        scope = Q(practitioner_id__in=ids)

    # Read a little around the window: local dates straddle UTC days, buffers reach across.
    margin = timedelta(days=1)
    read_from, read_until = window.start - margin, window.end + margin
    first_day, last_day = read_from.date() - margin, read_until.date() + margin

    tz_by_id = {pid: (slug, _zone(tz)) for pid, slug, tz in people}

    sessions: dict[int, list[SessionOption]] = defaultdict(list)
    session_rows = SessionType.objects.filter(scope, is_active=True)
    if session_type_ids is not None:
        session_rows = session_rows.filter(id__in=list(session_type_ids))
    for row in session_rows.order_by("position", "duration_minutes", "id").values_list(
        "practitioner_id",
        "id",
        "name",
        "name_en",
        "duration_minutes",
        "price_cents",
        "currency",
        "is_default",
        "buffer_before_minutes",
        "buffer_after_minutes",
        "min_notice_minutes",
        "horizon_days",
        "slot_step_minutes",
    ):
        pid, sid, name, name_en, duration, price, currency, is_default, *rest = row
        before, after, notice, horizon, step = rest
        sessions[pid].append(
            SessionOption(
                id=sid,
                name=name,
                name_en=name_en,
                duration_minutes=duration,
                price_cents=price,
                currency=currency,
                is_default=is_default,
                spec=session_spec(
                    duration_minutes=duration,
                    buffer_before_minutes=before,
                    buffer_after_minutes=after,
                    min_notice_minutes=notice,
                    horizon_days=horizon,
                    slot_step_minutes=step,
                ),
            )
        )

    schedules = (
        WeeklySchedule.objects.filter(scope)
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=last_day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=first_day),
        )
        .exclude(id__in=list(exclude_schedule_ids))
    )
    schedule_rows = list(
        schedules.values_list(
            "id", "practitioner_id", "valid_from", "valid_until", "recurrence", "replaces_others"
        )
    )
    ranges_by_schedule: dict[int, list[tuple[int, engine.TimeRange]]] = defaultdict(list)
    # Times as text: thousands of rows, and `_time_range` caches each distinct pair.
    for schedule_id, weekday, start, end in _rows(
        WeeklyRange.objects.filter(schedule__in=schedules)
        .annotate(
            start_text=Cast("start_time", CharField()), end_text=Cast("end_time", CharField())
        )
        .values_list("schedule_id", "weekday", "start_text", "end_text")
    ):
        ranges_by_schedule[schedule_id].append((weekday, _time_range(start, end)))
    templates: dict[int, list[engine.WeeklyTemplate]] = defaultdict(list)
    for schedule_id, pid, valid_from, valid_until, rule, replaces in schedule_rows:
        dates = recurrence_dates(rule, first_day, last_day) if rule and rule.rrules else None
        templates[pid].append(
            engine.WeeklyTemplate(
                ranges=tuple(ranges_by_schedule[schedule_id]),
                valid_from=valid_from,
                valid_until=valid_until,
                dates=dates,
                replaces_others=replaces,
            )
        )

    overrides_qs = DateOverride.objects.filter(scope, date__gte=first_day, date__lte=last_day)
    override_ranges: dict[int, list[engine.TimeRange]] = defaultdict(list)
    for override_id, start, end in DateOverrideRange.objects.filter(
        override__in=overrides_qs
    ).values_list("override_id", "start_time", "end_time"):
        override_ranges[override_id].append(engine.TimeRange(start, end))
    overrides: dict[int, list[engine.DateOverride]] = defaultdict(list)
    for override_id, pid, day in overrides_qs.values_list("id", "practitioner_id", "date"):
        overrides[pid].append(engine.DateOverride(day, tuple(override_ranges[override_id])))

    # Time off, busy times and bookings go to the engine as integers, as they are read:
    # no datetimes to build here and take apart again there.
    overlapping = Q(start__lt=read_until, end__gt=read_from)
    time_off: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pid, start, end in _with_epochs(TimeOff.objects.filter(scope, overlapping)):
        time_off[pid].append((start, end))
    busy: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pid, start, end in _with_epochs(ExternalBusy.objects.filter(scope, overlapping)):
        busy[pid].append((start, end))
    # The worker expires lapsed holds once a minute; until then they must not hide their time
    # (`lifecycle` expires them, under the agenda lock, before writing over them).
    occupying = Q(state__in=Booking.OCCUPYING) & ~Q(
        state=Booking.State.HELD, hold_expires_at__lte=now
    )
    bookings: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    for pid, start, end, before, after in _with_epochs(
        Booking.objects.filter(scope, overlapping, occupying),
        before_s=ExpressionWrapper(F("buffer_before_minutes") * 60, output_field=IntegerField()),
        after_s=ExpressionWrapper(F("buffer_after_minutes") * 60, output_field=IntegerField()),
    ):
        bookings[pid].append((start, end, before, after))

    return {
        pid: Agenda(
            practitioner_id=pid,
            slug=slug,
            tz=tz,
            availability=engine.Availability(
                tz=tz,
                templates=tuple(templates[pid]),
                overrides=tuple(overrides[pid]),
                time_off_seconds=tuple(time_off[pid]),
                busy_seconds=tuple(busy[pid]),
                bookings_seconds=tuple(bookings[pid]),
            ),
            session_options=sessions[pid],
        )
        for pid, (slug, tz) in tz_by_id.items()
    }


def _zone(value) -> ZoneInfo:
    return value if isinstance(value, ZoneInfo) else ZoneInfo(str(value))


# --- Questions asked of loaded agendas --------------------------------------------------------


def practitioners_free_slots(
    *,
    window: engine.Interval,
    practitioners: QuerySet[Practitioner] | Iterable[int] | None = None,
    now: datetime | None = None,
) -> dict[int, list[engine.Interval]]:
    """Every free slot of each practitioner's default session type inside `window`."""
    now = now or timezone.now()
    agendas = agendas_load(practitioners=practitioners, window=window, now=now)
    with gc_paused():
        return {
            pid: (
                engine.free_slots(
                    availability=agenda.availability,
                    session=agenda.default_session.spec,
                    window=window,
                    now=now,
                )
                if agenda.default_session
                else []
            )
            for pid, agenda in agendas.items()
        }


def agenda_slots(
    *,
    agenda: Agenda,
    window: engine.Interval,
    now: datetime,
    session_type_id: int | None = None,
    all_sessions: bool = False,
) -> list[Slot]:
    """Free slots of one agenda inside `window`: one session type, or all of them."""
    if all_sessions:
        options = agenda.session_options
    else:
        option = agenda.session(session_type_id)
        options = [option] if option else []
    slots = [
        Slot(interval.start, interval.end, option)
        for option in options
        for interval in engine.free_slots(
            availability=agenda.availability, session=option.spec, window=window, now=now
        )
    ]
    slots.sort(key=lambda slot: (slot.start, slot.session.duration_minutes, slot.session.id))
    return slots


def horizon_window(*, now: datetime, days: int) -> engine.Interval:
    return engine.Interval(now, now + timedelta(days=days))


def practitioners_next_slots(
    *,
    practitioners: QuerySet[Practitioner] | Iterable[int] | None = None,
    now: datetime | None = None,
    limit: int = 3,
    days: int = 60,
) -> dict[int, list[Slot]]:
    """The next `limit` free slots of each practitioner's default session type."""
    now = now or timezone.now()
    agendas = agendas_load(
        practitioners=practitioners, window=horizon_window(now=now, days=days), now=now
    )
    result = {}
    for pid, agenda in agendas.items():
        option = agenda.default_session
        if option is None:
            result[pid] = []
            continue
        intervals = engine.first_free_slots(
            availability=agenda.availability,
            session=option.spec,
            now=now,
            limit=limit,
            window=engine.Interval(now, now + timedelta(days=days)),
        )
        result[pid] = [Slot(i.start, i.end, option) for i in intervals]
    return result


def practitioners_free_in_window(
    *,
    window: engine.Interval,
    practitioners: QuerySet[Practitioner] | Iterable[int] | None = None,
    now: datetime | None = None,
) -> set[int]:
    """Practitioners with at least one slot (any session type) fitting inside `window`."""
    now = now or timezone.now()
    agendas = agendas_load(practitioners=practitioners, window=window, now=now)
    return {
        pid
        for pid, agenda in agendas.items()
        if any(
            engine.has_free_slot(
                availability=agenda.availability, session=option.spec, window=window, now=now
            )
            for option in agenda.session_options
        )
    }


def practitioners_free_on_date(
    *,
    day: date,
    tz: ZoneInfo,
    practitioners: QuerySet[Practitioner] | Iterable[int] | None = None,
    now: datetime | None = None,
) -> set[int]:
    """Practitioners with a free slot on a calendar date as the patient sees it (in `tz`)."""
    return practitioners_free_in_window(
        window=engine.local_day_window(day, tz), practitioners=practitioners, now=now
    )


def practitioners_soonest(
    *,
    practitioners: QuerySet[Practitioner] | Iterable[int] | None = None,
    now: datetime | None = None,
    days: int = 60,
) -> dict[int, datetime | None]:
    """Each practitioner's first free start (default session type), for "soonest" sorting."""
    return {
        pid: (slots[0].start if slots else None)
        for pid, slots in practitioners_next_slots(
            practitioners=practitioners, now=now, limit=1, days=days
        ).items()
    }


def agenda_preview(
    *,
    practitioner: Practitioner,
    draft: engine.WeeklyTemplate | None,
    replacing_schedule_id: int | None = None,
    now: datetime | None = None,
    days: int = 14,
) -> list[Slot]:
    """The default session type's slots over the next `days` as they would be with `draft`
    saved (replacing `replacing_schedule_id`), before anything is written."""
    now = now or timezone.now()
    window = horizon_window(now=now, days=days)
    agenda = agendas_load(
        practitioners=[practitioner.pk],
        window=window,
        exclude_schedule_ids=[replacing_schedule_id] if replacing_schedule_id else [],
        now=now,
    ).get(practitioner.pk)
    if agenda is None:
        return []
    if draft is not None:
        agenda.availability = replace(
            agenda.availability, templates=(*agenda.availability.templates, draft)
        )
    return agenda_slots(agenda=agenda, window=window, now=now)


def draft_template(
    *,
    ranges: Iterable[tuple[int, time, time]],
    valid_from: date | None,
    valid_until: date | None,
    every_weeks: int,
    replaces_others: bool,
    today: date,
    window_days: int = 31,
) -> engine.WeeklyTemplate:
    """An unsaved weekly schedule as the engine sees it (for previews)."""
    from bookings.services import repeat_rule

    rule = repeat_rule(every_weeks=every_weeks, anchor=valid_from or today)
    dates = (
        recurrence_dates(rule, today - timedelta(days=1), today + timedelta(days=window_days))
        if rule
        else None
    )
    return engine.WeeklyTemplate(
        ranges=tuple((weekday, engine.TimeRange(start, end)) for weekday, start, end in ranges),
        valid_from=valid_from,
        valid_until=valid_until,
        dates=dates,
        replaces_others=replaces_others,
    )


# --- The practitioner's agenda (day and week views) --------------------------------------------

#: States drawn as taking time; the others are only shown on request, faded.
AGENDA_FADED_STATES = (
    Booking.State.CANCELLED_BY_PATIENT,
    Booking.State.CANCELLED_BY_PRACTITIONER,
    Booking.State.DECLINED,
    Booking.State.EXPIRED,
)


def practitioner_agenda_entries(
    *,
    practitioner: Practitioner,
    start: datetime,
    end: datetime,
    now: datetime,
    include_faded: bool = False,
) -> list:
    """Everything in `practitioner`'s agenda between two instants, as `agenda.Entry` values:
    bookings (model instances with their patient, in `data`), time off and external busy times.

    Three queries whatever the number of entries. A hold whose time is up no longer takes time
    (as for `agendas_load`): it is shown, faded, only with `include_faded`, as are cancelled,
    declined and expired bookings."""
    from bookings.agenda import Entry

    State = Booking.State
    bookings = Booking.objects.filter(
        practitioner=practitioner, start__lt=end, end__gt=start
    ).select_related("patient")
    stale_hold = Q(state=State.HELD, hold_expires_at__lte=now)
    if not include_faded:
        bookings = bookings.filter(state__in=Booking.OCCUPYING).exclude(stale_hold)
    entries = [
        Entry(
            start=booking.start,
            end=booking.end,
            kind="booking",
            state=booking.state,
            faded=booking.state in AGENDA_FADED_STATES
            or (
                booking.state == State.HELD
                and booking.hold_expires_at is not None
                and booking.hold_expires_at <= now
            ),
            data=booking,
        )
        for booking in bookings.order_by("start", "pk")
    ]
    entries += [
        Entry(start=off.start, end=off.end, kind="time_off", data=off)
        for off in TimeOff.objects.filter(
            practitioner=practitioner, start__lt=end, end__gt=start
        ).order_by("start", "pk")
    ]
    entries += [
        Entry(start=busy.start, end=busy.end, kind="busy", data=busy)
        for busy in ExternalBusy.objects.filter(
            practitioner=practitioner, start__lt=end, end__gt=start
        )
        .select_related("calendar")
        .order_by("start", "pk")
    ]
    return entries


def practitioner_takes_patient(practitioner: Practitioner, patient) -> bool:
    """A practitioner whose profile says "not taking new patients" is booked only by people
    they already see (a session confirmed, done or missed with them)."""
    from practitioners.models import PractitionerPage

    closed = (
        PractitionerPage.objects.live()
        .filter(practitioner=practitioner, accepts_new_patients=False)
        .exists()
    )
    return (
        not closed
        or Booking.objects.filter(
            practitioner=practitioner,
            patient=patient,
            state__in=(Booking.State.CONFIRMED, Booking.State.COMPLETED, Booking.State.NO_SHOW),
        ).exists()
    )
