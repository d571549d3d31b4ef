"""Telling people what happened to a booking: one email per person concerned (and a text for
those who chose SMS), written to the outbox with the change and sent after commit.

Discreet by design: no subject, calendar entry or message names a therapy, a concern or the
session's title; messages give the date, the time in the reader's own zone and language, and a
link to manage the booking. Confirmations carry an iCalendar invite (same UID for the life of
the booking, SEQUENCE raised at each move, METHOD:CANCEL when it is cancelled).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bookings.models import Booking, CancellationOutcome

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    return settings.KHEPRI_SITE_URL.rstrip("/") + path


def manage_url(booking: Booking, language: str | None = None) -> str:
    with translation.override(language or booking.language):
        return _absolute(reverse("bookings:manage", args=[booking.token]))


def _when(moment: datetime, zone: str) -> str:
    local = moment.astimezone(ZoneInfo(zone))
    return _("%(date)s at %(time)s") % {
        "date": formats.date_format(local, "l j F Y"),
        "time": formats.time_format(local, "H:i"),
    }


def _money(cents: int, currency: str) -> str:
    return _("%(number)s %(currency)s") % {
        "number": formats.number_format(cents / 100, 2),
        "currency": currency,
    }


def invite_ics(booking: Booking, *, cancel: bool = False) -> bytes:
    """A calendar invite for the patient (METHOD:REQUEST), or its cancellation."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Khepri//Booking//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    event = icalendar.Event()
    event.add("uid", f"{booking.reference}@khepri")
    event.add("sequence", booking.sequence + (1 if cancel else 0))
    event.add("dtstamp", booking.updated_at.astimezone(UTC))
    event.add("dtstart", booking.start.astimezone(UTC))
    event.add("dtend", booking.end.astimezone(UTC))
    event.add("summary", pgettext("session", "Consultation"))  # never the therapy
    event.add("description", manage_url(booking))
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("class", "PRIVATE")
    # iTIP invites name an organiser and the attendee, or calendar apps may not offer to add them.
    sender = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if sender:
        organizer = icalendar.vCalAddress(f"mailto:{sender}")
        organizer.params["CN"] = icalendar.vText(settings.KHEPRI_SENDER_NAME)
        event.add("organizer", organizer)
    if booking.patient is not None and booking.patient.email:
        attendee = icalendar.vCalAddress(f"mailto:{booking.patient.email}")
        attendee.params["ROLE"] = icalendar.vText("REQ-PARTICIPANT")
        attendee.params["PARTSTAT"] = icalendar.vText("ACCEPTED")
        attendee.params["RSVP"] = icalendar.vText("FALSE")
        event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()


@dataclass
class Message:
    to: str
    language: str
    subject: str
    paragraphs: list[str]
    when: str
    action_url: str
    action_label: str
    invite: bytes | None = None
    invite_method: str = "REQUEST"


def policy_text(practitioner) -> str:
    """The cancellation policy in one sentence, as shown on the booking page and in messages."""
    if not practitioner.late_cancellation_fee_percent:
        return _(
            "Free cancellation or change until %(hours)s hours before the session. After that, "
            "cancelling is still free: please do it as early as you can."
        ) % {"hours": practitioner.free_cancellation_hours}
    return _(
        "Free cancellation or change until %(hours)s hours before the session. "
        "After that, the first late cancellation is free; later ones may cost "
        "%(percent)s%% of the price."
    ) % {
        "hours": practitioner.free_cancellation_hours,
        "percent": practitioner.late_cancellation_fee_percent,
    }


