"""Benchmark: the practitioner directory with 1,000 published practitioners, on SQLite.

Workload: French profile pages of 1,000 ACTIVE practitioners (fr for everyone, 40% also speak
English, a few other languages), each with two of six therapies, a shared photo, Mon–Fri
09:00–12:00 and 14:00–18:00 Europe/Paris, 50-minute sessions with a 10-minute buffer, 30% of
the next four weeks booked and 0–20 completed sessions in the past.

Measured through Django's test `Client` on the directory URL (Wagtail routing, the filters,
`directory_search`, the ordering, 20 cards and the page template), 40 requests each:
the target case is "language = English, available on a weekday three days ahead".
Target: p95 ≤ 150 ms, and a number of SQL queries that does not depend on the number of
practitioners (compared with the same directory at 100 practitioners). Run with `make bench`
(throwaway SQLite file in var/).
"""

import gc
import logging
import os
import random
import statistics
import sys
import time as clock
from datetime import UTC, datetime, time, timedelta
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khepri.settings.dev")
os.environ["SQLITE_PATH"] = str(ROOT / "var" / "bench-directory.sqlite3")
os.environ["MEDIA_ROOT"] = str(ROOT / "var" / "bench-directory-media")
os.environ["DEBUG"] = "0"  # as served: no query log, no debug templates
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from zoneinfo import ZoneInfo  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Collection  # noqa: E402

from accounts.models import User  # noqa: E402
from bookings.availability import local_day_window  # noqa: E402
from bookings.models import Booking, SessionType, WeeklyRange, WeeklySchedule  # noqa: E402
from bookings.selectors import agendas_load  # noqa: E402
from practitioners.models import (  # noqa: E402
    Practitioner,
    PractitionerIndexPage,
    PractitionerLanguage,
    PractitionerPage,
)
from practitioners.selectors import DirectoryFilters, directory_search  # noqa: E402
from therapies.models import TherapyCategory, TherapyIndexPage, TherapyPage  # noqa: E402

PRACTITIONERS = 1000
FEW = 100
REQUESTS = 40
DAYS = 28
PARIS = ZoneInfo("Europe/Paris")
THERAPIES = ["sophrologie", "hypnotherapie", "naturopathie", "psychologue", "tcc", "relaxation"]
OTHER_LANGUAGES = ["es", "de", "ar", "it", "pt"]


def build_site():
    """A fresh database: the home page, a six-therapy catalogue and the directory page."""
    connection.close()
    for path in Path(os.environ["SQLITE_PATH"]).parent.glob("bench-directory.sqlite3*"):
        path.unlink()
    call_command("migrate", verbosity=0)
    from site_pages.demo import ensure_home

    home = ensure_home()
    category = TherapyCategory.objects.create(locale=home.locale, key="all", title="Toutes")
    therapy_index = home.add_child(
        instance=TherapyIndexPage(title="Les pratiques", slug="pratiques", locale=home.locale)
    )
    therapies = [
        therapy_index.add_child(
            instance=TherapyPage(
                title=slug.capitalize(),
                slug=slug,
                locale=home.locale,
                category=category,
                summary="…",
                duration_min=45,
                duration_max=60,
                price_min=5000,
                price_max=7000,
            )
        )
        for slug in THERAPIES
    ]
    index = home.add_child(
        instance=PractitionerIndexPage(
            title="Nos praticiens", slug="praticiens", locale=home.locale
        )
    )
    buffer = BytesIO()
    PILImage.new("RGB", (320, 320), "#d8e4dc").save(buffer, format="PNG")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    photo = get_image_model().objects.create(
        title="Portrait", file=ImageFile(BytesIO(buffer.getvalue()), name="portrait.png")
    )
    return index, therapies, photo


def add_practitioners(index, therapies, photo, start: int, count: int, now: datetime) -> None:
    """Records and agendas in bulk; pages one by one (`add_child`, as treebeard wants)."""
    rng = random.Random(start)
    numbers = range(start, start + count)
    users = User.objects.bulk_create(
        User(email=f"directory{i}@khepri.example", password="!") for i in numbers
    )
    people = Practitioner.objects.bulk_create(
        Practitioner(user=u, slug=f"praticien-{i}", legal_name=f"Praticien {i}", status="active")
        for i, u in zip(numbers, users, strict=True)
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
        WeeklySchedule(practitioner=p, name="Semaine type") for p in people
    )
    WeeklyRange.objects.bulk_create(
        WeeklyRange(schedule=s, weekday=day, start_time=time(a), end_time=time(b))
        for s in schedules
        for day in range(5)
        for a, b in ((9, 12), (14, 18))
    )
    bookings = []
    for p in people:
        for d in range(DAYS):
            day = (now + timedelta(days=d)).astimezone(PARIS).date()
            if day.weekday() >= 5:
                continue
            for hour in (9, 10, 11, 14, 15, 16, 17):
                if rng.random() < 0.3:
                    begin = datetime.combine(day, time(hour), tzinfo=PARIS)
                    bookings.append(
                        Booking(
                            practitioner=p,
                            start=begin,
                            end=begin + timedelta(minutes=50),
                            buffer_after_minutes=10,
                            title="Consultation",
                            state="confirmed",
                        )
                    )
        for n in range(rng.randrange(21)):
            begin = datetime(2025, 1, 6, 9, tzinfo=UTC) + timedelta(days=n)
            bookings.append(
                Booking(
                    practitioner=p,
                    start=begin,
                    end=begin + timedelta(minutes=50),
                    title="Consultation",
                    state="completed",
                )
            )
    Booking.objects.bulk_create(bookings, batch_size=2000)
    with transaction.atomic():
        for i, p in zip(numbers, people, strict=True):
            languages = ["fr"] + (["en"] if rng.random() < 0.4 else [])
            if rng.random() < 0.2:
                languages.append(rng.choice(OTHER_LANGUAGES))
            page = PractitionerPage(
                title=f"Praticien {i:04d}",
                slug=f"praticien-{i}",
                locale=index.locale,
                practitioner=p,
                photo=photo,
                headline="À votre écoute, à distance.",
                gender=rng.choice(["female", "male", "non_binary"]),
                offers_phone=rng.random() < 0.5,
                live=True,
            )
            page.languages = [PractitionerLanguage(code=code) for code in languages]
            page.therapies = rng.sample(therapies, 2)
            index.add_child(instance=page)


