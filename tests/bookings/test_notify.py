"""Messages about bookings: sent after commit, discreet, in the patient's language and time
zone, with a calendar invite that follows the booking's life."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from bookings import lifecycle
from bookings.lifecycle import Acting
from bookings.models import Booking
from practitioners.models import Practitioner
from tests.factories import PractitionerFactory, UserFactory, session_type, week

pytestmark = pytest.mark.django_db

State = Booking.State
PARIS = ZoneInfo("Europe/Paris")
# Monday 7 December 2026, 06:00 UTC (07:00 in Paris).
NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
TITLE = "Séance de sophrologie"
PROFESSION = "Sophrologue et hypnothérapeute"
NEVER_SAID = ["séance", "sophro", "hypno", PROFESSION.lower(), "sophrology", "hypnosis"]


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def claire():
    practitioner = PractitionerFactory(
        slug="claire-martin",
        profession=PROFESSION,
        user__email="claire@example.test",
        user__first_name="Claire",
        user__last_name="Martin",
    )
    session_type(
        practitioner,
        name=TITLE,
        name_en="Sophrology session",
        duration_minutes=50,
        buffer_after_minutes=10,
        min_notice_minutes=0,
        price_cents=6000,
    )
    week(practitioner)
    return practitioner


@pytest.fixture
def consult(claire):
    return claire.session_types.get(is_default=True)


@pytest.fixture
def patient():
    return UserFactory(email="alice@example.test", first_name="Alice", last_name="Durand")


@pytest.fixture
def sent(django_capture_on_commit_callbacks, mailoutbox):
    """Run a change as a request would, its after-commit work included; return the emails it
    sent."""

    def run(change):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = change()
        return result, mailoutbox[before:]

    return run


def fr(text: str) -> str:
    """A message text as French readers (the default language) get it."""
    with translation.override("fr"):
        return gettext(text)


def in_both_languages(texts: set[str]) -> set[str]:
    return texts | {fr(text) for text in texts}


def book(consult, patient, start, *, now=NOW, **options) -> Booking:
    booking = lifecycle.hold_create(session_type=consult, start=start, now=now, **options)
    return lifecycle.hold_confirm(booking=booking, patient=patient, now=now)


def to(emails, address):
    (email,) = [e for e in emails if e.to == [address]]
    return email


def html(email) -> str:
    (content, mimetype), *_ = email.alternatives
    assert mimetype == "text/html"
    return content


def invite(email):
    """The email's calendar part as sent, parsed; with its iTIP method from the MIME header."""
    (part,) = [p for p in email.message().walk() if p.get_content_type() == "text/calendar"]
    assert part.get_filename() == "invite.ics"
    assert part.get_all("Content-Type")[0].lower().count("charset") == 1
    assert part.get_content_charset() == "utf-8"
    calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    (event,) = calendar.walk("VEVENT")
    return calendar, event, part.get_param("method")


def everything_said(email) -> str:
    parts = [email.subject, email.body, html(email)]
    for _name, content, _type in email.attachments:
        parts.append(content if isinstance(content, str) else content.decode())
    return "\n".join(parts).lower()


# --- After commit, or not at all ----------------------------------------------------------------


