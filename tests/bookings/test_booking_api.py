"""Holds and bookings through /api/v1/: the happy path and every refusal as problem+json."""

from datetime import UTC, datetime, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from accounts.models import User
from bookings import lifecycle
from bookings.models import Booking, CancellationOutcome
from practitioners.models import Practitioner
from tests.factories import PractitionerFactory, UserFactory, session_type, week

pytestmark = pytest.mark.django_db

#: Monday 7 December 2026, 07:00 in Paris.
NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
MONDAY_9 = "2026-12-07T09:00:00+01:00"  # late: less than 24 hours ahead
MONDAY_10 = "2026-12-07T10:00:00+01:00"
TUESDAY_14 = "2026-12-08T14:00:00+01:00"  # more than 24 hours ahead: free to cancel or move
TUESDAY_15 = "2026-12-08T15:00:00+01:00"
PATIENT = {
    "first_name": "Léa",
    "last_name": "Durand",
    "email": "lea@example.test",
    "phone": "06 12 34 56 78",
}


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    clock = {"now": NOW}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])
    return clock


@pytest.fixture
def claire():
    practitioner = PractitionerFactory(slug="claire-martin")
    session_type(
        practitioner,
        duration_minutes=50,
        buffer_after_minutes=10,
        min_notice_minutes=0,
        price_cents=6000,
    )
    week(practitioner, {0: [("09:00", "11:00")], 1: [("14:00", "16:00")]})
    return practitioner


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def hold(client, start=MONDAY_9, accept="en", address="192.0.2.1", headers=None, **fields):
    payload = {"practitioner": "claire-martin", "start": start, **fields}
    return client.post(
        "/api/v1/holds",
        payload,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=accept,
        REMOTE_ADDR=address,
        headers=headers,
    )


def pay(client, hold_id, card="4242 4242 4242 4242"):
    """The session is priced: authorise the (test-mode) card first."""
    return client.post(
        f"/api/v1/holds/{hold_id}/payment",
        {"card_number": card},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def confirm(client, hold_id, patient=PATIENT, language="en", paid=True):
    if paid:
        pay(client, hold_id)
    return client.post(
        f"/api/v1/holds/{hold_id}/confirm",
        patient,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def book(client, start=MONDAY_9, patient=PATIENT):
    response = confirm(client, hold(client, start).json()["id"], patient)
    assert response.status_code == 201, response.content
    return response.json()


def post(client, path, payload=None):
    return client.post(
        path, payload or {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )


# --- Holding ------------------------------------------------------------------------------------


def test_hold_a_free_time_without_an_account(client, claire):
    response = hold(client)
    assert response.status_code == 201
    body = response.json()
    booking = Booking.objects.get()
    assert body == {
        "id": str(booking.reference),
        "state": "held",
        "expires_at": "2026-12-07T07:10:00+01:00",
        "start": MONDAY_9,
        "end": "2026-12-07T09:50:00+01:00",
        "tz": "Europe/Paris",
        "practitioner": "claire-martin",
        "session_type": claire.session_types.get().pk,
        "price_cents": 6000,
        "currency": "EUR",
    }
    assert booking.state == Booking.State.HELD and booking.patient is None
    assert booking.client_key == lifecycle.client_key("192.0.2.1")
    assert booking.language == "en"
    assert "token" not in body  # the private key is only given to whoever confirms


def test_hold_in_the_patients_zone_and_language(client, claire):
    response = hold(
        client,
        start="2026-12-07T03:00:00-05:00",
        tz="America/Montreal",
        accept="en",
        session_type=claire.session_types.get().pk,
        language="fr",
    )
    body = response.json()
    assert response.status_code == 201
    assert body["start"] == "2026-12-07T03:00:00-05:00"
    assert body["expires_at"] == "2026-12-07T01:10:00-05:00"
    booking = Booking.objects.get()
    assert booking.start == datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    assert (booking.time_zone, booking.language) == ("America/Montreal", "fr")


def test_a_taken_time_is_409_with_the_next_free_times(client, claire):
    assert hold(client).status_code == 201
    body = problem(hold(client, address="192.0.2.2", tz="America/Montreal"), 409)
    assert "just taken" in body["detail"]
    assert body["alternatives"][:3] == [
        {"start": "2026-12-07T04:00:00-05:00", "end": "2026-12-07T04:50:00-05:00"},
        {"start": "2026-12-08T08:00:00-05:00", "end": "2026-12-08T08:50:00-05:00"},
        {"start": "2026-12-08T09:00:00-05:00", "end": "2026-12-08T09:50:00-05:00"},
    ]
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "first_free"),
    [("2026-12-07T08:00:00+01:00", MONDAY_9), ("2026-12-07T09:20:00+01:00", MONDAY_10)],
)
def test_a_time_not_offered_is_409_with_the_next_free_times(client, claire, start, first_free):
    body = problem(hold(client, start=start), 409)
    assert body["alternatives"][0]["start"] == first_free
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"start": "tomorrow"}, "start"),
        ({"start": "2026-12-07T09:00:00"}, "UTC offset"),
        ({"start": None}, "start"),
        ({"tz": "Mars/Olympus"}, "Mars/Olympus"),
        ({"language": "de"}, "de"),
        ({"session_type": "one"}, "session_type"),
        ({"practitioner": None}, "practitioner"),
    ],
)
def test_malformed_holds_are_400(client, claire, fields, words):
    body = problem(hold(client, **fields), 400)
    assert words in body["detail"]
    assert not Booking.objects.exists()


