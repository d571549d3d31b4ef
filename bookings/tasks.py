"""Background jobs of the agenda. Tasks take ids and call a service; they decide nothing."""

import logging

from django.utils import timezone
from django_tasks import task

from bookings import lifecycle, reminders
from bookings.calendars import external_calendar_refresh
from bookings.models import ExternalCalendar
from khepri.periodic import every

logger = logging.getLogger(__name__)


@every(minutes=15)
@task()
def refresh_external_calendars() -> int:
    """Re-read every external calendar; returns how many were read successfully."""
    refreshed = 0
    for calendar_id in ExternalCalendar.objects.order_by("pk").values_list("pk", flat=True):
        # One broken calendar (or a bug it triggers) must not starve the others.
        try:
            calendar = external_calendar_refresh(calendar_id=calendar_id)
        except ExternalCalendar.DoesNotExist:
            continue  # removed since the list was read
        except Exception:
            logger.exception("Refreshing external calendar %s failed.", calendar_id)
            continue
        refreshed += calendar.status == ExternalCalendar.Status.OK
    return refreshed


@task()
def refresh_external_calendar(calendar_id: int) -> str | None:
    """Re-read one calendar now (the practitioner's "refresh" button, a newly added calendar)."""
    try:
        return str(external_calendar_refresh(calendar_id=calendar_id).status)
    except ExternalCalendar.DoesNotExist:
        return None  # removed before the worker got to it


@every(minutes=1)
@task()
def release_expired_holds() -> int:
    """Free the times held by people who did not finish booking, and expire unanswered
    requests (their patients are told)."""
    now = timezone.now()
    return lifecycle.holds_expire(now=now) + lifecycle.requests_expire(now=now)


@every(minutes=5)
@task()
def send_due_reminders() -> int:
    """Queue the reminders that have fallen due (each one once, for the booking's current time)."""
    return reminders.send_due_reminders(now=timezone.now())


@every(minutes=15)
@task()
def send_agenda_digests() -> int:
    """The evening list of tomorrow's sessions, for practitioners who want it."""
    from bookings.digest import digests_send_due

    return digests_send_due(now=timezone.now())
