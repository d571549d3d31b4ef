"""Writes to the agenda. Every change of availability and (later) every booking state change
goes through a function here; views and forms only validate input and call one of them.

Functions are keyword-only, take the acting practitioner and refuse objects that are not theirs.
They raise `BookingError` subclasses whose message can be shown to the person as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import recurrence
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.models import (
    CalendarFeed,
    DateOverride,
    DateOverrideRange,
    SessionType,
    TimeOff,
    WeeklyRange,
    WeeklySchedule,
)
from practitioners.models import Practitioner


class BookingError(Exception):
    """A refusal the person can read: `message` is translated."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class AvailabilityError(BookingError):
    pass


class Repeat:
    """How often a weekly schedule applies (stored as a django-recurrence rule)."""

    EVERY_WEEK = "1"
    EVERY_2_WEEKS = "2"
    EVERY_3_WEEKS = "3"
    EVERY_4_WEEKS = "4"
    CHOICES = [
        (EVERY_WEEK, gettext_lazy("Every week")),
        (EVERY_2_WEEKS, gettext_lazy("Every other week")),
        (EVERY_3_WEEKS, gettext_lazy("Every third week")),
        (EVERY_4_WEEKS, gettext_lazy("Every fourth week")),
    ]


@dataclass(frozen=True)
class RangeInput:
    weekday: int
    start: time
    end: time


def _check_ranges(ranges: Sequence[RangeInput | tuple[time, time]]) -> None:
    by_day: dict[int, list[tuple[time, time]]] = {}
    for item in ranges:
        weekday, start, end = (
            (item.weekday, item.start, item.end) if isinstance(item, RangeInput) else (0, *item)
        )
        if not start < end:
            raise AvailabilityError(
                _("Hours from %(start)s to %(end)s end before they start.")
                % {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}
            )
        by_day.setdefault(weekday, []).append((start, end))
    for spans in by_day.values():
        spans.sort()
        for (_s1, e1), (s2, _e2) in pairwise(spans):
            if s2 < e1:
                raise AvailabilityError(
                    _("Two ranges of hours overlap around %(time)s: merge them into one.")
                    % {"time": f"{s2:%H:%M}"}
                )


def repeat_rule(*, every_weeks: int, anchor: date) -> recurrence.Recurrence | None:
    """A rule for "every N weeks" counted from the Monday of `anchor`'s week."""
    if every_weeks <= 1:
        return None
    monday = anchor - timedelta(days=anchor.weekday())
    return recurrence.Recurrence(
        dtstart=datetime.combine(monday, time(0), tzinfo=UTC),
        rrules=[recurrence.Rule(recurrence.WEEKLY, interval=every_weeks, byday=list(range(7)))],
    )


def repeat_weeks(schedule: WeeklySchedule) -> int:
    """The "every N weeks" a schedule's rule stands for (1 when it has none)."""
    rule = schedule.recurrence
    if rule and rule.rrules:
        return rule.rrules[0].interval or 1
    return 1


@transaction.atomic
def weekly_schedule_save(
    *,
    practitioner: Practitioner,
    schedule_id: int | None = None,
    name: str,
    ranges: Sequence[RangeInput],
    valid_from: date | None = None,
    valid_until: date | None = None,
    every_weeks: int = 1,
    replaces_others: bool = False,
    today: date | None = None,
) -> WeeklySchedule:
    """Create or replace a weekly schedule and its hours."""
    if valid_from and valid_until and valid_until < valid_from:
        raise AvailabilityError(_("The end of the period is before its start."))
    _check_ranges(ranges)
    if schedule_id is None:
        schedule = WeeklySchedule(practitioner=practitioner)
    else:
        schedule = _own(WeeklySchedule, practitioner, schedule_id)
    schedule.name = name.strip() or _("Standard week")
    schedule.valid_from = valid_from
    schedule.valid_until = valid_until
    schedule.replaces_others = replaces_others
    schedule.recurrence = repeat_rule(
        every_weeks=every_weeks, anchor=valid_from or today or date.today()
    )
    schedule.save()
    schedule.ranges.all().delete()
    WeeklyRange.objects.bulk_create(
        WeeklyRange(schedule=schedule, weekday=r.weekday, start_time=r.start, end_time=r.end)
        for r in ranges
    )
    return schedule


def weekly_schedule_delete(*, practitioner: Practitioner, schedule_id: int) -> None:
    _own(WeeklySchedule, practitioner, schedule_id).delete()


@transaction.atomic
def date_override_set(
    *, practitioner: Practitioner, day: date, ranges: Sequence[tuple[time, time]]
) -> DateOverride:
    """Different hours on one date (no ranges: not working that day)."""
    _check_ranges(ranges)
    override, _created = DateOverride.objects.get_or_create(practitioner=practitioner, date=day)
    override.ranges.all().delete()
    DateOverrideRange.objects.bulk_create(
        DateOverrideRange(override=override, start_time=start, end_time=end)
        for start, end in ranges
    )
    return override


def date_override_delete(*, practitioner: Practitioner, override_id: int) -> None:
    _own(DateOverride, practitioner, override_id).delete()


