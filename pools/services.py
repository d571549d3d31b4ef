"""Writes for pooled services: members and their session types, booking through the service
(one free member assigned, the least loaded first), and giving a booking to another member.

Locking: a booking through the service locks the service's row first, then the agenda of each
member it tries (`lifecycle.hold_create`). Every write through the service therefore queues on
the service, and within it takes agendas one at a time; ordinary bookings take one agenda only.
No two transactions can wait on each other in a cycle.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from bookings import lifecycle
from bookings.lifecycle import Acting, SlotTaken
from bookings.models import Booking, BookingEvent, SessionType
from pools import notify
from pools.models import Service, ServiceBooking, ServiceMember
from pools.selectors import (
    assignment_order,
    members_for_patient,
    members_free_at,
    next_service_slots,
)
from practitioners.models import Practitioner


class ServiceSlotTaken(SlotTaken):
    """No member is free at that time any more; `alternatives` are the service's next times."""


def _session_type_values(service: Service) -> dict:
    return {
        "name": service.name,
        "name_en": service.name_en,
        "duration_minutes": service.duration_minutes,
        "buffer_before_minutes": 0,
        "buffer_after_minutes": service.buffer_after_minutes,
        "min_notice_minutes": service.min_notice_minutes,
        "horizon_days": service.horizon_days,
        "slot_step_minutes": None,
        "price_cents": service.price_cents,
        "currency": service.currency,
        "is_default": False,
        "is_active": service.is_active,
    }


@transaction.atomic
def service_member_add(*, service: Service, practitioner: Practitioner) -> ServiceMember:
    """Make `practitioner` a member: a session type of theirs for the service's bookings
    (not offered on their own page), or the one they already have."""
    member = ServiceMember.objects.filter(service=service, practitioner=practitioner).first()
    if member is not None:
        return member
    session_type = SessionType.objects.create(
        practitioner=practitioner, position=1000, **_session_type_values(service)
    )
    return ServiceMember.objects.create(
        service=service, practitioner=practitioner, session_type=session_type
    )


@transaction.atomic
def service_save(*, service: Service) -> Service:
    """Save the service and keep its members' session types in step with it."""
    service.save()
    SessionType.objects.filter(service_member__service=service).update(
        **_session_type_values(service)
    )
    return service


def _taken(service: Service, start: datetime, now: datetime) -> ServiceSlotTaken:
    alternatives = next_service_slots(service=service, after=start, now=now) or (
        next_service_slots(service=service, after=now, now=now)
    )
    return ServiceSlotTaken(
        _("This time was just taken. Here are the next free times."), alternatives=alternatives
    )


def service_hold(
    *,
    service: Service,
    start: datetime,
    now: datetime,
    time_zone: str = "Europe/Paris",
    language: str = "fr",
    client: str = "",
    patient=None,
) -> Booking:
    """Hold `start` with one member of the service who is free then, the least loaded first
    (bookings through the service in the days around it); when the database guard refuses a
    member (taken meanwhile), the next one is tried. No member left: `ServiceSlotTaken`."""
    start = start.astimezone(UTC)
    if not service.is_active:
        raise lifecycle.NotAllowed(_("This service is not taking bookings right now."))
    if start <= now:
        raise ServiceSlotTaken(
            _("This time has already passed. Please choose another one."),
            alternatives=next_service_slots(service=service, after=now, now=now),
        )
    with transaction.atomic():
        # Bookings through one service queue here: the load read below stays true until the
        # hold is written, and agendas are then locked one at a time (see the module's notes).
        Service.objects.select_for_update().filter(pk=service.pk).values_list("pk").first()
        free = members_free_at(service=service, start=start, now=now)
        for member in assignment_order(service=service, members=free, start=start, now=now):
            try:
                booking = lifecycle.hold_create(
                    session_type=member.session_type,
                    start=start,
                    now=now,
                    time_zone=time_zone,
                    language=language,
                    client=client,
                    patient=patient,
                )
            except (SlotTaken, lifecycle.NotAllowed):
                continue  # rolled back to its savepoint: try the next member
            ServiceBooking.objects.create(booking=booking, service=service)
            return booking
    raise _taken(service, start, now)


def can_manage(*, user, service: Service) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_staff or service.managers.filter(pk=user.pk).exists())
    )


def service_booking_reassign(
    *, service: Service, booking: Booking, practitioner: Practitioner, user, now: datetime
) -> Booking:
    """A manager gives a coming booking of the service to another member who is free then.
    Both practitioners and the patient are told; the booking's history names the manager."""
    if not can_manage(user=user, service=service):
        raise lifecycle.NotAllowed(_("Only the service's managers can do this."))
    if not ServiceBooking.objects.filter(booking=booking, service=service).exists():
        raise lifecycle.NotAllowed(_("This booking was not made through this service."))
    member = (
        ServiceMember.objects.select_related("session_type", "practitioner")
        .filter(service=service, practitioner=practitioner)
        .first()
    )
    if member is None:
        raise lifecycle.NotAllowed(_("This practitioner is not a member of the service."))
    if member not in members_for_patient(service=service, patient=booking.patient):
        raise lifecycle.NotAllowed(
            _(
                "This practitioner is not taking this booking: they are paused, not offering "
                "the service's sessions, or not taking new patients."
            )
        )
    if _has_money(booking):
        raise lifecycle.NotAllowed(
            _("A paid booking stays with its practitioner: cancel it or move it instead.")
        )
    with transaction.atomic():
        Service.objects.select_for_update().filter(pk=service.pk).values_list("pk").first()
        return lifecycle.booking_reassign(
            booking=booking,
            session_type=member.session_type,
            acting=Acting(BookingEvent.Actor.STAFF, user),
            now=now,
            announce=notify.booking_reassigned,
        )


def _has_money(booking: Booking) -> bool:
    """Whether money is attached to the booking (a card payment or a package session): it is
    the practitioner's, so the booking is not given to another one."""
    from payments.models import PackageUse, Payment

    return (
        Payment.objects.filter(booking=booking).exists()
        or PackageUse.objects.filter(booking=booking).exists()
    )


@transaction.atomic
def service_members_set(*, service: Service, practitioners) -> None:
    """Make `practitioners` the service's members (staff, in the admin), its members' session
    types in step with it. A practitioner who leaves keeps the bookings already made; their
    session type for the service is switched off, so nothing more is booked with it."""
    service_save(service=service)
    keep = {practitioner.pk for practitioner in practitioners}
    for member in ServiceMember.objects.filter(service=service).exclude(practitioner_id__in=keep):
        SessionType.objects.filter(pk=member.session_type_id).update(is_active=False)
        member.delete()
    for practitioner in practitioners:
        service_member_add(service=service, practitioner=practitioner)
