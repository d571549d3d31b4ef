"""A booking's life: every state change goes through a function here, and only here.

    held ─▶ requested ─▶ confirmed ─▶ completed
      │         │            │ └────▶ no-show
      ▼         ▼            ▼
   expired   declined /   cancelled (by the patient / by the practitioner)
             expired

Each change is recorded as a `BookingEvent` (who, when, why) in the same transaction, and the
people concerned are told after commit (`bookings.notify`). A payment step plugs in between
"held" and "requested/confirmed" (the hold keeps the slot while the patient pays).

Never a double booking: the database refuses overlapping occupying bookings (see
`overlap_guard`); on top of that, writes to one practitioner's agenda are serialised (a row lock
on PostgreSQL, IMMEDIATE transactions on SQLite), so the engine's re-check — which also knows
buffers, notice and working hours — cannot race. A hold whose time is up stops hiding its
time from readers at once (`agendas_load`), while the guard still counts it until it is
expired: every write here expires stale holds, under the lock, before taking a time.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts import services as accounts
from bookings import availability as engine
from bookings import notify
from bookings.models import Booking, BookingEvent, CancellationOutcome, SessionType
from bookings.overlap_guard import is_overlap_error
from bookings.selectors import Slot, agenda_slots, agendas_load, practitioner_takes_patient
from bookings.services import BookingError
from bookings.signals import booking_state_changed
from practitioners.models import Practitioner

State = Booking.State
Actor = BookingEvent.Actor

#: States a patient or practitioner can still cancel or move.
ACTIVE = (State.HELD, State.REQUESTED, State.CONFIRMED)


class SlotTaken(BookingError):
    """The time is not (or no longer) free; `alternatives` are the next free ones."""

    def __init__(self, message, alternatives: list[Slot] | None = None):
        super().__init__(message)
        self.alternatives = alternatives or []


class HoldExpired(BookingError):
    pass


class NotAllowed(BookingError):
    pass


class TooManyHolds(BookingError):
    pass


class GuardianConsentMissing(NotAllowed):
    """A patient under 18 without their guardian's name, contact and consent on file."""


@dataclass(frozen=True)
class Guardian:
    """A minor's guardian, who consents to the booking as it is confirmed."""

    name: str
    contact: str


@dataclass(frozen=True)
class Acting:
    """Who asks for a change: their role and the account that really acts.

    A secretary acting for a practitioner acts in the practitioner's role with their own
    account: the event records the secretary as `actor` and the practitioner as `on_behalf_of`
    (derived in `_record`: a practitioner-role change made by another account than theirs)."""

    role: str
    user: object | None = None

    @classmethod
    def patient(cls, user=None):
        return cls(Actor.PATIENT, user)

    @classmethod
    def practitioner(cls, user=None):
        return cls(Actor.PRACTITIONER, user)

    @classmethod
    def system(cls):
        return cls(Actor.SYSTEM, None)


def client_key(address: str) -> str:
    """A keyed hash of a client address: enough to count holds, useless to identify anyone."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


# --- Reading the agenda ------------------------------------------------------------------------


def _lock_agenda(practitioner_id: int) -> None:
    """Serialise writes to one practitioner's agenda until the transaction ends."""
    Practitioner.objects.select_for_update().filter(pk=practitioner_id).values_list("pk").first()


def _slots_around(
    *,
    practitioner_id: int,
    session_type_id: int,
    window: engine.Interval,
    now: datetime,
    ignore: Booking | None = None,
) -> list[Slot]:
    agenda = agendas_load(
        practitioners=[practitioner_id],
        window=window,
        session_type_ids=[session_type_id],
        now=now,
    ).get(practitioner_id)
    if agenda is None:
        return []
    if ignore is not None:  # a move: the session's own time does not count against it
        availability = agenda.availability
        start_s, end_s = int(ignore.start.timestamp()), int(ignore.end.timestamp())
        agenda.availability = replace(
            availability,
            bookings=tuple(
                b for b in availability.bookings if (b.start, b.end) != (ignore.start, ignore.end)
            ),
            bookings_seconds=tuple(
                b for b in availability.bookings_seconds if (b[0], b[1]) != (start_s, end_s)
            ),
        )
    return agenda_slots(agenda=agenda, window=window, now=now, session_type_id=session_type_id)