def test_unknown_practitioner_or_session_type_is_422(client, claire):
    other = PractitionerFactory()
    assert "practitioner" in problem(hold(client, practitioner="nobody"), 422)["detail"]
    wrong_type = other.session_types.get().pk
    assert "session type" in problem(hold(client, session_type=wrong_type), 422)["detail"]
    claire.status = Practitioner.Status.PAUSED
    claire.save()
    problem(hold(client), 422)
    assert not Booking.objects.exists()


def test_a_past_time_is_422(client, claire, frozen_now):
    frozen_now["now"] = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # 10:00 in Paris
    assert "passed" in problem(hold(client, start=MONDAY_9), 422)["detail"]


def test_holds_are_limited_per_client_address_not_per_forwarded_header(client, claire, settings):
    assert settings.KHEPRI_MAX_HOLDS_PER_CLIENT == 3
    for start in (MONDAY_9, MONDAY_10, TUESDAY_14):
        assert hold(client, start=start, address="198.51.100.7").status_code == 201
    body = problem(hold(client, start=TUESDAY_15, address="198.51.100.7"), 429)
    assert "several times" in body["detail"]
    # A header the client writes itself does not make it someone else.
    spoofed = hold(
        client,
        start=TUESDAY_15,
        address="198.51.100.7",
        headers={"X-Forwarded-For": "203.0.113.9"},
    )
    problem(spoofed, 429)
    assert hold(client, start=TUESDAY_15, address="203.0.113.9").status_code == 201


def test_errors_in_the_clients_language(client, claire):
    hold(client)
    assert problem(hold(client, accept="fr"), 409)["title"] == "Conflit"
    assert problem(hold(client, start="demain", accept="fr"), 400)["detail"].startswith(
        "Paramètres invalides"
    )


# --- Confirming ---------------------------------------------------------------------------------


