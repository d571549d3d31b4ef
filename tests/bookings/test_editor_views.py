"""The practitioner's availability editor (`bookings/views.py`) through Django's test client:
access, ownership, preview without writing, exact saves, errors that keep what was typed,
prices in cents, the private feed, both languages."""

import re
from datetime import time, timedelta
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from bookings import services
from bookings.forms import parse_euros
from bookings.models import (
    CalendarFeed,
    DateOverride,
    ExternalCalendar,
    SessionType,
    TimeOff,
    WeeklyRange,
    WeeklySchedule,
)
from practitioners.models import Practitioner

PAGES = [
    "/pro/availability/",
    "/pro/availability/schedules/new/",
    "/pro/availability/dates/",
    "/pro/availability/session-types/new/",
    "/pro/availability/calendars/",
    "/pro/availability/calendars/feed/new-address/",
]


def make_practitioner(email: str, slug: str) -> Practitioner:
    user = User.objects.create_user(email=email, password="a-long-password-1")
    practitioner = Practitioner.objects.create(
        user=user, slug=slug, legal_name=slug.title(), time_zone="Europe/Paris", status="active"
    )
    services.agenda_setup(practitioner=practitioner)
    return practitioner


@pytest.fixture
def alice(site_tree):
    return make_practitioner("alice@example.org", "alice")


@pytest.fixture
def bob(site_tree):
    return make_practitioner("bob@example.org", "bob")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice.user)
    return client


@pytest.fixture
def bob_things(bob):
    """One of each of Bob's objects, made through the services."""
    schedule = services.weekly_schedule_save(
        practitioner=bob,
        name="Bob's week",
        ranges=[services.RangeInput(0, time(9), time(12))],
    )
    today = timezone.localdate()
    override = services.date_override_set(
        practitioner=bob, day=today + timedelta(days=3), ranges=[(time(10), time(11))]
    )
    time_off = services.time_off_add(
        practitioner=bob, first_day=today + timedelta(days=5), last_day=today + timedelta(days=6)
    )
    extra_type = services.session_type_save(
        practitioner=bob, name="Bob's long session", duration_minutes=90
    )
    calendar = ExternalCalendar.objects.create(
        practitioner=bob, name="Bob's calendar", url="https://calendar.example.org/bob.ics"
    )
    return {
        "schedule": schedule,
        "override": override,
        "time_off": time_off,
        "session_type": extra_type,
        "calendar": calendar,
    }


def schedule_data(action="save", **days):
    """POST data of the schedule form; `days`: {"mon": [("09:00", "12:00")], ...}."""
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    data = {"name": "Standard week", "every_weeks": "1", "action": action}
    for key, ranges in days.items():
        weekday = names.index(key)
        for index, (start, end) in enumerate(ranges):
            data[f"day{weekday}-{index}-start"] = start
            data[f"day{weekday}-{index}-end"] = end
    return data


def ranges_of(schedule):
    return sorted(
        (r.weekday, r.start_time, r.end_time) for r in WeeklyRange.objects.filter(schedule=schedule)
    )


# --- Access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, site_tree, prefix):
    response = client.get(f"{prefix}/pro/availability/")

    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/accounts/login/?next={prefix}/pro/availability/"


def test_a_signed_in_person_who_is_not_a_practitioner_is_refused(client, site_tree):
    client.force_login(User.objects.create_user(email="pat@example.org", password="x-123456789"))

    for url in PAGES:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("prefix, lang", [("", "fr"), ("/en", "en")])
def test_every_page_renders_in_french_and_english(alice_client, alice, prefix, lang):
    schedule = services.weekly_schedule_save(
        practitioner=alice, name="Semaine", ranges=[services.RangeInput(0, time(9), time(12))]
    )
    session_type = SessionType.objects.get(practitioner=alice)
    urls = [
        *PAGES,
        f"/pro/availability/schedules/{schedule.pk}/",
        f"/pro/availability/schedules/{schedule.pk}/delete/",
        f"/pro/availability/session-types/{session_type.pk}/",
    ]
    for url in urls:
        response = alice_client.get(prefix + url)
        assert response.status_code == 200, url
        assert f'<html lang="{lang}">' in response.content.decode(), url
        assert "aria-current=" in response.content.decode(), url


