"""Demo agendas: each demo practitioner's session type and week, built through the services
(so the demo is always valid), plus a few days off. Idempotent: a practitioner who already has
a weekly schedule keeps it (the demo may have been edited)."""

from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from bookings import services
from bookings.models import SessionType, TimeOff, WeeklySchedule
from practitioners.demo_data import PRACTITIONERS
from practitioners.models import Practitioner


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
    stdout.write(f"  {WeeklySchedule.objects.count()} weekly schedules")


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