def test_confirm_as_a_new_patient(client, claire, mailoutbox, django_capture_on_commit_callbacks):
    hold_id = hold(client).json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, hold_id)
    assert response.status_code == 201
    body = response.json()
    booking = Booking.objects.get()
    assert body["id"] == hold_id == str(booking.reference)
    assert body["token"] == booking.token
    assert body["state"] == "confirmed"
    assert (body["start"], body["end"]) == (MONDAY_9, "2026-12-07T09:50:00+01:00")
    assert body["practitioner"] == "claire-martin"
    assert body["manage_url"].endswith(f"/appointments/{booking.token}/")
    patient = User.objects.get(email="lea@example.test")
    assert booking.patient == patient and booking.hold_expires_at is None
    assert (patient.first_name, patient.last_name) == ("Léa", "Durand")
    assert str(patient.phone) == "+33612345678"
    assert not patient.has_usable_password()
    address = EmailAddress.objects.get(user=patient)
    assert address.email == "lea@example.test" and address.primary and not address.verified
    patient_mail = [m for m in mailoutbox if m.to == ["lea@example.test"]]
    assert len(patient_mail) == 1 and booking.token in patient_mail[0].body


def test_confirm_with_a_logged_in_session(client, claire):
    user = UserFactory(email="known@example.test")
    client.force_login(user)
    hold_id = hold(client).json()["id"]
    response = confirm(client, hold_id, patient=None)
    assert response.status_code == 201
    assert Booking.objects.get().patient == user
    again = confirm(client, hold_id, patient=None)  # a double click
    assert again.status_code == 201 and again.json()["token"] == response.json()["token"]


def test_a_logged_in_session_needs_its_csrf_token(claire):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory())
    hold_id = hold(browser).json()["id"]
    body = problem(confirm(browser, hold_id, patient=None), 403)
    assert "security token" in body["detail"]
    assert Booking.objects.get().state == Booking.State.HELD


@pytest.mark.parametrize("email", ["known@example.test", "KNOWN@Example.test"])
def test_an_existing_accounts_email_must_log_in(client, claire, email):
    owner = UserFactory(email="known@example.test")
    hold_id = hold(client).json()["id"]
    body = problem(confirm(client, hold_id, {**PATIENT, "email": email}), 409)
    assert "log in" in body["detail"]
    assert body["login_url"].endswith("/en/accounts/login/")  # in the client's language
    booking = Booking.objects.get()
    assert booking.state == Booking.State.HELD and booking.patient is None
    assert not owner.bookings.exists()
    assert User.objects.count() == 2  # the owner and the practitioner: nobody created


def test_someone_logged_in_books_as_themselves_whatever_the_body_says(client, claire):
    owner = UserFactory(email="known@example.test")
    visitor = UserFactory(email="visitor@example.test")
    client.force_login(visitor)
    hold_id = hold(client).json()["id"]
    assert confirm(client, hold_id, {**PATIENT, "email": owner.email}).status_code == 201
    assert Booking.objects.get().patient == visitor


@pytest.mark.parametrize(
    ("patient", "words"),
    [
        ({}, "first_name, last_name, email"),
        ({**PATIENT, "last_name": "  "}, "last_name"),
        ({**PATIENT, "email": "not-an-address"}, "email address"),
        ({**PATIENT, "phone": "12"}, "phone number"),
        ({**PATIENT, "first_name": "L" * 151}, "150"),
    ],
)
def test_incomplete_patient_details_are_400(client, claire, patient, words):
    hold_id = hold(client).json()["id"]
    assert words in problem(confirm(client, hold_id, patient), 400)["detail"]
    assert Booking.objects.get().state == Booking.State.HELD
    assert not User.objects.filter(email="lea@example.test").exists()


def test_phone_is_optional(client, claire):
    hold_id = hold(client).json()["id"]
    assert confirm(client, hold_id, {**PATIENT, "phone": ""}).status_code == 201


@pytest.mark.parametrize("hold_id", ["nope", "6f1c0b7e-0000-4000-8000-000000000000"])
def test_unknown_hold_is_404(client, claire, hold_id):
    problem(confirm(client, hold_id), 404)


def test_a_hold_released_by_the_worker_is_410_and_its_time_is_free(client, claire, frozen_now):
    hold_id = hold(client).json()["id"]
    frozen_now["now"] = NOW + timedelta(minutes=11)
    lifecycle.holds_expire(now=frozen_now["now"])
    body = problem(confirm(client, hold_id), 410)
    assert "10 minutes" in body["detail"]
    assert not User.objects.filter(email="lea@example.test").exists()
    assert hold(client, address="192.0.2.2").status_code == 201


