"""Reminders before confirmed sessions: an email `KHEPRI_REMINDER_EMAIL_HOURS` before, and a
text `KHEPRI_REMINDER_SMS_HOURS` before for patients who chose SMS with a confirmed number.

Contract:

* `send_due_reminders(now=...)` (run every few minutes) queues each reminder that has fallen
  due and was not queued yet, in the outbox, in the same transaction as its `BookingReminder`
  record. The record is unique per booking, kind and start: a second run, or a second worker,
  queues nothing more; a moved booking is reminded of its new start only.
* The booking is re-read under the agenda lock (the lock every booking change takes) and must
  still be confirmed and start at the same time: a cancelled or moved booking never gets a
  stale reminder.
* A booking confirmed shortly before its email reminder fell due (`FRESH_CONFIRMATION`) gets
  none: its confirmation has just told the same.
* Discreet like every booking message: date, time in the booking's zone and language, the video
  link and the manage link; never the session's title.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from bookings.lifecycle import _lock_agenda
from bookings.models import Booking, BookingReminder
from bookings.notify import _wants_sms, patient_email, patient_sms

logger = logging.getLogger(__name__)

Kind = BookingReminder.Kind

#: No email reminder for a booking made less than this before the reminder fell due.
FRESH_CONFIRMATION = timedelta(hours=2)


def _lead(kind: str) -> timedelta:
    hours = (
        settings.KHEPRI_REMINDER_EMAIL_HOURS
        if kind == Kind.EMAIL_24H
        else settings.KHEPRI_REMINDER_SMS_HOURS
    )
    return timedelta(hours=hours)


def _due(kind: str, now: datetime):
    """Confirmed bookings whose reminder of `kind` has fallen due and was not queued yet."""
    lead = _lead(kind)
    already = BookingReminder.objects.filter(
        booking=OuterRef("pk"), kind=kind, booking_start=OuterRef("start")
    )
    bookings = Booking.objects.filter(
        state=Booking.State.CONFIRMED,
        start__gt=now,
        start__lte=now + lead,
        patient__isnull=False,
    ).exclude(Exists(already))
    if kind == Kind.SMS_2H:
        bookings = bookings.filter(
            patient__preferred_channel="sms", patient__phone_verified=True
        ).exclude(patient__phone="")
    return bookings


def _is_fresh(booking: Booking, kind: str) -> bool:
    """Made so shortly before the reminder fell due that its confirmation says the same."""
    return kind == Kind.EMAIL_24H and booking.created_at > (
        booking.start - _lead(kind) - FRESH_CONFIRMATION
    )


def send_due_reminders(*, now: datetime) -> int:
    """Queue every reminder due at `now`; returns how many were queued."""
    queued = 0
    for kind in (Kind.EMAIL_24H, Kind.SMS_2H):
        for booking_id, start in _due(kind, now).order_by("start").values_list("pk", "start"):
            # One broken booking (or a bug it triggers) must not starve the others.
            try:
                queued += reminder_queue(booking_id=booking_id, kind=kind, start=start, now=now)
            except Exception:
                logger.exception("Queueing reminder %s of booking %s failed.", kind, booking_id)
    return queued


def reminder_queue(*, booking_id: int, kind: str, start: datetime, now: datetime) -> bool:
    """Queue the `kind` reminder of one booking for `start`, unless it was queued already or
    the booking has since changed. Returns whether it was queued."""
    with transaction.atomic():
        practitioner_id = (
            Booking.objects.filter(pk=booking_id).values_list("practitioner_id", flat=True).first()
        )
        if practitioner_id is None:
            return False
        # The lock every booking change takes: no cancel or move can slip in until commit.
        _lock_agenda(practitioner_id)
        booking = (
            Booking.objects.select_related("patient", "practitioner").filter(pk=booking_id).first()
        )
        if (
            booking is None
            or booking.state != Booking.State.CONFIRMED
            or booking.start != start
            or not booking.start - _lead(kind) <= now < booking.start
            or _is_fresh(booking, kind)
        ):
            return False
        if kind == Kind.SMS_2H and not _wants_sms(booking.patient):
            return False
        try:
            with transaction.atomic():
                BookingReminder.objects.create(
                    booking=booking, kind=kind, booking_start=booking.start, queued_at=now
                )
        except IntegrityError:
            return False  # another run queued it
        if kind == Kind.EMAIL_24H:
            patient_email(booking, "reminder")
        else:
            patient_sms(booking, "reminder")
    return True