def test_the_overview_shows_the_week_the_next_two_weeks_and_the_time_zone(alice_client, alice):
    services.weekly_schedule_save(
        practitioner=alice,
        name="Semaine type",
        ranges=[
            services.RangeInput(weekday, time(9), time(12))
            for weekday in range(7)  # every day, so the next 14 days always have slots
        ],
    )

    response = alice_client.get("/en/pro/availability/")

    html = response.content.decode()
    assert html.count('class="week-grid__block') == 7
    assert "Europe/Paris" in html
    # 50-minute sessions with 10 minutes after: 09:00, 10:00 and 11:00 each day; the first
    # day or so falls inside the minimum notice of one day.
    assert response.context["slot_count"] >= 3 * 12
    assert len(response.context["slot_days"]) == 15


# --- Ownership --------------------------------------------------------------------------------


def test_a_practitioner_cannot_reach_another_practitioners_schedule(alice_client, bob_things):
    schedule = bob_things["schedule"]
    before = ranges_of(schedule)
    url = f"/pro/availability/schedules/{schedule.pk}/"

    assert alice_client.get(url).status_code == 404
    assert alice_client.post(url, schedule_data(mon=[("07:00", "08:00")])).status_code == 404
    assert alice_client.post(url, schedule_data("preview")).status_code == 404
    assert alice_client.get(url + "delete/").status_code == 404
    assert alice_client.post(url + "delete/").status_code == 404

    schedule.refresh_from_db()
    assert schedule.name == "Bob's week"
    assert ranges_of(schedule) == before


def test_a_practitioner_cannot_remove_another_practitioners_dates(alice_client, bob_things):
    override, time_off = bob_things["override"], bob_things["time_off"]

    response = alice_client.post(
        f"/en/pro/availability/dates/overrides/{override.pk}/delete/", follow=True
    )
    assert "does not exist or is not yours" in response.content.decode()
    response = alice_client.post(
        f"/en/pro/availability/dates/time-off/{time_off.pk}/delete/", follow=True
    )
    assert "does not exist or is not yours" in response.content.decode()

    assert DateOverride.objects.filter(pk=override.pk).exists()
    assert override.ranges.count() == 1
    assert TimeOff.objects.filter(pk=time_off.pk).exists()


def test_a_practitioner_cannot_reach_another_practitioners_session_type(alice_client, bob_things):
    session_type = bob_things["session_type"]
    url = f"/pro/availability/session-types/{session_type.pk}/"
    data = {"name": "Mine now", "duration_minutes": "30", "price": "1", "horizon_days": "60"}

    assert alice_client.get(url).status_code == 404
    assert alice_client.post(url, data).status_code == 404
    assert alice_client.get(url + "delete/").status_code == 404
    assert alice_client.post(url + "delete/").status_code == 404

    session_type.refresh_from_db()
    assert (session_type.name, session_type.duration_minutes) == ("Bob's long session", 90)


def test_a_practitioner_cannot_refresh_or_remove_another_practitioners_calendar(
    alice_client, bob_things
):
    calendar = bob_things["calendar"]

    refresh = alice_client.post(f"/pro/availability/calendars/{calendar.pk}/refresh/")
    remove = alice_client.post(f"/en/pro/availability/calendars/{calendar.pk}/remove/", follow=True)

    assert refresh.status_code == 404
    assert "does not exist or is not yours" in remove.content.decode()
    calendar.refresh_from_db()
    assert calendar.status == ExternalCalendar.Status.PENDING
    assert (
        alice_client.get("/pro/availability/calendars/").content.decode().count("Bob's calendar")
        == 0
    )


def test_the_overview_lists_only_the_practitioners_own_things(alice_client, bob_things):
    html = alice_client.get("/pro/availability/").content.decode()

    assert "Bob&#x27;s week" not in html
    assert "Bob&#x27;s long session" not in html


# --- Weekly schedules -------------------------------------------------------------------------


