"""The practitioner's agenda: the pure layout (overlaps, clock changes, midnight, other zones),
then its pages (access, details and actions, navigation, English, bounded queries)."""

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.html import escape

from bookings.agenda import Entry, agenda_layout, clock_changes, period_window
from bookings.models import Booking, BookingEvent, ExternalBusy, ExternalCalendar, TimeOff
from tests.factories import BookingFactory, PractitionerFactory, UserFactory, session_type, week

PARIS = ZoneInfo("Europe/Paris")
MONTREAL = ZoneInfo("America/Montreal")
State = Booking.State


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(tz, *args) -> datetime:
    return datetime(*args, tzinfo=tz)


def entry(start, end, **values) -> Entry:
    return Entry(start=start, end=end, kind=values.pop("kind", "booking"), **values)


def layout_day(entries, day, tz=PARIS, **options):
    return agenda_layout(
        entries=entries, tz=tz, first_day=day, days=1, now=utc(2020, 1, 1), **options
    )


# --- The pure layout ---------------------------------------------------------------------------


def test_overlapping_blocks_sit_side_by_side_and_others_keep_the_full_width():
    day = date(2026, 11, 24)
    a = entry(local(PARIS, 2026, 11, 24, 9), local(PARIS, 2026, 11, 24, 10), data="a")
    b = entry(local(PARIS, 2026, 11, 24, 9, 30), local(PARIS, 2026, 11, 24, 10, 30), data="b")
    c = entry(local(PARIS, 2026, 11, 24, 10), local(PARIS, 2026, 11, 24, 11), data="c")
    d = entry(local(PARIS, 2026, 11, 24, 14), local(PARIS, 2026, 11, 24, 15), data="d")
    layout = layout_day([d, c, b, a], day)
    blocks = {block.entry.data: block for block in layout.days[0].blocks}
    # a and c touch without overlapping: they share the first column, b takes the second.
    assert (blocks["a"].column, blocks["b"].column, blocks["c"].column) == (0, 1, 0)
    assert {blocks[k].columns for k in "abc"} == {2}
    assert (blocks["b"].left, blocks["b"].width) == (50, 50)
    assert (blocks["d"].column, blocks["d"].columns, blocks["d"].width) == (0, 1, 100)
    # Default hours 08:00–20:00: 09:00 is one twelfth down, an hour is a twelfth high.
    assert (layout.first_hour, layout.last_hour) == (8, 20)
    assert blocks["a"].top == pytest.approx(100 / 12, abs=0.01)
    assert blocks["a"].height == pytest.approx(100 / 12, abs=0.01)
    assert [block.entry.data for block in layout.days[0].blocks] == ["a", "b", "c", "d"]
    assert [row.label for row in layout.hours][:2] == ["08:00", "09:00"]


def test_three_overlapping_blocks_take_three_columns():
    day = date(2026, 11, 24)
    starts = [(9, 0), (9, 15), (9, 30)]
    entries = [
        entry(local(PARIS, 2026, 11, 24, h, m), local(PARIS, 2026, 11, 24, 10, 30), data=i)
        for i, (h, m) in enumerate(starts)
    ]
    blocks = layout_day(entries, day).days[0].blocks
    assert [(b.column, b.columns) for b in blocks] == [(0, 3), (1, 3), (2, 3)]