def _is_offered(*, session_type: SessionType, start: datetime, now: datetime, ignore=None) -> bool:
    end = start + timedelta(minutes=session_type.duration_minutes)
    slots = _slots_around(
        practitioner_id=session_type.practitioner_id,
        session_type_id=session_type.pk,
        window=engine.Interval(start, end),
        now=now,
        ignore=ignore,
    )
    return any(slot.start == start for slot in slots)


def next_free_slots(
    *, session_type: SessionType, after: datetime, now: datetime, limit: int = 6, days: int = 60
) -> list[Slot]:
    """The next free times of this session type from `after` (offered when a time is taken)."""
    start = max(after, now).astimezone(UTC)
    slots = _slots_around(
        practitioner_id=session_type.practitioner_id,
        session_type_id=session_type.pk,
        window=engine.Interval(start, start + timedelta(days=days)),
        now=now,
    )
    return slots[:limit]


def _taken(session_type: SessionType, start: datetime, now: datetime) -> SlotTaken:
    # The times after the one asked for; none there (beyond the horizon), the soonest ones.
    alternatives = next_free_slots(
        session_type=session_type, after=start, now=now
    ) or next_free_slots(session_type=session_type, after=now, now=now)
    return SlotTaken(
        _("This time was just taken. Here are the next free times."), alternatives=alternatives
    )


def _passed(session_type: SessionType, now: datetime) -> SlotTaken:
    return SlotTaken(
        _("This time has already passed. Please choose another one."),
        alternatives=next_free_slots(session_type=session_type, after=now, now=now),
    )


def _record(booking: Booking, *, before: str, acting: Acting, now, reason="", previous_start=None):
    delegated = (
        acting.role == Actor.PRACTITIONER
        and acting.user is not None
        and acting.user.pk != booking.practitioner.user_id
    )
    BookingEvent.objects.create(
        booking=booking,
        at=now,
        from_state=before,
        to_state=booking.state,
        actor_role=acting.role,
        actor=acting.user,
        on_behalf_of_id=booking.practitioner_id if delegated else None,
        reason=reason[:300],
        previous_start=previous_start,
    )
    booking_state_changed.send(sender=Booking, booking=booking, before=before, now=now)


def _expire_stale_holds(practitioner_id: int, now: datetime) -> int:
    """Expire the practitioner's holds whose time is up (call with the agenda locked)."""
    count = 0
    for booking in Booking.objects.filter(
        practitioner_id=practitioner_id, state=State.HELD, hold_expires_at__lte=now
    ):
        booking.state = State.EXPIRED
        booking.save(update_fields=["state", "updated_at"])
        _record(booking, before=State.HELD, acting=Acting.system(), now=now)
        count += 1
    return count


# --- Holding and confirming ---------------------------------------------------------------------


def hold_create(
    *,
    session_type: SessionType,
    start: datetime,
    now: datetime,
    time_zone: str = "Europe/Paris",
    language: str = "fr",
    client: str = "",
    patient=None,
    acting: Acting | None = None,
) -> Booking:
    """Keep a free time for `KHEPRI_HOLD_MINUTES` while the patient identifies (and pays).

    `acting`: who holds it (the patient by default; the practitioner or their secretary when
    booking a patient by phone)."""
    start = start.astimezone(UTC)  # `+ timedelta` on a local time would add wall-clock time
    if patient is not None:
        _refuse_closed_account(patient)
    practitioner = session_type.practitioner
    if not practitioner.is_bookable or not session_type.is_active:
        raise NotAllowed(_("This practitioner is not taking bookings right now."))
    if start <= now:
        raise _passed(session_type, now)
    key = client_key(client) if client else ""
    with transaction.atomic():
        _lock_agenda(practitioner.pk)
        _expire_stale_holds(practitioner.pk, now)
        if key and (
            Booking.objects.filter(
                client_key=key, state=State.HELD, hold_expires_at__gt=now
            ).count()
            >= settings.KHEPRI_MAX_HOLDS_PER_CLIENT
        ):
            raise TooManyHolds(
                _("You are already holding several times. Finish or cancel one first.")
            )
        if not _is_offered(session_type=session_type, start=start, now=now):
            raise _taken(session_type, start, now)
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    practitioner=practitioner,
                    session_type=session_type,
                    patient=patient,
                    start=start,
                    end=start + timedelta(minutes=session_type.duration_minutes),
                    buffer_before_minutes=session_type.buffer_before_minutes,
                    buffer_after_minutes=session_type.buffer_after_minutes,
                    title=session_type.display_name(language),
                    price_cents=session_type.price_cents,
                    currency=session_type.currency,
                    state=State.HELD,
                    hold_expires_at=now + timedelta(minutes=settings.KHEPRI_HOLD_MINUTES),
                    time_zone=time_zone,
                    language=language,
                    client_key=key,
                )
        except IntegrityError as error:
            if is_overlap_error(error):
                raise _taken(session_type, start, now) from error
            raise
        _record(booking, before="", acting=acting or Acting.patient(patient), now=now)
    return booking


