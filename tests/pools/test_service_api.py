"""The pooled services' JSON API: free times with their capacity, a hold through the service
(a free member assigned), confirmed like any hold; clear problems for bad input."""

import pytest
from django.utils import timezone

from bookings.models import Booking
from pools.models import Service
from tests.pools.conftest import NOW, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def pool(db):
    return make_service()


def test_the_services_times_come_with_their_capacity_in_the_zone_asked(client, pool):
    body = client.get(
        "/api/v1/services/orientation/slots?start=2026-12-07&end=2026-12-07&tz=America/Montreal",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()
    assert body["name"] == "Orientation call" and body["duration_minutes"] == 20
    first = body["slots"][0]
    assert first == {
        "start": "2026-12-07T03:00:00-05:00",
        "end": "2026-12-07T03:20:00-05:00",
        "capacity": 3,
    }
    assert [s["capacity"] for s in body["slots"]] == [3, 3, 2, 2]  # Ben stops at 10:00 Paris


def test_a_hold_through_the_service_then_the_usual_confirmation(client, pool):
    response = client.post(
        "/api/v1/services/orientation/holds",
        {"start": "2026-12-07T09:00:00+01:00", "tz": "Europe/Paris", "language": "en"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    hold = response.json()
    assert hold["practitioner"] == "anna" and hold["state"] == "held"
    booking = Booking.objects.get()
    assert booking.service_link.service.slug == "orientation"
    confirmed = client.post(
        f"/api/v1/holds/{hold['id']}/confirm",
        {"first_name": "Zoé", "last_name": "Durand", "email": "zoe@example.org"},
        content_type="application/json",
    )
    assert confirmed.status_code in (200, 201), confirmed.content
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED


def test_when_every_member_is_taken_a_conflict_with_the_next_times(client, pool):
    for _ in range(3):
        assert (
            client.__class__()
            .post(
                "/api/v1/services/orientation/holds",
                {"start": "2026-12-07T08:00:00Z"},
                content_type="application/json",
            )
            .status_code
            == 201
        )
    response = client.post(
        "/api/v1/services/orientation/holds",
        {"start": "2026-12-07T08:00:00Z"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert "just taken" in problem["detail"]
    assert problem["alternatives"][0]["start"] == "2026-12-07T09:30:00+01:00"


@pytest.mark.parametrize(
    ("url", "body", "status"),
    [
        ("/api/v1/services/nowhere/holds", {"start": "2026-12-07T08:00:00Z"}, 404),
        ("/api/v1/services/orientation/holds", {"start": "2026-12-07T08:00:00"}, 400),
        ("/api/v1/services/orientation/holds", {"start": "yesterday"}, 400),
        ("/api/v1/services/orientation/holds", {"start": "2026-12-01T08:00:00Z"}, 422),
        (
            "/api/v1/services/orientation/holds",
            {"start": "2026-12-07T08:00:00Z", "tz": "Mars"},
            400,
        ),
        ("/api/v1/services/orientation/holds", {"start": "2026-12-07T08:05:00Z"}, 409),
    ],
)
def test_bad_input_gets_a_clear_problem(client, pool, url, body, status):
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert not Booking.objects.exists()


def test_bad_slot_queries_and_a_closed_service(client, pool):
    base = "/api/v1/services/orientation/slots"
    assert client.get(f"{base}?start=2026-12-08&end=2026-12-07").status_code == 400
    assert client.get(f"{base}?start=2026-12-01&end=2027-03-01").status_code == 400
    assert client.get(f"{base}?start=2026-12-07&end=2026-12-07&tz=Nowhere").status_code == 400
    assert client.get(f"{base}?start=garbage&end=2026-12-07").status_code == 400
    Service.objects.update(is_active=False)
    assert client.get(f"{base}?start=2026-12-07&end=2026-12-07").status_code == 404
