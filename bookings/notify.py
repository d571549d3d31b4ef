"""Telling people what happened to a booking: one email per person concerned (and a text for
those who chose SMS), written to the outbox with the change and sent after commit.

Discreet by design: no subject, calendar entry or message names a therapy, a concern or the
session's title; messages give the date, the time in the reader's own zone and language, and a
link to manage the booking. Confirmations carry an iCalendar invite (same UID for the life of
the booking, SEQUENCE raised at each move, METHOD:CANCEL when it is cancelled).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parseaddr
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
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


def google_calendar_url(booking: Booking) -> str:
    """ "Add to Google Calendar": a prefilled event as discreet as the invite (Google has no
    other way to take an event from a link; it sees the times and the booking's link)."""
    query = urlencode(
        {
            "action": "TEMPLATE",
            "text": pgettext("session", "Consultation"),
            "dates": "/".join(
                moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
                for moment in (booking.start, booking.end)
            ),
            "details": manage_url(booking),
        }
    )
    return f"https://calendar.google.com/calendar/render?{query}"


def _kind(event: str, channel: str):
    from bookings import messages  # noqa: F401 - registers the booking messages
    from notifications.templating import kind_for

    return kind_for(f"{event}.{channel}")


def _patient_language(booking: Booking) -> str:
    return booking.language or booking.patient.language or settings.LANGUAGE_CODE


def patient_values(booking: Booking, language: str, *, short: bool = False) -> dict[str, str]:
    """Placeholder values of a message to the patient, in `language` (call under it)."""
    zone = booking.time_zone
    when = _short_when if short else _when
    values = {
        "when": when(booking.start, zone),
        "manage_url": manage_url(booking, language),
        "video_url": booking.video_url,
        "policy": policy_text(booking.practitioner),
        "sender_name": settings.KHEPRI_SENDER_NAME,
        "fee": "",
        "late_forgiven": "",
        "deadline": when(booking.respond_by, zone) if booking.respond_by else "",
    }
    if booking.cancellation_outcome == CancellationOutcome.FEE:
        values["fee"] = _money(booking.cancellation_fee_cents, booking.currency)
    elif booking.cancellation_outcome == CancellationOutcome.FORGIVEN:
        values["late_forgiven"] = "1"
    return values


#: Patient messages that carry a calendar invite, and its method.
INVITES = {
    "confirmed": "REQUEST",
    "accepted": "REQUEST",
    "rescheduled": "REQUEST",
    "cancelled_by_patient": "CANCEL",
    "cancelled_by_practitioner": "CANCEL",
}
PATIENT_EMAILS = frozenset({*INVITES, "requested", "declined", "expired", "reminder"})
PRACTITIONER_EMAILS = frozenset(
    {"confirmed", "requested", "expired", "cancelled_by_patient", "rescheduled"}
)


def patient_email(
    booking: Booking, kind: str, previous_start=None, *, invited: bool = True
) -> None:
    from notifications.services import email_queue

    if booking.patient is None or kind not in PATIENT_EMAILS:
        return
    language = _patient_language(booking)
    with translation.override(language):
        values = patient_values(booking, language)
        if previous_start is not None:
            values["previous_when"] = _when(previous_start, booking.time_zone)
        attachments, links = [], []
        method = INVITES.get(kind)
        if method == "REQUEST" or (method == "CANCEL" and invited):
            ics = invite_ics(booking, cancel=method == "CANCEL")
            # Django adds the charset itself (naming it here would repeat it in the header).
            attachments.append(("invite.ics", ics, f"text/calendar; method={method}"))
        if method == "REQUEST":
            links.append((_("Add to Google Calendar"), google_calendar_url(booking)))
        email_queue(
            _kind(f"booking.{kind}.patient", "email"),
            to=booking.patient.email,
            language=language,
            values=values,
            links=links,
            attachments=attachments,
            booking=booking,
        )


def _practitioner_email(booking: Booking, kind: str, previous_start) -> None:
    from notifications.services import email_queue

    if kind not in PRACTITIONER_EMAILS:
        return
    user = booking.practitioner.user
    language = user.language or settings.LANGUAGE_CODE
    zone = str(booking.practitioner.time_zone)
    with translation.override(language):
        values = {
            "when": _when(booking.start, zone),
            "patient_name": booking.patient.get_full_name() if booking.patient else "",
            "deadline": _when(booking.respond_by, zone) if booking.respond_by else "",
            "previous_when": _when(previous_start, zone) if previous_start else "",
            "bookings_url": _absolute(reverse("bookings:pro_bookings")),
            "sender_name": settings.KHEPRI_SENDER_NAME,
        }
        email_queue(
            _kind(f"booking.{kind}.practitioner", "email"),
            to=user.email,
            language=language,
            values=values,
            booking=booking,
        )


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


PATIENT_TEXTS = frozenset(
    {
        "confirmed",
        "accepted",
        "requested",
        "declined",
        "expired",
        "cancelled_by_patient",
        "cancelled_by_practitioner",
        "rescheduled",
        "reminder",
    }
)


def patient_sms(booking: Booking, kind: str) -> None:
    """The same news in one short text, for patients who chose SMS. As discreet as the email:
    a date, a time and a link, nothing else."""
    from notifications.services import sms_queue

    if kind not in PATIENT_TEXTS or not _wants_sms(booking.patient):
        return
    language = _patient_language(booking)
    with translation.override(language):
        sms_queue(
            _kind(f"booking.{kind}.patient", "sms"),
            to=str(booking.patient.phone),
            language=language,
            values=patient_values(booking, language, short=True),
            booking=booking,
            # Two hours before, joining the video matters more than the booking's page.
            optional=("manage_url",),
        )


def _practitioner_sms(booking: Booking, kind: str) -> None:
    """Practitioners who chose SMS hear of each new request at once (they have to answer)."""
    from notifications.services import sms_queue

    user = booking.practitioner.user
    if kind != "requested" or not _wants_sms(user):
        return
    zone = str(booking.practitioner.time_zone)
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        sms_queue(
            _kind("booking.requested.practitioner", "sms"),
            to=str(user.phone),
            language=language,
            values={
                "when": _short_when(booking.start, zone),
                "deadline": _short_when(booking.respond_by, zone),
                "bookings_url": _absolute(reverse("bookings:pro_bookings")),
                "sender_name": settings.KHEPRI_SENDER_NAME,
            },
            booking=booking,
        )


def booking_changed(
    booking: Booking, kind: str, *, previous_start=None, invited: bool = True
) -> None:
    """Tell the patient and the practitioner: their messages go to the outbox in the
    caller's transaction and are sent once it commits (a rolled-back change sends nothing).

    `invited`: whether the patient was sent a calendar invite for this booking (a cancellation
    then carries its METHOD:CANCEL; a request never confirmed has nothing to cancel)."""
    patient_email(booking, kind, previous_start, invited=invited)
    _practitioner_email(booking, kind, previous_start)
    patient_sms(booking, kind)
    _practitioner_sms(booking, kind)
