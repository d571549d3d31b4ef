"""The database itself refuses two overlapping bookings of one practitioner."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import (
    IntegrityError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)

from bookings import overlap_guard
from bookings.apps import _reinstall_overlap_guard
from bookings.models import Booking
from tests.factories import BookingFactory, PractitionerFactory

NINE = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_guard_is_installed():
    assert overlap_guard.is_installed(connection)


@pytest.mark.django_db
def test_overlapping_insert_is_refused_and_adjacent_is_not():
    booking = BookingFactory(start=NINE)
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        BookingFactory(practitioner=booking.practitioner, start=NINE + timedelta(minutes=30))
    assert overlap_guard.is_overlap_error(refused.value)
    BookingFactory(practitioner=booking.practitioner, start=booking.end)  # back to back: fine
    BookingFactory(start=NINE)  # another practitioner at the same time: fine


@pytest.mark.django_db
def test_released_bookings_free_the_time_and_cannot_come_back_over_another():
    first = BookingFactory(start=NINE, state=Booking.State.CANCELLED_BY_PATIENT)
    second = BookingFactory(practitioner=first.practitioner, start=NINE)
    assert second.pk
    first.state = Booking.State.CONFIRMED
    with pytest.raises(IntegrityError), transaction.atomic():
        first.save()


@pytest.mark.django_db
def test_moving_a_booking_onto_another_is_refused():
    first = BookingFactory(start=NINE)
    second = BookingFactory(practitioner=first.practitioner, start=NINE + timedelta(hours=2))
    second.start, second.end = first.start, first.end
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


@pytest.mark.django_db
def test_guard_comes_back_after_a_table_rebuild():
    overlap_guard.uninstall(connection)
    assert not overlap_guard.is_installed(connection)
    _reinstall_overlap_guard(sender=None, using="default")
    assert overlap_guard.is_installed(connection)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_get_exactly_one_booking():
    """Eight threads insert the same slot at once, each in its own transaction."""
    practitioner = PractitionerFactory()
    barrier = threading.Barrier(8)
    outcomes: list[str] = []
    lock = threading.Lock()

    def book():
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                Booking.objects.create(
                    practitioner=practitioner,
                    start=NINE,
                    end=NINE + timedelta(minutes=50),
                    title="Consultation",
                    state=Booking.State.HELD,
                )
            result = "booked"
        except (IntegrityError, OperationalError) as error:
            # PostgreSQL may abort one of two simultaneous conflicting inserts as a deadlock:
            # a refusal all the same, and never a second row.
            result = "refused" if overlap_guard.is_refusal(error) else f"other: {error}"
        finally:
            close_old_connections()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=book) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["booked"] + ["refused"] * 7
    assert Booking.objects.filter(practitioner=practitioner).count() == 1