def test_a_hold_past_its_time_is_410_before_the_worker_runs(client, claire, frozen_now):
    hold_id = hold(client).json()["id"]
    users = User.objects.count()
    frozen_now["now"] = NOW + timedelta(minutes=10)
    problem(confirm(client, hold_id), 410)
    assert Booking.objects.get().state == Booking.State.EXPIRED  # released there and then
    assert User.objects.count() == users  # no account for a booking that was not made
    assert not EmailAddress.objects.filter(email="lea@example.test").exists()


def test_a_time_held_for_someone_else_is_422(client, claire):
    someone = UserFactory()
    booking = lifecycle.hold_create(
        session_type=claire.session_types.get(),
        start=datetime(2026, 12, 7, 8, 0, tzinfo=UTC),
        now=NOW,
        patient=someone,
    )
    client.force_login(UserFactory())
    assert "someone else" in problem(confirm(client, booking.reference, None), 422)["detail"]
    booking.refresh_from_db()
    assert booking.patient == someone and booking.state == Booking.State.HELD


def test_a_refusal_after_the_account_is_made_leaves_no_account(client, claire, monkeypatch):
    def refuse(*args, **kwargs):
        raise lifecycle.NotAllowed("refused")

    monkeypatch.setattr(lifecycle, "_held_to_booking", refuse)
    hold_id = hold(client).json()["id"]
    problem(confirm(client, hold_id), 422)
    assert not User.objects.filter(email="lea@example.test").exists()
    assert not EmailAddress.objects.filter(email="lea@example.test").exists()
    assert Booking.objects.get().state == Booking.State.HELD


def test_in_request_mode_the_booking_waits_for_the_practitioner(client, claire):
    claire.confirmation_mode = Practitioner.ConfirmationMode.REQUEST
    claire.save()
    body = book(client, start=TUESDAY_14)
    assert body["state"] == "requested"
    assert body["respond_by"] == "2026-12-08T07:00:00+01:00"  # 24 hours to answer


# --- Minors ------------------------------------------------------------------------------------

GUARDIAN = {
    "guardian_name": "Marc Durand",
    "guardian_contact": "marc@example.test",
    "guardian_consent": True,
}


def test_a_new_patient_under_18_books_with_a_guardian(client, claire):
    hold_id = hold(client).json()["id"]
    response = confirm(client, hold_id, {**PATIENT, "is_minor": True, **GUARDIAN})
    assert response.status_code == 201, response.content
    patient = User.objects.get(email="lea@example.test")
    assert patient.is_minor and not patient.needs_guardian_consent
    assert patient.guardian_name == "Marc Durand"
    assert patient.guardian_contact == "marc@example.test"
    assert patient.guardian_consent_at == NOW
    assert Booking.objects.get().patient == patient


@pytest.mark.parametrize(
    ("minor", "missing"),
    [
        ({"is_minor": True}, "guardian_name, guardian_contact, guardian_consent"),
        ({"is_minor": True, **GUARDIAN, "guardian_consent": False}, "guardian_consent"),
        ({"is_minor": True, **GUARDIAN, "guardian_name": "  "}, "guardian_name"),
        # Guardian details alone say the patient is under 18.
        ({"guardian_name": "Marc Durand"}, "guardian_contact, guardian_consent"),
    ],
)
def test_a_new_patient_under_18_without_a_guardian_is_400(client, claire, minor, missing):
    hold_id = hold(client).json()["id"]
    users = User.objects.count()
    body = problem(confirm(client, hold_id, {**PATIENT, **minor}), 400)
    assert f"(missing: {missing})" in body["detail"]
    assert User.objects.count() == users
    assert Booking.objects.get().state == Booking.State.HELD