def test_preview_shows_the_slots_and_writes_nothing(alice_client, alice):
    every_day = {day: [("09:00", "12:00")] for day in ["mon", "tue", "wed", "thu", "fri"]}
    every_day |= {"sat": [("09:00", "12:00")], "sun": [("09:00", "12:00")]}
    counts = (WeeklySchedule.objects.count(), WeeklyRange.objects.count())

    response = alice_client.post(
        "/en/pro/availability/schedules/new/", schedule_data("preview", **every_day)
    )

    assert response.status_code == 200
    assert (WeeklySchedule.objects.count(), WeeklyRange.objects.count()) == counts
    preview = response.context["preview"]
    assert preview["slot_count"] >= 3 * 12
    html = response.content.decode()
    assert 'id="preview"' in html
    assert "09:00" in html and "11:00" in html
    assert 'value="09:00"' in html  # the form keeps what was typed


def test_preview_of_an_existing_schedule_replaces_it_instead_of_adding_to_it(alice_client, alice):
    schedule = services.weekly_schedule_save(
        practitioner=alice,
        name="Week",
        ranges=[services.RangeInput(weekday, time(9), time(12)) for weekday in range(7)],
    )
    url = f"/pro/availability/schedules/{schedule.pk}/"

    response = alice_client.post(url, schedule_data("preview"))  # no hours at all

    assert response.context["preview"]["slot_count"] == 0
    assert len(ranges_of(schedule)) == 7


def test_save_writes_exactly_the_ranges_typed(alice_client, alice):
    data = schedule_data(
        mon=[("14:00", "18:00"), ("09:00", "12:00")], thu=[("14:00", "18:00"), ("", "")]
    )
    data |= {
        "name": "Printemps",
        "valid_from": "2030-03-01",
        "valid_until": "2030-05-31",
        "every_weeks": "2",
        "replaces_others": "on",
    }

    response = alice_client.post("/pro/availability/schedules/new/", data)

    assert response.status_code == 302
    assert response["Location"] == reverse("bookings:availability")
    schedule = WeeklySchedule.objects.get(practitioner=alice)
    assert ranges_of(schedule) == [
        (0, time(9), time(12)),
        (0, time(14), time(18)),
        (3, time(14), time(18)),
    ]
    assert str(schedule.valid_from) == "2030-03-01"
    assert str(schedule.valid_until) == "2030-05-31"
    assert schedule.replaces_others is True
    assert services.repeat_weeks(schedule) == 2
    assert schedule.name == "Printemps"


def test_saving_an_existing_schedule_replaces_its_ranges(alice_client, alice):
    schedule = services.weekly_schedule_save(
        practitioner=alice, name="Week", ranges=[services.RangeInput(0, time(9), time(12))]
    )
    form = alice_client.get(f"/pro/availability/schedules/{schedule.pk}/").content.decode()
    assert 'value="09:00"' in form and 'value="12:00"' in form

    alice_client.post(
        f"/pro/availability/schedules/{schedule.pk}/",
        schedule_data(tue=[("08:30", "11:15")]),
    )

    assert ranges_of(schedule) == [(1, time(8, 30), time(11, 15))]
    assert WeeklySchedule.objects.filter(practitioner=alice).count() == 1


def test_rows_added_by_the_script_are_read_back(alice_client, alice):
    data = schedule_data(
        fri=[("08:00", "09:00"), ("10:00", "11:00"), ("12:00", "13:00"), ("14:00", "15:00")]
    )

    alice_client.post("/pro/availability/schedules/new/", data)

    assert len(ranges_of(WeeklySchedule.objects.get(practitioner=alice))) == 4


def test_invalid_hours_keep_what_was_typed_and_say_what_is_wrong(alice_client, alice):
    data = schedule_data(
        tue=[("12:00", "09:00")],
        wed=[("09:00", "12:00"), ("11:00", "13:00")],
        thu=[("10:00", "")],
    )
    data |= {"name": "Ma semaine", "valid_from": "2030-06-10", "valid_until": "2030-06-01"}

    response = alice_client.post("/en/pro/availability/schedules/new/", data)

    assert response.status_code == 400
    assert not WeeklySchedule.objects.filter(practitioner=alice).exists()
    html = response.content.decode()
    for typed in ("12:00", "09:00", "11:00", "13:00", "10:00", "2030-06-10", "2030-06-01"):
        assert f'value="{typed}"' in html, typed
    assert 'value="Ma semaine"' in html
    # Next to the fields, linked to them...
    assert "The end (09:00) must be after the start (12:00)." in html
    assert "These hours overlap 09:00–12:00: merge them into one range." in html
    assert "Give the end time too." in html
    assert "The end of the period is before its start." in html
    assert re.search(r'id="id_day1-0-end"[^>]*aria-describedby="id_day1-0-end_error"', html) or (
        re.search(r'aria-describedby="id_day1-0-end_error"[^>]*id="id_day1-0-end"', html)
    )
    assert 'id="id_day1-0-end_error"' in html
    assert 'aria-invalid="true"' in html
    # ...and in a summary on top, with links to them.
    summary = html[
        html.index("data-error-summary") : html.index("</ul>", html.index("data-error-summary"))
    ]
    for anchor in ("#id_day1-0-end", "#id_day2-1-start", "#id_day3-0-end", "#id_valid_until"):
        assert f'href="{anchor}"' in summary, anchor
    assert "Tuesday, hours 1" in summary


