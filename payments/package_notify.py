"""Telling the patient, at the end of a session paid by their package, how many sessions are
left (`payments.messages.PACKAGE_SESSION_HELD`). Written to the outbox in the caller's
transaction, sent after commit."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from bookings.models import Booking
from bookings.notify import _absolute, _patient_language, _when


def package_session_held(*, booking: Booking, package) -> None:
    """The session of `booking` was held and spent a credit of `package` (its row as it is
    now: `credits_remaining` is what is left)."""
    from notifications.services import email_queue
    from notifications.templating import kind_for
    from payments import messages  # noqa: F401 - registers the payment messages

    if booking.patient is None:
        return
    language = _patient_language(booking)
    zone = booking.time_zone
    with translation.override(language):
        packages_url = _absolute(reverse("payments:my_packages"))
        email_queue(
            kind_for("package.session_held.patient.email"),
            to=booking.patient.email,
            language=language,
            values={
                "when": _when(booking.start, zone),
                "credits_left": str(package.credits_remaining),
                "sessions_total": str(package.sessions_total),
                "valid_until": formats.date_format(
                    package.expires_at.astimezone(ZoneInfo(zone)).date(), "j F Y"
                ),
                "packages_url": packages_url,
                "sender_name": settings.KHEPRI_SENDER_NAME,
            },
            booking=booking,
        )
