"""Availability API: free slots of a practitioner, in the caller's time zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from bookings import availability as engine
from bookings.selectors import agenda_slots, agendas_load, bookable_practitioners
from khepri.api import Problem, ProblemError

router = Router(tags=["availability"])

#: The longest range one request may ask for (days).
MAX_RANGE_DAYS = 62


class SlotsQuery(Schema):
    start: date
    end: date
    tz: str | None = None
    session_type: int | None = None


class SlotOut(Schema):
    start: datetime
    end: datetime
    session_type: int
    session_type_name: str
    duration_minutes: int
    price_cents: int
    currency: str


class SlotsOut(Schema):
    practitioner: str
    tz: str
    slots: list[SlotOut]


def _zone(name: str) -> ZoneInfo:
    try:
        if "/" not in name and name != "UTC":
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ProblemError(
            400, _("Unknown time zone “%(tz)s”: use a name such as Europe/Paris.") % {"tz": name}
        ) from None


@router.get(
    "/practitioners/{slug}/slots",
    response={200: SlotsOut, 400: Problem, 404: Problem},
    summary="Free slots of a practitioner",
    description=(
        "Free slots whose start falls between `start` and `end` (local dates in `tz`, both "
        "included; at most 62 days). Times are ISO 8601 with the offset of `tz` (default: the "
        "practitioner's zone). Without `session_type`, slots of every bookable session type."
    ),
)
def practitioner_slots(request, slug: str, query: Query[SlotsQuery]):
    if query.end < query.start:
        raise ProblemError(400, _("The end date is before the start date."))
    if (query.end - query.start).days + 1 > MAX_RANGE_DAYS:
        raise ProblemError(
            400, _("Ask for %(days)s days at most at a time.") % {"days": MAX_RANGE_DAYS}
        )
    practitioner = bookable_practitioners().filter(slug=slug).values_list("id", "time_zone").first()
    if practitioner is None:
        raise ProblemError(404, _("No bookable practitioner at this address."))
    pid, practitioner_tz = practitioner
    tz = _zone(query.tz) if query.tz else ZoneInfo(str(practitioner_tz))
    window = engine.Interval(
        engine.local_day_window(query.start, tz).start,
        engine.local_day_window(query.end, tz).end,
    )
    agenda = agendas_load(practitioners=[pid], window=window)[pid]
    if query.session_type is not None and agenda.session(query.session_type) is None:
        raise ProblemError(400, _("This session type is not offered by this practitioner."))
    slots = agenda_slots(
        agenda=agenda,
        window=window,
        now=timezone.now(),
        session_type_id=query.session_type,
        all_sessions=query.session_type is None,
    )
    language = get_language() or "fr"
    return {
        "practitioner": slug,
        "tz": str(tz.key),
        "slots": [
            {
                "start": slot.start.astimezone(tz),
                "end": slot.end.astimezone(tz),
                "session_type": slot.session.id,
                "session_type_name": slot.session.display_name(language),
                "duration_minutes": slot.session.duration_minutes,
                "price_cents": slot.session.price_cents,
                "currency": slot.session.currency,
            }
            for slot in slots
        ],
    }
