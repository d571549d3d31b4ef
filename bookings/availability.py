"""The availability engine: which slots a practitioner can offer.

Pure: no Django, no database, no clock. Everything comes in as frozen dataclasses (the clock as
`now`, time zones as `ZoneInfo`) and free slots come out as UTC intervals.

How a slot is decided, for one practitioner and one session type:

1. **Working time** is built per *local* date in the practitioner's zone. A date override replaces
   everything on its date (no ranges = not working). Otherwise the weekly templates valid on that
   date apply; if any of them `replaces_others` ("summer week"), only those apply; their ranges
   are merged. Each local range becomes a UTC interval through `zoneinfo`, so a DST change moves
   the UTC hours, never the local ones. Time off is then cut out.
2. **Candidates** start at each working interval's start and every `step` after it; a candidate
   of `duration` must fit inside the working interval. Stepping runs in real (UTC) time, so the
   night of a DST change never yields a slot that does not exist or one counted twice.
3. **Blocking**: a candidate with its own buffers around it, `[start - before, end + after)`,
   may not overlap an external busy time or a booking; and a booking's own buffers may not
   overlap the candidate. So two sessions are always separated by the larger of the two buffers
   that meet.
4. **Notice and horizon**: a slot starts at or after `now + min_notice` and no later than
   `now + horizon`.

Internally instants are integer POSIX seconds: the benchmark computes 60,000 slots, and integer
arithmetic keeps that in tens of milliseconds. A caller that reads integers already (the database)
can hand time off, busy times and bookings over as seconds (`Availability.time_off_seconds` and
siblings) rather than build datetimes the engine would take apart again.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from math import ceil, floor
from operator import itemgetter
from typing import NamedTuple
from zoneinfo import ZoneInfo

__all__ = [
    "Availability",
    "BookedInterval",
    "DateOverride",
    "Interval",
    "SessionSpec",
    "TimeRange",
    "WeeklyTemplate",
    "first_free_slots",
    "free_slots",
    "has_free_slot",
    "local_day_window",
    "utc_from_seconds",
    "working_intervals",
]

ONE_DAY = timedelta(days=1)


class _Span(NamedTuple):
    start: datetime
    end: datetime


class Interval(_Span):
    """A half-open span of time `[start, end)` between two aware datetimes.

    A tuple, so that the tens of thousands of slots a directory asks for cost little.
    `Interval(start, end)` checks its arguments; `Interval.unchecked` (for values from the
    engine itself or the database) does not.
    """

    __slots__ = ()

    def __new__(cls, start: datetime, end: datetime):
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("Interval needs timezone-aware datetimes.")
        # In UTC: two datetimes sharing a `ZoneInfo` compare by wall clock, so 02:10 after the
        # clocks go back would count as before 02:50 of the hour before.
        if end.astimezone(UTC) < start.astimezone(UTC):
            raise ValueError("Interval ends before it starts.")
        return tuple.__new__(cls, (start, end))

    @classmethod
    def unchecked(cls, start: datetime, end: datetime) -> Interval:
        return tuple.__new__(cls, (start, end))

    @property
    def duration(self) -> timedelta:
        return self.end.astimezone(UTC) - self.start.astimezone(UTC)


@dataclass(frozen=True, order=True)
class TimeRange:
    """Wall-clock hours on one local date, `start < end` (no range crosses midnight)."""

    start: time
    end: time

    def __post_init__(self):
        if not self.start < self.end:
            raise ValueError("A time range must end after it starts.")


@dataclass(frozen=True)
class WeeklyTemplate:
    """A typical week: ranges per weekday (0 = Monday), valid between two local dates.

    `dates`, when given, restricts the template to those local dates: it is how a recurrence
    such as "every other week" reaches the engine (the caller expands the rule).
    """

    ranges: tuple[tuple[int, TimeRange], ...]
    valid_from: date | None = None
    valid_until: date | None = None
    dates: frozenset[date] | None = None
    replaces_others: bool = False

    def applies_on(self, day: date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        if self.valid_until is not None and day > self.valid_until:
            return False
        return self.dates is None or day in self.dates


@dataclass(frozen=True)
class DateOverride:
    """Different hours on one local date; no ranges means not working that day."""

    date: date
    ranges: tuple[TimeRange, ...] = ()


class BookedInterval(NamedTuple):
    """A booking that holds the practitioner's time, with the buffers it was booked with."""

    start: datetime
    end: datetime
    buffer_before: timedelta = timedelta(0)
    buffer_after: timedelta = timedelta(0)


