"""The pooled services' endpoints of the JSON API (/api/v1/): a service's free times, and a
hold through the service (a free member assigned), confirmed like any hold
(`POST /holds/{id}/confirm`)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status

from bookings import availability as engine
from bookings import lifecycle
from bookings.api import (
    MAX_RANGE_DAYS,
    HoldOut,
    SlotProblem,
    _hold_out,
    _instant,
    _language,
    _zone,
)
from khepri.api import Problem, ProblemError
from pools import selectors, services
from pools.models import Service

router = Router(tags=["pooled services"])


class ServiceSlotsQuery(Schema):
    start: date
    end: date
    tz: str = "Europe/Paris"


class ServiceSlotOut(Schema):
    start: datetime
    end: datetime
    #: How many more bookings this time can take (members free then).
    capacity: int


class ServiceSlotsOut(Schema):
    service: str
    name: str
    duration_minutes: int
    price_cents: int
    currency: str
    tz: str
    slots: list[ServiceSlotOut]


class ServiceHoldIn(Schema):
    #: ISO 8601 with its UTC offset, e.g. 2026-12-07T09:00:00+01:00.
    start: datetime
    #: The zone the patient reads times in (default: Europe/Paris).
    tz: str = "Europe/Paris"
    #: fr or en (default: the request's language).
    language: str | None = None


def _service(slug: str) -> Service:
    service = Service.objects.filter(slug=slug, is_active=True).first()
    if service is None:
        raise ProblemError(404, _("No bookable service at this address."))
    return service


@router.get(
    "/services/{slug}/slots",
    response={200: ServiceSlotsOut, 400: Problem, 404: Problem},
    summary="Free times of a pooled service",
    description=(
        "Times when at least one member of the service is free, starting between `start` and "
        "`end` (local dates in `tz`, both included; at most 62 days), with how many bookings "
        "each can still take."
    ),
)
def service_slots(request, slug: str, query: Query[ServiceSlotsQuery]):
    if query.end < query.start:
        raise ProblemError(400, _("The end date is before the start date."))
    if (query.end - query.start).days + 1 > MAX_RANGE_DAYS:
        raise ProblemError(
            400, _("Ask for %(days)s days at most at a time.") % {"days": MAX_RANGE_DAYS}
        )
    service = _service(slug)
    tz = _zone(query.tz)
    window = engine.Interval(
        engine.local_day_window(query.start, tz).start,
        engine.local_day_window(query.end, tz).end,
    )
    slots = selectors.service_slots(service=service, window=window, now=timezone.now())
    return {
        "service": service.slug,
        "name": service.display_name(_language(None)),
        "duration_minutes": service.duration_minutes,
        "price_cents": service.price_cents,
        "currency": service.currency,
        "tz": tz.key,
        "slots": [
            {
                "start": slot.start.astimezone(tz),
                "end": slot.end.astimezone(tz),
                "capacity": slot.capacity,
            }
            for slot in slots
        ],
    }


@router.post(
    "/services/{slug}/holds",
    response={
        201: HoldOut,
        400: Problem,
        404: Problem,
        409: SlotProblem,
        422: Problem,
        429: Problem,
    },
    tags=["booking"],
    summary="Hold a free time of a pooled service",
    description=(
        "Keeps a free time with a member of the service who is free then (the least loaded), "
        "for a few minutes while the patient identifies; then confirm it with "
        "`POST /holds/{id}/confirm`. 409: no member is free then any more, `alternatives` "
        "lists the service's next free times."
    ),
)
def service_hold(request, slug: str, payload: ServiceHoldIn):
    now = timezone.now()
    start = _instant(payload.start, now=now)
    service = _service(slug)
    tz = _zone(payload.tz)
    try:
        booking = services.service_hold(
            service=service,
            start=start,
            now=now,
            time_zone=tz.key,
            language=_language(payload.language),
            client=request.META.get("REMOTE_ADDR") or "",
        )
    except lifecycle.SlotTaken as error:
        raise ProblemError(
            409,
            error.message,
            extra={
                "alternatives": [
                    {"start": s.start.astimezone(tz), "end": s.end.astimezone(tz)}
                    for s in error.alternatives
                ]
            },
        ) from None
    except lifecycle.TooManyHolds as error:
        raise ProblemError(429, error.message) from None
    except lifecycle.BookingError as error:
        raise ProblemError(422, error.message) from None
    return Status(201, _hold_out(booking))
