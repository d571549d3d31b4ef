"""Availability and booking API: free slots, holds, bookings — times in the caller's zone.

Booking endpoints are thin: they parse input, call one `bookings.lifecycle` function and map its
refusals to problem documents:

- `SlotTaken` → 409 with `alternatives` (the next free times);
- `NotAllowed` → 422; `HoldExpired` → 410; `TooManyHolds` → 429;
- `accounts.EmailTaken` → 409 with `login_url`.

Holds need no account. The per-client hold limit counts by the connection's own address
(`REMOTE_ADDR`), never by a header the client can choose (`X-Forwarded-For`).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.utils import check_csrf
from phonenumber_field.phonenumber import to_python as phone_number

from accounts import services as accounts
from bookings import availability as engine
from bookings import lifecycle, notify
from bookings.models import Booking, SessionType
from bookings.selectors import Slot, agenda_slots, agendas_load, bookable_practitioners
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
    now = timezone.now()
    agenda = agendas_load(practitioners=[pid], window=window, now=now)[pid]
    if query.session_type is not None and agenda.session(query.session_type) is None:
        raise ProblemError(400, _("This session type is not offered by this practitioner."))
    slots = agenda_slots(
        agenda=agenda,
        window=window,
        now=now,
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


# --- Holds and bookings ------------------------------------------------------------------------


class HoldIn(Schema):
    practitioner: str
    #: Without it, the practitioner's default session type.
    session_type: int | None = None
    #: ISO 8601 with its UTC offset, e.g. 2026-12-07T09:00:00+01:00.
    start: datetime
    #: The zone the patient reads times in (default: the practitioner's).
    tz: str | None = None
    #: fr or en (default: the request's language).
    language: str | None = None


class HoldOut(Schema):
    id: str
    state: str
    expires_at: datetime
    start: datetime
    end: datetime
    tz: str
    practitioner: str
    session_type: int
    price_cents: int
    currency: str


class SlotTimes(Schema):
    start: datetime
    end: datetime


class SlotProblem(Problem):
    """A time that is taken or not offered, with the next free ones."""

    alternatives: list[SlotTimes] = []


class AccountProblem(Problem):
    """The email address belongs to an account: log in at `login_url`, then confirm again."""

    login_url: str = ""


class PatientIn(Schema):
    """Who books. Leave the name, email and phone out when the request carries a logged-in
    session. A patient under 18 books with a guardian's name, contact and consent."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    is_minor: bool = Field(
        False,
        description=(
            "The patient is under 18: `guardian_name`, `guardian_contact` and "
            "`guardian_consent` are then required (giving any of them says the same)."
        ),
    )
    guardian_name: str = Field("", description="The guardian's full name (150 characters).")
    guardian_contact: str = Field(
        "", description="The guardian's phone number or email address (254 characters)."
    )
    guardian_consent: bool = Field(
        False, description="The guardian agrees to this appointment: must be true for a minor."
    )


class PaymentIn(Schema):
    """Test mode only (the offline gateway): a test card number authorises at once. With
    Stripe, leave it out and enter the card with Stripe.js using `client_secret`."""

    card_number: str = ""


class PaymentOut(Schema):
    status: str = Field(description="pending, authorised, captured, released, failed, refunded")
    amount_cents: int
    currency: str
    gateway: str
    test_mode: bool
    client_secret: str = Field("", description="For Stripe.js's Payment Element (Stripe only).")
    publishable_key: str = ""


class CancellationTermsOut(Schema):
    deadline: datetime
    outcome: str
    fee_cents: int


class BookingOut(Schema):
    id: str
    token: str
    state: str
    state_label: str
    start: datetime
    end: datetime
    tz: str
    practitioner: str
    session_type: int | None
    price_cents: int
    currency: str
    respond_by: datetime | None
    manage_url: str
    can_reschedule: bool
    #: What cancelling now would mean (while the booking can still be cancelled).
    cancellation_terms: CancellationTermsOut | None
    cancellation_outcome: str
    cancellation_fee_cents: int


class CancelIn(Schema):
    reason: str = ""


class CancelOut(BookingOut):
    outcome: str
    fee_cents: int


class RescheduleIn(Schema):
    start: datetime