@dataclass(frozen=True)
class SessionSpec:
    """What a session type asks of the agenda."""

    duration: timedelta
    buffer_before: timedelta = timedelta(0)
    buffer_after: timedelta = timedelta(0)
    min_notice: timedelta = timedelta(0)
    horizon: timedelta = timedelta(days=60)
    #: Distance between two candidate starts; None means back to back (duration + buffers).
    step: timedelta | None = None

    def __post_init__(self):
        if self.duration <= timedelta(0):
            raise ValueError("A session needs a positive duration.")
        if self.step is not None and self.step <= timedelta(0):
            raise ValueError("The slot step must be positive.")
        if min(self.buffer_before, self.buffer_after, self.min_notice) < timedelta(0):
            raise ValueError("Buffers and notice cannot be negative.")

    @property
    def effective_step(self) -> timedelta:
        return self.step or (self.duration + self.buffer_before + self.buffer_after)


@dataclass(frozen=True)
class Availability:
    """Everything the engine needs to know about one practitioner."""

    tz: ZoneInfo
    templates: tuple[WeeklyTemplate, ...] = ()
    overrides: tuple[DateOverride, ...] = ()
    time_off: tuple[Interval, ...] = ()
    busy: tuple[Interval, ...] = ()
    bookings: tuple[BookedInterval, ...] = ()
    #: The same three as integers, added to those above: `(start, end)` POSIX seconds, and for
    #: bookings `(start, end, buffer_before, buffer_after)` with the buffers in seconds. Round
    #: outwards (start down, end up) when the source has fractions of a second.
    time_off_seconds: tuple[tuple[int, int], ...] = ()
    busy_seconds: tuple[tuple[int, int], ...] = ()
    bookings_seconds: tuple[tuple[int, int, int, int], ...] = ()
    _overrides_by_date: dict = field(init=False, repr=False, compare=False, hash=False)
    _ranges_cache: dict = field(init=False, repr=False, compare=False, hash=False)
    _always: tuple | None = field(init=False, repr=False, compare=False, hash=False)
    _forbidden_cache: dict = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self):
        object.__setattr__(self, "_overrides_by_date", {o.date: o for o in self.overrides})
        object.__setattr__(self, "_ranges_cache", {})
        # Blocked start times per session shape (the directory asks several times per agenda),
        # and time off, busy times and bookings as seconds.
        object.__setattr__(self, "_forbidden_cache", {})
        # Templates without period or recurrence apply every day: skip checking them daily.
        always = all(
            t.valid_from is None and t.valid_until is None and t.dates is None
            for t in self.templates
        )
        object.__setattr__(
            self, "_always", self._filter(range(len(self.templates))) if always else None
        )

    def _filter(self, indexes) -> tuple[int, ...]:
        applicable = tuple(indexes)
        if any(self.templates[i].replaces_others for i in applicable):
            applicable = tuple(i for i in applicable if self.templates[i].replaces_others)
        return applicable

    def local_ranges(self, day: date) -> list[TimeRange]:
        """Merged working ranges of one local date, in order."""
        return self._day_plan(day)[0]

    def _day_plan(self, day: date) -> tuple[list[TimeRange], tuple[tuple[int, int], ...]]:
        """The day's merged ranges, and the same as seconds since midnight (cached: most
        days of an agenda repeat the same week)."""
        override = self._overrides_by_date.get(day)
        if override is not None:
            key = ("override", day)
            ranges = None
        else:
            applicable = self._always
            if applicable is None:
                applicable = self._filter(
                    i for i, t in enumerate(self.templates) if t.applies_on(day)
                )
            key = (day.weekday(), applicable)
        plan = self._ranges_cache.get(key)
        if plan is None:
            if override is not None:
                ranges = _merge_ranges(override.ranges)
            else:
                weekday = day.weekday()
                ranges = _merge_ranges(
                    r for i in applicable for wd, r in self.templates[i].ranges if wd == weekday
                )
            seconds = tuple((_clock_seconds(r.start), _clock_seconds(r.end)) for r in ranges)
            plan = self._ranges_cache[key] = (ranges, seconds)
        return plan