def hold_for_payment(*, booking: Booking) -> Booking:
    """Inside the transaction that pays a hold another way than a card authorised now (a
    package, the balance, an employer, a card saved for later): lock the agenda as confirming
    does, and check the time is still held. A second way to pay a booking already confirmed
    (two tabs, a double click) is refused before it takes anything."""
    _lock_agenda(booking.practitioner_id)
    booking.refresh_from_db()
    if booking.state != State.HELD:
        raise NotAllowed(_("This booking is no longer waiting for its payment."))
    return booking


def hold_confirm(
    *,
    booking: Booking,
    patient,
    now: datetime,
    guardian: Guardian | None = None,
    acting: Acting | None = None,
) -> Booking:
    """The patient confirms a held time: it becomes a booking, or a request to the practitioner.

    `guardian`: a minor's guardian consenting now, recorded on the patient's account with the
    confirmation (or not at all). Confirming again what this patient already confirmed returns
    the booking unchanged (a double click, a retried request).

    `acting`: the practitioner's side (or their secretary) booking for the patient: the
    booking is confirmed at once, whatever the confirmation mode, since the practitioner
    agreed to it, and may be with someone not yet followed."""
    with transaction.atomic():
        _lock_agenda(booking.practitioner_id)
        # A hold whose time is up is released, not confirmed, even when the worker has not come
        # by yet: someone else may be holding the time by now. The release commits even when
        # this confirmation is refused below.
        _expire_stale_holds(booking.practitioner_id, now)
        booking.refresh_from_db()
        if booking.state == State.HELD:
            if guardian is not None:
                _guardian_record(patient, guardian, now)
            _held_to_booking(booking, patient=patient, now=now, acting=acting)
            return booking
    if booking.state in (State.REQUESTED, State.CONFIRMED) and booking.patient_id == patient.pk:
        return booking
    raise _hold_expired()


def hold_confirm_new_patient(
    *,
    booking: Booking,
    first_name: str,
    last_name: str,
    email: str,
    phone="",
    language: str,
    time_zone: str,
    guardian: Guardian | None = None,
    now: datetime,
) -> Booking:
    """Someone without an account confirms a held time: their patient account is made and the
    hold confirmed in one transaction, so a refusal (a lapsed hold, an address that already has
    an account, anything else) leaves no account behind.

    Raises `accounts.EmailTaken` when the address has an account: its owner logs in first."""
    with transaction.atomic():
        _lock_agenda(booking.practitioner_id)
        # As in `hold_confirm`: a lapsed hold is released, and the release commits, before
        # the refusal after this block; no account is made for it.
        _expire_stale_holds(booking.practitioner_id, now)
        booking.refresh_from_db()
        if booking.state == State.HELD and booking.patient_id is None:
            # Any error from here on rolls the account back with everything else.
            patient = accounts.patient_create(
                first_name=first_name,
                last_name=last_name,
                email=email,
                phone=phone,
                language=language,
                time_zone=time_zone,
            )
            if guardian is not None:
                _guardian_record(patient, guardian, now)
            _held_to_booking(booking, patient=patient, now=now)
            return booking
    if booking.state == State.HELD:
        raise NotAllowed(_("This time is held for someone else."))
    raise _hold_expired()


def _hold_expired() -> HoldExpired:
    return HoldExpired(
        _(
            "This time was kept for you for %(minutes)s minutes and has been released. "
            "Please choose a time again."
        )
        % {"minutes": settings.KHEPRI_HOLD_MINUTES}
    )


