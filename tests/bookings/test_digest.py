# ruff: noqa: F811 - the fixtures are shared with test_notify
"""The evening list of tomorrow's sessions: sent once per practitioner and day, after the
local hour, in the practitioner's zone (whole 23- and 25-hour days), only when wanted and
only when there is something to list; discreet like every message."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from bookings import lifecycle
from bookings.digest import digest_queue, digests_send_due
from bookings.lifecycle import Acting
from bookings.models import AgendaDigest
from khepri.periodic import periodic_jobs
from notifications.models import OutboundMessage
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NEVER_SAID,
    TITLE,
    book,
    claire,
    consult,
    everything_said,
    fr,
    patient,
    sent,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def at(year, month, day, hour, minute=0, zone=PARIS) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone)


def digests(to="claire@example.test"):
    return list(OutboundMessage.objects.filter(kind="agenda.tomorrow.practitioner", to=to))


def test_tomorrows_sessions_are_sent_once_after_six_in_the_evening(consult, patient, sent):
    made = at(2026, 12, 1, 9)
    book(consult, patient, at(2026, 12, 8, 9), now=made)
    other = UserFactory(email="bob@example.test", first_name="Bob", last_name="Lenoir")
    book(consult, other, at(2026, 12, 8, 14), now=made)
    book(consult, patient, at(2026, 12, 9, 9), now=made)  # the day after: not listed

    assert sent(lambda: digests_send_due(now=at(2026, 12, 7, 17, 59))) == (0, [])
    queued, emails = sent(lambda: digests_send_due(now=at(2026, 12, 7, 18, 0)))
    assert queued == 1
    (email,) = emails
    assert email.to == ["claire@example.test"]
    assert email.subject == fr("Your sessions for tomorrow")
    assert "09:00–09:50  Alice Durand" in email.body
    assert "14:00–14:50  Bob Lenoir" in email.body
    assert email.body.index("Alice") < email.body.index("Bob")
    assert "mardi 8 décembre 2026" in email.body
    said = everything_said(email).lower()
    assert TITLE.lower() not in said and "sophro" not in said
    # Later runs the same evening, or a second worker, send nothing more.
    assert sent(lambda: digests_send_due(now=at(2026, 12, 7, 18, 15))) == (0, [])
    assert (
        digest_queue(
            practitioner_id=consult.practitioner_id,
            day=at(2026, 12, 8, 0).date(),
            now=at(2026, 12, 7, 18, 20),
        )
        is False
    )
    assert len(digests()) == 1


def test_requests_are_listed_as_to_answer_and_cancelled_ones_are_not(
    claire, consult, patient, sent
):
    made = at(2026, 12, 1, 9)
    claire.confirmation_mode = claire.ConfirmationMode.REQUEST
    claire.save()
    held = lifecycle.hold_create(session_type=consult, start=at(2026, 12, 8, 10), now=made)
    lifecycle.hold_confirm(booking=held, patient=patient, now=made)
    claire.confirmation_mode = claire.ConfirmationMode.INSTANT
    claire.save()
    other = UserFactory(email="bob@example.test", first_name="Bob", last_name="Lenoir")
    gone = book(consult, other, at(2026, 12, 8, 15), now=made)
    lifecycle.booking_cancel(booking=gone, acting=Acting.patient(other), now=made)

    _queued, emails = sent(lambda: digests_send_due(now=at(2026, 12, 7, 19)))
    (email,) = [e for e in emails if e.to == ["claire@example.test"]]
    assert "10:00–10:50  Alice Durand " + fr("(request to answer)") in email.body
    assert "Bob" not in email.body


def test_a_day_without_sessions_is_recorded_without_an_email(claire, sent):
    assert sent(lambda: digests_send_due(now=at(2026, 12, 7, 20))) == (0, [])
    assert AgendaDigest.objects.get(practitioner=claire).sessions == 0
    assert digests() == []


def test_practitioners_who_do_not_want_it_get_nothing(claire, consult, patient, sent):
    book(consult, patient, at(2026, 12, 8, 9), now=at(2026, 12, 1, 9))
    claire.daily_agenda_email = False
    claire.save()
    assert sent(lambda: digests_send_due(now=at(2026, 12, 7, 20))) == (0, [])
    assert not AgendaDigest.objects.exists()


@pytest.mark.parametrize(
    ("evening", "day", "first", "last"),
    [
        # Spring forward: Sunday 29 March 2026 has 23 hours.
        (at(2026, 3, 28, 18), (2026, 3, 29), at(2026, 3, 29, 1), at(2026, 3, 29, 23)),
        # Fall back: Sunday 25 October 2026 has 25 hours.
        (at(2026, 10, 24, 18), (2026, 10, 25), at(2026, 10, 25, 1), at(2026, 10, 25, 23)),
    ],
)
def test_days_with_a_clock_change_are_listed_whole(
    claire, consult, patient, sent, evening, day, first, last
):
    from tests.factories import week

    week(claire, hours={day: [("00:00", "23:59")] for day in range(7)})
    made = evening - timedelta(days=5)
    book(consult, patient, first, now=made)
    other = UserFactory(email="bob@example.test", first_name="Bob", last_name="Lenoir")
    book(consult, other, last, now=made)
    book(consult, patient, last + timedelta(hours=1), now=made)  # the next day's 00:00

    _queued, emails = sent(lambda: digests_send_due(now=evening))
    (email,) = emails
    assert first.strftime("%H:%M") + "–" in email.body
    assert "23:00–23:50  Bob Lenoir" in email.body
    assert email.body.count("Alice Durand") == 1
    assert AgendaDigest.objects.get().day == datetime(*day).date()


def test_the_evening_is_the_practitioners_own(claire, consult, patient, sent):
    claire.time_zone = "America/Montreal"
    claire.save()
    montreal = ZoneInfo("America/Montreal")
    from tests.factories import week

    week(claire, hours={day: [("00:00", "23:59")] for day in range(7)})
    book(consult, patient, at(2026, 12, 8, 9, zone=montreal), now=at(2026, 12, 1, 9))
    # 18:00 in Paris is noon in Montreal: too early there.
    assert sent(lambda: digests_send_due(now=at(2026, 12, 7, 18))) == (0, [])
    _queued, emails = sent(lambda: digests_send_due(now=at(2026, 12, 7, 18, zone=montreal)))
    (email,) = emails
    assert "09:00–09:50  Alice Durand" in email.body


@override_settings(KHEPRI_AGENDA_DIGEST_HOUR=20)
def test_the_hour_is_a_setting(consult, patient, sent):
    book(consult, patient, at(2026, 12, 8, 9), now=at(2026, 12, 1, 9))
    assert sent(lambda: digests_send_due(now=at(2026, 12, 7, 19, 59))) == (0, [])
    assert sent(lambda: digests_send_due(now=at(2026, 12, 7, 20)))[0] == 1


def test_english_speaking_practitioners_get_it_in_english(claire, consult, patient, sent):
    claire.user.language = "en"
    claire.user.save()
    book(consult, patient, at(2026, 12, 8, 9), now=at(2026, 12, 1, 9))
    _queued, (email,) = sent(lambda: digests_send_due(now=at(2026, 12, 7, 18)))
    assert email.subject == "Your sessions for tomorrow"
    assert "Tuesday 8 December 2026" in email.body


def test_the_job_runs_every_quarter_hour():
    (job,) = [job for job in periodic_jobs() if job.task.name.endswith("send_agenda_digests")]
    assert job.interval == timedelta(minutes=15)


def test_the_switch_is_in_the_booking_settings(client, claire):
    client.force_login(claire.user)
    page = client.get("/en/pro/bookings/settings/")
    assert b"daily_agenda_email" in page.content
    data = {
        "confirmation_mode": claire.confirmation_mode,
        "request_response_hours": 24,
        "free_cancellation_hours": 24,
        "late_cancellation_fee_percent": 50,
        "video_room_url": "",
    }  # the box unticked
    assert client.post("/en/pro/bookings/settings/", data).status_code == 302
    claire.refresh_from_db()
    assert claire.daily_agenda_email is False