# --- Public functions -------------------------------------------------------------------------


def working_intervals(*, availability: Availability, window: Interval) -> list[Interval]:
    """Working time overlapping `window`, in UTC, time off removed; intervals are merged and
    given whole (not cut at the window's edges), since slots step from their start."""
    spans = _working_spans(availability, _ts(window.start), _ts(window.end))
    return [Interval.unchecked(utc_from_seconds(s), utc_from_seconds(e)) for s, e in spans]


def free_slots(
    *, availability: Availability, session: SessionSpec, window: Interval, now: datetime
) -> list[Interval]:
    """Every free slot starting inside `window`, in chronological order, in UTC."""
    return _as_intervals(_free_starts(availability, session, window, now), session)


def first_free_slots(
    *,
    availability: Availability,
    session: SessionSpec,
    now: datetime,
    limit: int,
    window: Interval | None = None,
) -> list[Interval]:
    """The next `limit` free slots (within the horizon, or `window` when given)."""
    if window is None:
        now = now.astimezone(UTC)  # real time: `+` on a local datetime adds wall-clock time
        window = Interval(now, now + session.horizon + session.duration)
    return _as_intervals(_free_starts(availability, session, window, now, limit=limit), session)


def has_free_slot(
    *, availability: Availability, session: SessionSpec, window: Interval, now: datetime
) -> bool:
    """Whether at least one slot fits entirely inside `window` (start and end)."""
    start = window.start.astimezone(UTC)  # real time, see `first_free_slots`
    last_start = window.end.astimezone(UTC) - session.duration
    if last_start < start:
        return False
    return bool(
        _free_starts(availability, session, Interval(start, last_start + _SECOND), now, limit=1)
    )


