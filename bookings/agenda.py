"""The practitioner's agenda drawn as days: pure layout, no Django.

Entries (bookings, time off, external busy times) come in as aware instants; days are local
dates in the practitioner's zone. The vertical axis is the wall clock, shared by every day of
the week, as in any paper or phone calendar: 09:00 is at the same height on Monday and on the
Sunday the clocks change. Positions are percentages of the visible hours, so the page's CSS
decides how tall an hour is.

Clock changes are shown, not hidden: on a 23-hour day the hour that does not exist is a marked
band no entry can fall in; on a 25-hour day the hour that happens twice is a marked band, and
entries in its two passes sit side by side (their own times say which pass). Durations are
computed from instants, never from wall-clock differences.

An entry that covers a whole local day (holidays) is listed on top of that day instead of
filling its column; an entry crossing midnight is cut into one block per day, each knowing it
continues.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

#: Hours shown when nothing asks for more (widened to fit every entry of the period).
DEFAULT_HOURS = (8, 20)
#: Below this share of the visible window a block only has room for one line.
SHORT_PERCENT = 4.5


@dataclass(frozen=True)
class Entry:
    """Something that takes time in the agenda."""

    start: datetime  # aware; any zone
    end: datetime
    kind: str  # "booking", "time_off" or "busy"
    state: str = ""  # a booking's state
    #: Shown but no longer taking time (cancelled, declined, expired).
    faded: bool = False
    #: Passed through untouched for the page (a booking, a time off...).
    data: Any = None


@dataclass(frozen=True)
class Block:
    """One entry's part on one day, positioned on that day's column."""

    entry: Entry
    start: datetime  # the entry's own start and end, in the agenda's zone (for display)
    end: datetime
    top: float  # percent of the visible hours
    height: float
    column: int  # 0-based, among the blocks that overlap it
    columns: int
    continues_before: bool  # started on an earlier day
    continues_after: bool  # ends on a later day
    #: The UTC offset ("+02:00") of a start or end in an hour that happens twice (the hour the
    #: clocks go back), which its wall-clock time alone does not tell; empty otherwise.
    start_offset: str = ""
    end_offset: str = ""

    @property
    def left(self) -> float:
        return 100 * self.column / self.columns

    @property
    def width(self) -> float:
        return 100 / self.columns

    @property
    def ambiguous(self) -> bool:
        return bool(self.start_offset or self.end_offset)

    @property
    def short(self) -> bool:
        return self.height < SHORT_PERCENT

    @property
    def minutes(self) -> int:
        """The entry's real duration (a session over a clock change keeps its length)."""
        return int((self.end.astimezone(UTC) - self.start.astimezone(UTC)).total_seconds() // 60)


@dataclass(frozen=True)
class Band:
    """An hour of the wall clock that a clock change skips or repeats."""

    kind: str  # "skipped" or "repeated"
    hour: int  # wall-clock hour where it begins
    top: float
    height: float


@dataclass(frozen=True)
class HourRow:
    hour: int
    label: str  # "09:00"
    top: float
    height: float


@dataclass
class Day:
    date: date
    #: The local day's first instant and the next day's, in UTC: Python compares and subtracts
    #: two datetimes of the same zone by their wall clocks, which is wrong over a clock change.
    start: datetime
    end: datetime
    is_today: bool
    blocks: list[Block] = field(default_factory=list)
    #: Entries that cover the whole local day.
    all_day: list[Entry] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    #: The current time's height, on today only (when within the visible hours).
    now_top: float | None = None

    @property
    def hours_long(self) -> int:
        """23, 24 or 25: the real length of the day."""
        return round((self.end - self.start).total_seconds() / 3600)

    @property
    def is_empty(self) -> bool:
        return not self.blocks and not self.all_day

    @property
    def is_weekend(self) -> bool:
        return self.date.weekday() >= 5


@dataclass
class Layout:
    days: list[Day]
    hours: list[HourRow]
    first_hour: int  # the visible window, in wall-clock hours: [first_hour, last_hour)
    last_hour: int
    tz: ZoneInfo

    @property
    def first_day(self) -> date:
        return self.days[0].date

    @property
    def last_day(self) -> date:
        return self.days[-1].date

    @property
    def is_empty(self) -> bool:
        return all(day.is_empty for day in self.days)


# --- Local days and the wall clock -------------------------------------------------------------


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """The first instant of `day` in `tz` (where midnight itself is skipped, the instant the
    day begins)."""
    moment = datetime.combine(day, time(0), tzinfo=tz)
    return moment.astimezone(UTC).astimezone(tz)


def period_window(*, first_day: date, days: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants from the first day's start to the day after the last one."""
    return (
        local_midnight(first_day, tz).astimezone(UTC),
        local_midnight(first_day + timedelta(days=days), tz).astimezone(UTC),
    )


def _exists(day: date, hour: int, tz: ZoneInfo) -> bool:
    wall = datetime.combine(day, time(hour), tzinfo=tz)
    back = wall.astimezone(UTC).astimezone(tz)
    return back.replace(tzinfo=None) == wall.replace(tzinfo=None)


def _repeats(day: date, hour: int, tz: ZoneInfo) -> bool:
    wall = datetime.combine(day, time(hour, 30))
    return (
        wall.replace(tzinfo=tz, fold=0).utcoffset() != wall.replace(tzinfo=tz, fold=1).utcoffset()
    )


def _offset_if_ambiguous(moment: datetime) -> str:
    """ "+02:00" when this wall-clock time happens twice in its zone (the hour the clocks go
    back), else ""."""
    if moment.replace(fold=0).utcoffset() == moment.replace(fold=1).utcoffset():
        return ""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def clock_changes(day: date, tz: ZoneInfo) -> list[tuple[str, int]]:
    """("skipped" | "repeated", hour) for each wall-clock hour of `day` a clock change touches."""
    changes = []
    for hour in range(24):
        if not _exists(day, hour, tz):
            changes.append(("skipped", hour))
        elif _repeats(day, hour, tz):
            changes.append(("repeated", hour))
    return changes


def _wall_minutes(moment: datetime, day: date, tz: ZoneInfo) -> int:
    """Minutes on the wall clock from the start of `day` (0..1440) for an instant of that day
    (or its end: the next midnight is 1440)."""
    local = moment.astimezone(tz)
    if local.date() > day:
        return 24 * 60
    if local.date() < day:
        return 0
    return local.hour * 60 + local.minute + (1 if local.second or local.microsecond else 0)


# --- Layout ------------------------------------------------------------------------------------


def _columns(spans: list[tuple[int, int, int]]) -> dict[int, tuple[int, int]]:
    """(start, end, index) spans → index: (column, columns in its group of overlapping spans).

    Spans that overlap, directly or through others, form a group sharing the same number of
    columns; each span takes the leftmost column free at its start."""
    placed: dict[int, tuple[int, int]] = {}
    group: list[int] = []
    column_ends: list[int] = []
    group_end = None

    def close():
        for index in group:
            placed[index] = (placed[index][0], len(column_ends))

    for start, end, index in sorted(spans):
        if group_end is not None and start >= group_end:
            close()
            group, column_ends, group_end = [], [], None
        for column, column_end in enumerate(column_ends):
            if column_end <= start:
                column_ends[column] = end
                break
        else:
            column = len(column_ends)
            column_ends.append(end)
        placed[index] = (column, 0)
        group.append(index)
        group_end = end if group_end is None else max(group_end, end)
    close()
    return placed


def agenda_layout(
    *,
    entries: list[Entry],
    tz: ZoneInfo,
    first_day: date,
    days: int,
    now: datetime,
    hours: tuple[int, int] = DEFAULT_HOURS,
) -> Layout:
    """Lay `entries` out over `days` local dates from `first_day`, as seen in `tz`.

    The visible hours are `hours` (wall clock, end excluded), widened to whole hours so that
    every timed block of the period fits."""
    today = now.astimezone(tz).date()
    day_list = []
    for offset in range(days):
        current = first_day + timedelta(days=offset)
        day_list.append(
            Day(
                date=current,
                start=local_midnight(current, tz).astimezone(UTC),
                end=local_midnight(current + timedelta(days=1), tz).astimezone(UTC),
                is_today=current == today,
            )
        )

    # Cut each entry into its parts per day, on the wall clock of that day.
    parts: list[tuple[Day, Entry, int, int]] = []
    for entry in entries:
        entry_start, entry_end = entry.start.astimezone(UTC), entry.end.astimezone(UTC)
        if entry_end <= entry_start:
            continue
        for day in day_list:
            if entry_end <= day.start or entry_start >= day.end:
                continue
            if entry_start <= day.start and entry_end >= day.end:
                day.all_day.append(entry)
                continue
            top = _wall_minutes(max(entry_start, day.start), day.date, tz)
            bottom = _wall_minutes(min(entry_end, day.end), day.date, tz)
            # A spring-forward day: a part ending inside the skipped hour ends on the wall clock
            # at the hour after it, never above its own start.
            bottom = max(bottom, top + 1)
            parts.append((day, entry, top, bottom))

    first_hour, last_hour = hours
    for _day, _entry, top, bottom in parts:
        first_hour = min(first_hour, top // 60)
        last_hour = max(last_hour, -(-bottom // 60))
    first_hour, last_hour = max(0, first_hour), min(24, last_hour)
    span = (last_hour - first_hour) * 60

    def percent(minutes: int) -> float:
        return round(100 * (minutes - first_hour * 60) / span, 3)

    by_day: dict[date, list[tuple[int, int, int]]] = {}
    for index, (day, _entry, top, bottom) in enumerate(parts):
        by_day.setdefault(day.date, []).append((top, bottom, index))
    placement: dict[int, tuple[int, int]] = {}
    for spans in by_day.values():
        placement.update(_columns(spans))

    for index, (day, entry, top, bottom) in enumerate(parts):
        column, columns = placement[index]
        start, end = entry.start.astimezone(tz), entry.end.astimezone(tz)
        day.blocks.append(
            Block(
                entry=entry,
                start=start,
                end=end,
                top=percent(top),
                height=round(100 * (bottom - top) / span, 3),
                column=column,
                columns=columns,
                continues_before=entry.start.astimezone(UTC) < day.start,
                continues_after=entry.end.astimezone(UTC) > day.end,
                start_offset=_offset_if_ambiguous(start),
                end_offset=_offset_if_ambiguous(end),
            )
        )

    for day in day_list:
        day.blocks.sort(key=lambda b: (b.start.astimezone(UTC), b.column))
        day.all_day.sort(key=lambda e: e.start.astimezone(UTC))
        day.bands = [
            Band(kind, hour, percent(hour * 60), round(100 * 60 / span, 3))
            for kind, hour in clock_changes(day.date, tz)
            if first_hour <= hour < last_hour
        ]
        if day.is_today:
            minutes = _wall_minutes(now, day.date, tz)
            if first_hour * 60 <= minutes <= last_hour * 60:
                day.now_top = percent(minutes)

    rows = [
        HourRow(hour, f"{hour:02d}:00", percent(hour * 60), round(100 * 60 / span, 3))
        for hour in range(first_hour, last_hour)
    ]
    return Layout(days=day_list, hours=rows, first_hour=first_hour, last_hour=last_hour, tz=tz)