def _guardian_record(patient, guardian: Guardian, now: datetime) -> None:
    if not (guardian.name.strip() and guardian.contact.strip()):
        raise GuardianConsentMissing(
            _("A patient under 18 needs a guardian's name, contact and consent to book.")
        )
    accounts.guardian_consent_record(
        user=patient, name=guardian.name, contact=guardian.contact, now=now
    )


def _refuse_closed_account(patient) -> None:
    """An erased (or deactivated) account is booked by nobody: its messages would go nowhere
    and its bookings belong to a person who asked to be forgotten."""
    if patient.erased_at is not None or not patient.is_active:
        raise NotAllowed(_("This patient's account was closed: it cannot be booked."))


def _held_to_booking(booking: Booking, *, patient, now: datetime, acting=None) -> None:
    _refuse_closed_account(patient)
    if booking.patient_id and booking.patient_id != patient.pk:
        raise NotAllowed(_("This time is held for someone else."))
    if patient.needs_guardian_consent:
        raise GuardianConsentMissing(
            _("A patient under 18 needs a guardian's name, contact and consent to book.")
        )
    practitioner = booking.practitioner
    by_practitioner = acting is not None and acting.role == Actor.PRACTITIONER
    if not by_practitioner and not practitioner_takes_patient(practitioner, patient):
        raise NotAllowed(
            _(
                "This practitioner is not taking new patients at the moment: only people "
                "already followed can book."
            )
        )
    booking.patient = patient
    booking.hold_expires_at = None
    # `language` stays the one the patient is booking in; their profile's language ("fr" unless
    # they changed it) would send French messages to someone who booked in English.
    if (
        practitioner.confirmation_mode == Practitioner.ConfirmationMode.REQUEST
        and not by_practitioner
    ):
        booking.state = State.REQUESTED
        booking.respond_by = min(
            now + timedelta(hours=practitioner.request_response_hours), booking.start
        )
    else:
        booking.state = State.CONFIRMED
    booking.save()
    _record(booking, before=State.HELD, acting=acting or Acting.patient(patient), now=now)
    notify.booking_changed(
        booking, "requested" if booking.state == State.REQUESTED else "confirmed"
    )


def hold_release(*, booking: Booking, now: datetime) -> None:
    """The patient gives up a held time (back button, "choose another time")."""
    with transaction.atomic():
        updated = Booking.objects.filter(pk=booking.pk, state=State.HELD).update(
            state=State.EXPIRED, updated_at=now
        )
        if updated:
            booking.refresh_from_db()
            _record(booking, before=State.HELD, acting=Acting.patient(booking.patient), now=now)


def hold_extend(*, booking: Booking, now: datetime) -> None:
    """A fresh hold period while the patient pays (card entry, 3-D Secure): a hold that has
    not lapsed lasts `KHEPRI_HOLD_MINUTES` from now (never shorter than it was, never longer
    than three hold periods after it was made)."""
    minutes = timedelta(minutes=settings.KHEPRI_HOLD_MINUTES)
    # Never beyond three hold periods from the hold itself: paying cannot keep a time forever.
    until = min(now + minutes, booking.created_at + 3 * minutes)
    Booking.objects.filter(
        pk=booking.pk, state=State.HELD, hold_expires_at__gt=now, hold_expires_at__lt=until
    ).update(hold_expires_at=until, updated_at=now)


def holds_expire(*, now: datetime) -> int:
    """Release every hold whose time is up (the worker runs this every minute)."""
    count = 0
    for practitioner_id in (
        Booking.objects.filter(state=State.HELD, hold_expires_at__lte=now)
        .values_list("practitioner_id", flat=True)
        .distinct()
    ):
        with transaction.atomic():
            _lock_agenda(practitioner_id)
            count += _expire_stale_holds(practitioner_id, now)
    return count


# --- The practitioner's answer to a request ----------------------------------------------------


