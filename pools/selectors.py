"""Reads for pooled services: the service's free times (the union of its members'), who is
free at an instant, and how loaded each member is.

Every member is asked in their own agenda (rules, time zone, bookings, buffers) through
`bookings.selectors`; a time is offered while at least one member is free then.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q

from bookings import availability as engine
from bookings.models import Booking
from bookings.selectors import Slot, agenda_slots, agendas_load, practitioner_takes_patient
from bookings.week import WeekView, build_week, monday_of
from pools.models import Service, ServiceBooking, ServiceMember
from practitioners.models import Practitioner

#: Bookings in this many days either side of a time count towards a member's load there.
LOAD_DAYS = 3


@dataclass(frozen=True)
class ServiceSlot:
    """A time the service offers, and how many members are free then (its capacity)."""

    start: datetime
    end: datetime
    members: tuple[int, ...]  # practitioner ids free at that time

    @property
    def capacity(self) -> int:
        return len(self.members)


def _members_on(service: Service) -> list[ServiceMember]:
    """Members whose practitioner is bookable and whose session type for the service is on."""
    return [
        member
        for member in service.members.select_related("practitioner", "session_type")
        if member.practitioner.is_bookable and member.session_type.is_active
    ]


def _closed_to_newcomers(service: Service) -> set[int]:
    """The practitioner ids of members whose profile says "not taking new patients"."""
    from practitioners.models import PractitionerPage

    return set(
        PractitionerPage.objects.live()
        .filter(practitioner__service_memberships__service=service, accepts_new_patients=False)
        .values_list("practitioner_id", flat=True)
    )


def service_members(service: Service) -> list[ServiceMember]:
    """Members who can take bookings: their practitioner bookable, their session type on, and
    taking new patients (a service is booked by people who do not know whom to see; a member
    whose profile is closed to newcomers would refuse them at confirmation)."""
    closed = _closed_to_newcomers(service)
    return [member for member in _members_on(service) if member.practitioner_id not in closed]


def _takes(member: ServiceMember, patient, closed: set[int]) -> bool:
    # A member closed to newcomers still takes the patients they already see: the booking
    # rule `lifecycle` applies, asked only for those members.
    return member.practitioner_id not in closed or (
        patient is not None and practitioner_takes_patient(member.practitioner, patient)
    )


def members_for_patient(*, service: Service, patient) -> list[ServiceMember]:
    """Members a manager may give `patient`'s booking to: the ones taking bookings through
    the service, and a member closed to new patients who already sees this patient."""
    closed = _closed_to_newcomers(service)
    return [member for member in _members_on(service) if _takes(member, patient, closed)]


def service_slots(
    *,
    service: Service,
    window: engine.Interval,
    now: datetime,
    members: list[ServiceMember] | None = None,
) -> list[ServiceSlot]:
    """The service's free times in `window`: each start at which at least one member is free,
    with the members free then. One agenda read for all members."""
    members = service_members(service) if members is None else members
    if not members:
        return []
    agendas = agendas_load(
        practitioners=[m.practitioner_id for m in members],
        window=window,
        session_type_ids=[m.session_type_id for m in members],
        now=now,
    )
    free: dict[datetime, list[int]] = defaultdict(list)
    ends: dict[datetime, datetime] = {}
    for member in members:
        agenda = agendas.get(member.practitioner_id)
        if agenda is None:
            continue
        for slot in agenda_slots(
            agenda=agenda, window=window, now=now, session_type_id=member.session_type_id
        ):
            free[slot.start].append(member.practitioner_id)
            ends[slot.start] = slot.end
    return [ServiceSlot(start, ends[start], tuple(sorted(free[start]))) for start in sorted(free)]


def members_free_at(*, service: Service, start: datetime, now: datetime) -> list[ServiceMember]:
    """The members free for the service at `start` (read now; re-checked under their lock)."""
    members = service_members(service)
    end = start + timedelta(minutes=service.duration_minutes)
    slots = service_slots(
        service=service, window=engine.Interval(start, end), now=now, members=members
    )
    free = next((slot.members for slot in slots if slot.start == start), ())
    return [member for member in members if member.practitioner_id in free]


def member_loads(*, service: Service, around: datetime, now: datetime) -> Counter:
    """Bookings through the service per member in the days around `around` (a lapsed hold
    does not count)."""
    span = timedelta(days=LOAD_DAYS)
    rows = (
        ServiceBooking.objects.filter(
            service=service,
            booking__start__gte=around - span,
            booking__start__lt=around + span,
            booking__state__in=Booking.OCCUPYING,
        )
        .exclude(Q(booking__state=Booking.State.HELD, booking__hold_expires_at__lte=now))
        .values_list("booking__practitioner_id", flat=True)
    )
    return Counter(rows)


def assignment_order(
    *, service: Service, members: list[ServiceMember], start: datetime, now: datetime
) -> list[ServiceMember]:
    """Whom to try first: the least loaded around `start`, then the one who joined first (then
    the lowest id), so the same situation always gives the same order."""
    loads = member_loads(service=service, around=start, now=now)
    return sorted(members, key=lambda m: (loads[m.practitioner_id], m.joined_at, m.practitioner_id))


def next_service_slots(
    *, service: Service, after: datetime, now: datetime, limit: int = 6
) -> list[ServiceSlot]:
    start = max(after, now)
    window = engine.Interval(start, now + timedelta(days=service.horizon_days + 1))
    if window.end <= window.start:
        return []
    return service_slots(service=service, window=window, now=now)[:limit]


def service_week(*, service: Service, tz: ZoneInfo, now: datetime, monday: date | None) -> WeekView:
    """The week of the service's free times to show (as `bookings.week.session_week` does for
    one practitioner): `monday`'s, or the first week with a free time."""
    first_monday = monday_of(now.astimezone(tz).date())
    window = engine.Interval(now, now + timedelta(days=service.horizon_days + 1))
    slots = [
        Slot(slot.start, slot.end, None)
        for slot in service_slots(service=service, window=window, now=now)
    ]
    last_monday = monday_of((now + timedelta(days=service.horizon_days)).astimezone(tz).date())
    if monday is None:
        monday = monday_of(slots[0].start.astimezone(tz).date()) if slots else first_monday
    monday = min(max(monday_of(monday), first_monday), last_monday)
    return build_week(slots=slots, tz=tz, monday=monday, first_monday=first_monday)