def _language(value: str | None) -> str:
    languages = dict(settings.LANGUAGES)
    if value is None:
        current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return current if current in languages else settings.LANGUAGE_CODE
    if value not in languages:
        raise ProblemError(
            400,
            _("Unknown language “%(language)s”: use one of %(languages)s.")
            % {"language": value, "languages": ", ".join(languages)},
        )
    return value


def _instant(value: datetime, *, now: datetime) -> datetime:
    """A start time as sent: it must carry its offset and be in the future."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ProblemError(
            400,
            _("Give the start time with its UTC offset, e.g. %(example)s.")
            % {"example": "2026-12-07T09:00:00+01:00"},
        )
    if value <= now:
        raise ProblemError(422, _("This time has already passed. Please choose another one."))
    return value


def _taken(error: lifecycle.SlotTaken, tz: ZoneInfo) -> ProblemError:
    return ProblemError(
        409,
        error.message,
        extra={"alternatives": [_times(slot, tz) for slot in error.alternatives]},
    )


def _times(slot: Slot, tz: ZoneInfo) -> dict:
    return {"start": slot.start.astimezone(tz), "end": slot.end.astimezone(tz)}


def _session_type(practitioner_id: int, session_type_id: int | None) -> SessionType:
    # A pooled service's session type is booked through the service only (`pools`).
    session_types = SessionType.objects.filter(
        practitioner_id=practitioner_id, is_active=True, service_member__isnull=True
    )
    if session_type_id is None:
        found = session_types.order_by("-is_default", "position", "pk").first()
    else:
        found = session_types.filter(pk=session_type_id).first()
    if found is None:
        raise ProblemError(422, _("This session type is not offered by this practitioner."))
    return found


def _booking(token: str) -> Booking:
    booking = Booking.objects.select_related("practitioner").filter(token=token).first()
    if booking is None or booking.state == Booking.State.HELD:
        raise ProblemError(404, _("No booking at this address."))
    return booking


def _hold(hold_id: str) -> Booking:
    try:
        reference = uuid.UUID(hold_id)
    except ValueError:
        reference = None
    booking = Booking.objects.select_related("practitioner").filter(reference=reference).first()
    if reference is None or booking is None:
        raise ProblemError(404, _("No held time at this address."))
    return booking


def _hold_out(booking: Booking) -> dict:
    tz = ZoneInfo(booking.time_zone)
    return {
        "id": str(booking.reference),
        "state": booking.state,
        "expires_at": booking.hold_expires_at.astimezone(tz),
        "start": booking.start.astimezone(tz),
        "end": booking.end.astimezone(tz),
        "tz": booking.time_zone,
        "practitioner": booking.practitioner.slug,
        "session_type": booking.session_type_id,
        "price_cents": booking.price_cents,
        "currency": booking.currency,
    }


def _booking_out(booking: Booking, *, now: datetime) -> dict:
    tz = ZoneInfo(booking.time_zone)
    acting = lifecycle.Acting.patient(booking.patient)
    terms = None
    if booking.state in lifecycle.ACTIVE and booking.start > now:
        found = lifecycle.cancellation_terms(booking=booking, now=now)
        terms = {
            "deadline": found.deadline.astimezone(tz),
            "outcome": found.outcome,
            "fee_cents": found.fee_cents,
        }
    return {
        "id": str(booking.reference),
        "token": booking.token,
        "state": booking.state,
        "state_label": str(booking.get_state_display()),
        "start": booking.start.astimezone(tz),
        "end": booking.end.astimezone(tz),
        "tz": booking.time_zone,
        "practitioner": booking.practitioner.slug,
        "session_type": booking.session_type_id,
        "price_cents": booking.price_cents,
        "currency": booking.currency,
        "respond_by": booking.respond_by.astimezone(tz) if booking.respond_by else None,
        "manage_url": notify.manage_url(booking),
        "can_reschedule": lifecycle.can_reschedule(booking=booking, acting=acting, now=now),
        "cancellation_terms": terms,
        "cancellation_outcome": booking.cancellation_outcome,
        "cancellation_fee_cents": booking.cancellation_fee_cents,
    }


GUARDIAN_FIELDS = ("guardian_name", "guardian_contact", "guardian_consent")


def _new_patient(payload: PatientIn) -> dict:
    """The details of someone booking without an account, checked."""
    first_name, last_name = payload.first_name.strip(), payload.last_name.strip()
    email = payload.email.strip()
    missing = [
        name
        for name, value in (
            ("first_name", first_name),
            ("last_name", last_name),
            ("email", email),
        )
        if not value
    ]
    if missing:
        raise ProblemError(
            400,
            _("Log in, or give your first name, last name and email address (missing: %(fields)s).")
            % {"fields": ", ".join(missing)},
        )
    if len(first_name) > 150 or len(last_name) > 150:
        raise ProblemError(400, _("Names are limited to 150 characters."))
    try:
        validate_email(email)
    except DjangoValidationError:
        raise ProblemError(400, _("Enter a valid email address.")) from None
    phone = ""
    if payload.phone.strip():
        phone = phone_number(payload.phone.strip())
        if phone is None or not phone.is_valid():
            raise ProblemError(
                400,
                _("Enter a valid phone number, e.g. %(example)s.") % {"example": "06 12 34 56 78"},
            )
    return {"first_name": first_name, "last_name": last_name, "email": email, "phone": phone}


def _guardian(payload: PatientIn, patient=None) -> lifecycle.Guardian | None:
    """The guardian given with a minor's booking, checked; None when none was given.

    A logged-in patient under 18 whose guardian's consent is on file need not send it again;
    one without it is refused by the service (422) unless it is sent now.
    """
    name, contact = payload.guardian_name.strip(), payload.guardian_contact.strip()
    values = dict(zip(GUARDIAN_FIELDS, (name, contact, payload.guardian_consent), strict=True))
    given = any(values.values())
    if not (payload.is_minor or given):
        return None
    if not given and patient is not None and patient.is_minor:
        return None  # on file already, or missing: the service says so
    missing = [field for field, value in values.items() if not value]
    if missing:
        raise ProblemError(
            400,
            _(
                "A patient under 18 books with a guardian's name, contact and consent "
                "(missing: %(fields)s)."
            )
            % {"fields": ", ".join(missing)},
        )
    if len(name) > 150:
        raise ProblemError(400, _("The guardian's name is limited to 150 characters."))
    if len(contact) > 254:
        raise ProblemError(400, _("The guardian's contact is limited to 254 characters."))
    return lifecycle.Guardian(name=name, contact=contact)


def _log_in() -> ProblemError:
    return ProblemError(
        409,
        _("An account already uses this email address. Please log in to continue."),
        extra={"login_url": settings.KHEPRI_SITE_URL.rstrip("/") + reverse("account_login")},
    )


def _payment_out(payment) -> dict:
    from payments.gateways import get_gateway

    gateway = get_gateway(payment.gateway)
    return {
        "status": payment.status,
        "amount_cents": payment.amount_cents,
        "currency": payment.currency,
        "gateway": payment.gateway,
        "test_mode": gateway.test_mode,
        "client_secret": payment.client_secret if payment.gateway == "stripe" else "",
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY if payment.gateway == "stripe" else "",
    }


def _paid_or_402(request, booking: Booking, now: datetime) -> None:
    """A priced session is confirmed only once its card is authorised."""
    from payments.models import Payment
    from payments.services import payment_required, payment_sync

    if not payment_required(booking):
        return
    payment = Payment.objects.filter(booking=booking).first()
    if payment is not None and payment.status == Payment.Status.PENDING:
        payment = payment_sync(payment=payment, now=now)
    # Paid from an account: only that account confirms it.
    paid_by = payment.patient_id if payment is not None else None
    if paid_by is not None and not (request.user.is_authenticated and request.user.pk == paid_by):
        raise ProblemError(403, _("This payment was made from another account: log in."))
    if payment is None or payment.status != Payment.Status.AUTHORISED:
        raise ProblemError(
            402,
            _(
                "This session is paid by card: authorise the payment first "
                "(POST /api/v1/holds/{id}/payment), then confirm."
            ),
            extra={"price_cents": booking.price_cents, "currency": booking.currency},
        )


def _confirm(request, booking: Booking, payload: PatientIn, now: datetime) -> Booking:
    """Confirm for the logged-in person, or for a new patient account made in the same
    transaction. An address that already has an account is refused (409): its owner logs in
    first, so nobody can attach a booking to someone else's account."""
    if request.user.is_authenticated:
        # A session cookie is ambient authority: insist on the CSRF token, as forms do.
        if check_csrf(request) is not None:
            raise ProblemError(
                403, _("This request is missing its security token. Reload the page and retry.")
            )
        return lifecycle.hold_confirm(
            booking=booking,
            patient=request.user,
            guardian=_guardian(payload, request.user),
            now=now,
        )
    details = _new_patient(payload)
    guardian = _guardian(payload)
    try:
        return lifecycle.hold_confirm_new_patient(
            booking=booking,
            **details,
            language=booking.language,
            time_zone=booking.time_zone,
            guardian=guardian,
            now=now,
        )
    except accounts.EmailTaken:
        raise _log_in() from None