def _change(
    booking: Booking,
    *,
    allowed,
    to,
    acting: Acting,
    now,
    reason="",
    check=None,
    fields=None,
    announce=None,
) -> tuple[Booking, str]:
    """Move `booking` from one of the `allowed` states to `to`, under the agenda lock.

    `check(booking)` may raise to refuse, and `fields(booking)` returns other fields to set:
    both see the booking as just read under the lock. `announce(booking, before)` queues the
    messages in the same transaction (a change is never committed without them). Returns the
    booking and its former state.
    """
    with transaction.atomic():
        _lock_agenda(booking.practitioner_id)
        booking.refresh_from_db()
        if booking.state not in allowed:
            raise NotAllowed(
                _("This booking is now “%(state)s”: it cannot be changed that way.")
                % {"state": booking.get_state_display()}
            )
        if check is not None:
            check(booking)
        before = booking.state
        for name, value in (fields(booking) if fields else {}).items():
            setattr(booking, name, value)
        booking.state = to
        booking.save()
        _record(booking, before=before, acting=acting, now=now, reason=reason)
        if announce is not None:
            announce(booking, before)
    return booking, before


def _still_answerable(booking: Booking, now: datetime) -> None:
    if booking.respond_by is not None and booking.respond_by <= now:
        raise NotAllowed(
            _("The time to answer this request is over: the patient has been told it expired.")
        )


def request_accept(*, booking: Booking, acting: Acting, now: datetime) -> Booking:
    booking, _before = _change(
        booking,
        allowed=[State.REQUESTED],
        to=State.CONFIRMED,
        acting=acting,
        now=now,
        check=lambda b: _still_answerable(b, now),
        fields=lambda b: {"respond_by": None},
        announce=lambda b, _before: notify.booking_changed(b, "accepted"),
    )
    return booking


def request_decline(*, booking: Booking, acting: Acting, now: datetime, reason="") -> Booking:
    booking, _before = _change(
        booking,
        allowed=[State.REQUESTED],
        to=State.DECLINED,
        acting=acting,
        now=now,
        reason=reason,
        fields=lambda b: {"respond_by": None},
        announce=lambda b, _before: notify.booking_changed(b, "declined"),
    )
    return booking


def requests_expire(*, now: datetime) -> int:
    """Requests left unanswered past their deadline expire; the patient is told."""
    count = 0
    for booking in Booking.objects.filter(state=State.REQUESTED, respond_by__lte=now):
        try:
            booking, _before = _change(
                booking,
                allowed=[State.REQUESTED],
                to=State.EXPIRED,
                acting=Acting.system(),
                now=now,
                announce=lambda b, _before: notify.booking_changed(b, "expired"),
            )
        except NotAllowed:  # answered meanwhile
            continue
        count += 1
    return count


# --- Cancelling --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CancellationTerms:
    """What cancelling now would mean for the patient."""

    deadline: datetime  # free until then
    outcome: str  # a CancellationOutcome
    fee_cents: int

    @property
    def is_free(self) -> bool:
        return self.outcome != CancellationOutcome.FEE


def cancellation_deadline(booking: Booking) -> datetime:
    return booking.start - timedelta(hours=booking.practitioner.free_cancellation_hours)


def is_before_deadline(booking: Booking, now: datetime) -> bool:
    """Whether `now` is still within the free period ("free until 24 hours before": the
    deadline itself is included)."""
    return now <= cancellation_deadline(booking)


def cancellation_terms(*, booking: Booking, now: datetime) -> CancellationTerms:
    """The policy applied to a patient's cancellation at `now`: free until the deadline; after
    it, the first late cancellation with this practitioner is forgiven, later ones cost the
    practitioner's fee. A time still held or requested, or a practitioner asking no fee,
    costs nothing."""
    deadline = cancellation_deadline(booking)
    fee = booking.price_cents * booking.practitioner.late_cancellation_fee_percent // 100
    if is_before_deadline(booking, now) or booking.state != State.CONFIRMED or not fee:
        return CancellationTerms(deadline, CancellationOutcome.FREE, 0)
    forgiven_before = Booking.objects.filter(
        practitioner_id=booking.practitioner_id,
        patient_id=booking.patient_id,
        cancellation_outcome=CancellationOutcome.FORGIVEN,
    ).exclude(pk=booking.pk)
    if booking.patient_id is None or not forgiven_before.exists():
        return CancellationTerms(deadline, CancellationOutcome.FORGIVEN, 0)
    return CancellationTerms(deadline, CancellationOutcome.FEE, fee)


def _not_started(booking: Booking, now: datetime) -> None:
    if booking.start <= now:
        raise NotAllowed(_("This session has already started: it can no longer be cancelled."))


