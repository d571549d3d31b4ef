"""Secretaries: a practitioner delegates their agenda; the secretary acts for them (and is
recorded as the one who acted), only on the pages a practitioner can delegate, never on
another practitioner's things; revoking ends it at once; a switcher for several agendas."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

import bookings.urls
import payments.urls
import practitioners.urls
import widget.urls
from accounts.models import User
from bookings.models import AgendaDelegation, Booking, BookingEvent
from practitioners.access import ACTING_FOR_SESSION_KEY
from tests.factories import BookingFactory, PractitionerFactory, UserFactory, session_type, week

NOW = datetime(2026, 12, 9, 13, 0, tzinfo=UTC)  # Wednesday 14:00 in Paris
State = Booking.State

#: The practitioner-space pages a secretary may open. Anything else — the profile, booking
#: settings, session types and prices, calendars and the private feed, earnings, the
#: secretaries page itself, and every page added later — is the practitioner's own.
SECRETARY_PAGES = {
    "bookings:agenda",
    "bookings:agenda_move",
    "bookings:quick_entry",
    "bookings:pro_bookings",
    "bookings:pro_booking_action",
    "bookings:availability",
    "bookings:schedule_new",
    "bookings:schedule_edit",
    "bookings:schedule_delete",
    "bookings:dates",
    "bookings:override_delete",
    "bookings:time_off_delete",
}


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def practitioner(slug, name):
    first, last = name.split()
    user = UserFactory(first_name=first, last_name=last, email=f"{slug}@example.org")
    result = PractitionerFactory(user=user, slug=slug, legal_name=name)
    session_type(result, duration_minutes=50, min_notice_minutes=60)
    week(result, {day: [("09:00", "18:00")] for day in range(7)})
    return result


@pytest.fixture
def claire(db):
    return practitioner("claire-martin", "Claire Martin")


@pytest.fixture
def hugo(db):
    return practitioner("hugo-bernard", "Hugo Bernard")


@pytest.fixture
def anna(db):
    return UserFactory(first_name="Anna", last_name="Dupont", email="anna@example.org")


def delegate(practitioner, user):
    return AgendaDelegation.objects.create(practitioner=practitioner, delegate=user, created_at=NOW)


def booking(practitioner, start, state=State.CONFIRMED, **values):
    values.setdefault(
        "patient", UserFactory(first_name="Zoé", last_name="Durand", email="zoe@example.org")
    )
    values.setdefault("session_type", practitioner.session_types.get(is_default=True))
    return BookingFactory(practitioner=practitioner, start=start, state=state, **values)


# --- The practitioner delegates, lists and revokes ----------------------------------------------


def test_a_practitioner_gives_an_existing_account_access_then_revokes_it(client, claire, anna):
    client.force_login(claire.user)
    page = client.get("/en/pro/secretaries/")
    assert page.status_code == 200 and b"Nobody but you for now." in page.content
    response = client.post("/en/pro/secretaries/", {"email": "ANNA@example.org"})
    assert response.status_code == 302
    grant = AgendaDelegation.objects.get()
    assert (grant.practitioner, grant.delegate, grant.revoked_at) == (claire, anna, None)
    page = client.get("/en/pro/secretaries/").content.decode()
    assert "Anna Dupont" in page and "can now work on your agenda" in page

    # Twice: refused, clearly.
    again = client.post("/en/pro/secretaries/", {"email": "anna@example.org"})
    assert again.status_code == 400
    assert b"This person can already work on your agenda." in again.content

    secretary = client_for(anna)
    assert secretary.get("/en/pro/agenda/").status_code == 200

    response = client.post(f"/en/pro/secretaries/{grant.pk}/revoke/")
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at == NOW
    # Her very next page is refused, even with the practitioner remembered in her session.
    assert secretary.get("/en/pro/agenda/").status_code == 403
    assert b"Nobody but you for now." in client.get("/en/pro/secretaries/").content


def test_a_practitioner_creates_an_account_for_a_new_secretary(client, claire):
    client.force_login(claire.user)
    without_names = client.post("/en/pro/secretaries/", {"email": "new@example.org"})
    assert without_names.status_code == 400
    assert b"give their first and last name" in without_names.content
    assert not User.objects.filter(email="new@example.org").exists()

    response = client.post(
        "/en/pro/secretaries/",
        {"email": "new@example.org", "first_name": "Léa", "last_name": "Petit"},
        follow=True,
    )
    assert b"An account was created for L\xc3\xa9a Petit" in response.content
    created = User.objects.get(email="new@example.org")
    assert not created.has_usable_password()
    assert AgendaDelegation.objects.filter(practitioner=claire, delegate=created).exists()


def test_a_practitioner_cannot_delegate_to_themself_nor_revoke_someone_elses(
    client, claire, hugo, anna
):
    client.force_login(claire.user)
    own = client.post("/en/pro/secretaries/", {"email": claire.user.email})
    assert own.status_code == 400 and b"This is your own account." in own.content
    hugos = delegate(hugo, anna)
    response = client.post(f"/en/pro/secretaries/{hugos.pk}/revoke/", follow=True)
    assert b"This person no longer works on your agenda." in response.content
    hugos.refresh_from_db()
    assert hugos.revoked_at is None


# --- The secretary acts for the practitioner ---------------------------------------------------


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_secretary_answers_a_request_and_is_recorded_as_the_one_who_acted(
    claire, anna, django_capture_on_commit_callbacks
):
    delegate(claire, anna)
    request = booking(
        claire,
        datetime(2026, 12, 10, 9, tzinfo=UTC),
        State.REQUESTED,
        respond_by=NOW.replace(hour=20),
    )
    secretary = client_for(anna)
    agenda = secretary.get(f"/en/pro/agenda/?booking={request.pk}").content.decode()
    assert "You are working on the agenda of <strong>Claire Martin</strong>" in agenda
    assert "Zoé Durand" in agenda
    # Her navigation names only what she may open.
    assert "/en/pro/earnings/" not in agenda and "/en/pro/profile/" not in agenda
    assert "/en/pro/agenda/quick-entry/" in agenda

    with django_capture_on_commit_callbacks(execute=True):
        response = secretary.post(f"/en/pro/bookings/{request.pk}/accept/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == State.CONFIRMED
    event = BookingEvent.objects.filter(booking=request).last()
    assert event.actor == anna  # who really did it
    assert event.actor_role == BookingEvent.Actor.PRACTITIONER  # in the practitioner's role
    assert event.on_behalf_of == claire  # for whom
    page = secretary.get(f"/en/pro/agenda/?booking={request.pk}").content.decode()
    assert "by Anna Dupont, secretary" in page

    # The practitioner's own actions carry no "on behalf of".
    other = booking(claire, datetime(2026, 12, 11, 9, tzinfo=UTC), State.REQUESTED)
    client_for(claire.user).post(f"/en/pro/bookings/{other.pk}/decline/")
    event = BookingEvent.objects.filter(booking=other).last()
    assert (event.actor, event.on_behalf_of) == (claire.user, None)


def test_the_secretary_never_reaches_another_practitioners_things(claire, hugo, anna):
    delegate(claire, anna)
    hugos = booking(hugo, datetime(2026, 12, 10, 9, tzinfo=UTC), State.REQUESTED)
    secretary = client_for(anna)
    assert secretary.get(f"/en/pro/agenda/?booking={hugos.pk}").status_code == 404
    assert secretary.post(f"/en/pro/bookings/{hugos.pk}/accept/").status_code == 404
    assert secretary.get(f"/en/pro/agenda/bookings/{hugos.pk}/move/").status_code == 404
    # Nor can she pick Hugo in the switcher, or smuggle him into her session.
    assert secretary.post("/en/pro/acting-for/", {"practitioner": hugo.pk}).status_code == 404
    session = secretary.session
    session[ACTING_FOR_SESSION_KEY] = hugo.pk
    session.save()
    page = secretary.get("/en/pro/agenda/").content.decode()
    assert "Claire Martin" in page and "Hugo Bernard" not in page
    hugos.refresh_from_db()
    assert hugos.state == State.REQUESTED


def test_someone_without_any_delegation_is_refused(client, anna, claire):
    client.force_login(anna)
    assert client.get("/en/pro/agenda/").status_code == 403
    assert client.get("/en/pro/acting-for/").status_code == 404


def _space_urls():
    """Every address of the practitioner's space: each url name of the bookings, practitioners
    and payments url confs whose view is guarded by `practitioner_required`."""
    samples = {"int": 999999, "str": "accept", "year": 2026, "month": 12}
    for module in (bookings.urls, practitioners.urls, payments.urls, widget.urls):
        for pattern in module.urlpatterns:
            access = getattr(pattern.callback, "space_access", None)
            if access is None:
                continue
            kwargs = {
                name: samples.get(
                    name,
                    samples["str"] if type(conv).__name__ == "StringConverter" else samples["int"],
                )
                for name, conv in pattern.pattern.converters.items()
            }
            name = f"{module.app_name}:{pattern.name}"
            with translation.override("en"):
                yield name, reverse(name, kwargs=kwargs), access


def test_every_page_of_the_space_is_closed_to_a_secretary_unless_allowed(claire, anna):
    """A page added to the space later (session notes...) is closed to secretaries until it
    is explicitly added to `practitioners.access.DELEGABLE_VIEWS`, and to this list."""
    delegate(claire, anna)
    urls = list(_space_urls())
    names = {name for name, _url, _access in urls}
    assert len(urls) >= 33  # every page of the space when this was written
    assert {
        "practitioners:profile_edit",
        "bookings:booking_settings",
        "bookings:session_type_edit",
        "bookings:calendars",
        "bookings:secretaries",
        "payments:earnings",
        "payments:earnings_csv",
        "widget:settings",
    } <= names
    assert {name for name, _url, access in urls if access == "delegates"} == SECRETARY_PAGES

    secretary = client_for(anna)
    for name, url, _access in urls:
        response = secretary.get(url)
        if response.status_code == 405:
            response = secretary.post(url)
        if name in SECRETARY_PAGES:
            assert response.status_code in (200, 302, 400, 404), (name, response.status_code)
            assert "/login/" not in response.get("Location", ""), name
        else:
            assert response.status_code == 403, (name, response.status_code)
    # The allowed pages really open (not just "not refused").
    for url in ("/en/pro/agenda/", "/en/pro/bookings/", "/en/pro/availability/"):
        assert secretary.get(url).status_code == 200, url


def test_the_secretary_never_sees_links_to_the_practitioners_own_pages(claire, anna):
    delegate(claire, anna)
    secretary = client_for(anna)
    bookings_page = secretary.get("/en/pro/bookings/").content.decode()
    assert "/en/pro/bookings/settings/" not in bookings_page
    availability = secretary.get("/en/pro/availability/").content.decode()
    assert "/en/pro/availability/calendars/" not in availability
    assert "/en/pro/availability/session-types/" not in availability


# --- Several agendas: the switcher -------------------------------------------------------------


def test_a_secretary_for_two_practitioners_chooses_and_switches(claire, hugo, anna):
    delegate(claire, anna)
    delegate(hugo, anna)
    secretary = client_for(anna)
    # Never guessed: she chooses first, then comes back where she was going.
    response = secretary.get("/en/pro/bookings/")
    assert response.status_code == 302
    assert response["Location"] == "/en/pro/acting-for/?next=%2Fen%2Fpro%2Fbookings%2F"
    chooser = secretary.get(response["Location"]).content.decode()
    assert "Claire Martin" in chooser and "Hugo Bernard" in chooser
    response = secretary.post(
        "/en/pro/acting-for/", {"practitioner": hugo.pk, "next": "/en/pro/bookings/"}
    )
    assert response["Location"] == "/en/pro/bookings/"
    page = secretary.get("/en/pro/agenda/").content.decode()
    assert "the agenda of <strong>Hugo Bernard</strong>" in page
    assert 'id="acting-for-practitioner"' in page  # the switcher, in the header

    # Remembered; switched to Claire with the header's form.
    secretary.post("/en/pro/acting-for/", {"practitioner": claire.pk, "next": "/en/pro/agenda/"})
    assert (
        "the agenda of <strong>Claire Martin</strong>"
        in secretary.get("/en/pro/agenda/").content.decode()
    )
    # A place elsewhere is never a destination.
    response = secretary.post(
        "/en/pro/acting-for/", {"practitioner": claire.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/en/pro/agenda/"


def test_a_practitioner_who_is_also_a_secretary_works_on_their_own_agenda_until_they_switch(
    claire, hugo
):
    delegate(hugo, claire.user)
    mine = booking(claire, datetime(2026, 12, 10, 9, tzinfo=UTC))
    hugos = booking(hugo, datetime(2026, 12, 10, 10, tzinfo=UTC))
    client = client_for(claire.user)
    page = client.get("/en/pro/agenda/?view=day&date=2026-12-10").content.decode()
    assert f"booking={mine.pk}" in page and f"booking={hugos.pk}" not in page
    assert 'id="acting-for-practitioner"' in page  # she may switch
    assert "/en/pro/earnings/" in page  # her own full space

    client.post("/en/pro/acting-for/", {"practitioner": hugo.pk, "next": "/en/pro/agenda/"})
    page = client.get("/en/pro/agenda/?view=day&date=2026-12-10").content.decode()
    assert f"booking={hugos.pk}" in page and f"booking={mine.pk}" not in page
    # Hugo's agenda only: his money and profile stay out of reach; hers are still her own.
    assert "/en/pro/earnings/" not in page
    profile = client.get("/en/pro/profile/")
    assert profile.status_code == 200 and b"Hugo" not in profile.content

    client.post("/en/pro/acting-for/", {"practitioner": "own", "next": "/en/pro/agenda/"})
    page = client.get("/en/pro/agenda/?view=day&date=2026-12-10").content.decode()
    assert f"booking={mine.pk}" in page