@router.post(
    "/holds",
    response={201: HoldOut, 400: Problem, 409: SlotProblem, 422: Problem, 429: Problem},
    tags=["booking"],
    summary="Hold a free time",
    description=(
        "Keeps a free time for a few minutes while the patient identifies; no account needed. "
        "`start` is ISO 8601 with its offset. 409: the time is taken or not offered, "
        "`alternatives` lists the next free times. 422: unknown practitioner or session type, "
        "time already passed. 429: this client already holds several times."
    ),
)
def hold_create(request, payload: HoldIn):
    now = timezone.now()
    start = _instant(payload.start, now=now)
    practitioner = (
        bookable_practitioners()
        .filter(slug=payload.practitioner)
        .values_list("id", "time_zone")
        .first()
    )
    if practitioner is None:
        raise ProblemError(422, _("No bookable practitioner at this address."))
    pid, practitioner_tz = practitioner
    tz = _zone(payload.tz) if payload.tz else ZoneInfo(str(practitioner_tz))
    language = _language(payload.language)
    session_type = _session_type(pid, payload.session_type)
    try:
        booking = lifecycle.hold_create(
            session_type=session_type,
            start=start,
            now=now,
            time_zone=str(tz.key),
            language=language,
            client=request.META.get("REMOTE_ADDR") or "",
        )
    except lifecycle.SlotTaken as error:
        raise _taken(error, tz) from None
    except lifecycle.TooManyHolds as error:
        raise ProblemError(429, error.message) from None
    except lifecycle.BookingError as error:
        raise ProblemError(422, error.message) from None
    return Status(201, _hold_out(booking))


