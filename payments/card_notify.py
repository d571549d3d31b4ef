"""Telling the patient and the practitioner that a session's card could not be authorised
(`payments.messages`). Written to the outbox in the caller's transaction, sent after commit."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from bookings.models import Booking
from bookings.notify import _absolute, _patient_language, _when, patient_values


def _kind(event: str):
    from notifications.templating import kind_for
    from payments import messages  # noqa: F401 - registers the payment messages

    return kind_for(f"{event}.email")


def _to_patient(booking: Booking, event: str) -> None:
    from notifications.services import email_queue

    if booking.patient is None:
        return
    language = _patient_language(booking)
    with translation.override(language):
        email_queue(
            _kind(event),
            to=booking.patient.email,
            language=language,
            values=patient_values(booking, language),
            booking=booking,
        )


def authorisation_failed(booking: Booking) -> None:
    """Both told, once (the caller records that they were)."""
    from notifications.services import email_queue

    _to_patient(booking, "payment.card_failed.patient")
    user = booking.practitioner.user
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        email_queue(
            _kind("payment.card_failed.practitioner"),
            to=user.email,
            language=language,
            values={
                "when": _when(booking.start, str(booking.practitioner.time_zone)),
                "patient_name": booking.patient.get_full_name() if booking.patient else "",
                "bookings_url": _absolute(reverse("bookings:pro_bookings")),
                "sender_name": settings.KHEPRI_SENDER_NAME,
            },
            booking=booking,
        )


def authorisation_reminder(booking: Booking) -> None:
    _to_patient(booking, "payment.card_reminder.patient")