def _patient_message(
    booking: Booking, kind: str, previous_start, *, invited: bool = True
) -> Message | None:
    patient = booking.patient
    if patient is None:
        return None
    language = booking.language or patient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        when = _when(booking.start, booking.time_zone)
        invite, method = None, "REQUEST"
        action_url, action_label = manage_url(booking, language), _("Manage my booking")
        # Through the booking's own page: a profile's address may name a speciality.
        other_times = manage_url(booking, language)
        if kind == "confirmed":
            subject = _("Your appointment is confirmed")
            paragraphs = [_("Your appointment is booked."), policy_text(booking.practitioner)]
            invite = invite_ics(booking)
        elif kind == "requested":
            subject = _("Your appointment request has been sent")
            paragraphs = [
                _("Your practitioner will answer by %(deadline)s. We will let you know.")
                % {"deadline": _when(booking.respond_by, booking.time_zone)},
                policy_text(booking.practitioner),
            ]
        elif kind == "accepted":
            subject = _("Your appointment is confirmed")
            paragraphs = [
                _("Your practitioner has accepted your request."),
                policy_text(booking.practitioner),
            ]
            invite = invite_ics(booking)
        elif kind in ("declined", "expired"):
            subject = _("Your appointment request")
            paragraphs = [
                _("Your practitioner cannot see you at this time.")
                if kind == "declined"
                else _("Your practitioner could not answer your request in time."),
                _("Other times are free: you can choose one in a few clicks."),
            ]
            action_url, action_label = other_times, _("See other times")
        elif kind == "cancelled_by_patient":
            subject = _("Your appointment is cancelled")
            paragraphs = [_("Your appointment has been cancelled, as you asked.")]
            if booking.cancellation_outcome == CancellationOutcome.FEE:
                paragraphs.append(
                    _("As it was cancelled late, a fee of %(amount)s applies.")
                    % {"amount": _money(booking.cancellation_fee_cents, booking.currency)}
                )
            elif booking.cancellation_outcome == CancellationOutcome.FORGIVEN:
                paragraphs.append(_("It was late, but your first late cancellation is free."))
            if invited:
                invite, method = invite_ics(booking, cancel=True), "CANCEL"
            action_url, action_label = other_times, _("Book another time")
        elif kind == "cancelled_by_practitioner":
            subject = _("Your appointment is cancelled")
            paragraphs = [
                _("Your practitioner had to cancel this appointment. We are sorry."),
                _("Nothing is due. Other times are free: you can choose one in a few clicks."),
            ]
            if invited:
                invite, method = invite_ics(booking, cancel=True), "CANCEL"
            action_url, action_label = other_times, _("See other times")
        elif kind == "rescheduled":
            subject = _("Your appointment has moved")
            paragraphs = [
                _("Your appointment of %(before)s has moved.")
                % {"before": _when(previous_start, booking.time_zone)},
                policy_text(booking.practitioner),
            ]
            invite = invite_ics(booking)
        else:  # pragma: no cover - every kind above is sent by lifecycle
            raise ValueError(kind)
        return Message(
            patient.email,
            language,
            subject,
            paragraphs,
            when,
            action_url,
            action_label,
            invite,
            method,
        )


def _practitioner_message(booking: Booking, kind: str, previous_start) -> Message | None:
    practitioner = booking.practitioner
    user = practitioner.user
    language = user.language or settings.LANGUAGE_CODE
    zone = str(practitioner.time_zone)
    with translation.override(language):
        patient = booking.patient.get_full_name() if booking.patient else ""
        texts = {
            "confirmed": (_("New appointment"), _("%(patient)s booked a session.")),
            "requested": (
                _("New appointment request"),
                _("%(patient)s asks for a session. Please accept or decline it by %(deadline)s."),
            ),
            "expired": (
                _("Appointment request expired"),
                _("The request from %(patient)s expired without an answer."),
            ),
            "cancelled_by_patient": (
                _("Appointment cancelled"),
                _("%(patient)s cancelled their session."),
            ),
            "rescheduled": (
                _("Appointment moved"),
                _("The session with %(patient)s has moved (it was on %(before)s)."),
            ),
        }
        if kind not in texts:
            return None
        subject, text = texts[kind]
        paragraph = text % {
            "patient": patient,
            "deadline": _when(booking.respond_by, zone) if booking.respond_by else "",
            "before": _when(previous_start, zone) if previous_start else "",
        }
        return Message(
            user.email,
            language,
            subject,
            [paragraph],
            _when(booking.start, zone),
            _absolute(reverse("bookings:pro_bookings")),
            _("Open my bookings"),
        )


def _queue_email(message: Message, *, booking: Booking, kind: str) -> None:
    from notifications.services import message_queue

    with translation.override(message.language):
        context = {"message": message, "sender_name": settings.KHEPRI_SENDER_NAME}
        body_text = render_to_string("bookings/email/message.txt", context)
        body_html = render_to_string("bookings/email/message.html", context)
    attachments = []
    if message.invite:
        # Django adds the charset itself (naming it here would repeat it in the header).
        attachments.append(
            ("invite.ics", message.invite, f"text/calendar; method={message.invite_method}")
        )
    message_queue(
        channel="email",
        to=message.to,
        language=message.language,
        kind=kind,
        subject=message.subject,
        body_text=body_text,
        body_html=body_html,
        attachments=attachments,
        booking=booking,
    )