def local_day_window(day: date, tz: ZoneInfo) -> Interval:
    """The UTC interval covered by one calendar date in `tz` (23, 24 or 25 hours)."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + ONE_DAY, time(0), tzinfo=tz)
    return Interval.unchecked(start.astimezone(UTC), end.astimezone(UTC))


# --- Internals --------------------------------------------------------------------------------


def _ts(moment: datetime) -> int:
    """POSIX seconds, rounded down (exact: a float holds a timestamp to the microsecond)."""
    return floor(moment.timestamp())


def _ts_up(moment: datetime) -> int:
    """POSIX seconds, rounded up: `now` and times read from calendars carry microseconds."""
    return ceil(moment.timestamp())


_DATETIMES: dict[int, datetime] = {}


def utc_from_seconds(seconds: int) -> datetime:
    """POSIX seconds to an aware UTC datetime; slots share instants (on the hour, in every
    agenda), so a small cache saves most of the conversions."""
    moment = _DATETIMES.get(seconds)
    if moment is None:
        if len(_DATETIMES) > 200_000:
            _DATETIMES.clear()
        moment = _DATETIMES[seconds] = datetime.fromtimestamp(seconds, UTC)
    return moment


def _clock_seconds(clock: time) -> int:
    return clock.hour * 3600 + clock.minute * 60 + clock.second


_SECOND = timedelta(seconds=1)


def _seconds(delta: timedelta) -> int:
    return delta // _SECOND


def _merge_ranges(ranges: Iterable[TimeRange]) -> list[TimeRange]:
    merged: list[TimeRange] = []
    for current in sorted(ranges):
        if merged and current.start <= merged[-1].end:
            if current.end > merged[-1].end:
                merged[-1] = TimeRange(merged[-1].start, current.end)
        else:
            merged.append(current)
    return merged


def _local_to_ts(day: date, clock: time, tz: ZoneInfo, *, fold: int) -> int:
    """A wall-clock time on a local date as POSIX seconds.

    In the hour that repeats when clocks go back, `fold` picks the first (0) or the second (1)
    occurrence: a range starts at the first and ends at the second, so it keeps its full length.
    Except at the very start of the repeated hour: no earlier time comes back after the second
    02:00, so a range ending at 02:00 ends at the first one (00:00–02:00 lasts two hours).
    A time that does not exist (inside the gap when clocks go forward) resolves to the instant
    the clocks jumped, so a range starting or ending there keeps only the hours that exist.
    """
    local = datetime.combine(day, clock, tzinfo=tz).replace(fold=fold)
    naive = local.replace(tzinfo=None)
    seconds = _ts(local)
    if utc_from_seconds(seconds).astimezone(tz).replace(tzinfo=None) == naive:
        if fold == 1 and utc_from_seconds(seconds - 1).astimezone(tz).replace(tzinfo=None) >= naive:
            return _ts(local.replace(fold=0))
        return seconds
    # Inside the gap: the two folds give the instants on either side; find the jump between.
    low = _ts(local.replace(fold=1))
    high = _ts(local.replace(fold=0))
    low, high = min(low, high), max(low, high)
    offset_before = utc_from_seconds(low).astimezone(tz).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if utc_from_seconds(middle).astimezone(tz).utcoffset() == offset_before:
            low = middle
        else:
            high = middle
    return high


@lru_cache(maxsize=65536)
def _day_bounds(day: date, tz: ZoneInfo) -> tuple[int, int | None]:
    """(POSIX seconds of the local midnight as if no clock change, UTC offset in seconds).

    The offset is only given when it is the same all day long; a day with a clock change gets
    `None` and goes through `_local_to_ts`.
    """
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + ONE_DAY, time(0), tzinfo=tz)
    offset = start.utcoffset()
    if end.utcoffset() != offset or _ts(end) - _ts(start) != 86400:
        return 0, None
    naive_midnight = (day - _EPOCH_DATE).days * 86400
    return naive_midnight, int(offset.total_seconds())


_EPOCH_DATE = date(1970, 1, 1)


def _working_spans(availability: Availability, start: int, end: int) -> Sequence[tuple[int, int]]:
    """Merged working spans (POSIX seconds) overlapping `[start, end)`, time off removed.

    Spans are kept whole (not cut at `start`/`end`): candidates step from their real start.
    The result may be shared between agendas: read it, never change it.
    """
    spans = _plan_spans(availability, start, end)
    holes = _time_off(availability)
    if holes:
        spans = [(s, e) for s, e in _subtract(spans, holes) if e > start and s < end]
    return spans


#: Working spans before time off, by everything they depend on: in a directory most
#: practitioners keep the same hours in the same zone, so most agendas find theirs here.
#: Each entry: the spans, and their starts and ends apart (to find a window's by bisection).
_SHARED_SPANS: dict[tuple, tuple[tuple[tuple[int, int], ...], list[int], list[int]]] = {}


def _plan_spans(availability: Availability, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The working spans of the weekly templates and date overrides overlapping `[start, end)`."""
    tz = availability.tz
    first_day = utc_from_seconds(start).astimezone(tz).date() - ONE_DAY
    last_day = utc_from_seconds(end).astimezone(tz).date() + ONE_DAY
    key = (availability.templates, availability.overrides, tz, first_day, last_day)
    try:
        plan = _SHARED_SPANS.get(key)
    except TypeError:  # something unhashable given for a tuple: no sharing, same spans
        key = plan = None
    if plan is None:
        spans = _plan_spans_build(availability, first_day, last_day)
        plan = (spans, [s for s, _ in spans], [e for _, e in spans])
        if key is not None:
            if len(_SHARED_SPANS) >= 1024:
                _SHARED_SPANS.clear()
            _SHARED_SPANS[key] = plan
    spans, starts, ends = plan
    # Sorted and disjoint, so the ends are sorted too.
    return spans[bisect_right(ends, start) : bisect_left(starts, end)]