def test_the_spring_clock_change_day_has_23_hours_and_keeps_the_wall_clock():
    """2026-03-29 in Paris: 02:00 becomes 03:00. A 09:00 session is drawn at 09:00 like on any
    other day; a session over the change lasts its real hour; the missing hour is marked."""
    saturday_9 = utc(2026, 3, 28, 8)  # 09:00 CET
    sunday_9 = utc(2026, 3, 29, 7)  # 09:00 CEST
    night = entry(utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 1, 30), data="night")  # 01:30→03:30
    layout = agenda_layout(
        entries=[
            entry(saturday_9, saturday_9 + timedelta(minutes=50), data="sat"),
            entry(sunday_9, sunday_9 + timedelta(minutes=50), data="sun"),
            night,
        ],
        tz=PARIS,
        first_day=date(2026, 3, 23),
        days=7,
        now=utc(2026, 3, 25, 12),
    )
    saturday, sunday = layout.days[5], layout.days[6]
    assert (saturday.hours_long, sunday.hours_long) == (24, 23)
    assert (layout.first_hour, layout.last_hour) == (1, 20)  # widened to the night session
    [sat] = saturday.blocks
    sun = next(b for b in sunday.blocks if b.entry.data == "sun")
    assert sat.top == sun.top  # 09:00 is at the same height on both days
    assert (sun.start.hour, sun.start.minute) == (9, 0)
    drawn = next(b for b in sunday.blocks if b.entry.data == "night")
    assert drawn.minutes == 60  # its real length
    assert (drawn.start.hour, drawn.start.minute, drawn.end.hour) == (1, 30, 3)
    assert [(band.kind, band.hour) for band in sunday.bands] == [("skipped", 2)]
    assert saturday.bands == []
    assert clock_changes(date(2026, 3, 29), PARIS) == [("skipped", 2)]
    # The week's window in UTC: from Monday 00:00 CET to the next Monday 00:00 CEST.
    assert period_window(first_day=date(2026, 3, 23), days=7, tz=PARIS) == (
        utc(2026, 3, 22, 23),
        utc(2026, 3, 29, 22),
    )


def test_the_autumn_clock_change_day_has_25_hours_and_the_repeated_hour_side_by_side():
    """2026-10-25 in Paris: 03:00 goes back to 02:00. Two sessions at 02:15, an hour apart in
    real time, share the wall-clock hour side by side, each with its UTC offset."""
    first = entry(utc(2026, 10, 25, 0, 15), utc(2026, 10, 25, 0, 45), data="first")  # CEST
    second = entry(utc(2026, 10, 25, 1, 15), utc(2026, 10, 25, 1, 45), data="second")  # CET
    evening = entry(utc(2026, 10, 25, 17), utc(2026, 10, 25, 18), data="evening")  # 18:00 CET
    layout = layout_day([second, first, evening], date(2026, 10, 25))
    [day] = layout.days
    assert day.hours_long == 25
    assert (layout.first_hour, layout.last_hour) == (2, 20)
    blocks = {block.entry.data: block for block in day.blocks}
    assert blocks["first"].top == blocks["second"].top == pytest.approx(100 * 15 / 1080, abs=0.01)
    assert {(blocks[k].column, blocks[k].columns) for k in ("first", "second")} == {(0, 2), (1, 2)}
    assert (blocks["first"].start_offset, blocks["second"].start_offset) == ("+02:00", "+01:00")
    assert blocks["first"].end_offset == "+02:00" and blocks["second"].end_offset == "+01:00"
    assert blocks["first"].start.utcoffset() == timedelta(hours=2)
    assert blocks["second"].start.utcoffset() == timedelta(hours=1)
    assert not blocks["evening"].ambiguous
    assert blocks["evening"].top == pytest.approx(100 * 16 / 18, abs=0.01)  # 18:00 of 02–20
    assert [(band.kind, band.hour) for band in day.bands] == [("repeated", 2)]
    # The day runs from 00:00 CEST to 00:00 CET: 25 real hours.
    assert period_window(first_day=date(2026, 10, 25), days=1, tz=PARIS) == (
        utc(2026, 10, 24, 22),
        utc(2026, 10, 25, 23),
    )


