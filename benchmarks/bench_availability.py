"""Benchmark: every free slot of 500 practitioners over 28 days, database reads included.

Workload (issue #4): Mon–Fri 09:00–12:00 and 14:00–18:00 Europe/Paris, 50-minute sessions with
a 10-minute buffer, two days off each in four weeks, 30% of slots booked. Target on SQLite:
≤ 150 ms on a 2-core machine, with a number of queries that does not grow with the number of
practitioners. Run with `make bench` (uses a throwaway SQLite file in var/).
"""

import gc
import os
import random
import statistics
import sys
import time as clock
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khepri.settings.dev")
os.environ["SQLITE_PATH"] = str(ROOT / "var" / "bench-availability.sqlite3")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from bookings import availability as engine  # noqa: E402
from bookings.models import (  # noqa: E402
    Booking,
    SessionType,
    TimeOff,
    WeeklyRange,
    WeeklySchedule,
)
from bookings.selectors import agendas_load, practitioners_free_slots  # noqa: E402
from practitioners.models import Practitioner  # noqa: E402

PRACTITIONERS = 500
DAYS = 28
PARIS = engine.ZoneInfo("Europe/Paris")
NOW = datetime(2027, 1, 4, 6, 0, tzinfo=UTC)  # a Monday morning, far from DST changes


def build(count: int) -> None:
    connection.close()
    for path in Path(os.environ["SQLITE_PATH"]).parent.glob("bench-availability.sqlite3*"):
        path.unlink()
    call_command("migrate", verbosity=0)
    rng = random.Random(4)
    users = User.objects.bulk_create(
        User(email=f"bench{i}@khepri.example", password="!") for i in range(count)
    )
    people = Practitioner.objects.bulk_create(
        Practitioner(user=u, slug=f"bench-{i}", legal_name=f"Bench {i}", status="active")
        for i, u in enumerate(users)
    )
    SessionType.objects.bulk_create(
        SessionType(
            practitioner=p,
            name="Consultation",
            duration_minutes=50,
            buffer_after_minutes=10,
            min_notice_minutes=0,
            horizon_days=60,
            is_default=True,
        )
        for p in people
    )
    schedules = WeeklySchedule.objects.bulk_create(
        WeeklySchedule(practitioner=p, name="Standard week") for p in people
    )
    WeeklyRange.objects.bulk_create(
        WeeklyRange(schedule=s, weekday=day, start_time=time(a), end_time=time(b))
        for s in schedules
        for day in range(5)
        for a, b in ((9, 12), (14, 18))
    )
    time_off, bookings = [], []
    for p in people:
        days_off = rng.sample(
            [d for d in range(DAYS) if (NOW + timedelta(days=d)).weekday() < 5], 2
        )
        for d in days_off:
            start = datetime.combine((NOW + timedelta(days=d)).date(), time(0), tzinfo=PARIS)
            time_off.append(TimeOff(practitioner=p, start=start, end=start + timedelta(days=1)))
        for d in range(DAYS):
            day = (NOW + timedelta(days=d)).date()
            if day.weekday() >= 5 or d in days_off:
                continue
            for hour in (9, 10, 11, 14, 15, 16, 17):
                if rng.random() < 0.3:
                    start = datetime.combine(day, time(hour), tzinfo=PARIS)
                    bookings.append(
                        Booking(
                            practitioner=p,
                            start=start,
                            end=start + timedelta(minutes=50),
                            buffer_after_minutes=10,
                            title="Consultation",
                            state="confirmed",
                        )
                    )
    TimeOff.objects.bulk_create(time_off)
    Booking.objects.bulk_create(bookings, batch_size=2000)


def compute(practitioners) -> int:
    """What the directory does: load the agendas, compute every free slot."""
    window = engine.Interval(NOW, NOW + timedelta(days=DAYS))
    slots = practitioners_free_slots(practitioners=practitioners, window=window, now=NOW)
    return sum(len(found) for found in slots.values())


def count_queries(practitioners) -> int:
    """Counted in a separate run: capturing queries adds its own overhead to the timing."""
    with CaptureQueriesContext(connection) as queries:
        compute(practitioners)
    return len(queries)


def main() -> None:
    build(PRACTITIONERS)
    # What the periodic `database_optimize` job keeps true in production: fresh planner
    # statistics (without them SQLite reads bookings through a worse index).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # As the web server does after loading the application (khepri/wsgi.py): objects that
    # live for the whole process are left out of garbage collection.
    gc.collect()
    gc.freeze()
    window = engine.Interval(NOW, NOW + timedelta(days=DAYS))
    counts, medians = {}, {}
    for count in (50, PRACTITIONERS):
        # The first 50, or everyone bookable (what the directory asks for).
        subset = (
            Practitioner.objects.filter(slug__in=[f"bench-{i}" for i in range(count)])
            if count < PRACTITIONERS
            else None
        )
        compute(subset)  # warm the caches (SQLite pages, zoneinfo)
        queries = count_queries(subset)
        timings = []
        for _ in range(15):
            started = clock.perf_counter()
            slots = compute(subset)
            timings.append((clock.perf_counter() - started) * 1000)
        engine_only = []
        for _ in range(9):
            # Fresh agendas each time: an agenda caches what the engine derives from it.
            agendas = agendas_load(practitioners=subset, window=window)
            started = clock.perf_counter()
            for agenda in agendas.values():
                engine.free_slots(
                    availability=agenda.availability,
                    session=agenda.default_session.spec,
                    window=window,
                    now=NOW,
                )
            engine_only.append((clock.perf_counter() - started) * 1000)
        counts[count], medians[count] = queries, statistics.median(timings)
        booked = Booking.objects.filter(
            practitioner__in=subset or Practitioner.objects.all()
        ).count()
        print(
            f"availability: {count} practitioners x {DAYS} days on SQLite: "
            f"{slots} free slots, {booked} bookings, {queries} SQL queries; "
            f"median {medians[count]:.0f} ms (min {min(timings):.0f}, max {max(timings):.0f}), "
            f"of which engine {statistics.median(engine_only):.0f} ms"
        )
    constant = len(set(counts.values())) == 1
    print(
        f"availability: SQL queries for 50 and {PRACTITIONERS} practitioners: "
        f"{counts[50]} and {counts[PRACTITIONERS]} ({'constant' if constant else 'GROWING'})"
    )
    verdict = "met" if medians[PRACTITIONERS] <= 150 and constant else "NOT MET"
    print(f"availability: target <= 150 ms for {PRACTITIONERS} practitioners: {verdict}")


if __name__ == "__main__":
    main()