def weekday_ahead(now: datetime, days: int):
    day = now.astimezone(PARIS).date() + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def measure(client: Client, url: str) -> dict:
    """Wall-clock p50/p95 of the whole request, and the median CPU time of this process (less
    sensitive to other processes on a shared machine)."""
    client.get(url)  # warm: template loaders, renditions, zoneinfo
    timings, cpu = [], []
    for _ in range(REQUESTS):
        started, cpu_started = clock.perf_counter(), clock.process_time()
        response = client.get(url)
        timings.append((clock.perf_counter() - started) * 1000)
        cpu.append((clock.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "max": timings[-1],
        "cpu": statistics.median(cpu),
        "queries": len(queries),
    }


def search_only(index, day, now) -> dict:
    """Where the time goes: `directory_search` alone, and the agendas it loads."""
    filters = DirectoryFilters(language="en", available_on=day)
    timings, loads = [], []
    english = Practitioner.objects.filter(
        pages__languages__code="en", pages__locale_id=index.locale_id
    )
    window = local_day_window(day, PARIS)
    for _ in range(REQUESTS):
        started = clock.perf_counter()
        result = directory_search(locale_id=index.locale_id, filters=filters, tz=PARIS, now=now)
        timings.append((clock.perf_counter() - started) * 1000)
        started = clock.perf_counter()
        agendas_load(practitioners=english, window=window)
        loads.append((clock.perf_counter() - started) * 1000)
    return {
        "p50": statistics.median(timings),
        "load": statistics.median(loads),
        "total": result.total,
    }


def analyze() -> None:
    """Give SQLite's planner its statistics (what `PRAGMA optimize` keeps up to date): without
    them it reads bookings through the (state, hold_expires_at) index, about 3x slower."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # one line per page created
    print(f"directory: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    now = timezone.now()
    started = clock.perf_counter()
    index, therapies, photo = build_site()
    add_practitioners(index, therapies, photo, 0, FEW, now)
    day = weekday_ahead(now, 3)
    urls = {
        "language=en & available_on": f"/praticiens/?language=en&available_on={day.isoformat()}",
        "no filter": "/praticiens/",
        "utc window 17:00-19:00, 14 days": "/praticiens/?utc_from=17:00&utc_to=19:00",
        "planning, language=en": f"/praticiens/planning/?language=en&date={day.isoformat()}",
    }
    client = Client(HTTP_HOST="localhost")
    results: dict[int, dict] = {}
    with override_settings(KHEPRI_PAGE_CACHE_SECONDS=0):  # measure the page, not the cache
        for count in (FEW, PRACTITIONERS):
            if count == PRACTITIONERS:
                built = clock.perf_counter()
                add_practitioners(index, therapies, photo, FEW, PRACTITIONERS - FEW, now)
                print(
                    f"directory: built {PRACTITIONERS - FEW} more pages in "
                    f"{clock.perf_counter() - built:.0f} s"
                )
            analyze()
            cache.clear()
            results[count] = {name: measure(client, url) for name, url in urls.items()}
            results[count]["_search"] = search_only(index, day, now)
        # The same target once the objects of a started server are frozen out of the cyclic
        # GC (`gc.freeze()`, as a pre-forking server does after loading the app): full
        # collections otherwise walk every Django and Wagtail object, 100-200 ms each.
        gc.collect()
        gc.freeze()
        frozen = measure(client, urls["language=en & available_on"])
        gc.unfreeze()
    print(f"directory: data ready and measured in {clock.perf_counter() - started:.0f} s")
    for count, figures in results.items():
        search = figures.pop("_search")
        print(
            f"directory: {count} practitioners, language=en & available on {day}: "
            f"{search['total']} match; directory_search alone median {search['p50']:.0f} ms, "
            f"of which agendas_load {search['load']:.0f} ms"
        )
        for name, f in figures.items():
            print(
                f"directory: {count:>5} practitioners, {name:<32} "
                f"p50 {f['p50']:>4.0f} ms  p95 {f['p95']:>4.0f} ms  max {f['max']:>4.0f} ms  "
                f"(CPU {f['cpu']:>4.0f} ms)  {f['queries']} SQL queries"
            )
    constant = all(
        results[FEW][name]["queries"] == results[PRACTITIONERS][name]["queries"] for name in urls
    )
    print(
        f"directory: SQL queries for {FEW} and {PRACTITIONERS} practitioners: "
        f"{'constant' if constant else 'GROWING'}"
    )
    print(
        f"directory: {PRACTITIONERS} practitioners, language=en & available_on, gc.freeze(): "
        f"p50 {frozen['p50']:.0f} ms  p95 {frozen['p95']:.0f} ms  max {frozen['max']:.0f} ms"
    )
    target = results[PRACTITIONERS]["language=en & available_on"]["p95"]
    verdict = "met" if target <= 150 and constant else "NOT MET"
    print(
        f"directory: target p95 <= 150 ms for {PRACTITIONERS} practitioners "
        f"(language=en & available_on): {target:.0f} ms, {verdict}"
    )


if __name__ == "__main__":
    main()