def test_messages_leave_only_once_the_change_is_committed(
    consult, patient, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        book(consult, patient, paris(8, 10))
    # One message per person, written to the outbox; each leaves once its callback runs.
    assert mailoutbox == [] and len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert sorted(e.to[0] for e in mailoutbox) == ["alice@example.test", "claire@example.test"]


def test_a_rolled_back_change_sends_nothing(consult, patient, sent):
    held = lifecycle.hold_create(session_type=consult, start=paris(8, 10), now=NOW)

    def confirm_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            lifecycle.hold_confirm(booking=held, patient=patient, now=NOW)
            raise RuntimeError("the payment step failed")

    _result, emails = sent(confirm_then_fail)
    assert emails == []
    held.refresh_from_db()
    assert held.state == State.HELD


def test_a_refused_change_sends_nothing(consult, patient, sent):
    booking = book(consult, patient, paris(8, 10))

    def cancel_after_start():
        with pytest.raises(lifecycle.NotAllowed):
            lifecycle.booking_cancel(
                booking=booking, acting=Acting.patient(patient), now=paris(8, 10)
            )

    assert sent(cancel_after_start)[1] == []


def test_confirming_twice_sends_once(consult, patient, sent):
    held = lifecycle.hold_create(session_type=consult, start=paris(8, 10), now=NOW)
    _booking, first = sent(lambda: lifecycle.hold_confirm(booking=held, patient=patient, now=NOW))
    _booking, second = sent(lambda: lifecycle.hold_confirm(booking=held, patient=patient, now=NOW))
    assert len(first) == 2 and second == []


def test_a_provider_error_does_not_stop_the_other_message(consult, patient, sent, monkeypatch):
    from notifications import services
    from notifications.models import OutboundMessage

    deliver = services._deliver

    def flaky(message):
        if message.to == patient.email:
            raise OSError("provider down")
        return deliver(message)

    monkeypatch.setattr(services, "_deliver", flaky)
    booking, emails = sent(lambda: book(consult, patient, paris(8, 10)))
    assert booking.state == State.CONFIRMED
    assert [e.to for e in emails] == [["claire@example.test"]]
    # The patient's message waits in the outbox for its next try.
    waiting = OutboundMessage.objects.get(to=patient.email)
    assert waiting.status == OutboundMessage.Status.QUEUED
    assert "provider down" in waiting.last_error


# --- What each change tells whom ----------------------------------------------------------------


def test_a_confirmation_carries_the_invite(consult, patient, sent, claire):
    booking, emails = sent(lambda: book(consult, patient, paris(8, 10)))
    assert len(emails) == 2
    mail = to(emails, "alice@example.test")
    assert mail.subject == fr("Your appointment is confirmed")
    assert booking.token in mail.body and booking.token in html(mail)
    calendar, event, method = invite(mail)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert method == "REQUEST"
    assert str(event["UID"]) == f"{booking.reference}@khepri"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == paris(8, 10)
    assert event.decoded("DTEND") == paris(8, 10, 50)
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Consultation"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert str(event["ATTENDEE"]) == "mailto:alice@example.test"
    assert booking.token in str(event["DESCRIPTION"])
    pro = to(emails, "claire@example.test")
    assert pro.subject == fr("New appointment") and pro.attachments == []
    assert "Alice Durand" in pro.body
    # The policy is in the patient's confirmation.
    assert "24 heures" in mail.body and "50" in mail.body


def test_a_move_updates_the_same_invite(consult, patient, sent):
    booking = book(consult, patient, paris(8, 10))
    _booking, first = sent(
        lambda: lifecycle.booking_reschedule(
            booking=booking, start=paris(9, 14), acting=Acting.patient(patient), now=NOW
        )
    )
    _booking, second = sent(
        lambda: lifecycle.booking_reschedule(
            booking=booking, start=paris(9, 15), acting=Acting.patient(patient), now=NOW
        )
    )
    for emails, sequence, start, before in ((first, 1, 14, (8, 10)), (second, 2, 15, (9, 14))):
        mail = to(emails, "alice@example.test")
        assert mail.subject == fr("Your appointment has moved")
        calendar, event, method = invite(mail)
        assert str(calendar["METHOD"]) == method == "REQUEST"
        assert str(event["UID"]) == f"{booking.reference}@khepri"
        assert int(event["SEQUENCE"]) == sequence
        assert event.decoded("DTSTART") == paris(9, start)
        assert f"{before[1]}:00" in mail.body  # the old time is named
        pro = to(emails, "claire@example.test")
        assert pro.subject == fr("Appointment moved")


@pytest.mark.parametrize("by", ["patient", "practitioner"])
def test_a_cancellation_cancels_the_invite(consult, patient, sent, claire, by):
    booking = book(consult, patient, paris(8, 10))
    lifecycle.booking_reschedule(
        booking=booking, start=paris(9, 10), acting=Acting.patient(patient), now=NOW
    )
    acting = Acting.patient(patient) if by == "patient" else Acting.practitioner(claire.user)
    booking, emails = sent(
        lambda: lifecycle.booking_cancel(booking=booking, acting=acting, now=NOW)
    )
    mail = to(emails, "alice@example.test")
    assert mail.subject == fr("Your appointment is cancelled")
    calendar, event, method = invite(mail)
    assert str(calendar["METHOD"]) == method == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == f"{booking.reference}@khepri"
    assert int(event["SEQUENCE"]) > 1  # after the move's SEQUENCE:1
    if by == "patient":
        assert to(emails, "claire@example.test").subject == fr("Appointment cancelled")
        assert f"/appointments/{booking.token}/" in mail.body  # book another time from there
        assert "claire-martin" not in mail.body  # a profile's address may name a speciality
    else:
        assert len(emails) == 1  # the practitioner did it
        assert "rien à payer" in mail.body  # nothing is due


def test_a_late_fee_is_named_with_its_amount(claire, consult, patient, sent):
    for day in (8, 9):
        booking = book(consult, patient, paris(day, 10), language="en")
        booking, emails = sent(
            lambda booking=booking, day=day: lifecycle.booking_cancel(
                booking=booking, acting=Acting.patient(patient), now=paris(day, 9)
            )
        )
    mail = to(emails, "alice@example.test")
    assert "a fee of 30.00 EUR applies." in mail.body
    booking = book(consult, patient, paris(10, 10))  # French
    _booking, emails = sent(
        lambda: lifecycle.booking_cancel(
            booking=booking, acting=Acting.patient(patient), now=paris(10, 9)
        )
    )
    assert "30,00 EUR" in to(emails, "alice@example.test").body


def test_a_request_and_its_answers(claire, consult, patient, sent):
    claire.confirmation_mode = Practitioner.ConfirmationMode.REQUEST
    claire.save()
    as_claire = Acting.practitioner(claire.user)

    booking, emails = sent(lambda: book(consult, patient, paris(9, 10)))
    mail = to(emails, "alice@example.test")
    assert mail.subject == fr("Your appointment request has been sent")
    assert mail.attachments == []  # nothing in the calendar until it is accepted
    assert "mardi 8 décembre 2026" in mail.body  # answered within 24 hours
    pro = to(emails, "claire@example.test")
    assert pro.subject == fr("New appointment request")
    assert "Alice Durand" in pro.body and "mardi 8 décembre 2026" in pro.body

    _b, emails = sent(lambda: lifecycle.request_accept(booking=booking, acting=as_claire, now=NOW))
    assert [e.to for e in emails] == [["alice@example.test"]]
    calendar, _event, _type = invite(emails[0])
    assert str(calendar["METHOD"]) == "REQUEST"

    declined = book(consult, patient, paris(9, 11))
    _b, emails = sent(
        lambda: lifecycle.request_decline(booking=declined, acting=as_claire, now=NOW)
    )
    (mail,) = emails
    assert mail.subject == fr("Your appointment request") and mail.attachments == []
    assert f"/appointments/{declined.token}/" in mail.body  # other times, from its page

    expiring = book(consult, patient, paris(9, 14))
    count, emails = sent(lambda: lifecycle.requests_expire(now=expiring.respond_by))
    assert count == 1
    assert to(emails, "alice@example.test").subject == fr("Your appointment request")
    assert to(emails, "claire@example.test").subject == fr("Appointment request expired")


def test_a_cancelled_request_has_no_invite_to_cancel(claire, consult, patient, sent):
    claire.confirmation_mode = Practitioner.ConfirmationMode.REQUEST
    claire.save()
    booking = book(consult, patient, paris(9, 10))
    _b, emails = sent(
        lambda: lifecycle.booking_cancel(booking=booking, acting=Acting.patient(patient), now=NOW)
    )
    mail = to(emails, "alice@example.test")
    assert mail.subject == fr("Your appointment is cancelled") and mail.attachments == []


def test_holds_and_their_expiry_send_nothing(consult, patient, sent):
    _b, emails = sent(
        lambda: lifecycle.hold_create(
            session_type=consult, start=paris(8, 10), now=NOW, patient=patient
        )
    )
    assert emails == []
    _n, emails = sent(lambda: lifecycle.holds_expire(now=NOW + timedelta(minutes=10)))
    assert emails == []


# --- Discretion ---------------------------------------------------------------------------------


def test_no_message_names_the_therapy_or_the_session(claire, consult, patient, sent):
    """Whatever happens, subjects, bodies and invites never name the session, the therapy or
    the practitioner's profession (a shared inbox, a locked screen)."""
    as_claire = Acting.practitioner(claire.user)
    as_patient = Acting.patient(patient)
    emails = []

    def collect(change, *args, **kwargs):
        result, new = sent(lambda: change(*args, **kwargs))
        emails.extend(new)
        return result

    for day, language in ((8, "fr"), (9, "en")):
        first = collect(book, consult, patient, paris(day, 9), language=language)
        start = paris(day, 10)
        collect(
            lifecycle.booking_reschedule, booking=first, start=start, acting=as_patient, now=NOW
        )
        collect(lifecycle.booking_cancel, booking=first, acting=as_patient, now=NOW)
        other = collect(book, consult, patient, paris(day, 14), language=language)
        collect(lifecycle.booking_cancel, booking=other, acting=as_claire, now=NOW)
    claire.confirmation_mode = Practitioner.ConfirmationMode.REQUEST
    claire.save()
    accepted = collect(book, consult, patient, paris(10, 15))
    collect(lifecycle.request_accept, booking=accepted, acting=as_claire, now=NOW)
    declined = collect(book, consult, patient, paris(10, 16))
    collect(lifecycle.request_decline, booking=declined, acting=as_claire, now=NOW)
    expired = collect(book, consult, patient, paris(10, 17))
    collect(lifecycle.requests_expire, now=expired.respond_by)

    assert len(emails) == 28
    assert {email.subject for email in emails} <= in_both_languages(
        {
            "Your appointment is confirmed",
            "Your appointment has moved",
            "Your appointment is cancelled",
            "Your appointment request has been sent",
            "Your appointment request",
            "New appointment",
            "New appointment request",
            "Appointment moved",
            "Appointment cancelled",
            "Appointment request expired",
        }
    )
    for email in emails:
        said = everything_said(email)
        for word in NEVER_SAID:
            assert word not in said, (word, email.subject)


# --- Language and time zone ---------------------------------------------------------------------


def test_french_by_default(consult, patient, sent):
    booking, emails = sent(lambda: book(consult, patient, paris(8, 10)))
    mail = to(emails, "alice@example.test")
    assert "mardi 8 décembre 2026" in mail.body and "10:00" in mail.body
    assert '<html lang="fr">' in html(mail)
    assert f"/appointments/{booking.token}/" in mail.body
    assert "/en/" not in mail.body


def test_english_when_booked_in_english(consult, patient, sent):
    booking, emails = sent(lambda: book(consult, patient, paris(8, 10), language="en"))
    mail = to(emails, "alice@example.test")
    assert "Tuesday 8 December 2026" in mail.body and "10:00" in mail.body
    assert '<html lang="en">' in html(mail)
    assert f"/en/appointments/{booking.token}/" in mail.body
    # The practitioner reads their own language.
    assert "mardi 8 décembre 2026" in to(emails, "claire@example.test").body


def test_times_in_the_patients_zone_and_the_practitioners(consult, patient, sent):
    _b, emails = sent(
        lambda: book(consult, patient, paris(8, 10), time_zone="America/Montreal", language="en")
    )
    assert "Tuesday 8 December 2026 at 04:00" in to(emails, "alice@example.test").body
    pro = to(emails, "claire@example.test").body
    assert "8 décembre 2026" in pro and "10:00" in pro


def test_times_on_clock_change_nights(patient, sent):
    night_owl = PractitionerFactory(user__email="owl@example.test")
    session_type(night_owl, duration_minutes=50, buffer_after_minutes=10, min_notice_minutes=0)
    week(night_owl, {6: [("01:00", "06:00")]})
    owl_session = night_owl.session_types.get()
    spring = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 03:00 CEST, just after the change
    _b, emails = sent(
        lambda: book(owl_session, patient, spring, now=datetime(2026, 3, 27, tzinfo=UTC))
    )
    mail = to(emails, "alice@example.test")
    assert "dimanche 29 mars 2026" in mail.body and "03:00" in mail.body
    _calendar, event, _type = invite(mail)
    assert event.decoded("DTSTART") == spring
    autumn = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)  # the second 02:00, in CET
    _b, emails = sent(
        lambda: book(owl_session, patient, autumn, now=datetime(2026, 10, 23, tzinfo=UTC))
    )
    mail = to(emails, "alice@example.test")
    assert "dimanche 25 octobre 2026" in mail.body and "02:00" in mail.body
    assert invite(mail)[1].decoded("DTSTART") == autumn
