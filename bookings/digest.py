"""The evening list of tomorrow's sessions, for practitioners who want it.

Contract:

* `digests_send_due(now=...)` (run every 15 minutes) queues, for each practitioner with
  `daily_agenda_email`, once their local time has passed `KHEPRI_AGENDA_DIGEST_HOUR`, the
  list of their next local day's sessions (confirmed, and requests still to answer), in the
  practitioner's language and zone. The day's bounds are local midnights, so a day of 23 or 25
  hours is listed whole.
* One `AgendaDigest` per practitioner and day, written in the transaction that queues the email:
  a second run, or a second worker, sends nothing more. A day without sessions is recorded
  without an email.
* Discreet like every message: times, lengths, the patient's name; never a session's title.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from bookings.models import AgendaDigest, Booking
from bookings.notify import _absolute, _kind

logger = logging.getLogger(__name__)

LISTED = (Booking.State.CONFIRMED, Booking.State.REQUESTED)


def _digest_hour() -> int:
    return int(getattr(settings, "KHEPRI_AGENDA_DIGEST_HOUR", 18))


def _tomorrow_if_due(zone: ZoneInfo, now: datetime):
    local = now.astimezone(zone)
    if local.time() < time(_digest_hour()):
        return None
    return local.date() + timedelta(days=1)


def _day_bounds(day, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start, end


def digests_send_due(*, now: datetime) -> int:
    """Queue every digest due at `now`; returns how many emails were queued."""
    from practitioners.models import Practitioner

    queued = 0
    practitioners = Practitioner.objects.filter(
        daily_agenda_email=True, user__is_active=True
    ).values_list("pk", "time_zone")
    for practitioner_id, zone in practitioners:
        day = _tomorrow_if_due(ZoneInfo(str(zone)), now)
        if (
            day is None
            or AgendaDigest.objects.filter(practitioner_id=practitioner_id, day=day).exists()
        ):
            continue
        try:
            queued += digest_queue(practitioner_id=practitioner_id, day=day, now=now)
        except Exception:  # one practitioner's problem must not starve the others
            logger.exception("Agenda digest of practitioner %s failed.", practitioner_id)
    return queued


def digest_queue(*, practitioner_id: int, day, now: datetime) -> bool:
    """Record the digest of `day` and queue its email if there are sessions; returns whether
    an email was queued (False too when another run recorded it first)."""
    from notifications.services import email_queue
    from practitioners.models import Practitioner

    practitioner = Practitioner.objects.select_related("user").get(pk=practitioner_id)
    zone = ZoneInfo(str(practitioner.time_zone))
    start, end = _day_bounds(day, zone)
    bookings = list(
        Booking.objects.filter(
            practitioner=practitioner, state__in=LISTED, start__lt=end, end__gt=start
        )
        .select_related("patient")
        .order_by("start")
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                AgendaDigest.objects.create(
                    practitioner=practitioner, day=day, sessions=len(bookings), queued_at=now
                )
        except IntegrityError:
            return False
        if not bookings:
            return False
        user = practitioner.user
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            values = {
                "day": formats.date_format(start, "l j F Y"),
                "count": str(len(bookings)),
                "sessions": "\n".join(_line(booking, zone) for booking in bookings),
                "bookings_url": _absolute(reverse("bookings:pro_bookings")),
                "sender_name": settings.KHEPRI_SENDER_NAME,
            }
            email_queue(
                _kind("agenda.tomorrow.practitioner", "email"),
                to=user.email,
                language=language,
                values=values,
            )
    return True


def _line(booking: Booking, zone: ZoneInfo) -> str:
    local_start, local_end = booking.start.astimezone(zone), booking.end.astimezone(zone)
    times = f"{formats.time_format(local_start, 'H:i')}–{formats.time_format(local_end, 'H:i')}"
    name = booking.patient.get_full_name() if booking.patient else ""
    line = f"{times}  {name or _('patient not named')}"
    if booking.state == Booking.State.REQUESTED:
        line += " " + _("(request to answer)")
    return line