def time_off_interval(
    *,
    practitioner: Practitioner,
    first_day: date,
    last_day: date,
    start_time: time | None = None,
    end_time: time | None = None,
) -> tuple[datetime, datetime, bool]:
    """Time off over whole days (no times) or between two local times, in the practitioner's
    zone: its instants, and whether it covers whole days."""
    tz = practitioner.time_zone
    if last_day < first_day:
        raise AvailabilityError(_("The last day is before the first one."))
    if (start_time is None) != (end_time is None):
        raise AvailabilityError(_("Give both times, or none for whole days."))
    all_day = start_time is None
    if all_day:
        start = datetime.combine(first_day, time(0), tzinfo=tz)
        end = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=tz)
    else:
        start = datetime.combine(first_day, start_time, tzinfo=tz)
        end = datetime.combine(last_day, end_time, tzinfo=tz)
        if end <= start:
            raise AvailabilityError(_("The time off ends before it starts."))
    return start, end, all_day


def time_off_conflicts(*, practitioner: Practitioner, **period) -> list:
    """The booked sessions a new time off would fall on (to show before adding it)."""
    from bookings.lifecycle import bookings_hit_by

    start, end, _all_day = time_off_interval(practitioner=practitioner, **period)
    return list(bookings_hit_by(practitioner=practitioner, start=start, end=end))


def time_off_add(
    *,
    practitioner: Practitioner,
    first_day: date,
    last_day: date,
    start_time: time | None = None,
    end_time: time | None = None,
    label: str = "",
    cancel_bookings: bool = False,
    acting=None,
    now: datetime | None = None,
) -> TimeOff:
    """Add time off; stored in UTC. With `cancel_bookings`, the sessions it falls on are
    cancelled in the same transaction (their patients are told and offered other times)."""
    start, end, all_day = time_off_interval(
        practitioner=practitioner,
        first_day=first_day,
        last_day=last_day,
        start_time=start_time,
        end_time=end_time,
    )
    with transaction.atomic():
        if cancel_bookings:
            from bookings import lifecycle

            lifecycle.bookings_cancel_for_time_off(
                practitioner=practitioner,
                start=start,
                end=end,
                acting=acting or lifecycle.Acting.practitioner(practitioner.user),
                now=now or datetime.now(UTC),
            )
        return TimeOff.objects.create(
            practitioner=practitioner, start=start, end=end, all_day=all_day, label=label.strip()
        )


def time_off_delete(*, practitioner: Practitioner, time_off_id: int) -> None:
    _own(TimeOff, practitioner, time_off_id).delete()


SESSION_TYPE_FIELDS = (
    "name",
    "name_en",
    "duration_minutes",
    "buffer_before_minutes",
    "buffer_after_minutes",
    "min_notice_minutes",
    "horizon_days",
    "slot_step_minutes",
    "price_cents",
    "is_active",
)


@transaction.atomic
def session_type_save(
    *,
    practitioner: Practitioner,
    session_type_id: int | None = None,
    make_default: bool = False,
    **values,
) -> SessionType:
    """Create or update a session type; bookings already made keep what they copied."""
    unknown = set(values) - set(SESSION_TYPE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown session type fields: {sorted(unknown)}")
    if session_type_id is None:
        session_type = SessionType(practitioner=practitioner)
    else:
        session_type = _own(SessionType, practitioner, session_type_id)
    for name, value in values.items():
        setattr(session_type, name, value)
    other_defaults = SessionType.objects.filter(practitioner=practitioner, is_default=True).exclude(
        pk=session_type.pk
    )
    if make_default or (not session_type.is_default and not other_defaults.exists()):
        # Asked for, or the practitioner has no default yet (their first session type).
        if not session_type.is_active:
            raise AvailabilityError(_("The default session type must stay bookable."))
        other_defaults.update(is_default=False)
        session_type.is_default = True
    elif session_type.is_default and not session_type.is_active:
        raise AvailabilityError(_("The default session type must stay bookable."))
    session_type.full_clean(exclude=["practitioner"])
    session_type.save()
    return session_type


def session_type_delete(*, practitioner: Practitioner, session_type_id: int) -> None:
    session_type = _own(SessionType, practitioner, session_type_id)
    if session_type.is_default:
        raise AvailabilityError(_("Choose another default session type before removing this one."))
    # Bookings keep their copied title, duration and price; the link is simply cleared.
    session_type.delete()


@transaction.atomic
def agenda_setup(*, practitioner: Practitioner) -> None:
    """What every practitioner needs before taking bookings: a default session type and a
    private calendar feed. Idempotent."""
    if not SessionType.objects.filter(practitioner=practitioner).exists():
        SessionType.objects.create(practitioner=practitioner, is_default=True)
    CalendarFeed.objects.get_or_create(practitioner=practitioner)


def _own(model, practitioner: Practitioner, pk: int):
    """The practitioner's own object, or a refusal that does not say whether it exists."""
    try:
        return model.objects.get(pk=pk, practitioner=practitioner)
    except model.DoesNotExist:
        raise AvailabilityError(_("This item does not exist or is not yours.")) from None