@dataclass
class TextMessage:
    to: str
    text: str


def _wants_sms(user) -> bool:
    return bool(
        user is not None
        and user.preferred_channel == user.Channel.SMS
        and user.phone
        and user.phone_verified
    )


def _short_when(moment: datetime, zone: str) -> str:
    local = moment.astimezone(ZoneInfo(zone))
    # Translators: a date in a text message; keep it short and free of accented capitals or
    # ê/û (they force the costly UCS-2 encoding), e.g. "D j/m" in French.
    day = formats.date_format(local, pgettext("sms date", "D j M"))
    return f"{day}, {formats.time_format(local, 'H:i')}"


def _patient_sms(booking: Booking, kind: str) -> TextMessage | None:
    """The same news in one short text, for patients who chose SMS. As discreet as the email:
    a date, a time and a link, nothing else."""
    patient = booking.patient
    if not _wants_sms(patient):
        return None
    language = booking.language or patient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        values = {"when": _short_when(booking.start, booking.time_zone), "url": manage_url(booking)}
        texts = {
            "confirmed": _("Appointment confirmed: %(when)s. Manage it: %(url)s"),
            "accepted": _("Appointment confirmed: %(when)s. Manage it: %(url)s"),
            "requested": _("Request sent for %(when)s. We will tell you the answer."),
            "declined": _("Your request for %(when)s could not be accepted. Other times: %(url)s"),
            "expired": _("Your request for %(when)s was not answered. Other times: %(url)s"),
            "cancelled_by_patient": _("Your appointment of %(when)s is cancelled."),
            "cancelled_by_practitioner": _(
                "Your appointment of %(when)s is cancelled, nothing is due. Other times: %(url)s"
            ),
            "rescheduled": _("Your appointment has moved to %(when)s. Manage it: %(url)s"),
        }
        if kind not in texts:
            return None
        text = f"{settings.KHEPRI_SENDER_NAME}: {texts[kind] % values}"
    return TextMessage(str(patient.phone), text)


def _practitioner_sms(booking: Booking, kind: str) -> TextMessage | None:
    """Practitioners who chose SMS hear of each new request at once (they have to answer)."""
    user = booking.practitioner.user
    if kind != "requested" or not _wants_sms(user):
        return None
    zone = str(booking.practitioner.time_zone)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        text = _("New request for %(when)s, to answer by %(deadline)s: %(url)s") % {
            "when": _short_when(booking.start, zone),
            "deadline": _short_when(booking.respond_by, zone),
            "url": _absolute(reverse("bookings:pro_bookings")),
        }
    return TextMessage(str(user.phone), f"{settings.KHEPRI_SENDER_NAME}: {text}")


def _queue_sms(message: TextMessage, *, booking: Booking, kind: str) -> None:
    from notifications.services import message_queue

    message_queue(channel="sms", to=message.to, kind=kind, body_text=message.text, booking=booking)


def booking_changed(
    booking: Booking, kind: str, *, previous_start=None, invited: bool = True
) -> None:
    """Tell the patient and the practitioner: their messages go to the outbox in the
    caller's transaction and are sent once it commits (a rolled-back change sends nothing).

    `invited`: whether the patient was sent a calendar invite for this booking (a cancellation
    then carries its METHOD:CANCEL; a request never confirmed has nothing to cancel)."""
    patient_message = _patient_message(booking, kind, previous_start, invited=invited)
    if patient_message is not None:
        _queue_email(patient_message, booking=booking, kind=f"booking.{kind}.patient")
    practitioner_message = _practitioner_message(booking, kind, previous_start)
    if practitioner_message is not None:
        _queue_email(practitioner_message, booking=booking, kind=f"booking.{kind}.practitioner")
    patient_text = _patient_sms(booking, kind)
    if patient_text is not None:
        _queue_sms(patient_text, booking=booking, kind=f"booking.{kind}.patient")
    practitioner_text = _practitioner_sms(booking, kind)
    if practitioner_text is not None:
        _queue_sms(practitioner_text, booking=booking, kind=f"booking.{kind}.practitioner")
