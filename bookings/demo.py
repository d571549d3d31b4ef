"""Demo agendas: each demo practitioner's session type and week, built through the services
(so the demo is always valid), plus a few days off. Idempotent: a practitioner who already has
a weekly schedule keeps it (the demo may have been edited)."""

from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from bookings import services
from bookings.models import Booking, SessionType, TimeOff, WeeklySchedule
from practitioners.demo_data import PRACTITIONERS
from practitioners.models import Practitioner

#: A demo practitioner who confirms each request herself.
REQUEST_MODE_SLUG = "camille-roux"


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@transaction.atomic
def load(*, stdout) -> None:
    today = timezone.localdate()
    for data in PRACTITIONERS:
        practitioner = Practitioner.objects.filter(slug=data["slug"]).first()
        if practitioner is None:
            continue
        services.agenda_setup(practitioner=practitioner)
        default = SessionType.objects.get(practitioner=practitioner, is_default=True)
        if default.price_cents == 0:
            services.session_type_save(
                practitioner=practitioner,
                session_type_id=default.pk,
                name="Consultation",
                name_en="Consultation",
                duration_minutes=data["duration"],
                buffer_after_minutes=10,
                price_cents=data["price"],
            )
        if not WeeklySchedule.objects.filter(practitioner=practitioner).exists():
            services.weekly_schedule_save(
                practitioner=practitioner,
                name="Semaine type",
                ranges=[
                    services.RangeInput(weekday=weekday, start=_clock(a), end=_clock(b))
                    for weekday, spans in data["week"].items()
                    for a, b in spans
                ],
                today=today,
            )
            _demo_time_off(practitioner, today)
    for practitioner in Practitioner.objects.exclude(slug__in=[d["slug"] for d in PRACTITIONERS]):
        services.agenda_setup(practitioner=practitioner)
    _demo_bookings()
    stdout.write(f"  {WeeklySchedule.objects.count()} weekly schedules")


def _demo_bookings() -> None:
    """The demo patient has a confirmed session with Claire Martin and a request waiting for a
    practitioner who confirms each request (so both sides of the flow can be tried)."""
    from accounts.models import User
    from bookings import lifecycle

    patient = User.objects.filter(email="patient@khepri.example").first()
    if patient is None or Booking.objects.filter(patient=patient).exists():
        return
    now = timezone.now()
    by_request = Practitioner.objects.filter(slug=REQUEST_MODE_SLUG).first()
    if by_request is not None:
        by_request.confirmation_mode = Practitioner.ConfirmationMode.REQUEST
        by_request.save(update_fields=["confirmation_mode"])
    # Their messages go to the console like any other in development.
    for slug in ("claire-martin", REQUEST_MODE_SLUG):
        session_type = SessionType.objects.filter(practitioner__slug=slug, is_default=True).first()
        if session_type is None:
            continue
        free = lifecycle.next_free_slots(
            session_type=session_type, after=now + timedelta(days=4), now=now, limit=1
        )
        if free:
            _paid_booking(session_type, free[0].start, patient, now)
    # A session last week, paid and closed: Claire Martin's earnings have something to show.
    claire = SessionType.objects.filter(practitioner__slug="claire-martin", is_default=True).first()
    if claire is not None:
        then = now - timedelta(days=8)
        free = lifecycle.next_free_slots(
            session_type=claire, after=then + timedelta(days=1), now=then, limit=1
        )
        if free:
            booking = _paid_booking(claire, free[0].start, patient, then)
            lifecycle.booking_complete(
                booking=booking,
                acting=lifecycle.Acting.practitioner(booking.practitioner.user),
                now=booking.end + timedelta(minutes=5),
            )
            settle_now(booking)


def _paid_booking(session_type, start, patient, now):
    """Held, paid with the offline gateway's test card (an authorisation), then confirmed (or
    requested), as the checkout does it."""
    from bookings import lifecycle
    from payments import services as payments

    booking = lifecycle.hold_create(
        session_type=session_type, start=start, now=now, patient=patient
    )
    if not payments.payment_required(booking):
        return lifecycle.hold_confirm(booking=booking, patient=patient, now=now)
    payment = payments.payment_start(booking=booking, patient=patient, now=now)
    payment = payments.payment_card_entered(payment=payment, card="4242424242424242", now=now)
    payments.payment_after_provider(payment=payment, now=now)
    booking.refresh_from_db()
    return booking


def settle_now(booking) -> None:
    """Capture at once (the worker would, after the change commits)."""
    from payments.models import Payment
    from payments.services import payment_settle

    payment = Payment.objects.filter(booking=booking).first()
    if payment is not None:
        payment_settle(payment=payment, now=timezone.now())


def _demo_time_off(practitioner: Practitioner, today: date) -> None:
    """Two days off about three weeks ahead, so the directory shows some variety."""
    if TimeOff.objects.filter(practitioner=practitioner).exists():
        return
    first = today + timedelta(days=18 + practitioner.pk % 5)
    services.time_off_add(
        practitioner=practitioner,
        first_day=first,
        last_day=first + timedelta(days=1),
        label="Congés",
    )
