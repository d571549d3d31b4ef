"""Quick entry: a patient on the phone found among the practitioner's own patients (or
created), a time chosen from the day's free times or typed, booked through the lifecycle by
the practitioner's side — confirmed at once, the usual confirmation in the outbox."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from bookings.models import AgendaDelegation, Booking, BookingEvent
from notifications.models import OutboundMessage
from payments.models import Payment
from practitioners.models import Practitioner
from tests.factories import BookingFactory, PractitionerFactory, UserFactory, session_type, week

NOW = datetime(2026, 12, 9, 13, 0, tzinfo=UTC)  # Wednesday 14:00 in Paris
THURSDAY = "2026-12-10"
State = Booking.State
URL = "/en/pro/agenda/quick-entry/"


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def claire(db):
    user = UserFactory(first_name="Claire", last_name="Martin", email="claire@example.org")
    practitioner = PractitionerFactory(user=user, slug="claire-martin", legal_name="Claire Martin")
    session_type(
        practitioner,
        name="Séance",
        name_en="Session",
        duration_minutes=60,
        min_notice_minutes=60,
        price_cents=6000,
    )
    week(practitioner, {day: [("09:00", "18:00")] for day in range(7)})
    return practitioner


@pytest.fixture
def pro(client, claire):
    client.force_login(claire.user)
    return client


@pytest.fixture
def zoe(claire):
    """A patient Claire already saw last week."""
    patient = UserFactory(
        first_name="Zoé", last_name="Durand", email="zoe@example.org", phone="+33612345678"
    )
    BookingFactory(
        practitioner=claire,
        session_type=claire.session_types.get(is_default=True),
        patient=patient,
        start=NOW - timedelta(days=7),
        state=State.COMPLETED,
    )
    return patient


def kind_id(claire):
    return claire.session_types.get(is_default=True).pk


def step(client, claire, **values):
    """Post the form as the page left it (`searched`, `shown_day`, `shown_type`), plus changes."""
    data = {
        "q": "",
        "searched": "",
        "day": THURSDAY,
        "shown_day": THURSDAY,
        "session_type": kind_id(claire),
        "shown_type": kind_id(claire),
        **values,
    }
    return client.post(URL, {k: v for k, v in data.items() if v is not None})


def test_the_agenda_links_to_quick_entry_and_the_form_starts_on_the_search(pro):
    assert URL in pro.get("/en/pro/agenda/").content.decode()
    page = pro.get(URL).content.decode()
    assert re.search(r'<input type="search" name="q" id="id_q"[^>]*autofocus', page)
    assert "Free times on Wednesday 9 December" in page  # today's, at once
    assert "16:00" in page and "14:50" not in page  # within the hour's notice: not offered


def test_an_existing_patient_found_by_name_phone_or_email_and_booked(
    pro, claire, zoe, django_capture_on_commit_callbacks
):
    # Someone else's patient with the same name is never found.
    other = PractitionerFactory()
    stranger = UserFactory(first_name="Marc", last_name="Durand", email="marc@example.org")
    BookingFactory(practitioner=other, patient=stranger, start=NOW, state=State.COMPLETED)

    for query in ("durand", "06 12 34 56 78", "zoe@exa", "Zoé Dur"):
        page = step(pro, claire, q=query).content.decode()
        assert f'id="id_patient_{zoe.pk}" value="{zoe.pk}" checked>' in page, query
        assert re.search(r'name="day" id="id_day"[^>]*autofocus', page), query  # next: the date
        assert "For Zoé Durand" in page
        assert "Marc" not in page

    thursday_ten = "2026-12-10T09:10:00+00:00"  # 10:10 in Paris (70-minute steps)
    page = step(pro, claire, q="durand", searched="durand", patient=zoe.pk).content.decode()
    assert thursday_ten in page  # Thursday's free times, a radio each

    with django_capture_on_commit_callbacks(execute=True):
        response = step(
            pro, claire, q="durand", searched="durand", patient=zoe.pk, slot=thursday_ten
        )
    booking = Booking.objects.get(patient=zoe, state=State.CONFIRMED)
    assert response.status_code == 302
    assert response["Location"] == (
        f"/en/pro/agenda/?view=day&date={THURSDAY}&booking={booking.pk}#details"
    )
    assert booking.start == datetime(2026, 12, 10, 9, 10, tzinfo=UTC)
    # Booked by the practitioner's side, through the lifecycle: held, then confirmed.
    events = list(BookingEvent.objects.filter(booking=booking).order_by("pk"))
    assert [(e.to_state, e.actor_role, e.actor) for e in events] == [
        (State.HELD, "practitioner", claire.user),
        (State.CONFIRMED, "practitioner", claire.user),
    ]
    # The usual confirmation, queued in the outbox; a priced session booked by phone is
    # confirmed without a card payment.
    assert OutboundMessage.objects.filter(
        booking=booking, to="zoe@example.org", kind="booking.confirmed.patient", channel="email"
    ).exists()
    assert booking.price_cents == 6000 and not Payment.objects.filter(booking=booking).exists()
    page = pro.get(response["Location"]).content.decode()
    assert "Booked: Zoé Durand, Thursday 10 December at 10:10." in page


def test_a_new_patient_created_from_what_was_typed(pro, claire, django_capture_on_commit_callbacks):
    page = step(pro, claire, q="Jean Dupont").content.decode()
    assert "Nobody found: a new patient?" in page
    assert 'id="id_patient_new" value="new" checked' in page
    assert 'value="Jean"' in page and 'value="Dupont"' in page
    assert re.search(r'name="first_name"[^>]*autofocus', page)

    # The email is needed to make the account (and to send the confirmation).
    missing = step(
        pro,
        claire,
        q="Jean Dupont",
        searched="Jean Dupont",
        patient="new",
        first_name="Jean",
        last_name="Dupont",
        at="11:20",
    )
    assert missing.status_code == 400 and b"Needed for a new patient." in missing.content

    with django_capture_on_commit_callbacks(execute=True):
        response = step(
            pro,
            claire,
            q="Jean Dupont",
            searched="Jean Dupont",
            patient="new",
            first_name="Jean",
            last_name="Dupont",
            email="jean@example.org",
            phone="06 98 76 54 32",
            at="11:20",
        )
    assert response.status_code == 302
    jean = User.objects.get(email="jean@example.org")
    assert (jean.first_name, str(jean.phone)) == ("Jean", "+33698765432")
    assert not jean.has_usable_password()
    booking = Booking.objects.get(patient=jean)
    assert booking.state == State.CONFIRMED
    assert booking.start == datetime(2026, 12, 10, 10, 20, tzinfo=UTC)  # 11:20 in Paris
    assert OutboundMessage.objects.filter(booking=booking, to="jean@example.org").exists()
    # Now one of Claire's patients: found by the next search.
    assert f'id="id_patient_{jean.pk}"' in step(pro, claire, q="dupont").content.decode()


def test_a_taken_time_gives_the_clear_conflict_and_the_next_free_times(pro, claire, zoe):
    # 10:10 was free when the page showed it; someone booked it meanwhile.
    BookingFactory(
        practitioner=claire,
        session_type=claire.session_types.get(is_default=True),
        patient=UserFactory(),
        start=datetime(2026, 12, 10, 9, 10, tzinfo=UTC),
        end=datetime(2026, 12, 10, 10, 10, tzinfo=UTC),
        state=State.CONFIRMED,
    )
    response = step(
        pro,
        claire,
        q="Léa Petit",
        searched="Léa Petit",
        patient="new",
        first_name="Léa",
        last_name="Petit",
        email="lea@example.org",
        slot="2026-12-10T09:10:00+00:00",
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "This time was just taken. Here are the next free times." in page
    assert "The next free times" in page
    # The next ones as radio buttons, the first focused; what was typed is kept.
    assert re.search(
        r'name="slot" id="id_slot_0" value="2026-12-10T10:20:00\+00:00" autofocus', page
    )
    assert "Thursday 10 December, 11:20" in page
    assert 'value="lea@example.org"' in page
    # Nothing was kept: no account, no booking.
    assert not User.objects.filter(email="lea@example.org").exists()
    assert not Booking.objects.filter(patient__email="lea@example.org").exists()


def test_a_typed_time_off_the_agenda_is_refused_with_the_days_free_times(pro, claire, zoe):
    response = step(pro, claire, q="durand", searched="durand", patient=zoe.pk, at="10:00")
    assert response.status_code == 409
    page = response.content.decode()
    assert "10:00 is not a free time for this session. Here are the free times." in page
    assert re.search(r'id="id_slot_0" value="2026-12-10T08:00:00\+00:00" autofocus', page)
    assert 'name="at" id="id_at" value=""' in page  # the refused time is cleared
    assert not Booking.objects.filter(patient=zoe, state=State.CONFIRMED).exists()


def test_a_practitioner_who_confirms_requests_is_still_booked_at_once(pro, claire, zoe):
    Practitioner.objects.filter(pk=claire.pk).update(
        confirmation_mode=Practitioner.ConfirmationMode.REQUEST
    )
    response = step(pro, claire, q="durand", searched="durand", patient=zoe.pk, at="14:50")
    assert response.status_code == 302
    assert Booking.objects.get(start=datetime(2026, 12, 10, 13, 50, tzinfo=UTC)).state == (
        State.CONFIRMED
    )


def test_another_practitioners_patient_cannot_be_booked_by_id(pro, claire):
    stranger = UserFactory()
    BookingFactory(practitioner=PractitionerFactory(), patient=stranger, start=NOW)
    response = step(pro, claire, patient=stranger.pk, at="15:00")
    assert response.status_code == 400
    assert b"Please find the patient" in response.content
    assert not Booking.objects.filter(practitioner=claire, patient=stranger).exists()


def test_the_secretary_books_by_phone_in_her_own_name(client, claire, zoe):
    anna = UserFactory(first_name="Anna", last_name="Dupont", email="anna@example.org")
    AgendaDelegation.objects.create(practitioner=claire, delegate=anna, created_at=NOW)
    client.force_login(anna)
    response = step(client, claire, q="durand", searched="durand", patient=zoe.pk, at="16:00")
    assert response.status_code == 302
    booking = Booking.objects.get(start=datetime(2026, 12, 10, 15, tzinfo=UTC))
    assert booking.practitioner == claire and booking.state == State.CONFIRMED
    for event in BookingEvent.objects.filter(booking=booking):
        assert (event.actor, event.actor_role, event.on_behalf_of) == (
            anna,
            "practitioner",
            claire,
        )


def test_a_new_date_shows_its_free_times_before_booking(pro, claire, zoe):
    page = step(
        pro,
        claire,
        q="durand",
        searched="durand",
        patient=zoe.pk,
        day="2026-12-11",
        shown_day=THURSDAY,
    ).content.decode()
    assert "Free times on Friday 11 December" in page
    assert re.search(r'id="id_slot_0" value="2026-12-11T08:00:00\+00:00" autofocus', page)
    assert not Booking.objects.filter(patient=zoe, state=State.CONFIRMED).exists()