@router.post(
    "/holds/{hold_id}/confirm",
    response={
        201: BookingOut,
        400: Problem,
        403: Problem,
        404: Problem,
        402: Problem,
        409: AccountProblem,
        410: Problem,
        422: Problem,
    },
    tags=["booking"],
    summary="Confirm a held time",
    description=(
        "Turns a hold into a booking (or a request, if the practitioner confirms each one). "
        "Send the patient's first name, last name, email and phone (optional), or call it "
        "from a logged-in session (with its CSRF token). A new email address creates a patient "
        "account, in the same transaction as the confirmation: a refused confirmation leaves "
        "no account behind. An address that already has an account answers 409: log in first. "
        "A patient under 18 (`is_minor`) books with `guardian_name`, `guardian_contact` and "
        "`guardian_consent: true`, recorded on their account; 400 names what is missing. A "
        "logged-in patient under 18 without a guardian's consent on file answers 422 unless "
        "the request gives it. The booking's private `token` gives access to it (it is also "
        "sent by email). 410: the hold has expired. 422: the time is held for someone else. "
        "402: a priced session whose card is not authorised yet (see `/holds/{id}/payment`)."
    ),
)
def hold_confirm(request, hold_id: str, payload: PatientIn | None = None):
    from payments.models import Payment

    now = timezone.now()
    booking = _hold(hold_id)
    if request.user.is_authenticated and check_csrf(request) is not None:
        raise ProblemError(
            403, _("This request is missing its security token. Reload the page and retry.")
        )
    if booking.state == Booking.State.HELD:
        _paid_or_402(request, booking, now)
    try:
        booking = _confirm(request, booking, payload or PatientIn(), now)
        Payment.objects.filter(booking=booking, patient__isnull=True).update(
            patient=booking.patient
        )
    except lifecycle.HoldExpired as error:
        raise ProblemError(410, error.message) from None
    except lifecycle.GuardianConsentMissing:
        raise ProblemError(
            422,
            _(
                "A patient under 18 needs a guardian's name, contact and consent to book: "
                "send %(fields)s."
            )
            % {"fields": ", ".join(GUARDIAN_FIELDS)},
        ) from None
    except lifecycle.BookingError as error:
        raise ProblemError(422, error.message) from None
    return Status(201, _booking_out(booking, now=now))


