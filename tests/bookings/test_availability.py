"""Example-based tests of the pure availability engine (`bookings/availability.py`).

Expected slots are written in the practitioner's local time; the engine returns UTC.
No database: the engine imports nothing from Django.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

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

PARIS = ZoneInfo("Europe/Paris")
MONTREAL = ZoneInfo("America/Montreal")
TOKYO = ZoneInfo("Asia/Tokyo")

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
WEEKDAYS = (MON, TUE, WED, THU, FRI)

#: Long before every window used here, so notice and horizon never get in the way by accident.
LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)

#: The usual session: 50 minutes and a 10-minute buffer after, so back to back every hour.
SESSION = SessionSpec(
    duration=timedelta(minutes=50),
    buffer_after=timedelta(minutes=10),
    horizon=timedelta(days=400),
)


def spec(**options) -> SessionSpec:
    """A session spec whose horizon reaches every window used here unless told otherwise."""
    options.setdefault("horizon", timedelta(days=400))
    return SessionSpec(**options)


def minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


def tr(start: str, end: str) -> TimeRange:
    return TimeRange(time.fromisoformat(start), time.fromisoformat(end))


def weekly(days, *ranges: tuple[str, str], **options) -> WeeklyTemplate:
    """A template with the same `ranges` on each of `days`."""
    return WeeklyTemplate(
        ranges=tuple((day, tr(start, end)) for day in days for start, end in ranges), **options
    )


def at(tz: ZoneInfo, moment: str, *, fold: int = 0) -> datetime:
    """An aware datetime from local wall-clock text such as "2026-06-08 09:00"."""
    return datetime.fromisoformat(moment).replace(tzinfo=tz, fold=fold)


def utc(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


def days_window(tz: ZoneInfo, first: str, last: str | None = None) -> Interval:
    """From local midnight of `first` to local midnight after `last` (or after `first`)."""
    first_day = date.fromisoformat(first)
    last_day = date.fromisoformat(last) if last else first_day
    return Interval(local_day_window(first_day, tz).start, local_day_window(last_day, tz).end)


def local_starts(slots, tz: ZoneInfo, fmt: str = "%Y-%m-%d %H:%M") -> list[str]:
    return [slot.start.astimezone(tz).strftime(fmt) for slot in slots]


def slots_of(availability, window, session=SESSION, now=LONG_AGO):
    return free_slots(availability=availability, session=session, window=window, now=now)


def paris_week(**extra) -> Availability:
    """Mon–Fri 09:00–12:00 and 14:00–18:00 in Paris."""
    return Availability(
        tz=PARIS,
        templates=(weekly(WEEKDAYS, ("09:00", "12:00"), ("14:00", "18:00")),),
        **extra,
    )


HOURLY = ["09:00", "10:00", "11:00", "14:00", "15:00", "16:00", "17:00"]


# --- A plain week ------------------------------------------------------------------------------


def test_plain_week_in_paris_gives_hourly_slots_on_weekdays_only():
    slots = slots_of(paris_week(), days_window(PARIS, "2026-06-08", "2026-06-14"))

    expected = [f"2026-06-{day:02d} {clock}" for day in range(8, 13) for clock in HOURLY]
    assert local_starts(slots, PARIS) == expected
    assert all(slot.duration == minutes(50) for slot in slots)
    assert all(slot.start.tzinfo is UTC for slot in slots)
    # Summer time in Paris: 09:00 local is 07:00 UTC.
    assert slots[0].start == utc("2026-06-08 07:00")


def test_default_step_is_duration_plus_both_buffers():
    session = spec(duration=minutes(40), buffer_before=minutes(5), buffer_after=minutes(15))
    assert session.effective_step == minutes(60)
    availability = Availability(tz=PARIS, templates=(weekly([MON], ("09:00", "12:00")),))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08"), session)

    assert local_starts(slots, PARIS, "%H:%M") == ["09:00", "10:00", "11:00"]


def test_slot_may_start_at_the_end_of_a_range_minus_duration_but_not_later():
    availability = Availability(tz=PARIS, templates=(weekly([MON], ("09:00", "10:40")),))
    window = days_window(PARIS, "2026-06-08")

    slots = slots_of(availability, window, spec(duration=minutes(50), step=minutes(25)))
    every_minute = slots_of(availability, window, spec(duration=minutes(50), step=minutes(1)))

    assert local_starts(slots, PARIS, "%H:%M") == ["09:00", "09:25", "09:50"]
    assert slots[-1].end == at(PARIS, "2026-06-08 10:40")
    assert len(every_minute) == 51
    assert every_minute[-1].end == at(PARIS, "2026-06-08 10:40")


# --- Daylight saving time ----------------------------------------------------------------------


def test_paris_monday_slot_moves_in_utc_after_the_march_change():
    # Clocks go forward on Sunday 29 March 2026, 02:00 → 03:00.
    availability = Availability(tz=PARIS, templates=(weekly([MON], ("09:00", "10:00")),))

    before = slots_of(availability, days_window(PARIS, "2026-03-23"))
    after = slots_of(availability, days_window(PARIS, "2026-03-30"))

    assert [slot.start for slot in before] == [utc("2026-03-23 08:00")]
    assert [slot.start for slot in after] == [utc("2026-03-30 07:00")]
    assert local_starts(before + after, PARIS, "%H:%M") == ["09:00", "09:00"]


def test_paris_monday_slot_moves_in_utc_after_the_october_change():
    # Clocks go back on Sunday 25 October 2026, 03:00 → 02:00.
    availability = Availability(tz=PARIS, templates=(weekly([MON], ("09:00", "10:00")),))

    before = slots_of(availability, days_window(PARIS, "2026-10-19"))
    after = slots_of(availability, days_window(PARIS, "2026-10-26"))

    assert [slot.start for slot in before] == [utc("2026-10-19 07:00")]
    assert [slot.start for slot in after] == [utc("2026-10-26 08:00")]


def test_range_across_the_march_gap_keeps_only_the_hours_that_exist():
    # 01:00–04:00 on 29 March is two real hours: 01:00–02:00 CET, then 03:00–04:00 CEST.
    availability = Availability(tz=PARIS, templates=(weekly([SUN], ("01:00", "04:00")),))
    window = days_window(PARIS, "2026-03-29")

    slots = slots_of(availability, window)

    assert local_starts(slots, PARIS, "%H:%M%z") == ["01:00+0100", "03:00+0200"]
    assert [slot.start for slot in slots] == [utc("2026-03-29 00:00"), utc("2026-03-29 01:00")]
    assert working_intervals(availability=availability, window=window) == [
        Interval(utc("2026-03-29 00:00"), utc("2026-03-29 02:00"))
    ]


def test_range_starting_inside_the_march_gap_starts_when_the_clocks_jump():
    availability = Availability(tz=PARIS, templates=(weekly([SUN], ("02:30", "04:00")),))
    window = days_window(PARIS, "2026-03-29")

    assert working_intervals(availability=availability, window=window) == [
        Interval(at(PARIS, "2026-03-29 03:00"), at(PARIS, "2026-03-29 04:00"))
    ]


def test_range_wholly_inside_the_march_gap_is_no_working_time():
    availability = Availability(tz=PARIS, templates=(weekly([SUN], ("02:10", "02:50")),))
    window = days_window(PARIS, "2026-03-29")

    assert working_intervals(availability=availability, window=window) == []
    assert slots_of(availability, window, spec(duration=minutes(10))) == []


def test_range_over_the_repeated_october_hour_keeps_its_full_length():
    # 01:00–04:00 on 25 October lasts four real hours: 02:00–03:00 happens twice.
    availability = Availability(tz=PARIS, templates=(weekly([SUN], ("01:00", "04:00")),))
    window = days_window(PARIS, "2026-10-25")

    slots = slots_of(availability, window)

    assert local_starts(slots, PARIS, "%H:%M%z") == [
        "01:00+0200",
        "02:00+0200",
        "02:00+0100",
        "03:00+0100",
    ]
    assert working_intervals(availability=availability, window=window) == [
        Interval(utc("2026-10-24 23:00"), utc("2026-10-25 03:00"))
    ]


def test_range_inside_the_repeated_october_hour_runs_from_first_to_second_occurrence():
    # 02:00–03:00 local: from the first 02:00 (CEST) to 03:00 (CET), two real hours.
    availability = Availability(tz=PARIS, templates=(weekly([SUN], ("02:00", "03:00")),))
    window = days_window(PARIS, "2026-10-25")

    (interval,) = working_intervals(availability=availability, window=window)

    assert interval == Interval(utc("2026-10-25 00:00"), utc("2026-10-25 02:00"))
    assert interval.duration == timedelta(hours=2)
    assert local_starts(slots_of(availability, window), PARIS, "%H:%M%z") == [
        "02:00+0200",
        "02:00+0100",
    ]


@pytest.mark.parametrize(
    ("tz", "day", "end", "utc_end"),
    [
        (PARIS, "2026-10-25", "02:00", "2026-10-25 00:00"),  # the first 02:00, CEST
        (MONTREAL, "2026-11-01", "01:00", "2026-11-01 05:00"),  # the first 01:00, EDT
    ],
    ids=["paris", "montreal"],
)
def test_range_ending_where_the_repeated_hour_starts_gains_no_hour(tz, day, end, utc_end):
    # No time before 02:00 (Paris) comes back after the clocks go back: the range ends at the
    # first 02:00, and the repeated hour is not working time.
    availability = Availability(tz=tz, templates=(weekly([SUN], ("00:00", end)),))
    window = days_window(tz, day)

    (interval,) = working_intervals(availability=availability, window=window)

    assert interval == Interval(at(tz, f"{day} 00:00"), utc(utc_end))
    assert local_starts(slots_of(availability, window), tz, "%H:%M%z")[-1] == (
        "01:00+0200" if tz is PARIS else "00:00-0400"
    )


def test_ranges_around_the_repeated_hour_give_sorted_distinct_slots():
    # 00:00–02:15 ends at the *second* 02:15 and 02:30–05:00 starts at the *first* 02:30, so in
    # UTC the two ranges overlap; the working time is their union, each slot offered once.
    availability = Availability(
        tz=PARIS, templates=(weekly([SUN], ("00:00", "02:15"), ("02:30", "05:00")),)
    )
    window = days_window(PARIS, "2026-10-25")
    session = spec(duration=minutes(10))

    slots = slots_of(availability, window, session)

    assert working_intervals(availability=availability, window=window) == [
        Interval(utc("2026-10-24 22:00"), utc("2026-10-25 04:00"))
    ]
    assert slots == sorted(set(slots))
    assert len(slots) == 6 * 6  # six real hours of back-to-back 10-minute sessions


def test_ranges_meeting_across_the_march_gap_are_one_working_interval():
    # 01:00–02:00 CET and 03:00–04:00 CEST follow each other without a break in real time.
    availability = Availability(
        tz=PARIS, templates=(weekly([SUN], ("01:00", "02:00"), ("03:00", "04:00")),)
    )
    window = days_window(PARIS, "2026-03-29")
    session = spec(duration=minutes(60), step=minutes(30))

    assert working_intervals(availability=availability, window=window) == [
        Interval(utc("2026-03-29 00:00"), utc("2026-03-29 02:00"))
    ]
    assert local_starts(slots_of(availability, window, session), PARIS, "%H:%M") == [
        "01:00",
        "01:30",
        "03:00",
    ]


def test_interval_in_a_local_zone_across_the_repeated_hour():
    # 02:50 CEST to 02:10 CET: the wall clock goes back, time does not.
    start = at(PARIS, "2026-10-25 02:50")
    end = at(PARIS, "2026-10-25 02:10", fold=1)

    assert Interval(start, end).duration == minutes(20)
    with pytest.raises(ValueError):
        Interval(end, start)


def test_has_free_slot_with_a_local_window_in_the_repeated_hour():
    availability = Availability(tz=PARIS, templates=(weekly([SUN], ("01:00", "04:00")),))
    session = spec(duration=minutes(60))
    # From the second 02:00 (CET) to 03:00 CET: exactly one hour, the 02:00 CET slot fits.
    window = Interval(at(PARIS, "2026-10-25 02:00", fold=1), at(PARIS, "2026-10-25 03:00"))

    assert has_free_slot(availability=availability, session=session, window=window, now=LONG_AGO)


def test_first_free_slots_with_a_local_now_across_the_march_change():
    availability = Availability(tz=PARIS, templates=(weekly([SUN], ("09:00", "11:00")),))
    session = spec(duration=minutes(30), step=minutes(30), horizon=timedelta(days=1))
    now = at(PARIS, "2026-03-28 10:00")  # 09:00 UTC; the horizon ends at 09:00 UTC on Sunday

    slots = first_free_slots(availability=availability, session=session, now=now, limit=10)

    assert local_starts(slots, PARIS, "%H:%M") == ["09:00", "09:30", "10:00", "10:30"]


def test_local_day_window_has_23_and_25_hours_on_the_paris_change_dates():
    assert local_day_window(date(2026, 3, 29), PARIS).duration == timedelta(hours=23)
    assert local_day_window(date(2026, 10, 25), PARIS).duration == timedelta(hours=25)
    assert local_day_window(date(2026, 6, 8), PARIS).duration == timedelta(hours=24)
    assert local_day_window(date(2026, 10, 25), PARIS) == Interval(
        utc("2026-10-24 22:00"), utc("2026-10-25 23:00")
    )


def test_local_day_window_in_montreal_and_tokyo():
    assert local_day_window(date(2026, 3, 8), MONTREAL).duration == timedelta(hours=23)
    assert local_day_window(date(2026, 11, 1), MONTREAL).duration == timedelta(hours=25)
    assert local_day_window(date(2026, 3, 29), TOKYO) == Interval(
        utc("2026-03-28 15:00"), utc("2026-03-29 15:00")
    )


# --- Other zones, and a patient in another zone -------------------------------------------------


def test_montreal_practitioner_seen_from_paris_across_both_clock_changes():
    # Montreal changes on 8 March and 1 November 2026, Paris on 29 March and 25 October: in
    # between, the two cities are five hours apart instead of six.
    availability = Availability(tz=MONTREAL, templates=(weekly([MON], ("09:00", "10:00")),))
    mondays = ["2026-03-02", "2026-03-09", "2026-03-30", "2026-10-19", "2026-10-26", "2026-11-02"]

    slots = [slot for day in mondays for slot in slots_of(availability, days_window(MONTREAL, day))]

    assert local_starts(slots, MONTREAL, "%H:%M") == ["09:00"] * 6
    assert [slot.start.strftime("%H:%M") for slot in slots] == [
        "14:00",  # EST, UTC-5
        "13:00",  # EDT, UTC-4
        "13:00",
        "13:00",
        "13:00",
        "14:00",  # EST again
    ]
    assert local_starts(slots, PARIS, "%H:%M") == [
        "15:00",  # both on winter time: six hours apart
        "14:00",  # Montreal already on summer time, Paris not yet
        "15:00",
        "15:00",
        "14:00",  # Paris back on winter time, Montreal not yet
        "15:00",
    ]


def test_montreal_march_gap():
    # 8 March 2026, 02:00 → 03:00 in Montreal.
    availability = Availability(tz=MONTREAL, templates=(weekly([SUN], ("01:00", "04:00")),))

    slots = slots_of(availability, days_window(MONTREAL, "2026-03-08"))

    assert local_starts(slots, MONTREAL, "%H:%M%z") == ["01:00-0500", "03:00-0400"]


def test_tokyo_monday_morning_slots_fall_on_sunday_in_utc():
    # Tokyo is UTC+9 all year: Monday 07:00–10:00 there is Sunday 22:00 – Monday 01:00 UTC.
    availability = Availability(tz=TOKYO, templates=(weekly([MON], ("07:00", "10:00")),))

    slots = slots_of(availability, days_window(TOKYO, "2026-06-08"))

    assert local_starts(slots, TOKYO, "%a %H:%M") == ["Mon 07:00", "Mon 08:00", "Mon 09:00"]
    assert [slot.start for slot in slots] == [
        utc("2026-06-07 22:00"),
        utc("2026-06-07 23:00"),
        utc("2026-06-08 00:00"),
    ]
    assert [slot.start.weekday() for slot in slots] == [SUN, SUN, MON]
    # A patient in Montreal (EDT, UTC-4) books on Sunday evening.
    assert local_starts(slots, MONTREAL, "%a %H:%M") == ["Sun 18:00", "Sun 19:00", "Sun 20:00"]


def test_tokyo_practitioner_does_not_move_but_a_montreal_patient_sees_the_shift():
    availability = Availability(tz=TOKYO, templates=(weekly([MON], ("09:00", "10:00")),))
    before = slots_of(availability, days_window(TOKYO, "2026-03-02"))
    after = slots_of(availability, days_window(TOKYO, "2026-03-09"))

    assert [s.start for s in before + after] == [utc("2026-03-02 00:00"), utc("2026-03-09 00:00")]
    assert local_starts(before + after, MONTREAL, "%a %H:%M") == ["Sun 19:00", "Sun 20:00"]


def test_utc_practitioner():
    availability = Availability(tz=ZoneInfo("UTC"), templates=(weekly([SUN], ("01:00", "04:00")),))

    slots = slots_of(availability, days_window(ZoneInfo("UTC"), "2026-03-29"))

    assert [slot.start for slot in slots] == [
        utc("2026-03-29 01:00"),
        utc("2026-03-29 02:00"),
        utc("2026-03-29 03:00"),
    ]


# --- Weekly templates --------------------------------------------------------------------------


def test_template_validity_dates_are_inclusive():
    template = weekly(
        WEEKDAYS,
        ("09:00", "10:00"),
        valid_from=date(2026, 6, 10),
        valid_until=date(2026, 6, 11),
    )
    availability = Availability(tz=PARIS, templates=(template,))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08", "2026-06-14"))

    assert local_starts(slots, PARIS) == ["2026-06-10 09:00", "2026-06-11 09:00"]


def test_open_ended_validity():
    starting = weekly([MON], ("09:00", "10:00"), valid_from=date(2026, 6, 15))
    ending = weekly([MON], ("11:00", "12:00"), valid_until=date(2026, 6, 8))
    availability = Availability(tz=PARIS, templates=(starting, ending))

    slots = slots_of(availability, days_window(PARIS, "2026-06-01", "2026-06-21"))

    assert local_starts(slots, PARIS) == [
        "2026-06-01 11:00",
        "2026-06-08 11:00",
        "2026-06-15 09:00",
    ]


def test_two_templates_are_merged():
    mornings = weekly([MON], ("09:00", "10:30"))
    late_mornings = weekly([MON], ("10:00", "12:00"))
    availability = Availability(tz=PARIS, templates=(mornings, late_mornings))
    window = days_window(PARIS, "2026-06-08")

    assert working_intervals(availability=availability, window=window) == [
        Interval(at(PARIS, "2026-06-08 09:00"), at(PARIS, "2026-06-08 12:00"))
    ]
    assert local_starts(slots_of(availability, window), PARIS, "%H:%M") == [
        "09:00",
        "10:00",
        "11:00",
    ]


def test_slot_may_straddle_two_touching_ranges():
    availability = Availability(
        tz=PARIS,
        templates=(weekly([MON], ("09:00", "10:30")), weekly([MON], ("10:30", "12:00"))),
    )
    session = spec(duration=minutes(60), step=minutes(30))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08"), session)

    assert local_starts(slots, PARIS, "%H:%M") == ["09:00", "09:30", "10:00", "10:30", "11:00"]


def test_summer_template_replaces_the_standard_one_only_while_valid():
    standard = weekly(WEEKDAYS, ("09:00", "11:00"))
    summer = weekly(
        WEEKDAYS,
        ("14:00", "16:00"),
        valid_from=date(2026, 7, 1),
        valid_until=date(2026, 8, 31),
        replaces_others=True,
    )
    availability = Availability(tz=PARIS, templates=(standard, summer))

    def day(iso):
        return local_starts(slots_of(availability, days_window(PARIS, iso)), PARIS, "%H:%M")

    assert day("2026-06-30") == ["09:00", "10:00"]
    assert day("2026-07-01") == ["14:00", "15:00"]
    assert day("2026-08-31") == ["14:00", "15:00"]
    assert day("2026-09-01") == ["09:00", "10:00"]


def test_replacing_template_without_hours_on_a_weekday_leaves_that_weekday_free():
    standard = weekly(WEEKDAYS, ("09:00", "11:00"))
    summer = weekly([MON, TUE], ("09:00", "10:00"), replaces_others=True)
    availability = Availability(tz=PARIS, templates=(standard, summer))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08", "2026-06-10"))

    assert local_starts(slots, PARIS) == ["2026-06-08 09:00", "2026-06-09 09:00"]


def test_two_replacing_templates_are_merged_together():
    standard = weekly([MON], ("09:00", "18:00"))
    summer_morning = weekly([MON], ("09:00", "10:00"), replaces_others=True)
    summer_evening = weekly([MON], ("17:00", "18:00"), replaces_others=True)
    availability = Availability(tz=PARIS, templates=(standard, summer_morning, summer_evening))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08"))

    assert local_starts(slots, PARIS, "%H:%M") == ["09:00", "17:00"]


def test_template_restricted_to_dates_every_other_wednesday():
    every_week = weekly([MON], ("09:00", "10:00"))
    every_other_wednesday = weekly(
        [WED],
        ("14:00", "15:00"),
        dates=frozenset({date(2026, 6, 3), date(2026, 6, 17), date(2026, 7, 1)}),
    )
    availability = Availability(tz=PARIS, templates=(every_week, every_other_wednesday))

    slots = slots_of(availability, days_window(PARIS, "2026-06-01", "2026-07-05"))

    assert local_starts(slots, PARIS, "%a %Y-%m-%d %H:%M") == [
        "Mon 2026-06-01 09:00",
        "Wed 2026-06-03 14:00",
        "Mon 2026-06-08 09:00",
        "Mon 2026-06-15 09:00",
        "Wed 2026-06-17 14:00",
        "Mon 2026-06-22 09:00",
        "Mon 2026-06-29 09:00",
        "Wed 2026-07-01 14:00",
    ]


def test_template_dates_on_the_wrong_weekday_give_nothing():
    template = weekly([WED], ("14:00", "15:00"), dates=frozenset({date(2026, 6, 4)}))  # Thursday
    availability = Availability(tz=PARIS, templates=(template,))

    assert slots_of(availability, days_window(PARIS, "2026-06-01", "2026-06-07")) == []


# --- Date overrides ----------------------------------------------------------------------------


def test_override_gives_different_hours_on_its_date_only():
    override = DateOverride(date(2026, 6, 9), (tr("13:00", "15:00"),))
    availability = paris_week(overrides=(override,))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08", "2026-06-10"))

    assert local_starts(slots, PARIS) == [
        *[f"2026-06-08 {clock}" for clock in HOURLY],
        "2026-06-09 13:00",
        "2026-06-09 14:00",
        *[f"2026-06-10 {clock}" for clock in HOURLY],
    ]


def test_override_without_ranges_is_a_day_off():
    availability = paris_week(overrides=(DateOverride(date(2026, 6, 9)),))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08", "2026-06-10"))

    assert {slot.start.astimezone(PARIS).date() for slot in slots} == {
        date(2026, 6, 8),
        date(2026, 6, 10),
    }


def test_override_opens_a_saturday_and_beats_a_replacing_template():
    standard = weekly(WEEKDAYS, ("09:00", "12:00"), ("14:00", "18:00"))
    summer = weekly(WEEKDAYS, ("09:00", "10:00"), replaces_others=True)
    overrides = (
        DateOverride(date(2026, 6, 13), (tr("10:00", "11:00"),)),  # Saturday
        DateOverride(date(2026, 6, 8), (tr("16:00", "17:00"), tr("08:00", "09:00"))),
    )
    availability = Availability(tz=PARIS, templates=(standard, summer), overrides=overrides)

    slots = slots_of(availability, days_window(PARIS, "2026-06-08", "2026-06-14"))

    assert local_starts(slots, PARIS, "%a %H:%M") == [
        "Mon 08:00",
        "Mon 16:00",
        "Tue 09:00",
        "Wed 09:00",
        "Thu 09:00",
        "Fri 09:00",
        "Sat 10:00",
    ]


# --- Time off ----------------------------------------------------------------------------------


def test_time_off_hours_are_cut_out_and_no_slot_straddles_them():
    time_off = Interval(at(PARIS, "2026-06-08 10:30"), at(PARIS, "2026-06-08 10:45"))
    availability = Availability(
        tz=PARIS, templates=(weekly([MON], ("09:00", "12:00")),), time_off=(time_off,)
    )
    window = days_window(PARIS, "2026-06-08")

    assert working_intervals(availability=availability, window=window) == [
        Interval(at(PARIS, "2026-06-08 09:00"), at(PARIS, "2026-06-08 10:30")),
        Interval(at(PARIS, "2026-06-08 10:45"), at(PARIS, "2026-06-08 12:00")),
    ]
    # 10:00–10:50 would straddle the time off; the next slot starts when it ends.
    assert local_starts(slots_of(availability, window), PARIS, "%H:%M") == ["09:00", "10:45"]


def test_time_off_leaving_too_little_time():
    time_off = Interval(at(PARIS, "2026-06-08 10:00"), at(PARIS, "2026-06-08 11:30"))
    availability = Availability(
        tz=PARIS, templates=(weekly([MON], ("09:00", "12:00")),), time_off=(time_off,)
    )

    slots = slots_of(availability, days_window(PARIS, "2026-06-08"))

    assert local_starts(slots, PARIS, "%H:%M") == ["09:00"]  # 11:30–12:20 would not fit


def test_whole_days_of_time_off():
    holiday = Interval(at(PARIS, "2026-06-09 00:00"), at(PARIS, "2026-06-11 00:00"))
    availability = paris_week(time_off=(holiday,))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08", "2026-06-12"))

    assert sorted({slot.start.astimezone(PARIS).strftime("%a") for slot in slots}) == [
        "Fri",
        "Mon",
        "Thu",
    ]
    assert len(slots) == 3 * len(HOURLY)


def test_overlapping_time_off_given_in_another_zone():
    time_off = (
        Interval(utc("2026-06-08 07:30"), utc("2026-06-08 09:00")),  # 09:30–11:00 Paris
        Interval(at(TOKYO, "2026-06-08 17:00"), at(TOKYO, "2026-06-08 18:30")),  # 10:00–11:30
    )
    availability = Availability(
        tz=PARIS, templates=(weekly([MON], ("09:00", "13:00")),), time_off=time_off
    )
    window = days_window(PARIS, "2026-06-08")

    assert working_intervals(availability=availability, window=window) == [
        Interval(at(PARIS, "2026-06-08 09:00"), at(PARIS, "2026-06-08 09:30")),
        Interval(at(PARIS, "2026-06-08 11:30"), at(PARIS, "2026-06-08 13:00")),
    ]
    assert local_starts(slots_of(availability, window), PARIS, "%H:%M") == ["11:30"]


# --- Busy time, bookings and buffers -----------------------------------------------------------


def test_candidate_with_its_own_buffers_cannot_overlap_busy_time():
    busy = Interval(at(PARIS, "2026-06-08 11:00"), at(PARIS, "2026-06-08 11:30"))
    availability = Availability(
        tz=PARIS, templates=(weekly([MON], ("09:00", "13:00")),), busy=(busy,)
    )
    session = spec(
        duration=minutes(50),
        buffer_before=minutes(10),
        buffer_after=minutes(10),
        step=minutes(15),
    )

    slots = slots_of(availability, days_window(PARIS, "2026-06-08"), session)

    # 10:00 (+50 +10 = 11:00) touches the busy time; 11:45 (-10 = 11:35) is clear of it.
    assert local_starts(slots, PARIS, "%H:%M") == [
        "09:00",
        "09:15",
        "09:30",
        "09:45",
        "10:00",
        "11:45",
        "12:00",
    ]


def test_busy_time_does_not_carry_the_sessions_buffers_twice():
    # Busy time has no buffers of its own: only the candidate's buffers count.
    busy = Interval(at(PARIS, "2026-06-08 10:00"), at(PARIS, "2026-06-08 11:00"))
    availability = Availability(
        tz=PARIS, templates=(weekly([MON], ("09:00", "13:00")),), busy=(busy,)
    )
    session = spec(duration=minutes(30), buffer_before=minutes(5), step=minutes(5))

    slots = local_starts(
        slots_of(availability, days_window(PARIS, "2026-06-08"), session), PARIS, "%H:%M"
    )

    assert "09:30" in slots
    assert "09:35" not in slots
    assert "11:00" not in slots
    assert "11:05" in slots


@pytest.mark.parametrize(
    ("booking_buffers", "session_buffers", "last_before", "first_after"),
    [
        # (booking before, after), (session before, after): the larger that meet wins.
        ((5, 20), (15, 10), "09:00", "11:10"),  # session's 10 before it, booking's 20 after
        ((25, 5), (10, 20), "08:45", "11:00"),  # booking's 25 before it, session's 10 after
        ((0, 0), (0, 0), "09:10", "10:50"),  # no buffers: back to back
    ],
    ids=["session-after-booking-after", "booking-before-session-before", "none"],
)
def test_two_sessions_are_separated_by_the_larger_buffer_that_meets(
    booking_buffers, session_buffers, last_before, first_after
):
    booking = BookedInterval(
        start=at(PARIS, "2026-06-08 10:00"),
        end=at(PARIS, "2026-06-08 10:50"),
        buffer_before=minutes(booking_buffers[0]),
        buffer_after=minutes(booking_buffers[1]),
    )
    availability = Availability(
        tz=PARIS, templates=(weekly([MON], ("08:00", "13:00")),), bookings=(booking,)
    )
    session = spec(
        duration=minutes(50),
        buffer_before=minutes(session_buffers[0]),
        buffer_after=minutes(session_buffers[1]),
        step=minutes(5),
    )

    slots = local_starts(
        slots_of(availability, days_window(PARIS, "2026-06-08"), session), PARIS, "%H:%M"
    )

    assert last_before in slots
    assert first_after in slots
    assert [s for s in slots if last_before < s < first_after] == []


def test_booking_buffers_push_the_next_back_to_back_slot():
    booking = BookedInterval(
        start=at(PARIS, "2026-06-08 09:00"),
        end=at(PARIS, "2026-06-08 09:50"),
        buffer_after=minutes(30),
    )
    availability = Availability(
        tz=PARIS, templates=(weekly([MON], ("09:00", "12:00")),), bookings=(booking,)
    )

    slots = slots_of(availability, days_window(PARIS, "2026-06-08"))

    # Blocked until 10:20; the next start on the hourly grid is 11:00.
    assert local_starts(slots, PARIS, "%H:%M") == ["11:00"]


def test_back_to_back_at_the_exact_boundary_is_allowed():
    booking = BookedInterval(at(PARIS, "2026-06-08 10:00"), at(PARIS, "2026-06-08 10:50"))
    busy = Interval(at(PARIS, "2026-06-08 11:40"), at(PARIS, "2026-06-08 12:30"))
    availability = Availability(
        tz=PARIS,
        templates=(weekly([MON], ("09:10", "13:20")),),
        bookings=(booking,),
        busy=(busy,),
    )
    session = spec(duration=minutes(50))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08"), session)

    # 09:10–10:00 ends as the booking starts, 10:50 starts as it ends, 10:50–11:40 ends as the
    # busy time starts and 12:30 starts as it ends.
    assert local_starts(slots, PARIS, "%H:%M") == ["09:10", "10:50", "12:30"]


def test_busy_time_and_bookings_outside_working_hours_change_nothing():
    availability = paris_week(
        busy=(Interval(at(PARIS, "2026-06-08 12:10"), at(PARIS, "2026-06-08 13:50")),),
        bookings=(BookedInterval(at(PARIS, "2026-06-08 06:00"), at(PARIS, "2026-06-08 07:00")),),
    )

    slots = slots_of(availability, days_window(PARIS, "2026-06-08"))

    assert local_starts(slots, PARIS, "%H:%M") == HOURLY


def test_sub_second_busy_end_still_blocks():
    busy = Interval(at(PARIS, "2026-06-08 08:00"), at(PARIS, "2026-06-08 09:00:00.000001"))
    availability = paris_week(busy=(busy,))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08"))

    assert local_starts(slots, PARIS, "%H:%M")[0] == "10:00"


# --- Notice, horizon, window and step ----------------------------------------------------------


def test_min_notice_and_horizon():
    session = spec(
        duration=minutes(50),
        buffer_after=minutes(10),
        min_notice=timedelta(hours=24),
        horizon=timedelta(days=3),
    )
    now = at(PARIS, "2026-06-08 08:30")  # Monday

    slots = slots_of(paris_week(), days_window(PARIS, "2026-06-08", "2026-06-14"), session, now=now)

    # First start at or after Tuesday 08:30, last start at or before Thursday 08:30.
    assert local_starts(slots, PARIS) == [
        *[f"2026-06-09 {clock}" for clock in HOURLY],
        *[f"2026-06-10 {clock}" for clock in HOURLY],
    ]


def test_notice_and_horizon_bounds_are_inclusive():
    session = spec(
        duration=minutes(50),
        buffer_after=minutes(10),
        min_notice=timedelta(hours=24),
        horizon=timedelta(days=2),
    )
    now = at(PARIS, "2026-06-07 09:00")  # Sunday

    slots = slots_of(paris_week(), days_window(PARIS, "2026-06-01", "2026-06-30"), session, now)

    assert local_starts(slots, PARIS) == [
        *[f"2026-06-08 {clock}" for clock in HOURLY],
        "2026-06-09 09:00",
    ]


def test_slot_that_already_started_by_a_fraction_of_a_second_is_not_offered():
    now = at(PARIS, "2026-06-08 09:00:00.500000")
    window = Interval(now, now + timedelta(hours=3))

    slots = slots_of(paris_week(), window, now=now)

    assert local_starts(slots, PARIS, "%H:%M") == ["10:00", "11:00"]


def test_window_bounds_slot_starts_not_ends():
    window = Interval(at(PARIS, "2026-06-08 09:30"), at(PARIS, "2026-06-08 11:00"))

    slots = slots_of(paris_week(), window)

    # 09:00 starts before the window; 10:00–10:50 is inside; 11:00 starts at its (open) end.
    assert local_starts(slots, PARIS, "%H:%M") == ["10:00"]
    window = Interval(at(PARIS, "2026-06-08 10:00"), at(PARIS, "2026-06-08 10:01"))
    assert local_starts(slots_of(paris_week(), window), PARIS, "%H:%M") == ["10:00"]


def test_explicit_step_jumps_over_blocked_time_to_the_next_step_on_the_grid():
    busy = Interval(at(PARIS, "2026-06-08 09:20"), at(PARIS, "2026-06-08 09:40"))
    availability = Availability(
        tz=PARIS, templates=(weekly([MON], ("09:00", "11:00")),), busy=(busy,)
    )
    session = spec(duration=minutes(30), step=minutes(15))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08"), session)

    # Free from 09:40, but the grid is 09:00 + 15 min: the next start is 09:45.
    assert local_starts(slots, PARIS, "%H:%M") == ["09:45", "10:00", "10:15", "10:30"]


def test_explicit_step_starts_on_the_grid_after_now():
    session = spec(duration=minutes(30), step=minutes(15))
    now = at(PARIS, "2026-06-08 09:05")
    availability = Availability(tz=PARIS, templates=(weekly([MON], ("09:00", "10:30")),))

    slots = slots_of(availability, days_window(PARIS, "2026-06-08"), session, now)

    assert local_starts(slots, PARIS, "%H:%M") == ["09:15", "09:30", "09:45", "10:00"]


# --- first_free_slots and has_free_slot --------------------------------------------------------


def test_first_free_slots_returns_the_first_n_in_order():
    session = spec(duration=minutes(50), buffer_after=minutes(10), horizon=timedelta(days=14))
    now = at(PARIS, "2026-06-08 10:30")
    availability = paris_week()

    first = first_free_slots(availability=availability, session=session, now=now, limit=4)

    assert local_starts(first, PARIS) == [
        "2026-06-08 11:00",
        "2026-06-08 14:00",
        "2026-06-08 15:00",
        "2026-06-08 16:00",
    ]
    every = free_slots(
        availability=availability,
        session=session,
        window=Interval(now, now + timedelta(days=15)),
        now=now,
    )
    assert first == every[:4]
    # The horizon ends on Monday 22 June 10:30: the 14 days hold 5 + 4 * 7 + 5 * 7 + 2 slots.
    assert len(every) == 70
    assert local_starts(every[-2:], PARIS) == ["2026-06-22 09:00", "2026-06-22 10:00"]


def test_first_free_slots_with_a_window_and_a_large_limit():
    window = days_window(PARIS, "2026-06-09")

    slots = first_free_slots(
        availability=paris_week(), session=SESSION, now=LONG_AGO, limit=100, window=window
    )

    assert local_starts(slots, PARIS, "%H:%M") == HOURLY


def test_first_free_slots_respects_the_horizon():
    session = spec(duration=minutes(50), horizon=timedelta(days=1))
    now = at(PARIS, "2026-06-12 18:00")  # Friday evening: nothing until Monday

    assert first_free_slots(availability=paris_week(), session=session, now=now, limit=3) == []


def test_has_free_slot_needs_a_slot_fitting_entirely_in_the_window():
    availability = paris_week()

    def has(start: str, end: str) -> bool:
        window = Interval(at(PARIS, f"2026-06-08 {start}"), at(PARIS, f"2026-06-08 {end}"))
        return has_free_slot(
            availability=availability, session=SESSION, window=window, now=LONG_AGO
        )

    assert has("09:00", "09:50")
    assert not has("09:00", "09:49")
    assert not has("09:30", "10:30")  # 09:00 starts before, 10:00 ends after
    assert has("09:30", "10:50")
    assert not has("12:00", "14:00")
    assert not has("18:00", "23:59")


def test_has_free_slot_sees_bookings():
    booking = BookedInterval(at(PARIS, "2026-06-08 09:00"), at(PARIS, "2026-06-08 09:50"))
    window = Interval(at(PARIS, "2026-06-08 09:00"), at(PARIS, "2026-06-08 10:00"))

    assert not has_free_slot(
        availability=paris_week(bookings=(booking,)), session=SESSION, window=window, now=LONG_AGO
    )


# --- Integers from the database, and what agendas share ---------------------------------------


def seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def test_time_off_busy_time_and_bookings_given_as_seconds_count_like_datetimes():
    time_off = Interval(at(PARIS, "2026-06-09 00:00"), at(PARIS, "2026-06-10 00:00"))
    busy = Interval(at(PARIS, "2026-06-08 10:30"), at(PARIS, "2026-06-08 10:45"))
    booking = BookedInterval(
        at(PARIS, "2026-06-08 14:00"), at(PARIS, "2026-06-08 14:50"), minutes(0), minutes(70)
    )
    window = days_window(PARIS, "2026-06-08", "2026-06-10")
    as_datetimes = paris_week(time_off=(time_off,), busy=(busy,), bookings=(booking,))
    as_seconds = paris_week(
        time_off_seconds=((seconds(time_off.start), seconds(time_off.end)),),
        busy_seconds=((seconds(busy.start), seconds(busy.end)),),
        bookings_seconds=((seconds(booking.start), seconds(booking.end), 0, 70 * 60),),
    )
    # Some of each: both forms count.
    mixed = paris_week(
        time_off=(time_off,),
        busy_seconds=((seconds(busy.start), seconds(busy.end)),),
        bookings=(booking,),
    )

    expected = slots_of(as_datetimes, window)
    assert local_starts(expected, PARIS) == [
        "2026-06-08 09:00",
        "2026-06-08 11:00",  # 10:00–10:50 meets the busy time
        "2026-06-08 16:00",  # the booking's 70-minute buffer reaches 16:00
        "2026-06-08 17:00",
        *(f"2026-06-10 {clock}" for clock in HOURLY),  # the 9th is off
    ]
    assert slots_of(as_seconds, window) == expected
    assert slots_of(mixed, window) == expected
    assert working_intervals(availability=as_seconds, window=window) == working_intervals(
        availability=as_datetimes, window=window
    )


def test_agendas_with_the_same_hours_do_not_share_their_time_off_or_overrides():
    # Equal templates built apart, as the database gives them: working time is shared between
    # agendas, time off, bookings and date overrides are not, whichever is asked first.
    window = days_window(PARIS, "2026-06-08")
    day_off = Interval(at(PARIS, "2026-06-08 00:00"), at(PARIS, "2026-06-09 00:00"))
    booking = BookedInterval(at(PARIS, "2026-06-08 09:00"), at(PARIS, "2026-06-08 09:50"))
    early = DateOverride(date(2026, 6, 8), (tr("07:00", "08:00"),))
    for order in (1, -1):
        agendas = [
            paris_week(),
            paris_week(time_off=(day_off,)),
            paris_week(bookings=(booking,)),
            paris_week(overrides=(early,)),
        ]
        found = {id(a): slots_of(a, window) for a in agendas[::order]}
        free, off, booked, overridden = (found[id(a)] for a in agendas)
        assert local_starts(free, PARIS, "%H:%M") == HOURLY
        assert off == []
        assert local_starts(booked, PARIS, "%H:%M") == HOURLY[1:]
        assert local_starts(overridden, PARIS, "%H:%M") == ["07:00"]
        assert free[1:] == booked  # the same slots, in their own lists
        booked.clear()
        assert local_starts(slots_of(agendas[0], window), PARIS, "%H:%M") == HOURLY


def test_time_off_across_several_working_ranges_and_inside_another():
    time_off = (
        Interval(at(PARIS, "2026-06-08 11:00"), at(PARIS, "2026-06-08 15:00")),
        Interval(at(PARIS, "2026-06-08 11:30"), at(PARIS, "2026-06-08 11:45")),  # inside
        Interval(at(PARIS, "2026-06-08 16:10"), at(PARIS, "2026-06-08 16:20")),
        Interval(at(PARIS, "2026-06-08 16:30"), at(PARIS, "2026-06-08 16:40")),
    )
    availability = paris_week(time_off=time_off)
    window = days_window(PARIS, "2026-06-08")

    assert working_intervals(availability=availability, window=window) == [
        Interval(at(PARIS, "2026-06-08 09:00"), at(PARIS, "2026-06-08 11:00")),
        Interval(at(PARIS, "2026-06-08 15:00"), at(PARIS, "2026-06-08 16:10")),
        Interval(at(PARIS, "2026-06-08 16:20"), at(PARIS, "2026-06-08 16:30")),
        Interval(at(PARIS, "2026-06-08 16:40"), at(PARIS, "2026-06-08 18:00")),
    ]
    assert local_starts(slots_of(availability, window), PARIS, "%H:%M") == [
        "09:00",
        "10:00",
        "15:00",
        "16:40",
    ]


# --- Invalid input -----------------------------------------------------------------------------


def test_interval_needs_aware_datetimes():
    with pytest.raises(ValueError):
        Interval(datetime(2026, 6, 8, 9), datetime(2026, 6, 8, 10, tzinfo=UTC))
    with pytest.raises(ValueError):
        Interval(datetime(2026, 6, 8, 9, tzinfo=UTC), datetime(2026, 6, 8, 10))


def test_interval_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Interval(utc("2026-06-08 10:00"), utc("2026-06-08 09:00"))
    assert Interval(utc("2026-06-08 10:00"), utc("2026-06-08 10:00")).duration == timedelta(0)


@pytest.mark.parametrize(("start", "end"), [("10:00", "10:00"), ("10:00", "09:00")])
def test_time_range_must_end_after_it_starts(start, end):
    with pytest.raises(ValueError):
        tr(start, end)


@pytest.mark.parametrize("duration", [timedelta(0), -minutes(50)])
def test_session_needs_a_positive_duration(duration):
    with pytest.raises(ValueError):
        SessionSpec(duration=duration)


@pytest.mark.parametrize(
    "options",
    [
        {"step": timedelta(0)},
        {"step": -minutes(15)},
        {"buffer_before": -minutes(1)},
        {"buffer_after": -minutes(1)},
        {"min_notice": -minutes(1)},
    ],
)
def test_session_rejects_non_positive_step_and_negative_buffers(options):
    with pytest.raises(ValueError):
        SessionSpec(duration=minutes(50), **options)
