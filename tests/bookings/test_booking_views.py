"""The booking flow through its pages: week → hold → details → confirm → manage → move/cancel,
and the practitioner's answers. Works without JavaScript: plain GETs and POSTs."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from accounts.models import User
from bookings.models import Booking, BookingEvent
from practitioners.models import Practitioner
from tests.factories import PractitionerFactory, UserFactory, session_type, week

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)  # Monday 07:00 in Paris
MONDAY_9 = "2026-12-07T08:00:00Z"  # 09:00 in Paris
TUESDAY_14 = "2026-12-08T13:00:00Z"


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def claire():
    practitioner = PractitionerFactory(slug="claire-martin", legal_name="Claire Martin")
    session_type(
        practitioner,
        name="Séance de sophrologie",
        duration_minutes=50,
        buffer_after_minutes=10,
        min_notice_minutes=60,
        price_cents=6000,
    )
    week(practitioner, {0: [("09:00", "11:00")], 1: [("14:00", "16:00")]})
    return practitioner


TEST_CARD = {
    "pay": "1",
    "card_number": "4242 4242 4242 4242",
    "expiry": "12/30",
    "security_code": "123",
}


def pay(client, booking, prefix="/en"):
    """The review step of a priced session: the test-mode card authorises and confirms."""
    return client.post(f"{prefix}/book/hold/{booking.reference}/", TEST_CARD)


def hold(client, practitioner, start=MONDAY_9, tz="Europe/Paris"):
    return client.post(
        "/en/book/",
        {"practitioner": practitioner.slug, "start": start, "tz": tz},
    )


def details(client, response, **values):
    data = {
        "first_name": "Zoé",
        "last_name": "Durand",
        "email": "zoe@example.org",
        "phone": "06 12 34 56 78",
        **values,
    }
    return client.post(response["Location"], data)


def test_the_week_shows_free_times_in_the_visitors_zone(client, claire):
    response = client.get("/en/book/claire-martin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2026-12-07T08:00:00Z"' in html  # a button per free time
    assert ">09:00</button>" in html.replace(
        '<span class="visually-hidden">Monday 7 December, </span>', ""
    )
    montreal = client.get("/en/book/claire-martin/?tz=America/Montreal").content.decode()
    assert "Times shown for the America/Montreal time zone." in montreal
    assert ">03:00</button>" in montreal.replace(
        '<span class="visually-hidden">Monday 7 December, </span>', ""
    )


def test_the_first_free_week_is_shown_and_weeks_can_be_browsed(client, claire):
    Practitioner.objects.filter(pk=claire.pk)  # Monday and Tuesday have hours: this week
    response = client.get("/en/book/claire-martin/")
    assert response.context["week"].monday.isoformat() == "2026-12-07"
    assert response.context["previous_link"] is None
    nxt = client.get("/en/book/claire-martin/" + response.context["next_link"])
    assert nxt.context["week"].monday.isoformat() == "2026-12-14"
    assert nxt.context["previous_link"]


def test_a_new_patient_books_in_three_steps(
    client, claire, mailoutbox, django_capture_on_commit_callbacks
):
    response = hold(client, claire)
    assert response.status_code == 302 and "/book/hold/" in response["Location"]
    booking = Booking.objects.get()
    assert booking.state == Booking.State.HELD and booking.patient is None
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "This time is kept for you until 07:10" in html
    assert "reason" not in html.lower()  # never asked why
    done = details(client, response)
    assert done.status_code == 302
    patient = User.objects.get(email="zoe@example.org")
    assert not patient.has_usable_password()
    review = client.get(done["Location"]).content.decode()
    assert "Reserve" in review and "and confirm" in review and "Test mode" in review
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = pay(client, booking)
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED and booking.patient == patient
    assert confirmed["Location"] == f"/en/appointments/{booking.token}/?new=1"
    manage = client.get(confirmed["Location"]).content.decode()
    assert "Booked! A confirmation email is on its way." in manage
    assert "Choose a password" in manage
    assert {m.to[0] for m in mailoutbox} == {"zoe@example.org", claire.user.email}
    assert all("sophro" not in m.subject.lower() for m in mailoutbox)


def test_a_taken_time_gets_a_clear_answer_with_the_next_free_times(client, claire):
    hold(client, claire)
    other = client.__class__()
    response = hold(other, claire)
    assert response.status_code == 409
    html = response.content.decode()
    assert "This time was just taken." in html
    assert 'value="2026-12-07T09:00:00Z"' in html  # 10:00 in Paris is offered instead


def test_an_existing_email_must_log_in_and_the_hold_is_kept(client, claire):
    UserFactory(email="zoe@example.org")
    response = hold(client, claire)
    page = details(client, response)
    assert page.status_code == 400
    assert "An account already uses this email address." in page.content.decode()
    assert Booking.objects.get().state == Booking.State.HELD


def test_a_minor_needs_a_guardian(client, claire):
    response = hold(client, claire)
    page = details(client, response, is_minor="on")
    assert page.status_code == 400
    assert "consent is needed for a patient under 18" in page.content.decode()
    done = details(
        client,
        response,
        is_minor="on",
        guardian_name="Anne Durand",
        guardian_contact="anne@example.org",
        guardian_consent="on",
    )
    assert done.status_code == 302
    patient = User.objects.get(email="zoe@example.org")
    assert patient.is_minor and not patient.needs_guardian_consent


def test_someone_elses_hold_is_not_found(client, claire):
    response = hold(client, claire)
    stranger = client.__class__()
    assert stranger.get(response["Location"]).status_code == 404


def test_request_mode_then_the_practitioner_accepts(
    client, claire, mailoutbox, django_capture_on_commit_callbacks
):
    Practitioner.objects.filter(pk=claire.pk).update(confirmation_mode="request")
    response = hold(client, claire)
    details(client, response)
    booking = Booking.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        pay(client, booking)
    booking.refresh_from_db()
    assert booking.state == Booking.State.REQUESTED
    pro = client.__class__()
    pro.force_login(claire.user)
    page = pro.get("/en/pro/bookings/").content.decode()
    assert "Requests to answer" in page and "Zoé Durand" in page
    with django_capture_on_commit_callbacks(execute=True):
        pro.post(f"/en/pro/bookings/{booking.pk}/accept/")
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED
    event = BookingEvent.objects.filter(booking=booking).last()
    assert event.actor == claire.user and event.actor_role == "practitioner"


def test_another_practitioner_cannot_act_on_a_booking(client, claire):
    response = hold(client, claire)
    details(client, response)
    booking = Booking.objects.get()
    pay(client, booking)
    intruder = PractitionerFactory()
    other = client.__class__()
    other.force_login(intruder.user)
    assert other.post(f"/en/pro/bookings/{booking.pk}/cancel/").status_code == 404


NEXT_MONDAY_9 = "2026-12-14T08:00:00Z"  # a week ahead: free to move or cancel


def confirmed_booking(client, claire, start=NEXT_MONDAY_9):
    response = hold(client, claire, start)
    details(client, response)
    booking = Booking.objects.get()
    pay(client, booking)
    booking.refresh_from_db()
    return booking


def test_moving_reviews_then_moves(client, claire):
    booking = confirmed_booking(client, claire)
    url = f"/en/appointments/{booking.token}/move/"
    page = client.get(url)
    assert page.status_code == 200
    review = client.post(url, {"start": TUESDAY_14})
    assert "Move to this time?" in review.content.decode()
    assert Booking.objects.get().start.isoformat() == "2026-12-14T08:00:00+00:00"
    moved = client.post(url, {"start": TUESDAY_14, "confirm": "1"})
    assert moved.status_code == 302
    booking.refresh_from_db()
    assert booking.start == datetime(2026, 12, 8, 13, 0, tzinfo=UTC)
    assert booking.sequence == 1


def test_cancelling_offers_to_move_first_and_shows_the_terms(client, claire):
    booking = confirmed_booking(client, claire)
    url = f"/en/appointments/{booking.token}/cancel/"
    page = client.get(url).content.decode()
    assert "Would another time suit you better?" in page
    assert "If you cancel now" in page
    assert "Cancelling is free." in page
    client.post(url)
    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED_BY_PATIENT
    assert booking.cancellation_outcome == "free"


def test_late_changes_cannot_move_and_the_first_late_cancellation_is_free(client, claire):
    booking = confirmed_booking(client, claire, MONDAY_9)  # in two hours
    manage = client.get(f"/en/appointments/{booking.token}/").content.decode()
    assert "Move the appointment" not in manage and "Cancel the appointment" in manage
    assert client.get(f"/en/appointments/{booking.token}/move/").status_code == 302
    page = client.get(f"/en/appointments/{booking.token}/cancel/").content.decode()
    assert "first late cancellation with this practitioner is free" in page


def test_unknown_tokens_are_not_found(client):
    assert client.get("/en/appointments/nope/").status_code == 404


def test_my_appointments_lists_the_patients_own(client, claire):
    booking = confirmed_booking(client, claire)
    patient = booking.patient
    patient.set_password("a-long-test-password")
    patient.save()
    client.force_login(patient)
    html = client.get("/en/account/appointments/").content.decode()
    assert f"/en/appointments/{booking.token}/" in html


def test_time_off_over_bookings_lists_them_then_cancels_and_tells_the_patients(
    client, claire, mailoutbox, django_capture_on_commit_callbacks
):
    booking = confirmed_booking(client, claire)
    mailoutbox.clear()
    pro = client.__class__()
    pro.force_login(claire.user)
    period = {
        "form": "time_off",
        "timeoff-first_day": "2026-12-14",
        "timeoff-last_day": "2026-12-15",
    }
    page = pro.post("/en/pro/availability/dates/", period)
    html = page.content.decode()
    assert "This time off falls on 1 booked session" in html and "Zoé Durand" in html
    assert not claire.time_off.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = pro.post("/en/pro/availability/dates/", {**period, "cancel_bookings": "1"})
    assert done.status_code == 302
    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED_BY_PRACTITIONER
    assert claire.time_off.count() == 1
    assert [m.to[0] for m in mailoutbox] == ["zoe@example.org"]
    assert f"/en/appointments/{booking.token}/" in mailoutbox[0].body  # offered other times


def test_the_practitioner_sets_confirmation_and_policy(client, claire):
    client.force_login(claire.user)
    assert client.get("/en/pro/bookings/settings/").status_code == 200
    response = client.post(
        "/en/pro/bookings/settings/",
        {
            "confirmation_mode": "request",
            "request_response_hours": "12",
            "free_cancellation_hours": "48",
            "late_cancellation_fee_percent": "100",
            "video_room_url": "",
        },
    )
    assert response.status_code == 302
    claire.refresh_from_db()
    assert claire.confirmation_mode == "request" and claire.free_cancellation_hours == 48
    page = client.get("/en/book/claire-martin/").content.decode()
    assert "until 48 hours before the session" in page


def test_the_whole_flow_in_french(client, claire, mailoutbox, django_capture_on_commit_callbacks):
    week_page = client.get("/book/claire-martin/").content.decode()
    assert "Choisir un créneau" in week_page
    response = client.post(
        "/book/", {"practitioner": "claire-martin", "start": NEXT_MONDAY_9, "tz": "Europe/Paris"}
    )
    assert response["Location"].startswith("/book/hold/")
    client.post(
        response["Location"],
        {
            "first_name": "Zoé",
            "last_name": "Durand",
            "email": "zoe@example.org",
            "phone": "06 12 34 56 78",
        },
    )
    booking = Booking.objects.get()
    assert "4242 4242 4242 4242" in client.get(response["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = pay(client, booking, prefix="")
    assert done["Location"].startswith("/appointments/")
    manage = client.get(done["Location"]).content.decode()
    assert "lundi 14 décembre 2026" in manage
    patient_mail = next(m for m in mailoutbox if m.to == ["zoe@example.org"])
    assert patient_mail.subject == "Votre rendez-vous est confirmé"


def test_a_far_or_absurd_week_in_the_address_is_kept_within_the_horizon(client, claire):
    for week_asked in ("9999-12-31", "0001-01-01", "2026-02-30"):
        response = client.get("/en/book/claire-martin/", {"week": week_asked})
        assert response.status_code == 200
        monday = response.context["week"].monday.isoformat()
        assert "2026-12-07" <= monday <= "2027-02-08"  # this week … the 60-day horizon
