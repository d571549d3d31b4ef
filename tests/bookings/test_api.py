"""GET /api/v1/practitioners/{slug}/slots — and its errors as problem+json."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from practitioners.models import Practitioner
from tests.factories import PractitionerFactory, session_type, week

pytestmark = pytest.mark.django_db

URL = "/api/v1/practitioners/{slug}/slots"
NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def claire():
    practitioner = PractitionerFactory(slug="claire-martin")
    session_type(practitioner, duration_minutes=50, buffer_after_minutes=10, min_notice_minutes=0)
    week(practitioner, {0: [("09:00", "11:00")], 1: [("14:00", "15:00")]})
    return practitioner


def get(client, slug="claire-martin", language="en", **params):
    return client.get(URL.format(slug=slug), params, HTTP_ACCEPT_LANGUAGE=language)


def test_slots_in_the_practitioners_zone_by_default(client, claire):
    response = get(client, start="2026-12-07", end="2026-12-08")
    assert response.status_code == 200
    body = response.json()
    assert body["practitioner"] == "claire-martin"
    assert body["tz"] == "Europe/Paris"
    assert [s["start"] for s in body["slots"]] == [
        "2026-12-07T09:00:00+01:00",
        "2026-12-07T10:00:00+01:00",
        "2026-12-08T14:00:00+01:00",
    ]
    first = body["slots"][0]
    assert first["end"] == "2026-12-07T09:50:00+01:00"
    assert first["duration_minutes"] == 50
    assert first["session_type"] == claire.session_types.get().pk


def test_slots_in_the_patients_zone(client, claire):
    response = get(client, start="2026-12-07", end="2026-12-07", tz="America/Montreal")
    assert [s["start"] for s in response.json()["slots"]] == [
        "2026-12-07T03:00:00-05:00",
        "2026-12-07T04:00:00-05:00",
    ]
    # Monday's 09:00 and 10:00 in Paris are 17:00 and 18:00 on Monday in Tokyo.
    response = get(client, start="2026-12-07", end="2026-12-07", tz="Asia/Tokyo")
    assert [s["start"] for s in response.json()["slots"]] == [
        "2026-12-07T17:00:00+09:00",
        "2026-12-07T18:00:00+09:00",
    ]
    # Tuesday's 14:00 in Paris is already Tuesday 22:00 in Tokyo.
    response = get(client, start="2026-12-08", end="2026-12-08", tz="Asia/Tokyo")
    assert [s["start"] for s in response.json()["slots"]] == ["2026-12-08T22:00:00+09:00"]


def test_one_session_type(client, claire):
    other = PractitionerFactory()
    response = get(
        client, start="2026-12-07", end="2026-12-07", session_type=claire.session_types.get().pk
    )
    assert len(response.json()["slots"]) == 2
    response = get(
        client, start="2026-12-07", end="2026-12-07", session_type=other.session_types.get().pk
    )
    assert response.status_code == 400
    assert "session type" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"start": "2026-12-09", "end": "2026-12-01"}, "before the start"),
        ({"start": "2026-12-01", "end": "2027-03-01"}, "62 days"),
        ({"start": "2026-12-01", "end": "2026-12-02", "tz": "Mars/Olympus"}, "Mars/Olympus"),
        ({"start": "2026-12-01", "end": "2026-12-02", "tz": "CEST"}, "CEST"),
        ({"start": "tomorrow", "end": "2026-12-02"}, "start"),
        ({"end": "2026-12-02"}, "start"),
        ({"start": "2026-12-01", "end": "2026-12-02", "session_type": "one"}, "session_type"),
    ],
)
def test_bad_parameters_get_a_clear_400(client, claire, params, words):
    response = get(client, **params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"]
    assert words in body["detail"]


def test_unknown_or_unbookable_practitioner_is_404(client, claire):
    assert get(client, slug="nobody", start="2026-12-07", end="2026-12-07").status_code == 404
    claire.status = Practitioner.Status.PAUSED
    claire.save()
    response = get(client, start="2026-12-07", end="2026-12-07")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_errors_in_the_clients_language(client, claire):
    response = get(client, start="2026-12-09", end="2026-12-01", language="fr")
    assert "date de fin" in response.json()["detail"]


def test_openapi_and_docs(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/practitioners/{slug}/slots"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"slug", "start", "end", "tz"}
    assert "400" in operation["responses"]
    assert client.get("/api/v1/docs").status_code == 200
