"""Selectors: agendas read from the database, in a fixed number of queries."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings import availability as engine
from bookings import selectors, services
from bookings.models import Booking, ExternalBusy, ExternalCalendar
from practitioners.models import Practitioner
from tests.factories import BookingFactory, PractitionerFactory, session_type, week

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Monday 7 December 2026, 06:00 UTC: far from any clock change.
NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    """A December 2026 wall-clock time in Paris."""
    return datetime(2026, 12, day, hour, minute, tzinfo=PARIS)


def starts(slots) -> list[datetime]:
    return [slot.start.astimezone(PARIS) for slot in slots]


def day_window(day: int) -> engine.Interval:
    return engine.local_day_window(date(2026, 12, day), PARIS)


def slots_on(practitioner, day: int, **options):
    agenda = selectors.agendas_load(practitioners=[practitioner.pk], window=day_window(day))[
        practitioner.pk
    ]
    return selectors.agenda_slots(agenda=agenda, window=day_window(day), now=NOW, **options)


@pytest.fixture
def claire():
    practitioner = PractitionerFactory(slug="claire")
    session_type(
        practitioner,
        duration_minutes=50,
        buffer_after_minutes=10,
        min_notice_minutes=0,
        price_cents=6000,
    )
    week(practitioner)
    return practitioner


def test_query_count_does_not_grow_with_practitioners():
    def load_queries() -> int:
        window = engine.Interval(NOW, NOW + timedelta(days=28))
        with CaptureQueriesContext(connection) as queries:
            agendas = selectors.agendas_load(window=window)
        assert len(agendas) == Practitioner.objects.filter(status="active").count()
        return len(queries)

    for _ in range(2):
        practitioner = PractitionerFactory()
        week(practitioner)
        BookingFactory(practitioner=practitioner, start=NOW + timedelta(days=1, hours=3))
        services.time_off_add(
            practitioner=practitioner, first_day=date(2026, 12, 20), last_day=date(2026, 12, 21)
        )
        services.date_override_set(
            practitioner=practitioner, day=date(2026, 12, 9), ranges=[(time(8), time(10))]
        )
    few = load_queries()
    for _ in range(6):
        practitioner = PractitionerFactory()
        week(practitioner, every_weeks=2, valid_from=date(2026, 12, 1))
        BookingFactory(practitioner=practitioner, start=NOW + timedelta(days=2, hours=3))
    assert load_queries() == few == 9


def test_slots_of_a_plain_day(claire):
    assert starts(slots_on(claire, 8)) == [
        paris(8, 9),
        paris(8, 10),
        paris(8, 11),
        paris(8, 14),
        paris(8, 15),
        paris(8, 16),
        paris(8, 17),
    ]


def test_bookings_that_hold_time_block_it_and_cancelled_ones_do_not(claire):
    BookingFactory(practitioner=claire, start=paris(8, 10), state=Booking.State.CONFIRMED)
    BookingFactory(practitioner=claire, start=paris(8, 14), state=Booking.State.HELD)
    BookingFactory(
        practitioner=claire, start=paris(8, 16), state=Booking.State.CANCELLED_BY_PATIENT
    )
    assert paris(8, 10) not in starts(slots_on(claire, 8))
    assert paris(8, 14) not in starts(slots_on(claire, 8))
    assert paris(8, 16) in starts(slots_on(claire, 8))


def test_a_lapsed_hold_leaves_its_time_free_before_the_worker_expires_it(
    claire, monkeypatch, django_assert_num_queries
):
    held = Booking.State.HELD
    BookingFactory(practitioner=claire, start=paris(8, 10), state=held, hold_expires_at=NOW)
    BookingFactory(
        practitioner=claire, start=paris(8, 14), state=held, hold_expires_at=NOW + SECOND
    )

    def free(now=None):
        with django_assert_num_queries(9):
            agenda = selectors.agendas_load(
                practitioners=[claire.pk], window=day_window(8), now=now
            )[claire.pk]
        slots = selectors.agenda_slots(agenda=agenda, window=day_window(8), now=NOW)
        return {paris(8, 10), paris(8, 14)} & set(starts(slots))

    assert free(now=NOW - SECOND) == set()
    assert free(now=NOW) == {paris(8, 10)}  # up at its last instant, like `holds_expire`
    assert free(now=NOW + SECOND) == {paris(8, 10), paris(8, 14)}
    monkeypatch.setattr(selectors.timezone, "now", lambda: NOW)
    assert free() == {paris(8, 10)}  # the current time by default
    # The questions the directory asks pass their `now` on.
    monkeypatch.setattr(selectors.timezone, "now", lambda: NOW - SECOND)
    found = selectors.practitioners_free_slots(
        window=day_window(8), practitioners=[claire.pk], now=NOW
    )[claire.pk]
    assert paris(8, 10) in starts(found) and paris(8, 14) not in starts(found)


def test_booking_buffers_come_from_the_booking(claire):
    # A 09:00 booking made with a 40-minute buffer after it pushes the next slot past 10:30.
    BookingFactory(
        practitioner=claire,
        start=paris(8, 9),
        end=paris(8, 9, 50),
        buffer_after_minutes=40,
    )
    assert starts(slots_on(claire, 8))[:2] == [paris(8, 11), paris(8, 14)]


def test_time_off_override_and_external_busy(claire):
    services.time_off_add(
        practitioner=claire,
        first_day=date(2026, 12, 8),
        last_day=date(2026, 12, 8),
        start_time=time(14),
        end_time=time(16),
    )
    services.date_override_set(practitioner=claire, day=date(2026, 12, 9), ranges=[])
    services.date_override_set(
        practitioner=claire, day=date(2026, 12, 10), ranges=[(time(7), time(9))]
    )
    calendar = ExternalCalendar.objects.create(practitioner=claire, url="https://example.test/c")
    ExternalBusy.objects.create(
        calendar=calendar, practitioner=claire, start=paris(11, 9, 30), end=paris(11, 9, 45)
    )
    assert starts(slots_on(claire, 8)) == [
        paris(8, 9),
        paris(8, 10),
        paris(8, 11),
        paris(8, 16),
        paris(8, 17),
    ]
    assert slots_on(claire, 9) == []
    assert starts(slots_on(claire, 10)) == [paris(10, 7), paris(10, 8)]
    assert paris(11, 9) not in starts(slots_on(claire, 11))
    assert paris(11, 10) in starts(slots_on(claire, 11))


def test_every_other_week_and_summer_schedule():
    practitioner = PractitionerFactory()
    session_type(practitioner, duration_minutes=60, buffer_after_minutes=0, min_notice_minutes=0)
    # Wednesdays 14:00–16:00 every other week from Wednesday 2 December.
    week(
        practitioner,
        {2: [("14:00", "16:00")]},
        every_weeks=2,
        valid_from=date(2026, 12, 2),
    )
    wednesdays = {day: starts(slots_on(practitioner, day)) for day in (2, 9, 16, 23)}
    assert wednesdays[9] == [] and wednesdays[23] == []
    assert wednesdays[16] == [paris(16, 14), paris(16, 15)]
    # A holiday week that replaces the others from 21 to 27 December.
    week(
        practitioner,
        {2: [("09:00", "10:00")]},
        name="Vacances",
        valid_from=date(2026, 12, 21),
        valid_until=date(2026, 12, 27),
        replaces_others=True,
    )
    assert starts(slots_on(practitioner, 30)) == [paris(30, 14), paris(30, 15)]
    assert starts(slots_on(practitioner, 23)) == [paris(23, 9)]


def test_all_session_types_or_one(claire):
    short = services.session_type_save(
        practitioner=claire,
        name="Appel découverte",
        duration_minutes=20,
        buffer_after_minutes=0,
        min_notice_minutes=0,
        slot_step_minutes=30,
    )
    both = slots_on(claire, 8, all_sessions=True)
    assert {slot.session.id for slot in both} == {
        short.pk,
        claire.session_types.get(is_default=True).pk,
    }
    only_short = slots_on(claire, 8, session_type_id=short.pk)
    assert starts(only_short)[:3] == [paris(8, 9), paris(8, 9, 30), paris(8, 10)]
    assert all(s.end - s.start == timedelta(minutes=20) for s in only_short)


def test_inactive_session_types_and_practitioners_are_not_offered(claire):
    paused = PractitionerFactory(status=Practitioner.Status.PAUSED)
    week(paused)
    window = engine.Interval(NOW, NOW + timedelta(days=7))
    assert set(selectors.agendas_load(window=window)) == {claire.pk}


def test_directory_questions(claire):
    montreal = PractitionerFactory(time_zone="America/Montreal")
    session_type(montreal, duration_minutes=60, buffer_after_minutes=0, min_notice_minutes=0)
    # Mondays 07:00–08:00 in Montreal = 13:00–14:00 in Paris, while Claire has lunch.
    week(montreal, {0: [("07:00", "08:00")]})
    # Tuesday 8 December in Paris: Claire works, the Montreal practitioner does not.
    on_tuesday = selectors.practitioners_free_on_date(day=date(2026, 12, 8), tz=PARIS, now=NOW)
    assert on_tuesday == {claire.pk}
    # Monday 14 December 12:00–13:00 UTC holds only Montreal's slot...
    window = engine.Interval(
        datetime(2026, 12, 14, 12, 0, tzinfo=UTC), datetime(2026, 12, 14, 13, 0, tzinfo=UTC)
    )
    assert selectors.practitioners_free_in_window(window=window, now=NOW) == {montreal.pk}
    # ...and a slot has to fit in the window, not merely start in it.
    window = engine.Interval(window.start, window.end - timedelta(minutes=1))
    assert selectors.practitioners_free_in_window(window=window, now=NOW) == set()
    nexts = selectors.practitioners_next_slots(now=NOW, limit=2)
    assert starts(nexts[claire.pk]) == [paris(7, 9), paris(7, 10)]
    soonest = selectors.practitioners_soonest(now=NOW)
    assert soonest[montreal.pk] == datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_preview_shows_a_draft_without_writing(claire):
    schedule = claire.weekly_schedules.get()
    draft = selectors.draft_template(
        ranges=[(0, time(8), time(10))],
        valid_from=None,
        valid_until=None,
        every_weeks=1,
        replaces_others=False,
        today=NOW.date(),
    )
    before = Booking.objects.count(), claire.weekly_schedules.count()
    preview = selectors.agenda_preview(
        practitioner=claire, draft=draft, replacing_schedule_id=schedule.pk, now=NOW, days=14
    )
    assert starts(preview) == [paris(7, 8), paris(7, 9), paris(14, 8), paris(14, 9)]
    assert (Booking.objects.count(), claire.weekly_schedules.count()) == before


def epoch_seconds(booking: Booking) -> int:
    return (
        Booking.objects.filter(pk=booking.pk)
        .annotate(s=selectors.EpochSeconds("start"))
        .values_list("s", flat=True)
        .get()
    )


def test_epoch_seconds_match_python(claire):
    moment = datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC)
    booking = BookingFactory(practitioner=claire, start=moment)
    assert epoch_seconds(booking) == int(moment.timestamp())


def test_epoch_seconds_the_same_before_sqlite_3_38(claire, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite chooses by version")
    moments = [
        datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC),
        datetime(2026, 12, 8, 9, 0, 0, 400_000, tzinfo=UTC),
        datetime(2026, 12, 8, 10, 0, 0, 999_999, tzinfo=UTC),
    ]
    bookings = [BookingFactory(practitioner=claire, start=moment) for moment in moments]
    current = [epoch_seconds(booking) for booking in bookings]
    # Without `unixepoch()`, the seconds come from `strftime('%s')`.
    monkeypatch.setattr(connection.Database, "sqlite_version_info", (3, 37, 2))
    with CaptureQueriesContext(connection) as queries:
        older = [epoch_seconds(booking) for booking in bookings]
    assert "strftime" in queries[0]["sql"]
    assert older == current
    assert current[0] == int(moments[0].timestamp())


def test_agendas_hand_the_engine_seconds(claire):
    BookingFactory(
        practitioner=claire, start=paris(8, 10), end=paris(8, 10, 50), buffer_after_minutes=15
    )
    services.time_off_add(
        practitioner=claire, first_day=date(2026, 12, 9), last_day=date(2026, 12, 9)
    )
    calendar = ExternalCalendar.objects.create(practitioner=claire, url="https://example.test/c")
    ExternalBusy.objects.create(
        calendar=calendar, practitioner=claire, start=paris(10, 9, 30), end=paris(10, 9, 45)
    )
    window = engine.Interval(NOW, NOW + timedelta(days=7))

    availability = selectors.agendas_load(practitioners=[claire.pk], window=window)[
        claire.pk
    ].availability

    def ts(moment: datetime) -> int:
        return int(moment.timestamp())

    assert availability.bookings_seconds == ((ts(paris(8, 10)), ts(paris(8, 10, 50)), 0, 900),)
    assert availability.time_off_seconds == ((ts(paris(9, 0)), ts(paris(10, 0))),)
    assert availability.busy_seconds == ((ts(paris(10, 9, 30)), ts(paris(10, 9, 45))),)
    # The datetime forms stay empty: nothing is counted twice.
    assert availability.bookings == availability.time_off == availability.busy == ()
