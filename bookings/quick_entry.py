"""Quick entry: the practitioner (or their secretary) books a patient who calls on the phone.

Reads: the patients this practitioner already has (`patients_find`), the free times of a day
(`day_slots`). Writes: `quick_booking_create`, a hold and its confirmation through
`lifecycle`, made by the practitioner's side, so the booking is confirmed at once and the
patient gets the usual confirmation. A priced session is not paid by card here: it is
confirmed without a card payment, and its payment is settled with the practitioner later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q

from accounts import services as accounts
from accounts.models import User
from bookings import lifecycle
from bookings.lifecycle import Acting
from bookings.models import Booking, SessionType
from bookings.selectors import Slot
from practitioners.models import Practitioner

State = Booking.State

#: Bookings that make someone "a patient of" the practitioner (a lapsed hold does not).
KNOWN_STATES_EXCLUDED = (State.HELD, State.EXPIRED)
#: Enough digits to be looking for a phone number (the last nine are compared: "06 12 34 56 78"
#: and "+33 6 12 34 56 78" are the same number).
PHONE_DIGITS = 6


@dataclass(frozen=True)
class NewPatient:
    first_name: str
    last_name: str
    email: str
    phone: str = ""


def _patients_of(practitioner: Practitioner):
    seen = Booking.objects.filter(practitioner=practitioner, patient__isnull=False).exclude(
        state__in=KNOWN_STATES_EXCLUDED
    )
    # Erased or closed accounts are nobody's patient any more.
    return User.objects.filter(
        pk__in=seen.values("patient_id"), erased_at__isnull=True, is_active=True
    )


def patients_find(*, practitioner: Practitioner, query: str, limit: int = 8) -> list[User]:
    """This practitioner's patients matching a name, a phone number or an email address
    (every word must match), by name. Nobody else's patients are ever searched."""
    query = query.strip()
    if not query:
        return []
    patients = _patients_of(practitioner)
    digits = re.sub(r"\D", "", query)
    if len(digits) >= PHONE_DIGITS and not re.search(r"[^\d\s+().\-]", query):
        patients = patients.filter(phone__endswith=digits[-9:])
    else:
        for word in query.split():
            patients = patients.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
    return list(patients.order_by("last_name", "first_name", "pk")[:limit])


def patient_of(*, practitioner: Practitioner, patient_id: int) -> User | None:
    """One of this practitioner's patients, or None."""
    return _patients_of(practitioner).filter(pk=patient_id).first()


def day_slots(*, session_type: SessionType, day: date, tz: ZoneInfo, now: datetime) -> list[Slot]:
    """The free start times of `session_type` on `day` (in the practitioner's zone)."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    if end <= now:
        return []
    slots = lifecycle.next_free_slots(
        session_type=session_type, after=start, now=now, limit=200, days=2
    )
    return [slot for slot in slots if slot.start < end]


def quick_booking_create(
    *,
    session_type: SessionType,
    start: datetime,
    acting: Acting,
    now: datetime,
    patient: User | None = None,
    new_patient: NewPatient | None = None,
) -> Booking:
    """Book `start` for a patient on the phone: a known `patient`, or a `new_patient` whose
    account is made here (an address that already has an account books for that account).
    Hold and confirmation run in one transaction, so a refused time leaves no account behind.

    Raises `lifecycle.SlotTaken` (with the next free times) or another `BookingError`."""
    with transaction.atomic():
        if patient is None:
            existing = User.objects.filter(email__iexact=new_patient.email.strip()).first()
            patient = existing or accounts.patient_create(
                first_name=new_patient.first_name,
                last_name=new_patient.last_name,
                email=new_patient.email,
                phone=new_patient.phone,
                time_zone=str(session_type.practitioner.time_zone),
            )
        booking = lifecycle.hold_create(
            session_type=session_type,
            start=start,
            now=now,
            time_zone=str(patient.time_zone),
            language=patient.language or "fr",
            patient=patient,
            acting=acting,
        )
        return lifecycle.hold_confirm(booking=booking, patient=patient, now=now, acting=acting)
