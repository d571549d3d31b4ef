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
from datetime import UTC, date, datetime
from typing import Literal
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


class GuardianIn(Schema):
    """A patient under 18 books with a guardian's name, contact and consent."""

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


class PatientIn(GuardianIn):
    """Who books. Leave the name, email and phone out when the request carries a logged-in
    session. A patient under 18 books with a guardian's name, contact and consent."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    setup_intent: str = Field(
        "",
        description=(
            "Stripe only, a session paid by a card saved for later: the id (`seti_...`) of the "
            "SetupIntent whose `client_secret` `/holds/{id}/payment` answered, once Stripe.js "
            'has confirmed it. The card is kept and the booking confirmed as "card saved" '
            "(logged-in session only)."
        ),
    )


class PaymentIn(GuardianIn):
    """How to pay a held time. `card` (default): a test card number in test mode, a saved
    card (`saved_card_id`), or Stripe.js with the answer's `client_secret`. `package`
    (`package_id`), `balance` and `employer` pay and confirm at once (logged-in session): a
    patient under 18 then sends the guardian's fields here, as `/holds/{id}/confirm` takes."""

    method: Literal["card", "package", "balance", "employer"] = Field(
        "card",
        description=(
            "card, package, balance or employer (see `GET /holds/{id}/payment-options` for what "
            "this patient can use)."
        ),
    )
    card_number: str = Field(
        "",
        description=(
            "Test mode only (offline gateway): 4242 4242 4242 4242 is accepted, "
            "4000 0000 0000 0002 declined. Leave it out with Stripe."
        ),
    )
    saved_card_id: int | None = Field(
        None, description="method card: one of the patient's saved cards (`saved_cards[].id`)."
    )
    package_id: int | None = Field(
        None, description="method package: one of the patient's packages (`packages[].id`)."
    )


class PaymentOut(Schema):
    status: str = Field(
        description=(
            "pending (waiting for the card), authorised, card_saved (authorised later), "
            "captured, released, failed, refunded"
        )
    )
    amount_cents: int
    currency: str
    gateway: str
    test_mode: bool
    intent: str = Field(
        "payment",
        description=(
            "What `client_secret` confirms with Stripe.js: `payment` (a PaymentIntent, the card "
            "authorised now) or `setup` (a SetupIntent: the card is saved, then send its id as "
            "`setup_intent` to `/holds/{id}/confirm`)."
        ),
    )
    client_secret: str = Field("", description="For Stripe.js's Payment Element (Stripe only).")
    publishable_key: str = ""
    authorise_at: datetime | None = Field(
        None,
        description="A session far ahead: when the saved card will be authorised (UTC).",
    )
    saved_card_id: int | None = Field(None, description="The saved card that pays.")
    booking_state: str = Field(
        "held",
        description=(
            "The booking's state after this call: `held` (confirm it next), or `confirmed` / "
            "`requested` (a card saved for later confirms the booking at once)."
        ),
    )


class PackageOptionOut(Schema):
    id: int
    name: str
    credits_left: int
    expires_at: datetime = Field(description="UTC")


class BalanceOptionOut(Schema):
    available_cents: int
    covers_price: bool


class EmployerOptionOut(Schema):
    available: bool
    reason: str = Field("", description="Why the employer does not pay this session.")
    company: str = ""
    sessions_left: int = 0


class SavedCardOut(Schema):
    id: int
    brand: str
    last4: str
    exp_month: int
    exp_year: int


class CardOptionOut(Schema):
    authorised: str = Field(
        description=(
            "`now` (the price is reserved on the card at once) or `later` (the session is far "
            "ahead: the card is saved and authorised at `authorise_at`)."
        )
    )
    authorise_at: datetime | None = Field(None, description="UTC")
    account_needed: bool = Field(
        description="A card saved for later needs a logged-in session (an account)."
    )


class PaymentOptionsOut(Schema):
    payment_due: bool = Field(description="false: the session is free, confirm it directly.")
    detail: str = ""
    price_cents: int
    currency: str
    test_mode: bool
    logged_in: bool
    packages: list[PackageOptionOut] = Field(
        description="The patient's packages with credits left for this session."
    )
    balance: BalanceOptionOut | None = Field(description="null: not logged in, or nothing due.")
    employer: EmployerOptionOut
    saved_cards: list[SavedCardOut]
    card: CardOptionOut | None = Field(description="null when nothing is due.")


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