def test_a_booking_crossing_midnight_is_cut_into_two_blocks_that_continue():
    late = entry(local(PARIS, 2026, 11, 24, 22, 30), local(PARIS, 2026, 11, 25, 0, 30))
    layout = agenda_layout(
        entries=[late], tz=PARIS, first_day=date(2026, 11, 23), days=7, now=utc(2026, 11, 24)
    )
    tuesday, wednesday = layout.days[1], layout.days[2]
    [before], [after] = tuesday.blocks, wednesday.blocks
    assert (layout.first_hour, layout.last_hour) == (0, 24)
    assert before.continues_after and not before.continues_before
    assert after.continues_before and not after.continues_after
    assert before.top + before.height == pytest.approx(100)
    assert before.height == pytest.approx(100 * 1.5 / 24, abs=0.01)
    assert after.top == 0 and after.height == pytest.approx(100 * 0.5 / 24, abs=0.01)
    assert before.minutes == after.minutes == 120
    assert tuesday.is_today and not wednesday.is_today


def test_whole_days_of_time_off_are_listed_on_top_and_do_not_stretch_the_hours():
    holidays = entry(
        local(PARIS, 2026, 11, 25, 0),
        local(PARIS, 2026, 11, 27, 0),
        kind="time_off",
    )
    morning_off = entry(
        local(PARIS, 2026, 11, 27, 0), local(PARIS, 2026, 11, 27, 12), kind="time_off"
    )
    layout = agenda_layout(
        entries=[holidays, morning_off],
        tz=PARIS,
        first_day=date(2026, 11, 23),
        days=7,
        now=utc(2026, 11, 24),
    )
    assert [len(day.all_day) for day in layout.days] == [0, 0, 1, 1, 0, 0, 0]
    assert all(not day.blocks for day in layout.days[:4])
    [morning] = layout.days[4].blocks
    assert (layout.first_hour, layout.last_hour) == (0, 20)
    assert morning.top == 0


def test_another_zone_montreal_and_its_own_clock_change():
    """A practitioner in Montreal: days and hours are theirs (09:00 EST is 14:00 UTC), and
    their clocks change on 2026-03-08, not on Paris' date."""
    nine = entry(utc(2026, 11, 9, 14), utc(2026, 11, 9, 15), data="nine")
    layout = agenda_layout(
        entries=[nine], tz=MONTREAL, first_day=date(2026, 11, 9), days=7, now=utc(2026, 11, 9, 3)
    )
    monday = layout.days[0]
    assert monday.date == date(2026, 11, 9)
    assert not monday.is_today  # 03:00 UTC is still Sunday evening in Montreal
    [block] = monday.blocks
    assert (block.start.hour, block.top) == (9, pytest.approx(100 / 12, abs=0.01))
    spring = agenda_layout(
        entries=[], tz=MONTREAL, first_day=date(2026, 3, 2), days=7, now=utc(2026, 3, 2)
    )
    assert [day.hours_long for day in spring.days] == [24] * 6 + [23]
    assert clock_changes(date(2026, 3, 8), MONTREAL) == [("skipped", 2)]
    assert clock_changes(date(2026, 3, 29), MONTREAL) == []


def test_the_current_time_is_marked_on_today_only():
    layout = agenda_layout(
        entries=[],
        tz=PARIS,
        first_day=date(2026, 11, 23),
        days=7,
        now=local(PARIS, 2026, 11, 24, 14),
    )
    assert [day.now_top is not None for day in layout.days] == [False, True] + [False] * 5
    assert layout.days[1].now_top == pytest.approx(50)
    assert layout.is_empty


# --- The pages ---------------------------------------------------------------------------------

NOW = datetime(2026, 12, 9, 13, 0, tzinfo=UTC)  # Wednesday 14:00 in Paris


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def claire(db):
    practitioner = PractitionerFactory(slug="claire-martin", legal_name="Claire Martin")
    session_type(practitioner, duration_minutes=50, min_notice_minutes=60)
    week(practitioner, {day: [("09:00", "18:00")] for day in range(7)})
    return practitioner


@pytest.fixture
def pro(client, claire):
    client.force_login(claire.user)
    return client


def without_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def booking(practitioner, start, state=State.CONFIRMED, **values):
    values.setdefault(
        "patient", UserFactory(first_name="Zoé", last_name="Durand", email="zoe@example.org")
    )
    values.setdefault("session_type", practitioner.session_types.get(is_default=True))
    return BookingFactory(practitioner=practitioner, start=start, state=state, **values)


