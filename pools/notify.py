"""Telling the patient and both practitioners that a booking changed hands (written to the
outbox in the caller's transaction, sent once it commits)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from bookings.models import Booking
from bookings.notify import (
    _absolute,
    _patient_language,
    _wants_sms,
    _when,
    google_calendar_url,
    invite_ics,
    patient_values,
)
from notifications.services import email_queue, sms_queue
from notifications.templating import kind_for


def _kind(event: str, channel: str):
    from pools import messages  # noqa: F401 - registers the messages

    return kind_for(f"{event}.{channel}")


def booking_reassigned(booking: Booking, previous_practitioner) -> None:
    _patient(booking)
    _practitioner(booking, previous_practitioner, "reassigned_away")
    _practitioner(booking, booking.practitioner, "reassigned_to")


def _patient(booking: Booking) -> None:
    if booking.patient is None:
        return
    language = _patient_language(booking)
    with translation.override(language):
        values = patient_values(booking, language)
        attachments, links = [], []
        if booking.state == Booking.State.CONFIRMED:
            # The same event, its SEQUENCE raised: calendar apps update it (the video room
            # may have changed with the practitioner).
            ics = invite_ics(booking)
            attachments.append(("invite.ics", ics, "text/calendar; method=REQUEST"))
            links.append((_("Add to Google Calendar"), google_calendar_url(booking)))
        email_queue(
            _kind("booking.reassigned.patient", "email"),
            to=booking.patient.email,
            language=language,
            values=values,
            links=links,
            attachments=attachments,
            booking=booking,
        )
        if _wants_sms(booking.patient):
            sms_queue(
                _kind("booking.reassigned.patient", "sms"),
                to=str(booking.patient.phone),
                language=language,
                values=patient_values(booking, language, short=True),
                booking=booking,
            )


def _practitioner(booking: Booking, practitioner, event: str) -> None:
    user = practitioner.user
    language = user.language or settings.LANGUAGE_CODE
    zone = str(practitioner.time_zone)
    with translation.override(language):
        email_queue(
            _kind(f"booking.{event}.practitioner", "email"),
            to=user.email,
            language=language,
            values={
                "when": _when(booking.start, zone),
                "patient_name": booking.patient.get_full_name() if booking.patient else "",
                "bookings_url": _absolute(reverse("bookings:pro_bookings")),
                "sender_name": settings.KHEPRI_SENDER_NAME,
            },
            booking=booking,
        )