def test_a_guardians_details_are_limited_in_length(client, claire):
    hold_id = hold(client).json()["id"]
    too_long = {**PATIENT, "is_minor": True, **GUARDIAN, "guardian_name": "M" * 151}
    assert "150" in problem(confirm(client, hold_id, too_long), 400)["detail"]
    assert not User.objects.filter(email="lea@example.test").exists()


def test_an_adult_gives_no_guardian(client, claire):
    hold_id = hold(client).json()["id"]
    assert confirm(client, hold_id, {**PATIENT, "is_minor": False}).status_code == 201
    assert not User.objects.get(email="lea@example.test").is_minor


def test_a_logged_in_minor_without_consent_is_422_until_a_guardian_is_given(client, claire):
    minor = UserFactory(is_minor=True)
    client.force_login(minor)
    hold_id = hold(client).json()["id"]
    body = problem(confirm(client, hold_id, patient=None), 422)
    assert "guardian_name, guardian_contact, guardian_consent" in body["detail"]
    assert Booking.objects.get().state == Booking.State.HELD
    partial = {"guardian_name": "Marc Durand"}
    assert "guardian_contact" in problem(confirm(client, hold_id, partial), 400)["detail"]

    response = confirm(client, hold_id, GUARDIAN)
    assert response.status_code == 201, response.content
    minor.refresh_from_db()
    assert minor.guardian_name == "Marc Durand" and minor.guardian_consent_at == NOW
    assert Booking.objects.get().patient == minor


def test_a_logged_in_patient_says_they_are_under_18(client, claire):
    patient = UserFactory()
    client.force_login(patient)
    hold_id = hold(client).json()["id"]
    body = problem(confirm(client, hold_id, {"is_minor": True}), 400)
    assert "(missing: guardian_name, guardian_contact, guardian_consent)" in body["detail"]
    assert not User.objects.get(pk=patient.pk).is_minor
    assert confirm(client, hold_id, {"is_minor": True, **GUARDIAN}).status_code == 201
    patient.refresh_from_db()
    assert patient.is_minor and not patient.needs_guardian_consent


def test_a_logged_in_minor_with_consent_on_file_just_confirms(client, claire):
    minor = UserFactory(
        is_minor=True,
        guardian_name="Marc Durand",
        guardian_contact="marc@example.test",
        guardian_consent_at=NOW - timedelta(days=30),
    )
    client.force_login(minor)
    hold_id = hold(client).json()["id"]
    assert confirm(client, hold_id, {"is_minor": True}).status_code == 201
    minor.refresh_from_db()
    assert minor.guardian_consent_at == NOW - timedelta(days=30)


def test_a_guardians_consent_is_not_recorded_for_a_lapsed_hold(client, claire, frozen_now):
    minor = UserFactory(is_minor=True)
    client.force_login(minor)
    hold_id = hold(client).json()["id"]
    frozen_now["now"] = NOW + timedelta(minutes=10)
    problem(confirm(client, hold_id, GUARDIAN), 410)
    minor.refresh_from_db()
    assert minor.needs_guardian_consent


# --- A lapsed hold hides nothing ----------------------------------------------------------------