def test_the_agenda_needs_a_signed_in_practitioner(client, claire):
    response = client.get("/en/pro/agenda/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(UserFactory())
    assert client.get("/en/pro/agenda/").status_code == 403


def test_the_week_shows_the_practitioners_own_bookings_time_off_and_busy_times(pro, claire):
    mine = booking(claire, utc(2026, 12, 8, 8))  # Tuesday 09:00 Paris
    requested = booking(
        claire,
        utc(2026, 12, 10, 9),
        state=State.REQUESTED,
        respond_by=utc(2026, 12, 10, 8),
        patient=UserFactory(first_name="Léa", last_name="Petit"),
    )
    booking(PractitionerFactory(), utc(2026, 12, 8, 8), patient=UserFactory(first_name="Other"))
    TimeOff.objects.create(
        practitioner=claire,
        start=utc(2026, 12, 11, 23),
        end=utc(2026, 12, 13, 23),
        label="Week-end away",
    )
    calendar = ExternalCalendar.objects.create(
        practitioner=claire, name="Personal", url="https://calendar.example/a.ics"
    )
    ExternalBusy.objects.create(
        calendar=calendar, practitioner=claire, start=utc(2026, 12, 9, 16), end=utc(2026, 12, 9, 17)
    )
    response = pro.get("/en/pro/agenda/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Week of 7 December to 13 December 2026" in page
    assert f"booking={mine.pk}#details" in page and f"booking={requested.pk}#details" in page
    assert "Other" not in page
    assert "Zoé Durand" in page and "Léa Petit" in page
    assert "09:00–09:50" in without_tags(page)  # Paris time, not UTC
    assert "Awaiting confirmation" in page and "Confirmed" in page
    assert "Time off, all day: Week-end away" in page
    assert "Personal" in page
    assert 'aria-current="true">Agenda' in page
    grid = response.context["grid"]
    assert [len(day.blocks) for day in grid.days] == [0, 1, 1, 1, 0, 0, 0]
    assert grid.days[2].is_today and grid.days[2].now_top is not None


def test_another_practitioners_booking_is_not_found(pro, claire):
    theirs = booking(PractitionerFactory(), utc(2026, 12, 8, 8))
    assert pro.get(f"/en/pro/agenda/?booking={theirs.pk}").status_code == 404
    assert pro.get("/en/pro/agenda/?booking=abc").status_code == 404
    assert pro.get(f"/en/pro/agenda/bookings/{theirs.pk}/move/").status_code == 404


def test_the_day_view_navigation_and_the_date_picker(pro, claire):
    response = pro.get("/en/pro/agenda/?view=day&date=2026-12-24")
    assert response.status_code == 200
    context = response.context
    assert [day.date for day in context["grid"].days] == [date(2026, 12, 24)]
    assert context["previous_url"] == "/en/pro/agenda/?view=day&date=2026-12-23"
    assert context["next_url"] == "/en/pro/agenda/?view=day&date=2026-12-25"
    assert context["today_url"] == "/en/pro/agenda/?view=day&date=2026-12-09"
    page = response.content.decode()
    assert 'type="date" id="agenda-date" name="date" value="2026-12-24"' in page
    assert "Thursday 24 December 2026" in page
    # A mistyped or absurd date shows today rather than failing.
    for value in ("2026-13-40", "9999-12-31", "x"):
        response = pro.get(f"/en/pro/agenda/?view=week&date={value}")
        assert response.status_code == 200
        assert response.context["grid"].first_day == date(2026, 12, 7)


def test_french_by_default_and_english_under_en(pro, claire):
    booking(claire, utc(2026, 12, 8, 8))
    french = pro.get("/pro/agenda/").content.decode()
    assert 'lang="fr"' in french and "Confirmé" in french
    english = pro.get("/en/pro/agenda/").content.decode()
    assert 'lang="en"' in english and "Confirmed" in english and "Next week" in english


def test_the_details_of_a_request_offer_accept_and_decline_and_return_to_the_agenda(
    pro, claire, django_capture_on_commit_callbacks
):
    request = booking(
        claire, utc(2026, 12, 10, 9), state=State.REQUESTED, respond_by=utc(2026, 12, 10, 8)
    )
    here = f"/en/pro/agenda/?view=week&date=2026-12-10&booking={request.pk}"
    response = pro.get(here)
    page = response.content.decode()
    assert 'id="details"' in page and "Answer by" in page
    assert "Accept" in page and "Decline the request" in page and "Move the session" in page
    assert "Mark as done" not in page
    back = here + "#details"
    assert f'name="next" value="{escape(back)}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = pro.post(f"/en/pro/bookings/{request.pk}/accept/", {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    request.refresh_from_db()
    assert request.state == State.CONFIRMED
    page = pro.get(here).content.decode()
    assert "Request accepted: the patient is told." in page
    assert "Cancel this session" in page and "Accept" not in page


def test_marking_a_past_session_done_from_the_agenda(pro, claire):
    past = booking(claire, utc(2026, 12, 9, 8))  # this morning, 09:00
    here = f"/en/pro/agenda/?view=day&date=2026-12-09&booking={past.pk}"
    page = pro.get(here).content.decode()
    assert "Mark as done" in page and "Mark as missed" in page
    assert "Cancel this session" not in page and "Move the session" not in page
    response = pro.post(f"/en/pro/bookings/{past.pk}/complete/", {"next": here})
    assert response["Location"] == here
    past.refresh_from_db()
    assert past.state == State.COMPLETED
    event = BookingEvent.objects.filter(booking=past).last()
    assert event.actor == claire.user and event.actor_role == "practitioner"


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/pro/agenda/", "//evil.example/", "javascript:alert(1)"]
)
def test_an_action_never_returns_to_another_site(pro, claire, unsafe):
    past = booking(claire, utc(2026, 12, 9, 8))
    response = pro.post(f"/en/pro/bookings/{past.pk}/no_show/", {"next": unsafe})
    assert response["Location"] == "/en/pro/bookings/"
    past.refresh_from_db()
    assert past.state == State.NO_SHOW


def test_cancelled_bookings_are_shown_faded_on_request(pro, claire):
    cancelled = booking(
        claire,
        utc(2026, 12, 10, 9),
        state=State.CANCELLED_BY_PATIENT,
        patient=UserFactory(first_name="Inès", last_name="Morel"),
    )
    stale_hold = booking(
        claire, utc(2026, 12, 10, 13), state=State.HELD, hold_expires_at=NOW - timedelta(minutes=1)
    )
    live_hold = booking(
        claire, utc(2026, 12, 11, 13), state=State.HELD, hold_expires_at=NOW + timedelta(minutes=5)
    )
    page = pro.get("/en/pro/agenda/").content.decode()
    assert "Inès Morel" not in page and f"booking={stale_hold.pk}#" not in page
    assert f"booking={live_hold.pk}#" in page and "Held during booking" in page
    assert "Also show cancelled, declined and expired bookings" in page
    response = pro.get("/en/pro/agenda/?all=1")
    page = response.content.decode()
    assert "Inès Morel" in page and f"booking={stale_hold.pk}#" in page
    faded = [
        block.entry.data.pk
        for day in response.context["grid"].days
        for block in day.blocks
        if block.entry.faded
    ]
    assert sorted(faded) == sorted([cancelled.pk, stale_hold.pk])
    assert "agenda-block--faded" in page
    assert "Hide cancelled, declined and expired bookings" in page


def test_the_practitioner_moves_a_session_from_the_agenda(
    pro, claire, django_capture_on_commit_callbacks
):
    session = booking(claire, utc(2026, 12, 10, 8))  # Thursday 09:00
    page = pro.get(f"/en/pro/agenda/?booking={session.pk}").content.decode()
    move_url = f"/en/pro/agenda/bookings/{session.pk}/move/"
    assert move_url in page
    response = pro.get(move_url)
    assert response.status_code == 200
    assert b"Move the session" in response.content and b"slot-button" in response.content
    new_start = "2026-12-11T13:00:00Z"  # Friday 14:00 in Paris
    review = pro.post(move_url, {"start": new_start})
    assert b"Move to this time?" in review.content and b"Friday 11 December 2026" in review.content
    with django_capture_on_commit_callbacks(execute=True):
        response = pro.post(move_url, {"start": new_start, "confirm": "1"})
    assert response["Location"] == (
        f"/en/pro/agenda/?view=day&date=2026-12-11&booking={session.pk}#details"
    )
    session.refresh_from_db()
    assert session.start == utc(2026, 12, 11, 13)
    event = BookingEvent.objects.filter(booking=session).last()
    assert event.actor_role == "practitioner" and event.previous_start == utc(2026, 12, 10, 8)


def test_a_past_session_cannot_be_moved(pro, claire):
    past = booking(claire, utc(2026, 12, 9, 8))
    response = pro.get(f"/en/pro/agenda/bookings/{past.pk}/move/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/pro/agenda/?view=day&date=2026-12-09")


def test_a_week_full_of_bookings_is_read_in_a_bounded_number_of_queries(pro, claire):
    """The agenda's own reads are three (bookings with their patients, time off, busy times);
    the rest is the site's layout (menus, settings), the same whatever the agenda holds."""

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert pro.get("/en/pro/agenda/?date=2026-12-16").status_code == 200
        # Whose agenda it is (the secretaries' delegations) is access, one query, not a read.
        agenda_reads = [
            q
            for q in queries
            if '"bookings_' in q["sql"] and '"bookings_agendadelegation"' not in q["sql"]
        ]
        assert len(agenda_reads) == 3
        return len(queries)

    booking(claire, utc(2026, 12, 14, 8))
    count()  # the first page of a fresh site also stores its default settings
    few = count()
    patients = [UserFactory() for _ in range(10)]
    for day in range(7):
        for hour in range(8):
            start = utc(2026, 12, 14, 7) + timedelta(days=day, hours=hour)
            if start != utc(2026, 12, 14, 8):
                booking(claire, start, patient=patients[hour])
    assert Booking.objects.filter(practitioner=claire).count() == 56
    many = count()
    assert many == few <= 30


def test_the_english_agenda_under_translation_override(claire, rf):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.middleware import SessionMiddleware

    from bookings.agenda_views import agenda

    booking(claire, utc(2026, 12, 8, 8))
    with translation.override("en"):
        request = rf.get("/en/pro/agenda/", {"view": "day", "date": "2026-12-08"})
        request.user = claire.user
        SessionMiddleware(lambda r: None).process_request(request)
        request._messages = FallbackStorage(request)
        page = agenda(request).content.decode()
    assert "Tuesday 8 December 2026" in page and "Previous day" in page


def test_the_clock_change_days_render_with_their_length_and_marked_hours(pro, claire):
    spring = booking(claire, utc(2026, 3, 29, 0, 30))  # 01:30 CET, 50 minutes: 03:20 CEST
    page = pro.get("/en/pro/agenda/?view=day&date=2026-03-29").content.decode()
    assert "Clock change: a day of 23 hours." in page and "clocks go forward" in page
    assert f"booking={spring.pk}#details" in page and "01:30–03:20" in without_tags(page)
    autumn = booking(claire, utc(2026, 10, 25, 1, 15))  # 02:15 CET, the second 02:15
    response = pro.get("/en/pro/agenda/?view=week&date=2026-10-25")
    page = response.content.decode()
    assert "Clock change: a day of 25 hours." in page and "this hour happens twice" in page
    assert "02:15 <small>(UTC+01:00)</small>" in page and f"booking={autumn.pk}#details" in page
    assert [day.hours_long for day in response.context["grid"].days] == [24] * 6 + [25]