class PaidBookingOut(BookingOut):
    paid_with: str = Field(description="package, balance, employer or card")


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


def _guardian(payload: GuardianIn, patient=None) -> lifecycle.Guardian | None:
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


def _payment_out(payment, booking: Booking) -> dict:
    from payments import cards
    from payments.gateways import get_gateway
    from payments.services import BALANCE

    gateway = get_gateway(None if payment.gateway == BALANCE else payment.gateway)
    stripe = payment.gateway == "stripe"
    card_saved = payment.status == payment.Status.CARD_SAVED
    return {
        "status": payment.status,
        "amount_cents": payment.amount_cents,
        "currency": payment.currency,
        "gateway": payment.gateway,
        "test_mode": gateway.test_mode,
        "intent": "payment" if payment.gateway != BALANCE else "",
        "client_secret": payment.client_secret if stripe else "",
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY if stripe else "",
        "authorise_at": cards.authorisation_due_at(booking).astimezone(UTC) if card_saved else None,
        "saved_card_id": payment.saved_card_id,
        "booking_state": booking.state,
    }


def _caller(request):
    """The logged-in person calling, or None. A session cookie is ambient authority: a write
    insists on the CSRF token, as forms do."""
    if not request.user.is_authenticated:
        return None
    if check_csrf(request) is not None:
        raise ProblemError(
            403, _("This request is missing its security token. Reload the page and retry.")
        )
    return request.user


def _log_in_to_pay(detail: str) -> ProblemError:
    return ProblemError(
        403,
        detail,
        extra={"login_url": settings.KHEPRI_SITE_URL.rstrip("/") + reverse("account_login")},
    )


def _paid_with(booking: Booking) -> str:
    from employers.models import CoveredSession
    from payments.models import PackageUse, Payment
    from payments.services import BALANCE

    if PackageUse.objects.filter(booking=booking, returned_at__isnull=True).exists():
        return "package"
    if CoveredSession.objects.filter(booking=booking, returned_at__isnull=True).exists():
        return "employer"
    payment = Payment.objects.filter(booking=booking).first()
    if payment is None:
        return ""
    return "balance" if payment.gateway == BALANCE else "card"


def _booked_by(booking: Booking, patient) -> bool:
    """The hold is already a booking of this patient (a replayed call, another tab)."""
    booking.refresh_from_db()
    return (
        patient is not None
        and booking.state in (Booking.State.REQUESTED, Booking.State.CONFIRMED)
        and booking.patient_id == patient.pk
    )


def _no_longer_held() -> ProblemError:
    return ProblemError(410, _("This time is no longer held: choose a time again."))


def _refused_booking(error) -> ProblemError:
    if isinstance(error, lifecycle.HoldExpired):
        return ProblemError(410, error.message)
    return ProblemError(422, error.message)


def _paid_or_402(request, booking: Booking, now: datetime) -> None:
    """A priced session is confirmed only once its card is authorised (the other ways to pay
    confirm the booking themselves, in `/payment`)."""
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
                "This session is not paid yet: pay it first (POST /api/v1/holds/{id}/payment, "
                "with a card, a package, the balance or the employer's programme), then confirm."
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


def _card_saved_by_stripe(request, booking: Booking, setup_intent: str, now: datetime) -> None:
    """Stripe.js saved the card of a session far ahead (the SetupIntent `/payment` made):
    keep it for this session and confirm the booking "card saved", as the site does."""
    from payments import cards
    from payments.gateways import GatewayError
    from payments.services import PaymentError

    patient = _caller(request)
    if patient is None:
        raise _log_in_to_pay(_("Log in to pay with a saved card."))
    if not setup_intent.startswith("seti_"):
        raise ProblemError(400, _("`setup_intent` is the id of a Stripe SetupIntent (seti_...)."))
    try:
        cards.payment_defer_after_setup(
            booking=booking, patient=patient, setup_reference=setup_intent, now=now
        )
    except (PaymentError, GatewayError) as error:
        raise _refused_payment(booking, error) from None
    except lifecycle.BookingError as error:
        if not _booked_by(booking, patient):
            raise _refused_booking(error) from None
    booking.refresh_from_db()


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
        "402: a priced session whose card is not authorised yet (see `/holds/{id}/payment`). "
        "A session paid by a package, the balance, the employer or a card saved for later is "
        "confirmed by `/holds/{id}/payment` already: confirming again answers the booking. "
        "With Stripe, a card saved for later is confirmed here with `setup_intent`."
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
    if booking.state == Booking.State.HELD and payload is not None and payload.setup_intent:
        _card_saved_by_stripe(request, booking, payload.setup_intent, now)
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


