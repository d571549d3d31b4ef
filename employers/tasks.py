"""Background jobs of employer programmes. Tasks take ids and call a service."""

from django.utils import timezone
from django_tasks import task

from employers import services
from khepri.periodic import every


@task()
def settle_covered_session(booking_id: int) -> None:
    """Give back or bill the employer-paid session of a booking that just ended."""
    from bookings.models import Booking

    booking = Booking.objects.filter(pk=booking_id).first()
    if booking is not None:
        services.covered_settle(booking=booking, now=timezone.now())


@every(minutes=5)
@task()
def settle_covered_sessions() -> int:
    """Catch up: covered sessions of ended bookings not settled yet (lost tasks)."""
    return services.covered_settle_due(now=timezone.now())