def _plan_spans_build(
    availability: Availability, first_day: date, last_day: date
) -> tuple[tuple[int, int], ...]:
    tz = availability.tz
    spans: list[tuple[int, int]] = []
    day_plan = availability._day_plan
    day = first_day
    while day <= last_day:
        ranges, seconds = day_plan(day)
        if ranges:
            midnight, offset = _day_bounds(day, tz)
            if offset is not None:  # the usual day: plain arithmetic on seconds
                base = midnight - offset
                for range_start, range_end in seconds:
                    spans.append((base + range_start, base + range_end))
            else:  # the day the clocks change
                for local_range in ranges:
                    span_start = _local_to_ts(day, local_range.start, tz, fold=0)
                    span_end = _local_to_ts(day, local_range.end, tz, fold=1)
                    if span_end > span_start:
                        spans.append((span_start, span_end))
        day += ONE_DAY
    spans.sort()
    # The night the clocks go back, 00:00–02:15 ends at the second 02:15 and 02:30–05:00 starts
    # at the first 02:30: the two overlap in real time, and would give a slot twice. The night
    # they go forward, 01:00–02:00 and 03:00–04:00 meet. Both become one span.
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged and span[0] <= merged[-1][1]:
            if span[1] > merged[-1][1]:
                merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return tuple(merged)


def _time_off(availability: Availability) -> list[tuple[int, int]]:
    """Time off as POSIX seconds rounded outwards, sorted; computed once per `Availability`."""
    holes = availability._forbidden_cache.get("time_off")
    if holes is None:
        holes = [(_ts(i.start), _ts_up(i.end)) for i in availability.time_off]
        holes += availability.time_off_seconds
        holes.sort()
        availability._forbidden_cache["time_off"] = holes
    return holes