@router.post(
    "/holds/{hold_id}/payment",
    response={
        200: PaymentOut,
        402: Problem,
        403: Problem,
        404: Problem,
        410: Problem,
        422: Problem,
    },
    tags=["booking"],
    summary="Pay for a held time",
    description=(
        "Reserves the session's price on the patient's card (authorised now, charged after the "
        "session). Answers the payment's state; with Stripe, its `client_secret` lets Stripe.js "
        "collect the card (it never reaches Khepri). In test mode (`test_mode: true`), send "
        "`card_number`: 4242 4242 4242 4242 is authorised, 4000 0000 0000 0002 declined (402). "
        "Calling it again returns the same payment. 422: this session is free."
    ),
)
def hold_payment(request, hold_id: str, payload: PaymentIn | None = None):
    from payments.gateways import GatewayError
    from payments.services import (
        PaymentError,
        payment_card_entered,
        payment_required,
        payment_start,
    )

    now = timezone.now()
    booking = _hold(hold_id)
    if booking.state != Booking.State.HELD:
        raise ProblemError(410, _("This time is no longer held: choose a time again."))
    if not payment_required(booking):
        raise ProblemError(422, _("This session is free: confirm it directly."))
    patient = None
    if request.user.is_authenticated:
        # A session cookie is ambient authority: insist on the CSRF token, as forms do.
        if check_csrf(request) is not None:
            raise ProblemError(
                403, _("This request is missing its security token. Reload the page and retry.")
            )
        patient = request.user
    try:
        payment = payment_start(booking=booking, patient=patient, now=now)
        if payload and payload.card_number and payment.status == "pending":
            payment = payment_card_entered(payment=payment, card=payload.card_number, now=now)
    except (PaymentError, GatewayError) as error:
        raise ProblemError(402, error.message) from None
    return Status(200, _payment_out(payment))


@router.get(
    "/bookings/{token}",
    response={200: BookingOut, 404: Problem},
    tags=["booking"],
    summary="A booking, by its private token",
    description="Times are in the patient's zone; `cancellation_terms` say what cancelling now "
    "would cost under the practitioner's policy.",
)
def booking_detail(request, token: str):
    return _booking_out(_booking(token), now=timezone.now())


@router.post(
    "/bookings/{token}/cancel",
    response={200: CancelOut, 404: Problem, 422: Problem},
    tags=["booking"],
    summary="Cancel a booking",
    description=(
        "Cancels as the patient. `outcome` is the policy's verdict: `free` (before the "
        "deadline), `forgiven` (late, but the first late cancellation is free) or `fee` "
        "(`fee_cents` due). 422: the booking can no longer be cancelled."
    ),
)
def booking_cancel(request, token: str, payload: CancelIn | None = None):
    now = timezone.now()
    booking = _booking(token)
    try:
        booking = lifecycle.booking_cancel(
            booking=booking,
            acting=lifecycle.Acting.patient(booking.patient),
            now=now,
            reason=(payload.reason if payload else "").strip(),
        )
    except lifecycle.BookingError as error:
        raise ProblemError(422, error.message) from None
    return {
        **_booking_out(booking, now=now),
        "outcome": booking.cancellation_outcome,
        "fee_cents": booking.cancellation_fee_cents,
    }


@router.post(
    "/bookings/{token}/reschedule",
    response={200: BookingOut, 400: Problem, 404: Problem, 409: SlotProblem, 422: Problem},
    tags=["booking"],
    summary="Move a booking to another time",
    description=(
        "Moves the session in one step: the new time is secured before the old one is "
        "released. 409: the new time is taken or not offered (`alternatives` lists the next "
        "free times). 422: the booking can no longer be moved online, or the time has passed."
    ),
)
def booking_reschedule(request, token: str, payload: RescheduleIn):
    now = timezone.now()
    booking = _booking(token)
    start = _instant(payload.start, now=now)
    try:
        booking = lifecycle.booking_reschedule(
            booking=booking,
            start=start,
            acting=lifecycle.Acting.patient(booking.patient),
            now=now,
        )
    except lifecycle.SlotTaken as error:
        raise _taken(error, ZoneInfo(booking.time_zone)) from None
    except lifecycle.BookingError as error:
        raise ProblemError(422, error.message) from None
    return _booking_out(booking, now=now)