@router.get(
    "/holds/{hold_id}/payment-options",
    response={200: PaymentOptionsOut, 404: Problem, 410: Problem},
    tags=["booking"],
    summary="Ways to pay a held time",
    description=(
        "What the caller can pay this hold with, as the site's payment step offers it. "
        "Logged in (session cookie): the packages with credits left for this practitioner "
        "(`id`, credits left, expiry), the prepaid balance (and whether it covers the price), "
        "the employer's programme (`available`, or `reason` in a sentence), the saved cards. "
        "Everyone: `card` says whether a card would be authorised now, or (a session more than "
        "`KHEPRI_CARD_SAVE_BEYOND_DAYS` days ahead, 5 by default) saved and authorised at "
        "`authorise_at` (UTC), which needs an account. A free session answers "
        "`payment_due: false`. 410: the time is no longer held."
    ),
)
def hold_payment_options(request, hold_id: str):
    from employers.selectors import checkout_offer
    from payments import cards
    from payments.balance import balance_covers, balance_for
    from payments.gateways import get_gateway
    from payments.packages import usable_packages
    from payments.services import payment_required

    now = timezone.now()
    booking = _hold(hold_id)
    if booking.state != Booking.State.HELD:
        raise _no_longer_held()
    patient = request.user if request.user.is_authenticated else None
    options = {
        "payment_due": payment_required(booking),
        "price_cents": booking.price_cents,
        "currency": booking.currency,
        "test_mode": get_gateway().test_mode,
        "logged_in": patient is not None,
        "packages": [],
        "balance": None,
        "employer": {"available": False, "reason": ""},
        "saved_cards": [],
        "card": None,
    }
    if not options["payment_due"]:
        options["detail"] = _("This session is free: confirm it directly.")
        return options
    deferred = cards.authorisation_deferred(booking, now)
    options["card"] = {
        "authorised": "later" if deferred else "now",
        "authorise_at": cards.authorisation_due_at(booking).astimezone(UTC) if deferred else None,
        "account_needed": deferred,
    }
    if patient is None:
        options["employer"]["reason"] = _("Log in to use your employer's programme.")
        return options
    options["packages"] = [
        {
            "id": package.pk,
            "name": package.offer.name,
            "credits_left": package.credits_remaining,
            "expires_at": package.expires_at.astimezone(UTC),
        }
        for package in usable_packages(
            patient=patient, practitioner_id=booking.practitioner_id, now=now
        )
    ]
    options["balance"] = {
        "available_cents": balance_for(patient).available_cents,
        "covers_price": balance_covers(patient, booking.price_cents),
    }
    offer = checkout_offer(patient=patient, booking=booking)
    if offer is None:
        options["employer"]["reason"] = _(
            "You are not in an employer programme that covers this session's date."
        )
    else:
        options["employer"] = {
            "available": offer.covered,
            "reason": offer.reason,
            "company": offer.company_name,
            "sessions_left": offer.remaining,
        }
    options["saved_cards"] = [
        {
            "id": card.pk,
            "brand": card.brand,
            "last4": card.last4,
            "exp_month": card.exp_month,
            "exp_year": card.exp_year,
        }
        for card in cards.saved_cards(patient)
    ]
    return options