def _subtract(
    spans: Sequence[tuple[int, int]], holes: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """`spans` (sorted, disjoint) without `holes` (sorted by start, may overlap).

    A hole touches few spans: the others are found by bisection and copied as they are.
    """
    spans = list(spans)
    count = len(spans)
    result: list[tuple[int, int]] = []
    index = 0  # spans before `index` are done
    for hole_start, hole_end in holes:
        touched = bisect_right(spans, hole_start, index, count, key=_span_end)
        result += spans[index:touched]  # they end before the hole starts
        index = touched
        while index < count and spans[index][0] < hole_end:
            span_start, span_end = spans[index]
            if span_start < hole_start:
                result.append((span_start, hole_start))
            if span_end > hole_end:  # what is left may meet the next hole
                spans[index] = (hole_end, span_end)
                break
            index += 1
    result += spans[index:]
    return result


_span_end = itemgetter(1)


def _forbidden_starts(availability: Availability, session: SessionSpec) -> list[tuple[int, int]]:
    """Open intervals `(a, b)` of start times that would collide with busy time or bookings.

    A candidate starting at s occupies [s, s + d) and needs [s - before, s + d + after) clear.
    It collides with a busy time [bs, be) when s lies in (bs - d - after, be + before); with a
    booking whose own buffers are (bb, ba) when s lies in
    (bs - d - max(after, bb), be + max(before, ba)).
    """
    d = _seconds(session.duration)
    before = _seconds(session.buffer_before)
    after = _seconds(session.buffer_after)
    key = (d, before, after)
    cached = availability._forbidden_cache.get(key)
    if cached is not None:
        return cached
    busy, bookings = _blockers(availability)
    forbidden = [(start - d - after, end + before) for start, end in busy]
    forbidden += [
        (
            start - d - (after if after > booked_before else booked_before),
            end + (before if before > booked_after else booked_after),
        )
        for start, end, booked_before, booked_after in bookings
    ]
    merged = availability._forbidden_cache[key] = _merge_open(forbidden)
    return merged


def _blockers(availability: Availability):
    """Busy times and bookings as integer seconds, computed once per `Availability`.

    Rounded outwards, so that a busy time ending at 10:00:00.5 still blocks 10:00:00.
    """
    blockers = availability._forbidden_cache.get("blockers")
    if blockers is None:
        busy, bookings = availability.busy_seconds, availability.bookings_seconds
        if availability.busy:
            busy = [
                *busy,
                *((floor(b.start.timestamp()), ceil(b.end.timestamp())) for b in availability.busy),
            ]
        if availability.bookings:
            seconds = _seconds
            bookings = [
                *bookings,
                *(
                    (floor(start.timestamp()), ceil(end.timestamp()), seconds(bb), seconds(ba))
                    for start, end, bb, ba in availability.bookings
                ),
            ]
        blockers = availability._forbidden_cache["blockers"] = (busy, bookings)
    return blockers


def _merge_open(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge open intervals; (a, b) and (b, c) stay apart, since b itself is allowed."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(intervals):
        if high <= low:
            continue
        if merged and low < merged[-1][1]:
            if high > merged[-1][1]:
                merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    return merged


def _free_starts(
    availability: Availability,
    session: SessionSpec,
    window: Interval,
    now: datetime,
    *,
    limit: int | None = None,
) -> list[int]:
    """Start instants (POSIX seconds) of the free slots, in order, at most `limit` of them."""
    d = _seconds(session.duration)
    step = _seconds(session.effective_step)
    now = now.astimezone(UTC)
    # Rounded inwards: a slot at 10:00:00 has already started when `now` is 10:00:00.3.
    earliest = max(_ts_up(window.start), _ts_up(now + session.min_notice))
    latest = min(_ts_up(window.end) - 1, _ts(now + session.horizon))  # last allowed start
    starts: list[int] = []
    if latest < earliest:
        return starts
    spans = _working_spans(availability, earliest, latest + d)
    forbidden = _forbidden_starts(availability, session)
    count = len(forbidden)
    index = 0  # candidates only grow, so one pass over the sorted forbidden intervals
    for span_start, span_end in spans:
        last_start = span_end - d if span_end - d < latest else latest
        candidate = span_start
        if candidate < earliest:  # jump to the first step on or after `earliest`
            candidate += -(-(earliest - candidate) // step) * step
        while candidate <= last_start:
            # Skip the intervals that end before the candidate; the next one is the only one
            # that could contain it (they are disjoint). If it does, jump past its end.
            while index < count and forbidden[index][1] <= candidate:
                index += 1
            if index < count and forbidden[index][0] < candidate:
                candidate += -(-(forbidden[index][1] - candidate) // step) * step
                continue
            starts.append(candidate)
            if limit is not None and len(starts) >= limit:
                return starts
            candidate += step
    return starts


class _IntervalsFrom(dict):
    """Slots of one duration by start (POSIX seconds), made on first use. Agendas share their
    slots' instants (on the hour, in every agenda), and an `Interval` is immutable, so one
    object serves them all."""

    __slots__ = ("duration",)

    def __init__(self, duration: int):
        super().__init__()
        self.duration = duration

    def __missing__(self, start: int) -> Interval:
        interval = self[start] = tuple.__new__(
            Interval, (utc_from_seconds(start), utc_from_seconds(start + self.duration))
        )
        return interval


_INTERVALS: dict[int, _IntervalsFrom] = {}


def _as_intervals(starts: list[int], session: SessionSpec) -> list[Interval]:
    d = _seconds(session.duration)
    intervals = _INTERVALS.get(d)
    if intervals is None or len(intervals) > 100_000:
        if len(_INTERVALS) > 64:
            _INTERVALS.clear()
        intervals = _INTERVALS[d] = _IntervalsFrom(d)
    return list(map(intervals.__getitem__, starts))


def merge_slot_streams(streams: Sequence[Iterable[Interval]]) -> Iterator[Interval]:
    """Chronological merge of several sorted slot lists (e.g. members of a pooled service)."""
    return heapq.merge(*streams)
