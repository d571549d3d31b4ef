"""A pooled time under concurrency: as many bookings as members free then, never more.

Each thread has its own database connection and transaction, as a web worker would. Run on
SQLite (IMMEDIATE transactions) and on PostgreSQL (the service's row lock, each agenda's row
lock and the exclusion constraint)."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.utils import translation

from bookings.models import Booking
from pools.models import Service, ServiceBooking
from pools.services import ServiceSlotTaken, service_hold
from tests.conftest import ensure_wagtail_tree
from tests.pools.conftest import NINE, NOW, TEN, make_service


@pytest.fixture
def race(transactional_db):
    # The transactional flush after this test removes what Wagtail's migrations created.
    ensure_wagtail_tree()
    return make_service()


def hold_in_parallel(clients: int, start) -> list:
    barrier = threading.Barrier(clients)
    results, lock = [], threading.Lock()

    def ask():
        try:
            service = Service.objects.get(slug="orientation")
            barrier.wait(timeout=30)
            with translation.override("en"):
                outcome = service_hold(service=service, start=start, now=NOW)
        except ServiceSlotTaken as taken:
            outcome = taken
        except Exception as error:  # reported by the assertions below
            outcome = error
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=ask) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def kinds(results) -> Counter:
    return Counter(type(result).__name__ for result in results)


def test_three_members_free_make_exactly_three_bookings_and_the_fourth_a_conflict(race):
    _service, members = race
    results = hold_in_parallel(4, NINE)
    print(f"\n{connection.vendor}: 4 parallel holds on 3 members → {dict(kinds(results))}")
    assert kinds(results) == {"Booking": 3, "ServiceSlotTaken": 1}, results
    (taken,) = [r for r in results if isinstance(r, ServiceSlotTaken)]
    assert "just taken" in taken.message and taken.alternatives
    assert NINE not in [slot.start for slot in taken.alternatives]
    booked = Booking.objects.filter(start=NINE, state__in=Booking.OCCUPYING)
    assert sorted(booked.values_list("practitioner_id", flat=True)) == sorted(m.pk for m in members)
    assert ServiceBooking.objects.count() == 3


def test_many_clients_on_a_time_with_two_members_free_make_two_bookings(race):
    results = hold_in_parallel(12, TEN)
    print(f"\n{connection.vendor}: 12 parallel holds on 2 members → {dict(kinds(results))}")
    assert kinds(results) == {"Booking": 2, "ServiceSlotTaken": 10}, results
    assert Booking.objects.filter(start=TEN).count() == 2
