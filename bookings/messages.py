"""Every message the booking app sends, as templates staff can edit (`notifications.templating`).

The defaults below are what a fresh site sends; staff change them in the Wagtail admin
("Message templates"), per language. Registered when the app is ready.

Discreet by design: a date, a time, the video link and a link to the booking's page; never a
therapy, a concern or the session's title (`tests/notifications/test_discretion_lint.py`
renders every template to check it).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.templating import EMAIL, SMS, MessageKind, register

PATIENT_EMAIL = ("when", "manage_url", "policy", "sender_name")
PRACTITIONER_EMAIL = ("when", "patient_name", "bookings_url", "sender_name")
PATIENT_SMS = ("when", "manage_url", "sender_name")

MANAGE = _("Manage my booking")
OTHER_TIMES = _("See other times")
MY_BOOKINGS = _("Open my bookings")


def sample_values() -> dict[str, str]:
    """Example values, in the active language, for previews and the checks at save: a long
    but realistic booking link and video address, so length checks err on the safe side."""
    from django.utils import formats

    from bookings.notify import _absolute, _money, _when, policy_text

    start = datetime(2026, 12, 3, 13, 30, tzinfo=UTC)
    zone = "Europe/Paris"

    class Policy:  # the policy with every clause, the longest sentence a reader may get
        free_cancellation_hours = 48
        late_cancellation_fee_percent = 50

    return {
        "when": _when(start, zone),
        "previous_when": _when(datetime(2026, 12, 1, 8, 0, tzinfo=UTC), zone),
        "deadline": _when(datetime(2026, 11, 30, 17, 0, tzinfo=UTC), zone),
        "manage_url": _absolute(reverse("bookings:manage", args=["x" * 32])),
        "video_url": f"{settings.KHEPRI_VIDEO_BASE_URL.rstrip('/')}/khepri-" + "7" * 24,
        "policy": policy_text(Policy),
        "fee": _money(3000, "EUR"),
        "late_forgiven": "",
        "patient_name": "Jeanne Dupont",
        "bookings_url": _absolute(reverse("bookings:pro_bookings")),
        "day": formats.date_format(start.date(), "l j F Y"),
        "count": "2",
        "sessions": "09:00–09:50  Jeanne Dupont\n14:30–15:20  Marc Leroy",
        "sender_name": settings.KHEPRI_SENDER_NAME,
    }


def sample_sms_values() -> dict[str, str]:
    from bookings.notify import _short_when

    values = sample_values()
    zone = "Europe/Paris"
    values["when"] = _short_when(datetime(2026, 12, 3, 13, 30, tzinfo=UTC), zone)
    values["deadline"] = _short_when(datetime(2026, 11, 30, 17, 0, tzinfo=UTC), zone)
    return values


def _patient_email(event: str, label, subject, body, *, extra=(), action=MANAGE):
    return MessageKind(
        event=f"booking.{event}.patient",
        channel=EMAIL,
        label=label,
        placeholders=PATIENT_EMAIL + tuple(extra),
        subject=subject,
        body=body,
        sample=sample_values,
        action_label=action,
        action="manage_url",
    )


def _practitioner_email(event: str, label, subject, body, *, extra=()):
    return MessageKind(
        event=f"booking.{event}.practitioner",
        channel=EMAIL,
        label=label,
        placeholders=PRACTITIONER_EMAIL + tuple(extra),
        subject=subject,
        body=body,
        sample=sample_values,
        action_label=MY_BOOKINGS,
        action="bookings_url",
    )


def _patient_sms(event: str, label, body, *, extra=()):
    return MessageKind(
        event=f"booking.{event}.patient",
        channel=SMS,
        label=label,
        placeholders=PATIENT_SMS + tuple(extra),
        body=body,
        sample=sample_sms_values,
    )


KINDS = [
    # --- To the patient, by email ---
    _patient_email(
        "confirmed",
        _("Booking confirmed — patient, email"),
        _("Your appointment is confirmed"),
        _("Your appointment is booked.\n\n{{ policy }}"),
    ),
    _patient_email(
        "requested",
        _("Request sent — patient, email"),
        _("Your appointment request has been sent"),
        _("Your practitioner will answer by {{ deadline }}. We will let you know.\n\n{{ policy }}"),
        extra=("deadline",),
    ),
    _patient_email(
        "accepted",
        _("Request accepted — patient, email"),
        _("Your appointment is confirmed"),
        _("Your practitioner has accepted your request.\n\n{{ policy }}"),
    ),
    _patient_email(
        "declined",
        _("Request declined — patient, email"),
        _("Your appointment request"),
        _(
            "Your practitioner cannot see you at this time.\n\n"
            "Other times are free: you can choose one in a few clicks."
        ),
        action=OTHER_TIMES,
    ),
    _patient_email(
        "expired",
        _("Request not answered in time — patient, email"),
        _("Your appointment request"),
        _(
            "Your practitioner could not answer your request in time.\n\n"
            "Other times are free: you can choose one in a few clicks."
        ),
        action=OTHER_TIMES,
    ),
    _patient_email(
        "cancelled_by_patient",
        _("Cancelled by the patient — patient, email"),
        _("Your appointment is cancelled"),
        # xgettext:no-python-format
        _(
            "Your appointment has been cancelled, as you asked.\n\n"
            "{% if fee %}As it was cancelled late, a fee of {{ fee }} applies."
            "{% elif late_forgiven %}It was late, but your first late cancellation is free."
            "{% endif %}"
        ),
        extra=("fee", "late_forgiven"),
        action=_("Book another time"),
    ),
    _patient_email(
        "cancelled_by_practitioner",
        _("Cancelled by the practitioner — patient, email"),
        _("Your appointment is cancelled"),
        _(
            "Your practitioner had to cancel this appointment. We are sorry.\n\n"
            "Nothing is due. Other times are free: you can choose one in a few clicks."
        ),
        action=OTHER_TIMES,
    ),
    _patient_email(
        "rescheduled",
        _("Booking moved — patient, email"),
        _("Your appointment has moved"),
        _("Your appointment of {{ previous_when }} has moved.\n\n{{ policy }}"),
        extra=("previous_when",),
    ),
    _patient_email(
        "reminder",
        _("Reminder — patient, email"),
        _("Reminder of your appointment"),
        _(
            "This is a reminder of your appointment.\n\n"
            "At the time of your appointment, join it by video here: {{ video_url }}"
        ),
        extra=("video_url",),
    ),
    # --- To the practitioner, by email ---
    _practitioner_email(
        "confirmed",
        _("New booking — practitioner, email"),
        _("New appointment"),
        _("{{ patient_name }} booked a session."),
    ),
    _practitioner_email(
        "requested",
        _("New request — practitioner, email"),
        _("New appointment request"),
        _("{{ patient_name }} asks for a session. Please accept or decline it by {{ deadline }}."),
        extra=("deadline",),
    ),
    _practitioner_email(
        "expired",
        _("Request expired — practitioner, email"),
        _("Appointment request expired"),
        _("The request from {{ patient_name }} expired without an answer."),
    ),
    _practitioner_email(
        "cancelled_by_patient",
        _("Cancelled by the patient — practitioner, email"),
        _("Appointment cancelled"),
        _("{{ patient_name }} cancelled their session."),
    ),
    _practitioner_email(
        "rescheduled",
        _("Booking moved — practitioner, email"),
        _("Appointment moved"),
        _("The session with {{ patient_name }} has moved (it was on {{ previous_when }})."),
        extra=("previous_when",),
    ),
    MessageKind(
        event="agenda.tomorrow.practitioner",
        channel=EMAIL,
        label=_("Tomorrow's sessions — practitioner, email"),
        placeholders=("day", "count", "sessions", "bookings_url", "sender_name"),
        subject=_("Your sessions for tomorrow"),
        body=_("Your sessions on {{ day }}:\n\n{{ sessions }}"),
        sample=sample_values,
        action_label=MY_BOOKINGS,
        action="bookings_url",
    ),
    # --- To the patient, by text message ---
    _patient_sms(
        "confirmed",
        _("Booking confirmed — patient, SMS"),
        _("{{ sender_name }}: Appointment confirmed: {{ when }}. Manage it: {{ manage_url }}"),
    ),
    _patient_sms(
        "accepted",
        _("Request accepted — patient, SMS"),
        _("{{ sender_name }}: Appointment confirmed: {{ when }}. Manage it: {{ manage_url }}"),
    ),
    _patient_sms(
        "requested",
        _("Request sent — patient, SMS"),
        _("{{ sender_name }}: Request sent for {{ when }}. We will tell you the answer."),
    ),
    _patient_sms(
        "declined",
        _("Request declined — patient, SMS"),
        _(
            "{{ sender_name }}: Your request for {{ when }} could not be accepted. "
            "Other times: {{ manage_url }}"
        ),
    ),
    _patient_sms(
        "expired",
        _("Request not answered in time — patient, SMS"),
        _(
            "{{ sender_name }}: Your request for {{ when }} was not answered. "
            "Other times: {{ manage_url }}"
        ),
    ),
    _patient_sms(
        "cancelled_by_patient",
        _("Cancelled by the patient — patient, SMS"),
        _("{{ sender_name }}: Your appointment of {{ when }} is cancelled."),
    ),
    _patient_sms(
        "cancelled_by_practitioner",
        _("Cancelled by the practitioner — patient, SMS"),
        _(
            "{{ sender_name }}: Your appointment of {{ when }} is cancelled, nothing is due. "
            "Other times: {{ manage_url }}"
        ),
    ),
    _patient_sms(
        "rescheduled",
        _("Booking moved — patient, SMS"),
        _(
            "{{ sender_name }}: Your appointment has moved to {{ when }}. "
            "Manage it: {{ manage_url }}"
        ),
    ),
    _patient_sms(
        "reminder",
        _("Reminder — patient, SMS"),
        # xgettext:no-python-format
        _(
            "{{ sender_name }}: Reminder: appointment {{ when }}. Video: {{ video_url }}"
            "{% if manage_url %} Manage it: {{ manage_url }}{% endif %}"
        ),
        extra=("video_url",),
    ),
    # --- To the practitioner, by text message ---
    MessageKind(
        event="booking.requested.practitioner",
        channel=SMS,
        label=_("New request — practitioner, SMS"),
        placeholders=("when", "deadline", "bookings_url", "sender_name"),
        body=_(
            "{{ sender_name }}: New request for {{ when }}, to answer by {{ deadline }}: "
            "{{ bookings_url }}"
        ),
        sample=sample_sms_values,
    ),
]

register(*KINDS)
