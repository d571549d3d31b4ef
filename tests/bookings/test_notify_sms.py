# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Text messages about bookings: only to people who chose SMS and confirmed their number, as
discreet as the emails, short enough for one or two SMS."""

import pytest

from bookings import lifecycle
from bookings.lifecycle import Acting
from notifications import sms
from notifications.models import OutboundMessage
from practitioners.models import Practitioner
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NEVER_SAID,
    NOW,
    book,
    claire,
    consult,
    paris,
    patient,
    sent,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def wants_sms(user, phone="+33612345678", verified=True):
    user.phone, user.phone_verified, user.preferred_channel = phone, verified, "sms"
    user.save()


def test_a_patient_who_chose_sms_gets_one_per_change(consult, patient, sent):
    wants_sms(patient)
    booking, _emails = sent(lambda: book(consult, patient, paris(8, 10), language="en"))
    (text,) = sms.outbox
    assert text["to"] == "+33612345678"
    assert text["text"].startswith("Khepri: Appointment confirmed: Tue 8 Dec, 10:00.")
    assert f"/en/appointments/{booking.token}/" in text["text"]
    assert text["segments"] <= 2
    sent(
        lambda: lifecycle.booking_reschedule(
            booking=booking, start=paris(9, 10), acting=Acting.patient(patient), now=NOW
        )
    )
    assert "moved to Wed 9 Dec, 10:00" in sms.outbox[-1]["text"]


def test_no_sms_without_a_confirmed_number_or_by_choice(consult, patient, sent):
    wants_sms(patient, verified=False)
    sent(lambda: book(consult, patient, paris(8, 10)))
    patient.phone_verified, patient.preferred_channel = True, "email"
    patient.save()
    sent(lambda: book(consult, patient, paris(8, 11)))
    assert sms.outbox == []


def test_practitioners_who_chose_sms_hear_of_requests(claire, consult, patient, sent):
    claire.confirmation_mode = Practitioner.ConfirmationMode.REQUEST
    claire.save()
    wants_sms(claire.user, phone="+33698765432")
    sent(lambda: book(consult, patient, paris(8, 10)))
    (text,) = sms.outbox
    assert text["to"] == "+33698765432"
    assert "/pro/bookings/" in text["text"]


def test_texts_never_name_the_therapy(claire, consult, patient, sent):
    wants_sms(patient)
    claire.confirmation_mode = Practitioner.ConfirmationMode.REQUEST
    claire.save()
    wants_sms(claire.user, phone="+33698765432")
    as_claire = Acting.practitioner(claire.user)
    for language in ("fr", "en"):
        accepted = book(
            consult, patient, paris(8, 10 if language == "fr" else 14), language=language
        )
        sent(
            lambda accepted=accepted: lifecycle.request_accept(
                booking=accepted, acting=as_claire, now=NOW
            )
        )
        sent(
            lambda accepted=accepted: lifecycle.booking_cancel(
                booking=accepted, acting=as_claire, now=NOW
            )
        )
    assert len(sms.outbox) == 4  # accepted and cancelled, in both languages
    for text in sms.outbox:
        for word in NEVER_SAID:
            assert word not in text["text"].lower()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_text_stays_in_the_cheap_encoding_and_two_segments(
    claire, consult, patient, language
):
    from bookings import notify

    wants_sms(patient)
    wants_sms(claire.user, phone="+33698765432")
    booking = book(consult, patient, paris(8, 10), language=language)
    booking.respond_by = booking.start
    for month in range(1, 13):  # month names: "Aoû", "Déc"...
        booking.start = booking.start.replace(month=month)
        kinds = [
            "confirmed",
            "accepted",
            "requested",
            "declined",
            "expired",
            "cancelled_by_patient",
            "cancelled_by_practitioner",
            "rescheduled",
            "reminder",
        ]
        OutboundMessage.objects.all().delete()
        for kind in kinds:
            notify.patient_sms(booking, kind)
        notify._practitioner_sms(booking, "requested")
        texts = list(
            OutboundMessage.objects.filter(channel="sms").values_list("body_text", flat=True)
        )
        assert len(texts) == len(kinds) + 1
        for text in texts:
            info = sms.segments(text)
            assert info.encoding == "GSM-7", text
            assert info.segments <= 2, text