def test_deleting_a_schedule_asks_first(alice_client, alice):
    schedule = services.weekly_schedule_save(
        practitioner=alice, name="Week", ranges=[services.RangeInput(0, time(9), time(12))]
    )
    url = f"/pro/availability/schedules/{schedule.pk}/delete/"

    assert alice_client.get(url).status_code == 200
    assert WeeklySchedule.objects.filter(pk=schedule.pk).exists()
    assert alice_client.post(url).status_code == 302
    assert not WeeklySchedule.objects.filter(pk=schedule.pk).exists()


# --- Dates ------------------------------------------------------------------------------------


def test_different_hours_on_a_date_and_a_day_off(alice_client, alice):
    day = timezone.localdate() + timedelta(days=10)
    other_day = day + timedelta(days=1)

    alice_client.post(
        "/pro/availability/dates/",
        {
            "form": "override",
            "override-day": day.isoformat(),
            "override-working": "hours",
            "override-r-0-start": "14:00",
            "override-r-0-end": "16:00",
        },
    )
    alice_client.post(
        "/pro/availability/dates/",
        {
            "form": "override",
            "override-day": other_day.isoformat(),
            "override-working": "off",
            "override-r-0-start": "14:00",  # ignored: not working that day
            "override-r-0-end": "16:00",
        },
    )

    override = DateOverride.objects.get(practitioner=alice, date=day)
    assert [(r.start_time, r.end_time) for r in override.ranges.all()] == [(time(14), time(16))]
    assert DateOverride.objects.get(practitioner=alice, date=other_day).ranges.count() == 0
    html = alice_client.get("/en/pro/availability/dates/").content.decode()
    assert "14:00–16:00" in html and "Not working" in html


def test_a_date_with_different_hours_needs_hours(alice_client, alice):
    response = alice_client.post(
        "/en/pro/availability/dates/",
        {"form": "override", "override-day": "2030-01-02", "override-working": "hours"},
    )

    assert response.status_code == 400
    assert "Give at least one range of hours" in response.content.decode()
    assert not DateOverride.objects.filter(practitioner=alice).exists()


def test_time_off_whole_days_and_part_of_a_day(alice_client, alice):
    first = timezone.localdate() + timedelta(days=20)

    alice_client.post(
        "/pro/availability/dates/",
        {
            "form": "time_off",
            "timeoff-first_day": first.isoformat(),
            "timeoff-last_day": (first + timedelta(days=6)).isoformat(),
            "timeoff-label": "Vacances",
        },
    )
    alice_client.post(
        "/pro/availability/dates/",
        {
            "form": "time_off",
            "timeoff-first_day": first.isoformat(),
            "timeoff-start_time": "14:00",
            "timeoff-end_time": "17:30",
        },
    )

    whole, part = TimeOff.objects.filter(practitioner=alice).order_by("all_day")[::-1]
    assert whole.all_day and whole.label == "Vacances"
    assert (whole.end - whole.start) == timedelta(days=7)
    assert not part.all_day
    assert timezone.localtime(part.start, alice.time_zone).time() == time(14)
    assert timezone.localtime(part.end, alice.time_zone).time() == time(17, 30)
    html = alice_client.get("/en/pro/availability/dates/").content.decode()
    assert "Vacances" in html and "whole days" in html and "from 14:00 to 17:30" in html