def slot_starts(client, day="2026-12-07"):
    response = client.get(
        f"/api/v1/practitioners/claire-martin/slots?start={day}&end={day}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200, response.content
    return [slot["start"] for slot in response.json()["slots"]]


def test_a_lapsed_hold_shows_its_time_again_and_another_patient_takes_it(
    client, claire, frozen_now
):
    first = hold(client, address="192.0.2.1").json()["id"]
    assert MONDAY_9 not in slot_starts(client)
    frozen_now["now"] = NOW + timedelta(minutes=10)  # the worker has not run
    assert Booking.objects.get(reference=first).state == Booking.State.HELD
    assert MONDAY_9 in slot_starts(client)
    second = hold(client, address="192.0.2.2")
    assert second.status_code == 201, second.content
    assert Booking.objects.get(reference=first).state == Booking.State.EXPIRED
    assert confirm(client, second.json()["id"]).status_code == 201
    problem(confirm(client, first, {**PATIENT, "email": "late@example.test"}), 410)
    assert MONDAY_9 not in slot_starts(client)


def test_a_booking_moves_onto_a_lapsed_hold(client, claire, frozen_now):
    token = book(client, start=TUESDAY_14)["token"]
    hold(client, start=TUESDAY_15, address="192.0.2.2")
    url = f"/api/v1/bookings/{token}/reschedule"
    problem(post(client, url, {"start": TUESDAY_15}), 409)
    frozen_now["now"] = NOW + timedelta(minutes=10)
    response = post(client, url, {"start": TUESDAY_15})
    assert response.status_code == 200, response.content
    assert response.json()["start"] == TUESDAY_15


# --- Reading, cancelling, moving ----------------------------------------------------------------


def test_read_a_booking_by_its_token(client, claire):
    token = book(client, start=TUESDAY_14)["token"]
    response = client.get(f"/api/v1/bookings/{token}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "confirmed" and body["state_label"] == "Confirmed"
    assert body["start"] == TUESDAY_14
    assert body["can_reschedule"] is True
    assert body["cancellation_terms"] == {
        "deadline": "2026-12-07T14:00:00+01:00",
        "outcome": "free",
        "fee_cents": 0,
    }
    assert "email" not in body and "patient" not in body


def test_unknown_token_or_a_mere_hold_is_404(client, claire):
    problem(client.get("/api/v1/bookings/nothing-here"), 404)
    held = Booking.objects.get(reference=hold(client).json()["id"])
    problem(client.get(f"/api/v1/bookings/{held.token}"), 404)
    problem(post(client, f"/api/v1/bookings/{held.token}/cancel"), 404)


def test_cancel_before_the_deadline_is_free(client, claire):
    token = book(client, start=TUESDAY_14)["token"]
    response = post(client, f"/api/v1/bookings/{token}/cancel", {"reason": "Un empêchement"})
    assert response.status_code == 200
    body = response.json()
    assert (body["outcome"], body["fee_cents"]) == ("free", 0)
    assert body["state"] == "cancelled_patient" and body["cancellation_terms"] is None
    booking = Booking.objects.get(token=token)
    assert booking.cancellation_outcome == CancellationOutcome.FREE
    assert booking.events.last().reason == "Un empêchement"
    # The time is free again.
    assert hold(client, start=TUESDAY_14, address="192.0.2.9").status_code == 201


def test_late_cancellations_the_first_forgiven_the_next_with_a_fee(client, claire):
    first = book(client, start=MONDAY_9)
    assert first["cancellation_terms"]["outcome"] == "forgiven"
    body = post(client, f"/api/v1/bookings/{first['token']}/cancel").json()
    assert (body["outcome"], body["fee_cents"]) == ("forgiven", 0)

    client.force_login(User.objects.get(email=PATIENT["email"]))
    second = book(client, start=MONDAY_10, patient=None)
    assert second["cancellation_terms"] == {
        "deadline": "2026-12-06T10:00:00+01:00",
        "outcome": "fee",
        "fee_cents": 3000,
    }
    body = post(client, f"/api/v1/bookings/{second['token']}/cancel").json()
    assert (body["outcome"], body["fee_cents"]) == ("fee", 3000)
    assert body["cancellation_fee_cents"] == 3000


def test_cancel_twice_or_after_the_start_is_422(client, claire, frozen_now):
    token = book(client, start=TUESDAY_14)["token"]
    assert post(client, f"/api/v1/bookings/{token}/cancel").status_code == 200
    problem(post(client, f"/api/v1/bookings/{token}/cancel"), 422)

    started = book(client, start=MONDAY_9, patient={**PATIENT, "email": "b@example.test"})
    frozen_now["now"] = datetime(2026, 12, 7, 8, 5, tzinfo=UTC)
    body = problem(post(client, f"/api/v1/bookings/{started['token']}/cancel"), 422)
    assert "started" in body["detail"]


def test_reschedule_to_a_free_time(client, claire, django_capture_on_commit_callbacks, mailoutbox):
    token = book(client, start=TUESDAY_14)["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, f"/api/v1/bookings/{token}/reschedule", {"start": TUESDAY_15})
    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["end"]) == (TUESDAY_15, "2026-12-08T15:50:00+01:00")
    booking = Booking.objects.get(token=token)
    assert booking.sequence == 1 and booking.state == Booking.State.CONFIRMED
    assert mailoutbox
    # The old time is free again, the new one is not.
    assert hold(client, start=TUESDAY_14, address="192.0.2.9").status_code == 201
    problem(hold(client, start=TUESDAY_15, address="192.0.2.10"), 409)


def test_reschedule_onto_a_taken_time_is_409_and_keeps_the_booking(client, claire):
    token = book(client, start=TUESDAY_14)["token"]
    book(client, start=TUESDAY_15, patient={**PATIENT, "email": "other@example.test"})
    body = problem(post(client, f"/api/v1/bookings/{token}/reschedule", {"start": TUESDAY_15}), 409)
    assert "just taken" in body["detail"]
    assert TUESDAY_15 not in [slot["start"] for slot in body["alternatives"]]
    assert Booking.objects.get(token=token).start == datetime(2026, 12, 8, 13, 0, tzinfo=UTC)


def test_reschedule_refusals(client, claire, frozen_now):
    late = book(client, start=MONDAY_9)["token"]
    body = problem(post(client, f"/api/v1/bookings/{late}/reschedule", {"start": TUESDAY_15}), 422)
    assert "24 hours" in body["detail"]

    token = book(client, start=TUESDAY_14, patient={**PATIENT, "email": "b@example.test"})["token"]
    url = f"/api/v1/bookings/{token}/reschedule"
    problem(post(client, url, {"start": "2026-12-08T15:00:00"}), 400)
    problem(post(client, url, {"start": "soon"}), 400)
    problem(post(client, url, {}), 400)
    assert (
        "passed"
        in problem(post(client, url, {"start": "2026-12-01T10:00:00+01:00"}), 422)["detail"]
    )
    problem(post(client, "/api/v1/bookings/nothing/reschedule", {"start": TUESDAY_15}), 404)
    post(client, f"/api/v1/bookings/{token}/cancel")
    problem(post(client, url, {"start": TUESDAY_15}), 422)


def test_openapi_documents_the_booking_endpoints_and_their_errors(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    expected = {
        ("/api/v1/holds", "post"): {"201", "400", "409", "422", "429"},
        ("/api/v1/holds/{hold_id}/confirm", "post"): {
            "201",
            "400",
            "402",
            "403",
            "404",
            "409",
            "410",
        },
        ("/api/v1/bookings/{token}", "get"): {"200", "404"},
        ("/api/v1/bookings/{token}/cancel", "post"): {"200", "404", "422"},
        ("/api/v1/bookings/{token}/reschedule", "post"): {"200", "400", "404", "409", "422"},
    }
    for (path, method), statuses in expected.items():
        assert statuses <= set(paths[path][method]["responses"]), path
    conflict = paths["/api/v1/holds"]["post"]["responses"]["409"]
    assert conflict["content"]["application/json"]["schema"]["$ref"].endswith("/SlotProblem")


def test_openapi_documents_a_minors_guardian(client):
    document = client.get("/api/v1/openapi.json").json()
    confirm_doc = document["paths"]["/api/v1/holds/{hold_id}/confirm"]["post"]
    assert "guardian_consent" in confirm_doc["description"]
    schema = document["components"]["schemas"]["PatientIn"]["properties"]
    assert schema["is_minor"]["type"] == schema["guardian_consent"]["type"] == "boolean"
    for name in ("is_minor", "guardian_name", "guardian_contact", "guardian_consent"):
        assert schema[name]["description"], name
