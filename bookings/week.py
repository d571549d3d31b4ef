"""The week a patient picks a time from: free slots of one session type, drawn day by day in
the patient's own time zone, with the previous and next weeks one click away."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bookings import availability as engine
from bookings.selectors import Slot, agenda_slots, agendas_load


def slot_iso(moment: datetime) -> str:
    """A UTC instant as written in forms and links: 2025-03-10T08:00:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_instant(value: str | None) -> datetime | None:
    """An ISO 8601 instant with an offset, in UTC; None when missing or malformed."""
    if not value or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else None


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekSlot:
    start: datetime  # in the patient's zone
    end: datetime
    iso: str


@dataclass
class WeekDay:
    day: date
    slots: list[WeekSlot] = field(default_factory=list)


@dataclass
class WeekView:
    monday: date
    days: list[WeekDay]
    previous_monday: date | None
    next_monday: date | None

    @property
    def has_slots(self) -> bool:
        return any(day.slots for day in self.days)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


def build_week(*, slots: list[Slot], tz: ZoneInfo, monday: date, first_monday: date) -> WeekView:
    """Lay `slots` (UTC, sorted) out over the week starting `monday` as seen in `tz`.

    `first_monday` is the earliest week the patient may go back to (this week)."""
    days = [WeekDay(monday + timedelta(days=offset)) for offset in range(7)]
    later = False
    for slot in slots:
        start = slot.start.astimezone(tz)
        offset = (start.date() - monday).days
        if 0 <= offset < 7:
            days[offset].slots.append(
                WeekSlot(start, slot.end.astimezone(tz), slot_iso(slot.start))
            )
        elif offset >= 7:
            later = True
    return WeekView(
        monday=monday,
        days=days,
        previous_monday=monday - timedelta(days=7) if monday > first_monday else None,
        next_monday=monday + timedelta(days=7) if later else None,
    )


def session_week(
    *,
    practitioner_id: int,
    session_type_id: int,
    horizon_days: int,
    tz: ZoneInfo,
    now: datetime,
    monday: date | None,
) -> WeekView:
    """The week to show: `monday`'s, or the first week with a free time when none is asked."""
    first_monday = monday_of(now.astimezone(tz).date())
    window = engine.Interval(now, now + timedelta(days=horizon_days + 1))
    agenda = agendas_load(
        practitioners=[practitioner_id],
        window=window,
        session_type_ids=[session_type_id],
        now=now,
    ).get(practitioner_id)
    slots = (
        agenda_slots(agenda=agenda, window=window, now=now, session_type_id=session_type_id)
        if agenda
        else []
    )
    last_monday = monday_of((now + timedelta(days=horizon_days)).astimezone(tz).date())
    if monday is None:
        monday = monday_of(slots[0].start.astimezone(tz).date()) if slots else first_monday
    # Any week asked for in the address is kept between this week and the booking horizon.
    monday = min(max(monday_of(monday), first_monday), last_monday)
    return build_week(slots=slots, tz=tz, monday=monday, first_monday=first_monday)
