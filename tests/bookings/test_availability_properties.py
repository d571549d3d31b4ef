"""Property tests of the availability engine: rules that hold for every practitioner.

Random practitioners (zone, templates, overrides, time off, busy time, bookings) and session
types, around windows that often include a daylight-saving change. Two small independent models
back the checks: working time worked out minute by minute from the local clock, and free slots
found by trying every step of the grid against every busy interval and booking.
"""

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bookings.availability import (
    Availability,
    BookedInterval,
    DateOverride,
    Interval,
    SessionSpec,
    TimeRange,
    WeeklyTemplate,
    first_free_slots,
    free_slots,
    has_free_slot,
    local_day_window,
    working_intervals,
)

ZONES = [ZoneInfo(name) for name in ("Europe/Paris", "America/Montreal", "Asia/Tokyo", "UTC")]
#: Clock changes of 2026 in Paris (29 March, 25 October) and Montreal (8 March, 1 November).
PARIS_CHANGES = [date(2026, 3, 29), date(2026, 10, 25)]
MONTREAL_CHANGES = [date(2026, 3, 8), date(2026, 11, 1)]
CHANGE_DATES = PARIS_CHANGES + MONTREAL_CHANGES
#: Ordinary dates, the turn of the year included. Few dates keep the model's cache warm.
PLAIN_DATES = [date(2026, 1, 14), date(2026, 6, 8), date(2026, 7, 1), date(2026, 12, 30)]
#: Dates a window is built around, per zone: its own clock changes are favoured.
ANCHORS = {
    "Europe/Paris": PARIS_CHANGES * 2 + PLAIN_DATES,
    "America/Montreal": MONTREAL_CHANGES * 2 + PLAIN_DATES,
    "Asia/Tokyo": CHANGE_DATES + PLAIN_DATES,
    "UTC": CHANGE_DATES + PLAIN_DATES,
}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SECOND = timedelta(seconds=1)