@router.post(
    "/holds/{hold_id}/payment",
    response={
        200: PaymentOut,
        201: PaidBookingOut,
        400: Problem,
        402: Problem,
        403: AccountProblem,
        404: Problem,
        409: Problem,
        410: Problem,
        422: Problem,
    },
    tags=["booking"],
    summary="Pay for a held time",
    description=(
        "Pays the session with `method` (see `GET /holds/{id}/payment-options`).\n\n"
        "**card** (default): the price is reserved on the card (authorised now, charged after "
        "the session); answers 200 with the payment's state, then confirm the hold. With "
        "Stripe, its `client_secret` lets Stripe.js collect the card (it never reaches "
        "Khepri). In test mode (`test_mode: true`), send `card_number`: "
        "4242 4242 4242 4242 is authorised, 4000 0000 0000 0002 declined (402). "
        "`saved_card_id` pays with one of the patient's saved cards. A session more than "
        "`KHEPRI_CARD_SAVE_BEYOND_DAYS` days ahead (5 by default) is not authorised now: the card "
        "is saved and authorised at `authorise_at` (needs a logged-in session, 403 otherwise "
        "with `login_url`). A saved card or the test card then confirms the booking at once "
        "(`status: card_saved`, `booking_state: confirmed`); with Stripe the answer is a "
        "SetupIntent (`intent: setup`): confirm it with Stripe.js, then send its id as "
        "`setup_intent` to `/holds/{id}/confirm`.\n\n"
        "**package** (`package_id`), **balance**, **employer** (logged-in session): pay and "
        "confirm in one step; answers 201 with the booking, as `/holds/{id}/confirm` does.\n\n"
        "Calling again is safe: the same payment, or the booking already paid (nothing taken "
        "twice). 400: invalid fields or a `method` not in the list. 402: this way cannot pay "
        "(card declined, no credit left, balance too short, not covered by the employer). "
        "403: log in first, or the security token is missing. 404: unknown hold, package or "
        "saved card (or another account's). 409: this session is already paid another way. "
        "410: the time is no longer held. 422: this session is free, or cannot be booked by "
        "this patient."
    ),
)
def hold_payment(request, hold_id: str, payload: PaymentIn | None = None):
    from payments.services import payment_required

    payload = payload or PaymentIn()
    now = timezone.now()
    booking = _hold(hold_id)
    patient = _caller(request)
    if booking.state != Booking.State.HELD:
        return _replayed(booking, patient, payload, now)
    if not payment_required(booking):
        raise ProblemError(422, _("This session is free: confirm it directly."))
    if patient is not None:
        # Some ways to pay confirm at once: a minor's guardian consents here, not at confirm.
        guardian = _guardian(payload, patient)
        if guardian is not None:
            accounts.guardian_consent_record(
                user=patient, name=guardian.name, contact=guardian.contact, now=now
            )
    if payload.method == "card":
        return _pay_by_card(booking, patient, payload, now)
    if patient is None:
        raise _log_in_to_pay(
            _("Log in to pay with a package, your balance or your employer's programme.")
        )
    return _pay_otherwise(booking, patient, payload, now)


def _replayed(booking: Booking, patient, payload: PaymentIn, now: datetime):
    """A hold that is a booking already: what paid it, for the patient it was booked for (a
    call made again); 410 for anyone else."""
    from payments.models import Payment

    if not _booked_by(booking, patient):
        raise _no_longer_held()
    if payload.method == "card":
        payment = Payment.objects.filter(booking=booking).first()
        if payment is not None:
            return Status(200, _payment_out(payment, booking))
    return Status(201, {**_booking_out(booking, now=now), "paid_with": _paid_with(booking)})


def _pay_by_card(booking: Booking, patient, payload: PaymentIn, now: datetime):
    from payments import cards
    from payments.gateways import GatewayError
    from payments.services import PaymentError, payment_card_entered, payment_start

    deferred = cards.authorisation_deferred(booking, now)
    if payload.saved_card_id is not None or deferred:
        if patient is None:
            raise _log_in_to_pay(
                _(
                    "This session is more than %(days)s days ahead: its card is saved and "
                    "authorised later, which needs an account. Log in first."
                )
                % {"days": settings.KHEPRI_CARD_SAVE_BEYOND_DAYS}
                if deferred
                else _("Log in to pay with a saved card.")
            )
        return _pay_by_saved_card(booking, patient, payload, deferred=deferred, now=now)
    try:
        payment = payment_start(booking=booking, patient=patient, now=now)
        if payload.card_number and payment.status == "pending":
            payment = payment_card_entered(payment=payment, card=payload.card_number, now=now)
    except (PaymentError, GatewayError) as error:
        raise ProblemError(402, error.message) from None
    return Status(200, _payment_out(payment, booking))


