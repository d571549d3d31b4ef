"""Never a double booking: 50 clients ask for the same time at the same instant, on a live server.

Each request runs in its own server thread with its own database connection and transaction,
as in production. Exactly one gets the time (201); every other one gets the clear conflict
(409 with the next free times), never a 500; the database holds exactly one occupying booking.
Run on SQLite (IMMEDIATE transactions) and on PostgreSQL (row lock + exclusion constraint).
"""

import http.client
import json
import threading
import time
from collections import Counter
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection

from bookings.models import Booking
from tests.conftest import ensure_wagtail_tree
from tests.factories import PractitionerFactory, session_type, week

CLIENTS = 50


@pytest.fixture
def live_api(transactional_db, live_server):
    # The transactional flush after this test removes what Wagtail's migrations created.
    ensure_wagtail_tree()
    return live_server


def first_free_slot(address: tuple[str, int], slug: str, session_type_id: int) -> dict:
    today = date.today()
    query = f"start={today}&end={today + timedelta(days=14)}&session_type={session_type_id}"
    conn = http.client.HTTPConnection(*address, timeout=30)
    conn.request("GET", f"/api/v1/practitioners/{slug}/slots?{query}")
    body = json.loads(conn.getresponse().read())
    conn.close()
    return body["slots"][0]


def test_fifty_parallel_holds_for_one_time_make_exactly_one_booking(live_api):
    practitioner = PractitionerFactory(slug="race-claire")
    kind = session_type(practitioner, duration_minutes=50, buffer_after_minutes=10)
    week(practitioner)  # Monday to Friday, 09:00–12:00 and 14:00–18:00
    url = urlsplit(live_api.url)
    address = (url.hostname, url.port)
    slot = first_free_slot(address, practitioner.slug, kind.pk)
    body = json.dumps(
        {"practitioner": practitioner.slug, "session_type": kind.pk, "start": slot["start"]}
    )

    # Connect first, then send all requests at once: the race is between transactions, not
    # between TCP handshakes queuing on the test server's small accept backlog.
    connections = [http.client.HTTPConnection(*address, timeout=120) for _ in range(CLIENTS)]
    for conn in connections:
        conn.connect()
    barrier = threading.Barrier(CLIENTS + 1)
    results: list[tuple[int, str, dict, float]] = []
    lock = threading.Lock()

    def ask(conn: http.client.HTTPConnection) -> None:
        barrier.wait(timeout=30)
        started = time.perf_counter()
        try:
            conn.request(
                "POST",
                "/api/v1/holds",
                body=body,
                headers={"Content-Type": "application/json", "Accept-Language": "en"},
            )
            response = conn.getresponse()
            payload = response.read()
            result = (
                response.status,
                response.getheader("Content-Type", ""),
                json.loads(payload) if payload else {},
            )
        except Exception as error:  # reported below, with the others
            result = (0, "", {"error": repr(error)})
        finally:
            conn.close()
        with lock:
            results.append((*result, time.perf_counter() - started))

    threads = [threading.Thread(target=ask, args=(conn,)) for conn in connections]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=30)
    started = time.perf_counter()
    for thread in threads:
        thread.join(timeout=180)
    elapsed = time.perf_counter() - started

    statuses = Counter(status for status, *_ in results)
    print(
        f"\n{connection.vendor}: {CLIENTS} parallel holds → {dict(statuses)} in {elapsed:.2f} s "
        f"(slowest answer {max(r[3] for r in results):.2f} s)"
    )
    assert statuses == {201: 1, 409: CLIENTS - 1}, [r for r in results if r[0] not in (201, 409)]

    (won,) = [payload for status, _, payload, _ in results if status == 201]
    booking = Booking.objects.get(practitioner=practitioner, state__in=Booking.OCCUPYING)
    assert Booking.objects.filter(practitioner=practitioner).count() == 1
    assert won["id"] == str(booking.reference) and won["start"] == slot["start"]
    assert booking.state == Booking.State.HELD

    for status, content_type, payload, _ in results:
        if status == 409:
            assert content_type == "application/problem+json"
            assert "just taken" in payload["detail"]
            assert payload["alternatives"], "the next free times are offered"
            assert slot["start"] not in [s["start"] for s in payload["alternatives"]]