PROPERTY_SETTINGS = settings(
    max_examples=80,
    deadline=None,
    database=None,  # nothing written into the shared working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


def clock(minute_of_day: int) -> time:
    return time(minute_of_day // 60, minute_of_day % 60)


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    """Whether half-open `[a_start, a_end)` and `[b_start, b_end)` share an instant."""
    return a_start < b_end and b_start < a_end


def in_utc(moment: datetime) -> datetime:
    """Arithmetic on a datetime in a `ZoneInfo` zone is wall-clock arithmetic: go to UTC first."""
    return moment.astimezone(UTC)


def booking_with_buffers(booking: BookedInterval) -> tuple[datetime, datetime]:
    return (
        in_utc(booking.start) - booking.buffer_before,
        in_utc(booking.end) + booking.buffer_after,
    )


# --- Strategies --------------------------------------------------------------------------------
# Module-level strategies drawing plain numbers: building strategies inside every draw is what
# makes Hypothesis slow.


@dataclass(frozen=True)
class Scenario:
    availability: Availability
    session: SessionSpec
    window: Interval
    now: datetime


def sometimes(strategy, one_in: int = 4):
    """`strategy` about once in `one_in` draws, else None (which is also what shrinking seeks)."""
    return st.integers(1, one_in).flatmap(lambda n: strategy if n == one_in else st.none())


#: Wall-clock ranges on a 5-minute grid (in 5-minute units), within one day: anywhere, in the
#: early hours, or starting and ending around 02:00–03:00, where clocks change.
GRID_RANGES = st.one_of(
    st.tuples(st.integers(0, 286), st.integers(1, 287)),
    st.tuples(st.integers(0, 60), st.integers(1, 36)),
    st.tuples(st.integers(12, 42), st.integers(1, 12)),
)
DAY_OFFSETS = st.one_of(st.just(0), st.integers(-3, 3))
#: Weekdays: the anchor date's (0), one of the window's (1) or any (2).
WEEKDAY_CHOICES = st.tuples(st.integers(0, 2), st.integers(0, 6))
MINUTE_OFFSETS = st.integers(-12 * 60, 3 * 24 * 60)
SHORT_LENGTHS = st.integers(5, 240)
LONG_LENGTHS = st.one_of(st.integers(5, 240), st.integers(1, 2).map(lambda days: days * 24 * 60))
#: Seconds and microseconds past the minute: often none, sometimes any.
SUB_MINUTE = st.one_of(st.just(0), st.integers(0, 60_000_000 - 1))
SECONDS = st.one_of(st.just(0), st.integers(0, 59))
BUFFERS = st.integers(0, 30).map(minutes)


@st.composite
def time_ranges(draw) -> TimeRange:
    start, length = draw(GRID_RANGES)
    return TimeRange(clock(start * 5), clock(min(start + length, 287) * 5))


@st.composite
def templates(draw, anchor: date, first_day: date, day_count: int) -> WeeklyTemplate:
    def nearby():
        return DAY_OFFSETS.map(lambda days: anchor + timedelta(days=days))

    def weekday(choice: int, k: int) -> int:
        if choice == 0:
            return anchor.weekday()
        if choice == 1:
            return (first_day + timedelta(days=k % day_count)).weekday()
        return k

    ranges = draw(st.lists(st.tuples(WEEKDAY_CHOICES, time_ranges()), min_size=1, max_size=5))
    return WeeklyTemplate(
        ranges=tuple((weekday(*choice), r) for choice, r in ranges),
        valid_from=draw(sometimes(nearby(), one_in=3)),
        valid_until=draw(sometimes(nearby(), one_in=3)),
        dates=draw(sometimes(st.frozensets(nearby(), max_size=4))),
        replaces_others=draw(st.integers(1, 4)) == 4,
    )


@st.composite
def overrides(draw, anchor: date) -> DateOverride:
    return DateOverride(
        date=anchor + timedelta(days=draw(DAY_OFFSETS)),
        ranges=tuple(draw(st.lists(time_ranges(), max_size=3))),
    )


@st.composite
def intervals_near(draw, window: Interval, *, time_off: bool = False) -> Interval:
    """From a day before the window to a few days after; time off is whole seconds and may
    last days, external busy time is any instant."""
    start = window.start.replace(second=0, microsecond=0) + minutes(draw(MINUTE_OFFSETS))
    if time_off:
        start += timedelta(seconds=draw(SECONDS))
        length = minutes(draw(LONG_LENGTHS))
    else:
        start += timedelta(microseconds=draw(SUB_MINUTE))
        length = minutes(draw(SHORT_LENGTHS))
    zone = draw(st.sampled_from(ZONES))  # given in any zone: only the instant matters
    return Interval(start.astimezone(zone), (start + length).astimezone(zone))


@st.composite
def bookings_near(draw, window: Interval) -> BookedInterval:
    span = draw(intervals_near(window))
    return BookedInterval(span.start, span.end, draw(BUFFERS), draw(BUFFERS))


SESSIONS = st.builds(
    SessionSpec,
    duration=st.integers(10, 120).map(minutes),
    buffer_before=BUFFERS,
    buffer_after=BUFFERS,
    min_notice=st.one_of(
        st.just(timedelta(0)),
        st.integers(0, 6 * 12).map(lambda n: minutes(5 * n)),
        st.integers(0, 48 * 60).map(minutes),
    ),
    horizon=st.one_of(
        st.integers(1, 30).map(timedelta),
        st.integers(24 * 60, 30 * 24 * 60).map(minutes),
    ),
    step=st.none() | st.integers(5, 60).map(minutes),
)


@st.composite
def scenarios(draw) -> Scenario:
    tz = draw(st.sampled_from(ZONES))
    anchor = draw(st.sampled_from(ANCHORS[tz.key]))
    day_count = draw(st.integers(1, 4))
    first_day = anchor - timedelta(days=draw(st.integers(0, day_count - 1)))
    window = Interval(
        local_day_window(first_day, tz).start
        + minutes(5 * draw(st.integers(0, 6 * 12)))
        + timedelta(microseconds=draw(st.sampled_from([0, 0, 0, 1, 999_999]))),
        local_day_window(first_day + timedelta(days=day_count - 1), tz).end,
    )
    availability = Availability(
        tz=tz,
        templates=tuple(
            draw(st.lists(templates(anchor, first_day, day_count), min_size=1, max_size=3))
        ),
        # The database keeps one override per date (`one_override_per_date`).
        overrides=tuple(draw(st.lists(overrides(anchor), max_size=2, unique_by=lambda o: o.date))),
        time_off=tuple(draw(st.lists(intervals_near(window, time_off=True), max_size=2))),
        busy=tuple(draw(st.lists(intervals_near(window), max_size=5))),
        bookings=tuple(draw(st.lists(bookings_near(window), max_size=5))),
    )
    # On a 5-minute grid, so that `now + min_notice` often falls exactly on a candidate start.
    now = (
        window.start
        + minutes(5 * draw(st.integers(-2 * 24 * 12, 12 * 12)))
        + timedelta(microseconds=draw(st.sampled_from([0, 0, 1, 500_000, 999_999])))
    )
    return Scenario(availability, draw(SESSIONS), window, now)


#: Ranges of the night a clock changes (5-minute units): starting 00:00–04:30 and up to two
#: hours long, or starting and ending close to the changing hour.
NIGHT_RANGES = st.one_of(
    st.tuples(st.integers(0, 54), st.integers(1, 24)),
    st.tuples(st.integers(12, 42), st.integers(1, 18)),
).map(lambda r: TimeRange(clock(r[0] * 5), clock((r[0] + r[1]) * 5)))
NIGHT_ZONES = {"Europe/Paris": PARIS_CHANGES, "America/Montreal": MONTREAL_CHANGES}
#: The local hour that is skipped or repeated (Montreal repeats 01:00–02:00 in November).
CHANGING_HOUR = {date(2026, 11, 1): 1}


@st.composite
def ranges_either_side_of(draw, hour: int) -> list[TimeRange]:
    """One range ending and another starting within the hour that is skipped or repeated: on
    the wall clock they are apart, in real time they meet or overlap."""
    end_a = hour * 60 + 5 * draw(st.integers(0, 11))
    start_b = hour * 60 + 5 * draw(st.integers((end_a % 60) // 5 + 1, 12))
    return [
        TimeRange(clock(max(0, end_a - 5 * draw(st.integers(1, 24)))), clock(end_a)),
        TimeRange(clock(start_b), clock(start_b + 5 * draw(st.integers(1, 24)))),
    ]


@st.composite
def night_scenarios(draw) -> Scenario:
    """The day a clock changes, everything packed into the small hours around the change."""
    tz = ZoneInfo(draw(st.sampled_from(sorted(NIGHT_ZONES))))
    day = draw(st.sampled_from(NIGHT_ZONES[tz.key]))
    window = local_day_window(day, tz)

    def night_interval(*, sub_second: bool) -> Interval:
        start = window.start + minutes(draw(st.integers(-60, 6 * 60)))
        if sub_second:
            start += timedelta(microseconds=draw(SUB_MINUTE))
        end = start + minutes(draw(st.integers(5, 120)))
        zone = draw(st.sampled_from([tz, tz, UTC, *ZONES]))
        return Interval(start.astimezone(zone), end.astimezone(zone))

    def night_templates():
        pair = sometimes(ranges_either_side_of(CHANGING_HOUR.get(day, 2)), one_in=2)
        return st.tuples(st.lists(NIGHT_RANGES, max_size=4), pair).map(
            lambda drawn: WeeklyTemplate(
                ranges=tuple((day.weekday(), r) for r in drawn[0] + (drawn[1] or []))
            )
        )

    override = draw(sometimes(st.lists(NIGHT_RANGES, max_size=4), one_in=3))
    availability = Availability(
        tz=tz,
        templates=tuple(draw(st.lists(night_templates(), min_size=1, max_size=2))),
        overrides=() if override is None else (DateOverride(day, tuple(override)),),
        time_off=tuple(night_interval(sub_second=False) for _ in range(draw(st.integers(0, 2)))),
        busy=tuple(night_interval(sub_second=True) for _ in range(draw(st.integers(0, 3)))),
        bookings=tuple(
            BookedInterval(*night_interval(sub_second=True), draw(BUFFERS), draw(BUFFERS))
            for _ in range(draw(st.integers(0, 3)))
        ),
    )
    session = SessionSpec(
        duration=minutes(draw(st.integers(10, 60))),
        buffer_before=draw(BUFFERS),
        buffer_after=draw(BUFFERS),
        horizon=timedelta(days=2),
        step=draw(st.none() | st.integers(5, 60).map(minutes)),
    )
    now = window.start - minutes(draw(st.integers(0, 120)))
    return Scenario(availability, session, window, now)


def slots_of(scenario: Scenario, **changes) -> list[Interval]:
    scenario = replace(scenario, **changes)
    return free_slots(
        availability=scenario.availability,
        session=scenario.session,
        window=scenario.window,
        now=scenario.now,
    )


# --- Independent models ------------------------------------------------------------------------


def posix(moment: datetime) -> int:
    """Whole POSIX seconds (only used on whole-second instants)."""
    seconds, rest = divmod(moment - EPOCH, SECOND)
    assert not rest
    return seconds


@lru_cache(maxsize=4096)
def local_minutes(tz: ZoneInfo, day: date) -> tuple[tuple[int, int], ...]:
    """Every UTC minute whose local date is `day`, as (POSIX seconds, local minute of the day).

    Found by trying every minute of a wide UTC span: no fold, no gap arithmetic.
    """
    first = datetime.combine(day, time(0), tzinfo=UTC) - timedelta(hours=15)
    found = []
    for index in range(54 * 60):
        instant = first + minutes(index)
        local = instant.astimezone(tz)
        if local.date() == day:
            found.append((posix(instant), local.hour * 60 + local.minute))
    return tuple(found)


@lru_cache(maxsize=4096)
def wall_clock_bounds(tz: ZoneInfo, day: date) -> tuple[dict[int, int], dict[int, int]]:
    """For each minute of the day m: the first instant showing m or later, and the end of the
    last minute showing a time before m. A range [a, b) runs from the first to the second: it
    keeps only the hours that exist and, when an hour repeats, runs through both."""
    first_at_or_after: dict[int, int] = {}
    level = -1
    for instant, wall in local_minutes(tz, day):
        for m in range(level + 1, wall + 1):
            first_at_or_after[m] = instant
        level = max(level, wall)
    end_of_last_before: dict[int, int] = {}
    level = 24 * 60 + 1
    for instant, wall in reversed(local_minutes(tz, day)):
        for m in range(wall + 1, level):
            end_of_last_before[m] = instant + 60
        level = min(level, wall + 1)
    return first_at_or_after, end_of_last_before


def model_local_ranges(availability: Availability, day: date) -> list[tuple[int, int]]:
    """Working minutes of a local date as [start, end) minute runs, from the documented rules."""
    chosen = [o for o in availability.overrides if o.date == day]
    if chosen:
        ranges = list(chosen[0].ranges)
    else:
        valid = [
            t
            for t in availability.templates
            if (t.valid_from is None or t.valid_from <= day)
            and (t.valid_until is None or day <= t.valid_until)
            and (t.dates is None or day in t.dates)
        ]
        if any(t.replaces_others for t in valid):
            valid = [t for t in valid if t.replaces_others]
        ranges = [r for t in valid for weekday, r in t.ranges if weekday == day.weekday()]
    working = [False] * (24 * 60 + 1)
    for r in ranges:
        for m in range(r.start.hour * 60 + r.start.minute, r.end.hour * 60 + r.end.minute):
            working[m] = True
    runs, start = [], None
    for m, on in enumerate(working):
        if on and start is None:
            start = m
        elif not on and start is not None:
            runs.append((start, m))
            start = None
    return runs


def model_working_spans(availability: Availability, window: Interval) -> list[tuple[int, int]]:
    """Working time as merged POSIX-second spans, time off removed, for the window's dates."""
    tz = availability.tz
    day = window.start.astimezone(tz).date() - timedelta(days=2)
    last_day = window.end.astimezone(tz).date() + timedelta(days=2)
    spans = []
    while day <= last_day:
        starts, ends = wall_clock_bounds(tz, day)
        for a, b in model_local_ranges(availability, day):
            if ends[b] > starts[a]:
                spans.append((starts[a], ends[b]))
        day += timedelta(days=1)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    # Cut time off out, second by second in spirit: keep what no time off covers.
    holes = sorted((posix(t.start), posix(t.end)) for t in availability.time_off)
    result = []
    for start, end in merged:
        pieces = [(start, end)]
        for hole_start, hole_end in holes:
            pieces = [
                piece
                for s, e in pieces
                for piece in ((s, min(e, hole_start)), (max(s, hole_end), e))
                if piece[1] > piece[0]
            ]
        result.extend(pieces)
    return sorted(result)


def as_datetime(seconds: int) -> datetime:
    return EPOCH + timedelta(seconds=seconds)


def collides(start: datetime, session: SessionSpec, availability: Availability) -> bool:
    """Whether a session starting at `start` meets busy time or a booking, buffers included."""
    end = start + session.duration
    padded_start, padded_end = start - session.buffer_before, end + session.buffer_after
    for busy in availability.busy:
        if overlaps(padded_start, padded_end, busy.start, busy.end):
            return True
    for booking in availability.bookings:
        if overlaps(padded_start, padded_end, booking.start, booking.end):
            return True
        if overlaps(start, end, *booking_with_buffers(booking)):
            return True
    return False


def model_free_slots(scenario: Scenario) -> list[Interval]:
    """Every step of the grid of every working interval, kept when all rules allow it."""
    availability, session, window, now = (
        scenario.availability,
        scenario.session,
        scenario.window,
        scenario.now,
    )
    # Back to back by default: duration and both buffers.
    step = posix(
        EPOCH + (session.step or session.duration + session.buffer_before + session.buffer_after)
    )
    duration = posix(EPOCH + session.duration)
    found = []
    for span_start, span_end in model_working_spans(availability, window):
        for candidate in range(span_start, span_end - duration + 1, step):
            start = as_datetime(candidate)
            if (
                window.start <= start < window.end
                and now + session.min_notice <= start <= now + session.horizon
                and not collides(start, session, availability)
            ):
                found.append(Interval(start, start + session.duration))
    return found


# --- The properties asked of every result --------------------------------------------------------


@PROPERTY_SETTINGS
@given(scenarios())
def test_slots_are_clear_of_busy_time_bookings_and_their_buffers(scenario):
    session, availability = scenario.session, scenario.availability

    for slot in slots_of(scenario):
        padded_start = slot.start - session.buffer_before
        padded_end = slot.end + session.buffer_after
        for busy in availability.busy:
            assert not overlaps(padded_start, padded_end, busy.start, busy.end)
        for booking in availability.bookings:
            assert not overlaps(padded_start, padded_end, booking.start, booking.end)
            assert not overlaps(slot.start, slot.end, *booking_with_buffers(booking))


@PROPERTY_SETTINGS
@given(scenarios())
def test_slots_lie_inside_working_time_and_never_in_time_off(scenario):
    availability = scenario.availability
    slots = slots_of(scenario)
    reach = Interval(scenario.window.start, scenario.window.end + scenario.session.duration)
    working = working_intervals(availability=availability, window=reach)

    for slot in slots:
        assert any(w.start <= slot.start and slot.end <= w.end for w in working), slot
        for time_off in availability.time_off:
            assert not overlaps(slot.start, slot.end, time_off.start, time_off.end)


@PROPERTY_SETTINGS
@given(scenarios())
def test_slots_respect_notice_horizon_and_window_and_are_sorted_distinct_and_whole(scenario):
    session, window, now = scenario.session, scenario.window, scenario.now

    slots = slots_of(scenario)

    for slot in slots:
        assert now + session.min_notice <= slot.start <= now + session.horizon
        assert window.start <= slot.start < window.end
        assert slot.end - slot.start == session.duration
        assert slot.start.utcoffset() == timedelta(0)
    assert slots == sorted(slots)
    assert len(set(slots)) == len(slots)
    assert all(a.start < b.start for a, b in pairwise(slots))


@PROPERTY_SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_order_of_the_inputs_does_not_matter(scenario, rnd: random.Random):
    availability = scenario.availability

    def shuffled(items):
        items = list(items)
        rnd.shuffle(items)
        return tuple(items)

    reordered = Availability(
        tz=availability.tz,
        templates=shuffled(replace(t, ranges=shuffled(t.ranges)) for t in availability.templates),
        overrides=shuffled(replace(o, ranges=shuffled(o.ranges)) for o in availability.overrides),
        time_off=shuffled(availability.time_off),
        busy=shuffled(availability.busy),
        bookings=shuffled(availability.bookings),
    )

    assert slots_of(scenario, availability=reordered) == slots_of(scenario)


@PROPERTY_SETTINGS
@given(scenarios(), st.data())
def test_time_off_busy_time_and_bookings_as_seconds_give_the_same_slots(scenario, data):
    availability = scenario.availability

    def down(moment: datetime) -> int:
        return (moment - EPOCH) // SECOND

    def up(moment: datetime) -> int:
        return -((EPOCH - moment) // SECOND)

    def split(items) -> tuple[tuple, tuple]:
        """Each item kept as it is or handed over as seconds, as drawn."""
        flags = [data.draw(st.booleans(), label="as seconds") for _ in items]
        kept = tuple(item for item, flag in zip(items, flags, strict=True) if not flag)
        return kept, tuple(item for item, flag in zip(items, flags, strict=True) if flag)

    time_off, time_off_s = split(availability.time_off)
    busy, busy_s = split(availability.busy)
    bookings, bookings_s = split(availability.bookings)
    converted = replace(
        availability,
        time_off=time_off,
        busy=busy,
        bookings=bookings,
        time_off_seconds=tuple((down(i.start), up(i.end)) for i in time_off_s),
        busy_seconds=tuple((down(i.start), up(i.end)) for i in busy_s),
        bookings_seconds=tuple(
            (down(b.start), up(b.end), b.buffer_before // SECOND, b.buffer_after // SECOND)
            for b in bookings_s
        ),
    )

    assert slots_of(scenario, availability=converted) == slots_of(scenario)
    assert working_intervals(availability=converted, window=scenario.window) == working_intervals(
        availability=availability, window=scenario.window
    )


@PROPERTY_SETTINGS
@given(scenarios(), st.data())
def test_adding_busy_time_or_a_booking_never_adds_a_slot(scenario, data):
    availability = scenario.availability
    before = slots_of(scenario)
    # Often right next to an offered slot, where it can matter.
    if before and data.draw(st.booleans(), label="near a slot"):
        start = data.draw(st.sampled_from(before)).start + minutes(
            data.draw(st.integers(-150, 150))
        )
        span = Interval(start, start + minutes(data.draw(SHORT_LENGTHS)))
    else:
        span = data.draw(intervals_near(scenario.window))
    if data.draw(st.booleans(), label="add a booking"):
        booking = BookedInterval(span.start, span.end, data.draw(BUFFERS), data.draw(BUFFERS))
        more = replace(availability, bookings=(*availability.bookings, booking))
    else:
        more = replace(availability, busy=(*availability.busy, span))

    after = slots_of(scenario, availability=more)

    assert set(after) <= set(before)


@PROPERTY_SETTINGS
@given(scenarios(), st.integers(1, 40), st.booleans())
def test_first_free_slots_is_a_prefix_of_free_slots_over_the_horizon(scenario, limit, local):
    session, now = scenario.session, scenario.now
    horizon_window = Interval(now, now + session.horizon + session.duration)
    if local:  # `now` may come in the practitioner's zone: the horizon is still real time
        now = now.astimezone(scenario.availability.tz)

    first = first_free_slots(
        availability=scenario.availability, session=session, now=now, limit=limit
    )
    every = slots_of(scenario, window=horizon_window)

    assert first == every[:limit]


@PROPERTY_SETTINGS
@given(scenarios(), st.data())
def test_every_boundary_is_exact_to_the_microsecond(scenario, data):
    # Take a slot the rules allow, then move each limit onto it and a microsecond past it:
    # notice and horizon are inclusive, the window's end is exclusive, and busy time or a
    # booking may end exactly where the slot's buffer begins (half-open intervals).
    session = replace(scenario.session, min_notice=timedelta(0), horizon=timedelta(days=60))
    relaxed = replace(scenario, session=session, now=scenario.window.start - timedelta(days=1))
    candidates = model_free_slots(relaxed)
    if not candidates:
        return
    start, end = data.draw(st.sampled_from(candidates), label="slot")
    tiny = timedelta(microseconds=1)
    tz = scenario.availability.tz
    notice = scenario.session.min_notice

    def offered(**changes) -> bool:
        return (start, end) in slots_of(relaxed, **changes)

    assert offered()
    notice_session = replace(session, min_notice=notice)
    assert offered(session=notice_session, now=start - notice)
    assert not offered(session=notice_session, now=start - notice + tiny)
    assert offered(session=replace(session, horizon=start - relaxed.now))
    assert not offered(session=replace(session, horizon=start - relaxed.now - tiny))
    assert offered(window=Interval(start, start + tiny))
    assert not offered(window=Interval(start + tiny, end))
    assert not offered(window=Interval(start - timedelta(hours=1), start))

    availability = relaxed.availability
    before, after = session.buffer_before, session.buffer_after
    booked_before, booked_after = data.draw(BUFFERS), data.draw(BUFFERS)
    length = minutes(data.draw(st.integers(5, 120)))

    def booking_at(booking_start: datetime) -> BookedInterval:
        return BookedInterval(
            booking_start.astimezone(tz),
            (booking_start + length).astimezone(tz),
            booked_before,
            booked_after,
        )

    def busy_at(busy_start: datetime) -> Interval:
        return Interval(busy_start.astimezone(tz), (busy_start + length).astimezone(tz))

    def with_booking(booking_start: datetime) -> bool:
        more = (*availability.bookings, booking_at(booking_start))
        return offered(availability=replace(availability, bookings=more))

    def with_busy(busy_start: datetime) -> bool:
        more = (*availability.busy, busy_at(busy_start))
        return offered(availability=replace(availability, busy=more))

    # A booking ending before the slot: the larger of the two buffers that meet lies between.
    ends_just_before = start - max(before, booked_after) - length
    assert with_booking(ends_just_before)
    assert not with_booking(ends_just_before + tiny)
    starts_just_after = end + max(after, booked_before)
    assert with_booking(starts_just_after)
    assert not with_booking(starts_just_after - tiny)
    # Busy time has no buffers of its own: only the slot's count.
    assert with_busy(start - before - length)
    assert not with_busy(start - before - length + tiny)
    assert with_busy(end + after)
    assert not with_busy(end + after - tiny)
    # Squeezed between both, exactly.
    squeezed = replace(
        availability,
        bookings=(*availability.bookings, booking_at(ends_just_before)),
        busy=(*availability.busy, busy_at(end + after)),
    )
    assert offered(availability=squeezed)


# --- Agreement with the independent models and with narrower windows --------------------------


@PROPERTY_SETTINGS
@given(scenarios())
def test_working_intervals_match_the_minute_by_minute_model(scenario):
    availability, window = scenario.availability, scenario.window

    working = working_intervals(availability=availability, window=window)

    expected = [
        Interval(as_datetime(start), as_datetime(end))
        for start, end in model_working_spans(availability, window)
        if overlaps(as_datetime(start), as_datetime(end), window.start, window.end)
    ]
    assert working == expected
    for day in {window.start.astimezone(availability.tz).date(), *CHANGE_DATES}:
        minutes_of_day = local_minutes(availability.tz, day)
        assert local_day_window(day, availability.tz) == Interval(
            as_datetime(minutes_of_day[0][0]), as_datetime(minutes_of_day[-1][0] + 60)
        )


@PROPERTY_SETTINGS
@given(scenarios())
def test_free_slots_match_the_brute_force_model(scenario):
    assert slots_of(scenario) == model_free_slots(scenario)


@PROPERTY_SETTINGS
@given(scenarios(), st.data())
def test_a_narrower_window_gives_the_same_slots_inside_it(scenario, data):
    window = scenario.window
    total = int(window.duration / timedelta(minutes=5))
    first = data.draw(st.integers(0, total), label="start, in 5-minute steps")
    last = data.draw(
        st.integers(first, min(first + 36, total)) | st.integers(first, total),  # often short
        label="end, in 5-minute steps",
    )
    narrow = Interval(window.start + minutes(5 * first), window.start + minutes(5 * last))
    if data.draw(st.booleans(), label="written in the practitioner's zone"):
        tz = scenario.availability.tz
        narrow = Interval(narrow.start.astimezone(tz), narrow.end.astimezone(tz))

    every = slots_of(scenario)
    inside = slots_of(scenario, window=narrow)

    assert inside == [s for s in every if narrow.start <= s.start < narrow.end]
    assert has_free_slot(
        availability=scenario.availability,
        session=scenario.session,
        window=narrow,
        now=scenario.now,
    ) == any(s.end <= narrow.end for s in inside)


@PROPERTY_SETTINGS
@given(night_scenarios(), st.data())
def test_nights_of_clock_changes_match_the_models(scenario, data):
    availability, window, tz = scenario.availability, scenario.window, scenario.availability.tz

    slots = slots_of(scenario)

    assert slots == model_free_slots(scenario)
    assert slots == sorted(set(slots))
    assert working_intervals(availability=availability, window=window) == [
        Interval(as_datetime(start), as_datetime(end))
        for start, end in model_working_spans(availability, window)
        if overlaps(as_datetime(start), as_datetime(end), window.start, window.end)
    ]
    # A window written in the practitioner's zone, such as a patient's "Sunday 01:00–04:00".
    first = data.draw(st.integers(0, 6 * 12), label="start, in 5-minute steps")
    last = data.draw(st.integers(first, 6 * 12), label="end, in 5-minute steps")
    local = Interval(
        (window.start + minutes(5 * first)).astimezone(tz),
        (window.start + minutes(5 * last)).astimezone(tz),
    )
    expected = model_free_slots(replace(scenario, window=local))
    assert slots_of(scenario, window=local) == expected
    assert has_free_slot(
        availability=availability, session=scenario.session, window=local, now=scenario.now
    ) == any(in_utc(slot.end) <= in_utc(local.end) for slot in expected)