def managed_services(user) -> list[Service]:
    """The services `user` manages (staff: all of them)."""
    if not user.is_authenticated:
        return []
    services = Service.objects.all() if user.is_staff else user.managed_services.all()
    return list(services.order_by("name"))


def service_bookings(*, service: Service, now: datetime):
    """The service's coming bookings (requested or confirmed), soonest first."""
    return (
        Booking.objects.filter(
            service_link__service=service,
            state__in=[Booking.State.REQUESTED, Booking.State.CONFIRMED],
            end__gt=now,
        )
        .select_related("practitioner", "patient")
        .order_by("start", "pk")
    )


@dataclass(frozen=True)
class ManagedBooking:
    booking: Booking
    #: Other members free at the booking's time, to give it to.
    free_members: list[Practitioner]


def service_bookings_with_free_members(
    *, service: Service, now: datetime, limit: int = 100
) -> list[ManagedBooking]:
    """The service's coming bookings, each with the other members free at its time (as
    `lifecycle.practitioner_free_at` sees it: the minimum notice does not apply, a manager
    may give a session over at short notice) and who may take its patient (as
    `members_for_patient`). One agenda read for all of them."""
    members = _members_on(service)
    closed = _closed_to_newcomers(service)
    bookings = list(service_bookings(service=service, now=now)[:limit])
    if not bookings or not members:
        return [ManagedBooking(booking, []) for booking in bookings]
    agendas = agendas_load(
        practitioners=[m.practitioner_id for m in members],
        window=engine.Interval(bookings[0].start, max(b.end for b in bookings)),
        session_type_ids=[m.session_type_id for m in members],
        now=now,
    )

    def free(member: ServiceMember, booking: Booking) -> bool:
        agenda = agendas.get(member.practitioner_id)
        option = agenda.session(member.session_type_id) if agenda else None
        if option is None or booking.end - booking.start != option.spec.duration:
            return False
        slots = engine.free_slots(
            availability=agenda.availability,
            session=replace(option.spec, min_notice=timedelta(0)),
            window=engine.Interval(booking.start, booking.end),
            now=now,
        )
        return any(slot.start == booking.start for slot in slots)

    return [
        ManagedBooking(
            booking,
            [
                member.practitioner
                for member in members
                if member.practitioner_id != booking.practitioner_id
                and _takes(member, booking.patient, closed)
                and free(member, booking)
            ],
        )
        for booking in bookings
    ]