def test_time_off_errors_keep_the_values(alice_client, alice):
    response = alice_client.post(
        "/en/pro/availability/dates/",
        {
            "form": "time_off",
            "timeoff-first_day": "2030-08-10",
            "timeoff-last_day": "2030-08-01",
            "timeoff-start_time": "10:00",
        },
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "The last day is before the first one." in html
    assert 'value="2030-08-10"' in html and 'value="2030-08-01"' in html
    assert not TimeOff.objects.filter(practitioner=alice).exists()


# --- Session types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, cents",
    [
        ("60", 6000),
        ("60,50", 6050),
        ("60.5", 6050),
        ("0,01", 1),
        ("1 200,10 €", 120010),
        ("45\u00a0€", 4500),
        ("19.99", 1999),
        ("80 EUR", 8000),
    ],
)
def test_prices_in_euros_become_exact_cents(typed, cents):
    assert parse_euros(typed) == cents


@pytest.mark.parametrize("typed", ["", "abc", "60,505", "1.200,50", "-5", "60 50"])
def test_prices_that_are_not_amounts_are_refused(typed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        parse_euros(typed)


def session_type_data(**overrides):
    return {
        "name": "Première séance",
        "name_en": "First session",
        "duration_minutes": "75",
        "price": "60,50",
        "buffer_before_minutes": "5",
        "buffer_after_minutes": "15",
        "min_notice_minutes": "120",
        "horizon_days": "30",
        "slot_step_minutes": "30",
        "is_active": "on",
    } | overrides


def test_creating_a_session_type_stores_the_price_in_cents(alice_client, alice):
    response = alice_client.post("/pro/availability/session-types/new/", session_type_data())

    assert response.status_code == 302
    created = SessionType.objects.get(practitioner=alice, name="Première séance")
    assert created.price_cents == 6050
    assert (created.duration_minutes, created.buffer_before_minutes) == (75, 5)
    assert (created.buffer_after_minutes, created.min_notice_minutes) == (15, 120)
    assert (created.horizon_days, created.slot_step_minutes) == (30, 30)
    assert created.name_en == "First session"
    assert not created.is_default  # the one from agenda_setup stays the default
    form = alice_client.get(f"/pro/availability/session-types/{created.pk}/").content.decode()
    assert 'value="60,50"' in form


def test_make_default_moves_the_default(alice_client, alice):
    first = SessionType.objects.get(practitioner=alice)

    alice_client.post(
        "/pro/availability/session-types/new/",
        session_type_data(make_default="on", slot_step_minutes=""),
    )

    first.refresh_from_db()
    assert not first.is_default
    new_default = SessionType.objects.get(practitioner=alice, is_default=True)
    assert new_default.slot_step_minutes is None


def test_an_invalid_price_keeps_the_form(alice_client, alice):
    response = alice_client.post(
        "/en/pro/availability/session-types/new/", session_type_data(price="soixante")
    )

    assert response.status_code == 400
    assert "Write a price in euros" in response.content.decode()
    assert 'value="soixante"' in response.content.decode()
    assert SessionType.objects.filter(practitioner=alice).count() == 1


def test_the_default_session_type_cannot_be_deleted(alice_client, alice):
    default = SessionType.objects.get(practitioner=alice)

    response = alice_client.post(
        f"/en/pro/availability/session-types/{default.pk}/delete/", follow=True
    )

    assert "Choose another default session type" in response.content.decode()
    assert SessionType.objects.filter(pk=default.pk).exists()


def test_editing_a_session_type_keeps_a_notice_outside_the_usual_choices(alice_client, alice):
    session_type = SessionType.objects.get(practitioner=alice)
    SessionType.objects.filter(pk=session_type.pk).update(min_notice_minutes=90)

    response = alice_client.post(
        f"/pro/availability/session-types/{session_type.pk}/",
        session_type_data(min_notice_minutes="90", price="70"),
    )

    assert response.status_code == 302
    session_type.refresh_from_db()
    assert (session_type.min_notice_minutes, session_type.price_cents) == (90, 7000)
    assert session_type.price_cents == int(Decimal("70") * 100)


# --- Calendars and the feed -------------------------------------------------------------------


def test_a_calendar_that_cannot_be_read_shows_why(
    alice_client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            "/en/pro/availability/calendars/",
            {"url": "http://127.0.0.1:9/nothing.ics", "name": "Cabinet"},
        )
    assert response.status_code == 302

    calendar = ExternalCalendar.objects.get(practitioner=alice)
    assert calendar.status == ExternalCalendar.Status.ERROR
    html = alice_client.get("/en/pro/availability/calendars/").content.decode()
    assert "Cabinet" in html
    assert "Could not be read" in html
    assert calendar.last_error in html.replace("&#x27;", "'")

    response = alice_client.post(f"/pro/availability/calendars/{calendar.pk}/refresh/")
    assert response.status_code == 302
    calendar.refresh_from_db()
    assert calendar.last_attempt_at is not None


def test_a_calendar_address_that_is_not_one_is_refused(alice_client, alice):
    response = alice_client.post("/en/pro/availability/calendars/", {"url": "my calendar"})

    assert response.status_code == 400
    assert 'value="my calendar"' in response.content.decode()
    assert not ExternalCalendar.objects.filter(practitioner=alice).exists()


def test_removing_a_calendar(alice_client, alice):
    calendar = ExternalCalendar.objects.create(
        practitioner=alice, url="https://calendar.example.org/a.ics"
    )

    alice_client.post(f"/pro/availability/calendars/{calendar.pk}/remove/")

    assert not ExternalCalendar.objects.filter(pk=calendar.pk).exists()


def test_the_private_feed_is_a_calendar_and_a_new_address_retires_the_old_one(alice_client, alice):
    old_token = CalendarFeed.objects.get(practitioner=alice).token
    page = alice_client.get("/en/pro/availability/calendars/").content.decode()
    assert (
        f"http://127.0.0.1:8000/agenda/{old_token}.ics" in page
        or f"/agenda/{old_token}.ics" in page
    )

    alice_client.logout()
    response = alice_client.get(f"/agenda/{old_token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=300"
    assert icalendar.Calendar.from_ical(response.content).name == "VCALENDAR"

    alice_client.force_login(alice.user)
    assert alice_client.get("/pro/availability/calendars/feed/new-address/").status_code == 200
    assert CalendarFeed.objects.get(practitioner=alice).token == old_token  # asked first
    alice_client.post("/pro/availability/calendars/feed/new-address/")
    new_token = CalendarFeed.objects.get(practitioner=alice).token

    assert new_token != old_token
    assert alice_client.get(f"/agenda/{old_token}.ics").status_code == 404
    assert alice_client.get(f"/agenda/{new_token}.ics").status_code == 200
    assert alice_client.get("/agenda/not-a-token.ics").status_code == 404


def test_the_feed_address_does_not_depend_on_the_page_language(alice_client, alice):
    token = CalendarFeed.objects.get(practitioner=alice).token
    with translation.override("en"):
        english = alice_client.get("/en/pro/availability/calendars/").context["feed_url"]
    french = alice_client.get("/pro/availability/calendars/").context["feed_url"]

    assert english == french
    assert english.endswith(f"/agenda/{token}.ics")


def test_patients_names_in_the_feed_are_a_choice_off_by_default(alice_client, alice):
    feed = CalendarFeed.objects.get(practitioner=alice)
    assert feed.show_patient_names is False
    alice_client.post("/pro/availability/calendars/feed/options/", {"show_patient_names": "1"})
    feed.refresh_from_db()
    assert feed.show_patient_names is True
    alice_client.post("/pro/availability/calendars/feed/options/", {})
    feed.refresh_from_db()
    assert feed.show_patient_names is False
    assert alice_client.get("/pro/availability/calendars/feed/options/").status_code == 405


def test_editing_the_default_session_type_keeps_it_default_and_bookable(alice):
    from bookings import services

    default = alice.session_types.get(is_default=True)
    services.session_type_save(practitioner=alice, session_type_id=default.pk, duration_minutes=45)
    default.refresh_from_db()
    assert default.is_default and default.duration_minutes == 45
    with pytest.raises(services.AvailabilityError):
        services.session_type_save(practitioner=alice, session_type_id=default.pk, is_active=False)
    other = services.session_type_save(practitioner=alice, name="Bilan", duration_minutes=90)
    assert not other.is_default
    services.session_type_save(practitioner=alice, session_type_id=other.pk, make_default=True)
    default.refresh_from_db()
    other.refresh_from_db()
    assert other.is_default and not default.is_default