def booking_cancel(*, booking: Booking, acting: Acting, now: datetime, reason="") -> Booking:
    """Cancel a future session. A patient's cancellation follows the policy (its outcome is kept
    for payments); a practitioner's never costs the patient anything."""
    by_patient = acting.role == Actor.PATIENT

    def outcome(current: Booking) -> dict:
        # Computed under the lock: the state and start just read decide the terms.
        if by_patient:
            terms = cancellation_terms(booking=current, now=now)
            outcome, fee = terms.outcome, terms.fee_cents
        else:
            outcome, fee = CancellationOutcome.BY_PRACTITIONER, 0
        return {"cancellation_outcome": outcome, "cancellation_fee_cents": fee}

    booking, _before = _change(
        booking,
        allowed=ACTIVE,
        to=State.CANCELLED_BY_PATIENT if by_patient else State.CANCELLED_BY_PRACTITIONER,
        acting=acting,
        now=now,
        reason=reason,
        check=lambda current: _not_started(current, now),
        fields=outcome,
        announce=lambda current, before: notify.booking_changed(
            current,
            "cancelled_by_patient" if by_patient else "cancelled_by_practitioner",
            invited=before == State.CONFIRMED,
        ),
    )
    return booking


# --- Moving ------------------------------------------------------------------------------------


def can_reschedule(*, booking: Booking, acting: Acting, now: datetime) -> bool:
    if booking.state not in (State.REQUESTED, State.CONFIRMED) or booking.start <= now:
        return False
    return acting.role != Actor.PATIENT or is_before_deadline(booking, now)


def booking_reschedule(*, booking: Booking, start: datetime, acting: Acting, now: datetime):
    """Move a session in one step: the new time is taken in the same write that frees the old
    one, so the patient can never end up with neither (nor with both)."""
    start = start.astimezone(UTC)  # `+ timedelta` on a local time would add wall-clock time
    if not can_reschedule(booking=booking, acting=acting, now=now):
        if acting.role == Actor.PATIENT and booking.state in (State.REQUESTED, State.CONFIRMED):
            raise NotAllowed(
                _(
                    "Sessions can be moved online until %(hours)s hours before they start. "
                    "Please cancel it or contact your practitioner."
                )
                % {"hours": booking.practitioner.free_cancellation_hours}
            )
        raise NotAllowed(_("This booking can no longer be moved."))
    session_type = booking.session_type
    if session_type is None:
        raise NotAllowed(_("This kind of session is no longer offered: please book a new one."))
    if start <= now:
        raise _passed(session_type, now)
    with transaction.atomic():
        _lock_agenda(booking.practitioner_id)
        _expire_stale_holds(booking.practitioner_id, now)  # a lapsed hold frees its time
        booking.refresh_from_db()
        # Read again under the lock: the booking may have been cancelled or moved meanwhile.
        if not can_reschedule(booking=booking, acting=acting, now=now):
            raise NotAllowed(_("This booking can no longer be moved."))
        if not _is_offered(session_type=session_type, start=start, now=now, ignore=booking):
            raise _taken(session_type, start, now)
        previous = booking.start, booking.end, booking.sequence, booking.respond_by
        booking.start = start
        booking.end = start + (previous[1] - previous[0])
        booking.sequence += 1
        if booking.respond_by is not None:  # a request is answered before the session
            booking.respond_by = min(booking.respond_by, start)
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError as error:
            # The caller's object must still describe the booking as it is in the database.
            booking.start, booking.end, booking.sequence, booking.respond_by = previous
            if is_overlap_error(error):
                raise _taken(session_type, start, now) from error
            raise
        previous_start = previous[0]
        _record(
            booking,
            before=booking.state,
            acting=acting,
            now=now,
            reason=_("Moved"),
            previous_start=previous_start,
        )
        notify.booking_changed(booking, "rescheduled", previous_start=previous_start)
    return booking


# --- After the session -------------------------------------------------------------------------


def booking_complete(*, booking: Booking, acting: Acting, now: datetime) -> Booking:
    if booking.start > now:
        raise NotAllowed(_("A session can be marked as done once it has started."))
    return _change(booking, allowed=[State.CONFIRMED], to=State.COMPLETED, acting=acting, now=now)


def booking_no_show(*, booking: Booking, acting: Acting, now: datetime) -> Booking:
    if booking.start > now:
        raise NotAllowed(_("A session can be marked as missed once it has started."))
    return _change(booking, allowed=[State.CONFIRMED], to=State.NO_SHOW, acting=acting, now=now)


