# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Reminders: an email the day before and a text shortly before (for patients who chose SMS),
each queued once, for the booking's current time only, never for a cancelled booking; right
across a clock change; as discreet as every booking message."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bookings import lifecycle
from bookings.lifecycle import Acting
from bookings.models import Booking, BookingReminder
from bookings.notify import manage_url
from bookings.reminders import send_due_reminders
from khepri.periodic import periodic_jobs
from notifications import sms
from notifications.models import OutboundMessage
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NEVER_SAID,
    NOW,
    book,
    claire,
    consult,
    everything_said,
    fr,
    html,
    paris,
    patient,
    sent,
)
from tests.bookings.test_notify_sms import wants_sms
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
DAY = timedelta(hours=24)


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def booked(consult, patient, start, *, now=NOW, made=NOW - timedelta(days=3), **options):
    """A confirmed booking made at `made` (its confirmation went out then)."""
    booking = book(consult, patient, start, now=now, **options)
    Booking.objects.filter(pk=booking.pk).update(created_at=made)
    booking.refresh_from_db()
    return booking


def remind(sent, now):
    """Run the periodic job at `now`; return what it queued and the emails sent after commit."""
    return sent(lambda: send_due_reminders(now=now))


def reminders_of(booking):
    return list(
        OutboundMessage.objects.filter(booking=booking, kind="booking.reminder.patient").order_by(
            "pk"
        )
    )


def test_the_email_reminder_is_queued_once_when_it_falls_due(consult, patient, sent):
    booking = booked(consult, patient, paris(9, 10))
    # Not yet: 24 h and 5 minutes ahead.
    assert remind(sent, booking.start - DAY - timedelta(minutes=5)) == (0, [])
    queued, emails = remind(sent, booking.start - DAY + timedelta(minutes=2))
    assert queued == 1
    (email,) = emails
    assert email.to == ["alice@example.test"]
    assert email.subject == fr("Reminder of your appointment")
    # The next runs (or a second worker) queue nothing more.
    assert remind(sent, booking.start - DAY + timedelta(minutes=7)) == (0, [])
    assert remind(sent, booking.start - DAY + timedelta(minutes=7)) == (0, [])
    assert len(reminders_of(booking)) == 1
    (record,) = BookingReminder.objects.filter(booking=booking)
    assert (record.kind, record.booking_start) == ("email_24h", booking.start)


def test_a_record_already_written_by_another_worker_stops_the_second_one(consult, patient, sent):
    from bookings.reminders import reminder_queue

    booking = booked(consult, patient, paris(9, 10))
    now = booking.start - DAY + timedelta(minutes=1)
    # The other worker committed between this one's query and its write.
    BookingReminder.objects.create(
        booking=booking, kind="email_24h", booking_start=booking.start, queued_at=now
    )
    queued, emails = sent(
        lambda: reminder_queue(
            booking_id=booking.pk, kind="email_24h", start=booking.start, now=now
        )
    )
    assert queued is False and emails == []
    assert reminders_of(booking) == []


def test_a_cancelled_booking_gets_no_reminder(consult, patient, sent):
    booking = booked(consult, patient, paris(9, 10))
    lifecycle.booking_cancel(booking=booking, acting=Acting.patient(patient), now=NOW)
    assert remind(sent, booking.start - DAY + timedelta(minutes=1)) == (0, [])
    assert reminders_of(booking) == []


def test_a_moved_booking_is_reminded_of_its_new_time_only(consult, patient, sent):
    booking = booked(consult, patient, paris(9, 10))
    lifecycle.booking_reschedule(
        booking=booking, start=paris(10, 15), acting=Acting.patient(patient), now=NOW
    )
    # When the old time's reminder would have been due: nothing.
    assert remind(sent, paris(8, 10, 1)) == (0, [])
    # Reminded for the new time; then moved again, after that reminder: a fresh one.
    (email,) = remind(sent, paris(9, 15, 1))[1]
    assert "10 décembre 2026 à 15:00" in email.body
    lifecycle.booking_reschedule(
        booking=booking,
        start=paris(11, 10),
        acting=Acting.practitioner(),
        now=paris(9, 16),
    )
    assert remind(sent, paris(9, 16, 5)) == (0, [])
    (email,) = remind(sent, paris(10, 10, 3))[1]
    assert "11 décembre 2026 à 10:00" in email.body
    assert "10 décembre" not in email.body
    assert sorted(
        BookingReminder.objects.filter(booking=booking).values_list("booking_start", flat=True)
    ) == [paris(10, 15).astimezone(UTC), paris(11, 10).astimezone(UTC)]


def test_a_booking_just_confirmed_gets_no_email_reminder(consult, patient, sent):
    # Booked three hours ahead: the confirmation has just said it all.
    booking = booked(consult, patient, paris(8, 10), now=paris(8, 7), made=paris(8, 7))
    for minutes in (5, 60, 150):
        assert remind(sent, paris(8, 7) + timedelta(minutes=minutes)) == (0, [])
    # Made one hour before the reminder would fall due: none either.
    late = booked(consult, patient, paris(9, 10), made=paris(8, 9))
    assert remind(sent, paris(8, 10, 1)) == (0, [])
    assert reminders_of(booking) == reminders_of(late) == []