def _pay_by_saved_card(booking: Booking, patient, payload: PaymentIn, *, deferred: bool, now):
    """A saved card (chosen, or typed in test mode for a session far ahead), or with Stripe a
    SetupIntent for the browser to save the card of a session far ahead."""
    from payments import cards
    from payments.gateways import GatewayError, get_gateway
    from payments.services import PaymentError

    gateway = get_gateway()
    try:
        if payload.saved_card_id is not None:
            try:
                card = cards.saved_card_get(patient, payload.saved_card_id)
            except PaymentError as error:
                raise ProblemError(404, error.message) from None
        elif gateway.name != "offline":
            setup = cards.card_setup_start(
                patient=patient, now=now, purpose=f"booking:{booking.reference}"
            )
            return Status(
                200,
                {
                    "status": "pending",
                    "amount_cents": booking.price_cents,
                    "currency": booking.currency,
                    "gateway": gateway.name,
                    "test_mode": gateway.test_mode,
                    "intent": "setup",
                    "client_secret": setup.client_secret,
                    "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
                    "authorise_at": cards.authorisation_due_at(booking).astimezone(UTC),
                    "booking_state": booking.state,
                },
            )
        elif payload.card_number:
            card = cards.card_save_typed(
                patient=patient, number=payload.card_number, remembered=False, now=now
            )
        else:
            raise ProblemError(
                400,
                _(
                    "This session's card is saved for later: send `card_number` (test mode) "
                    "or `saved_card_id`."
                ),
            )
        payment = cards.payment_with_saved_card(
            booking=booking, patient=patient, card=card, deferred=deferred, now=now
        )
    except (PaymentError, GatewayError) as error:
        raise _refused_payment(booking, error) from None
    except lifecycle.BookingError as error:
        if not _booked_by(booking, patient):
            raise _refused_booking(error) from None
        return _replayed(booking, patient, payload, now)  # booked meanwhile (another call)
    booking.refresh_from_db()
    return Status(200, _payment_out(payment, booking))


def _refused_payment(booking: Booking, error) -> ProblemError:
    """402: this way cannot pay; 409 when the refusal comes from a payment already made."""
    from payments.models import Payment

    paid = Payment.objects.filter(
        booking=booking,
        status__in=(Payment.Status.AUTHORISED, Payment.Status.CAPTURED, Payment.Status.CARD_SAVED),
    ).exists()
    return ProblemError(409 if paid else 402, error.message)


def _pay_otherwise(booking: Booking, patient, payload: PaymentIn, now: datetime):
    """A package, the balance or the employer: the services pay and confirm in one
    transaction, only a booking still held (a replay takes nothing more)."""
    from employers.services import booking_confirm_covered
    from payments.balance import booking_confirm_with_balance
    from payments.gateways import GatewayError
    from payments.models import Package
    from payments.packages import booking_confirm_with_package
    from payments.services import PaymentError

    if payload.method == "package":
        if payload.package_id is None:
            raise ProblemError(
                400, _("Choose the package: send `package_id` (see the payment options).")
            )
        package = Package.objects.filter(pk=payload.package_id, patient=patient).first()
        if package is None:
            raise ProblemError(404, _("You have no package with this id."))

        def confirm():
            return booking_confirm_with_package(
                booking=booking, package=package, patient=patient, now=now
            )
    elif payload.method == "balance":

        def confirm():
            return booking_confirm_with_balance(booking=booking, patient=patient, now=now)
    else:

        def confirm():
            return booking_confirm_covered(booking=booking, patient=patient, now=now)

    try:
        booking = confirm()
    except (PaymentError, GatewayError) as error:
        if not _booked_by(booking, patient):
            raise _refused_payment(booking, error) from None
    except lifecycle.BookingError as error:
        if not _booked_by(booking, patient):
            raise _refused_booking(error) from None
    return Status(201, {**_booking_out(booking, now=now), "paid_with": _paid_with(booking)})


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