# --- Time off over existing bookings -----------------------------------------------------------


def bookings_hit_by(
    *, practitioner: Practitioner, start: datetime, end: datetime, include_holds: bool = False
):
    """Active bookings that a new period of time off would overlap (with `include_holds`,
    also the times patients are holding while they book)."""
    states = ACTIVE if include_holds else (State.REQUESTED, State.CONFIRMED)
    return Booking.objects.filter(
        Q(start__lt=end) & Q(end__gt=start),
        practitioner=practitioner,
        state__in=states,
    ).select_related("patient")


def bookings_cancel_for_time_off(
    *, practitioner: Practitioner, start: datetime, end: datetime, acting: Acting, now: datetime
) -> list[Booking]:
    """Cancel the bookings a confirmed time off covers; each patient is told and offered the
    next free times. Holds in the period go too: they could otherwise still be confirmed into
    the time off."""
    cancelled = []
    for booking in bookings_hit_by(
        practitioner=practitioner, start=start, end=end, include_holds=True
    ):
        if booking.start <= now:
            continue  # under way or over: the practitioner settles it with the patient
        try:
            cancelled.append(
                booking_cancel(
                    booking=booking, acting=acting, now=now, reason=_("The practitioner is away")
                )
            )
        except NotAllowed:  # cancelled meanwhile
            continue
    return cancelled


# --- Giving a session to another practitioner --------------------------------------------------


def practitioner_free_at(*, session_type: SessionType, start: datetime, now: datetime) -> bool:
    """Whether `session_type`'s practitioner is free at `start` for it, whatever its minimum
    notice (a session given over at short notice is still theirs to take)."""
    end = start + timedelta(minutes=session_type.duration_minutes)
    window = engine.Interval(start, end)
    agenda = agendas_load(
        practitioners=[session_type.practitioner_id],
        window=window,
        session_type_ids=[session_type.pk],
        now=now,
    ).get(session_type.practitioner_id)
    if agenda is None or not agenda.session_options:
        return False
    agenda.session_options = [
        replace(option, spec=replace(option.spec, min_notice=timedelta(0)))
        for option in agenda.session_options
    ]
    slots = agenda_slots(agenda=agenda, window=window, now=now, session_type_id=session_type.pk)
    return any(slot.start == start for slot in slots)


def booking_reassign(
    *, booking: Booking, session_type: SessionType, acting: Acting, now: datetime, announce=None
) -> Booking:
    """Give a coming session to another practitioner at the same time (a pooled service's
    manager balancing its members): it leaves one agenda and enters the other in one write,
    only when the other is free then (the database guard has the last word).

    `session_type` is the other practitioner's, of the same duration. `announce(booking,
    previous_practitioner)` queues the messages in the same transaction."""
    target_id = session_type.practitioner_id
    with transaction.atomic():
        for practitioner_id in sorted({booking.practitioner_id, target_id}):
            _lock_agenda(practitioner_id)  # always in the same order: no deadlock
        _expire_stale_holds(target_id, now)
        booking.refresh_from_db()
        if booking.state not in (State.REQUESTED, State.CONFIRMED) or booking.start <= now:
            raise NotAllowed(_("This booking can no longer be given to someone else."))
        if booking.practitioner_id == target_id:
            raise NotAllowed(_("This session is already with this practitioner."))
        if booking.end - booking.start != timedelta(minutes=session_type.duration_minutes):
            raise NotAllowed(_("This practitioner's session does not have the same length."))
        if not practitioner_free_at(session_type=session_type, start=booking.start, now=now):
            raise SlotTaken(_("This practitioner is not free at that time any more."))
        previous = booking.practitioner
        booking.practitioner = session_type.practitioner
        booking.session_type = session_type
        booking.sequence += 1
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError as error:
            if is_overlap_error(error):
                raise SlotTaken(
                    _("This practitioner is not free at that time any more.")
                ) from error
            raise
        _record(
            booking,
            before=booking.state,
            acting=acting,
            now=now,
            reason=_("Given to another practitioner (was with %(name)s)")
            % {"name": previous.legal_name},
        )
        if announce is not None:
            announce(booking, previous)
    return booking