def test_the_text_reminder_goes_only_to_patients_who_chose_sms(consult, patient, sent):
    emailer = booked(consult, patient, paris(9, 10))
    texter_user = UserFactory(email="bob@example.test")
    wants_sms(texter_user)
    texter = booked(consult, texter_user, paris(9, 14), language="en")
    unverified_user = UserFactory(email="carl@example.test")
    wants_sms(unverified_user, phone="+33699999999", verified=False)
    booked(consult, unverified_user, paris(9, 16))

    remind(sent, paris(9, 7))  # the email reminders (due since the day before): no text
    assert sms.outbox == []
    remind(sent, paris(9, 12, 5))  # 1 h 55 before the texter's session
    (text,) = sms.outbox
    assert text["to"] == "+33612345678"
    assert text["text"].startswith("Khepri: Reminder: appointment Wed 9 Dec, 14:00.")
    assert texter.video_url in text["text"]
    assert f"/en/appointments/{texter.token}/" in text["text"]
    assert text["segments"] <= 2
    remind(sent, paris(9, 12, 30))  # a later run: nothing more
    remind(sent, paris(9, 15, 30))  # 30 minutes before the unverified one's session
    assert len(sms.outbox) == 1
    assert [r.channel for r in reminders_of(emailer)] == ["email"]
    assert sorted(r.channel for r in reminders_of(texter)) == ["email", "sms"]


def test_reminders_are_right_across_the_clock_change(consult, patient, sent):
    # Clocks go back on Sunday 25 October 2026 (03:00 CEST → 02:00 CET): a Monday 09:00
    # session starts at 08:00 UTC, so its reminder is due on Sunday at 08:00 UTC.
    start = datetime(2026, 10, 26, 9, 0, tzinfo=PARIS)
    assert start.astimezone(UTC) == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)
    booking = booked(
        consult,
        patient,
        start,
        now=datetime(2026, 10, 20, 8, 0, tzinfo=UTC),
        made=datetime(2026, 10, 20, 8, 0, tzinfo=UTC),
    )
    assert remind(sent, datetime(2026, 10, 25, 7, 55, tzinfo=UTC)) == (0, [])
    (email,) = remind(sent, datetime(2026, 10, 25, 8, 0, tzinfo=UTC))[1]
    assert "lundi 26 octobre 2026 à 09:00" in email.body
    assert "09:00" in html(email)
    assert [r.channel for r in reminders_of(booking)] == ["email"]


def test_the_reminder_is_discreet_and_carries_the_links(consult, patient, sent, claire):
    booking = booked(consult, patient, paris(9, 10))
    assert booking.title == "Séance de sophrologie"
    (email,) = remind(sent, paris(8, 10))[1]
    said = everything_said(email)
    for word in NEVER_SAID:
        assert word not in said, word
    assert booking.video_url in email.body and booking.video_url in html(email)
    assert manage_url(booking) in email.body
    assert email.attachments == []


def test_the_job_runs_every_five_minutes():
    (job,) = [j for j in periodic_jobs() if j.name.endswith("send_due_reminders")]
    assert job.interval == timedelta(minutes=5)


@pytest.mark.django_db(transaction=True)
def test_500_reminders_by_two_workers_are_queued_and_sent_once_each(site_tree, settings):
    """Two workers run the reminder job at the same moment, then both send what is due: every
    one of 500 patients gets exactly one reminder."""
    import threading

    from django.core import mail
    from django.db import connection

    from notifications.services import messages_send_due
    from tests.factories import PractitionerFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    mail.outbox = []
    start = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)
    practitioners = [PractitionerFactory() for _ in range(50)]
    patients = [UserFactory(email=f"p{i}@example.test") for i in range(500)]
    Booking.objects.bulk_create(
        Booking(
            practitioner=practitioners[i % 50],
            patient=patients[i],
            start=start + timedelta(hours=i // 50),
            end=start + timedelta(hours=i // 50, minutes=50),
            title="Consultation",
            state=Booking.State.CONFIRMED,
            time_zone="Europe/Paris",
            language="fr",
        )
        for i in range(500)
    )
    Booking.objects.update(created_at=start - timedelta(days=10))
    # Every session starts within the next 24 hours at `now`.
    now = start - timedelta(hours=1)
    barrier = threading.Barrier(2)
    counts, errors = [], []

    def worker(job):
        try:
            barrier.wait()
            counts.append(job())
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    for job in (
        lambda: send_due_reminders(now=now),
        lambda: messages_send_due(now=now + timedelta(seconds=1)),
    ):
        threads = [threading.Thread(target=worker, args=(job,)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert sum(counts) == 500
        counts.clear()
    assert BookingReminder.objects.count() == 500
    recipients = [message.to[0] for message in mail.outbox]
    assert len(recipients) == 500 and len(set(recipients)) == 500
