"""The service's pages through the test client: its Wagtail page shows the week in the
visitor's zone, a time is held with a free member and the usual flow confirms it; the
manager's page lists the service's bookings and gives one to another member; the page is in
the API v2 and the home page's call to action leads to it."""

from io import StringIO

import pytest
from django.utils import timezone

from bookings.models import Booking, BookingEvent
from pools import demo
from pools.models import Service, ServicePage
from practitioners.models import Practitioner
from site_pages.demo import page_with_translation
from tests.factories import BookingFactory, PractitionerFactory, UserFactory, week
from tests.pools.conftest import NINE, NOW, make_service

pytestmark = pytest.mark.django_db

NINE_ISO = "2026-12-07T08:00:00Z"


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def manager():
    return UserFactory(email="manager@example.org")


@pytest.fixture
def pool(db, manager):
    return make_service(managers=[manager])


def fill_page(service):
    def fill(page, lang):
        page.title = {"fr": "Appel d'orientation", "en": "Orientation call"}[lang]
        page.intro = {"fr": "<p>Pour choisir.</p>", "en": "<p>To help you choose.</p>"}[lang]
        page.service = service

    return fill


@pytest.fixture
def service_page(home, pool):
    service, _members = pool
    return page_with_translation(
        parent=home,
        model=ServicePage,
        slug="orientation",
        en="orientation-call",
        fill=fill_page(service),
    )


def hold(client, start=NINE_ISO, tz="Europe/Paris"):
    return client.post("/en/services/orientation/book/", {"start": start, "tz": tz})


def test_the_page_shows_the_services_week_in_the_visitors_zone(client, service_page):
    html = client.get("/en/orientation-call/").content.decode()
    assert "Orientation call" in html and "To help you choose." in html
    assert "20 min · Free" in html
    assert f'value="{NINE_ISO}"' in html and ">09:00</button>" in html.replace(
        '<span class="visually-hidden">Monday 7 December, </span>', ""
    )
    montreal = client.get("/en/orientation-call/?tz=America/Montreal").content.decode()
    assert ">03:00</button>" in montreal.replace(
        '<span class="visually-hidden">Monday 7 December, </span>', ""
    )
    french = client.get("/orientation/").content.decode()
    assert "Appel d&#x27;orientation" in french and f'value="{NINE_ISO}"' in french


def test_booking_through_the_page_end_to_end(
    client, service_page, mailoutbox, django_capture_on_commit_callbacks
):
    response = hold(client)
    assert response.status_code == 302 and "/en/book/hold/" in response["Location"]
    booking = Booking.objects.get()
    assert booking.service_link.service.slug == "orientation"
    assert booking.practitioner.slug == "anna" and booking.price_cents == 0
    review = client.get(response["Location"]).content.decode()
    assert "Anna Arnaud" in review  # the patient sees whom they will talk to
    done = client.post(
        response["Location"],
        {
            "first_name": "Zoé",
            "last_name": "Durand",
            "email": "zoe@example.org",
            "phone": "06 12 34 56 78",
        },
    )
    assert done.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/en/book/hold/{booking.reference}/confirm/")
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED
    assert confirmed["Location"] == f"/en/appointments/{booking.token}/?new=1"
    assert {m.to[0] for m in mailoutbox} == {"zoe@example.org", booking.practitioner.user.email}
    # The next visitor gets the next member at that time.
    other = client.__class__()
    hold(other)
    assert Booking.objects.filter(start=NINE).count() == 2


def test_choosing_another_time_goes_back_to_the_service_page(client, service_page):
    hold(client)
    booking = Booking.objects.get()
    back = client.post(f"/en/book/hold/{booking.reference}/release/")
    assert back["Location"] == "/en/orientation-call/?tz=Europe%2FParis"


def test_when_every_member_is_taken_the_next_free_times_are_offered(client, service_page):
    for _ in range(3):
        assert hold(client.__class__()).status_code == 302
    response = hold(client)
    assert response.status_code == 409
    html = response.content.decode()
    assert "This time was just taken." in html
    assert 'action="/en/services/orientation/book/"' in html
    assert 'value="2026-12-07T08:30:00Z"' in html  # 09:30 is still free


@pytest.mark.parametrize("start", ["", "tomorrow", "2026-12-07T08:00:00", "9" * 60])
def test_tampered_input_gets_a_clear_answer(client, service_page, start):
    response = hold(client, start=start, tz="Nowhere/Atlantis")
    assert response.status_code == 302 and response["Location"] == "/en/orientation-call/"
    assert not Booking.objects.exists()
    assert client.post("/en/services/unknown/book/", {"start": NINE_ISO}).status_code == 404


def test_a_closed_service_says_so(client, service_page):
    Service.objects.update(is_active=False)
    assert "not taking bookings right now" in client.get("/en/orientation-call/").content.decode()
    assert hold(client).status_code == 403


def test_the_manager_sees_the_bookings_and_gives_one_to_a_free_member(
    client, service_page, pool, manager, django_capture_on_commit_callbacks
):
    _service, (_anna, ben, chloe) = pool
    hold(client)
    booking = Booking.objects.get()
    Booking.objects.filter(pk=booking.pk).update(state="confirmed", patient=UserFactory())
    BookingFactory(practitioner=ben, start=NINE)  # Ben is busy then: not offered

    client.force_login(manager)
    assert "Orientation call" in client.get("/en/pro/services/").content.decode()
    page = client.get("/en/pro/services/orientation/").content.decode()
    assert "With Anna Arnaud" in page and "Give it to" in page
    assert "http://testserver/en/widget/service/orientation/" in page  # the code to paste
    assert f'<option value="{chloe.pk}">Chloé Chevalier</option>' in page
    assert f'value="{ben.pk}"' not in page
    url = f"/en/pro/services/orientation/bookings/{booking.pk}/reassign/"
    refused = client.post(url, {"practitioner": ben.pk}, follow=True)
    assert "not free at that time any more" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"practitioner": chloe.pk}, follow=True)
    assert "The session is now with Chloé Chevalier." in done.content.decode()
    booking.refresh_from_db()
    assert booking.practitioner == chloe
    assert BookingEvent.objects.filter(booking=booking, actor=manager).exists()
    for tampered in ("", "abc", "999999", str(PractitionerFactory().pk)):
        answer = client.post(url, {"practitioner": tampered}, follow=True)
        assert answer.status_code == 200
        assert "Please choose a member of the service." in answer.content.decode()


def test_the_managers_page_is_for_managers_only(client, service_page, pool):
    hold(client)
    booking = Booking.objects.get()
    anna = pool[1][0]
    assert client.get("/en/pro/services/orientation/").status_code == 302  # log in first
    client.force_login(anna.user)  # a member, not a manager
    assert client.get("/en/pro/services/orientation/").status_code == 404
    url = f"/en/pro/services/orientation/bookings/{booking.pk}/reassign/"
    assert client.post(url, {"practitioner": anna.pk}).status_code == 404
    assert "You do not manage any service." in client.get("/en/pro/services/").content.decode()
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get("/en/pro/services/orientation/").status_code == 200


def test_the_page_is_in_the_api_v2(client, service_page):
    body = client.get(
        "/api/v2/pages/?type=pools.ServicePage&fields=intro,service_summary&locale=en"
    ).json()
    (item,) = body["items"]
    assert item["title"] == "Orientation call"
    assert item["service_summary"] == {
        "slug": "orientation",
        "name": "Orientation call",
        "duration_minutes": 20,
        "price_cents": 0,
        "currency": "EUR",
    }


def test_the_demo_builds_the_orientation_call_and_the_home_page_leads_to_it(client, home):
    for slug in demo.SERVICE["members"]:
        practitioner = PractitionerFactory(slug=slug)
        week(practitioner)
    demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())  # idempotent
    service = Service.objects.get(slug="appel-orientation")
    assert service.duration_minutes == 20 and service.price_cents == 0
    assert service.members.count() == 3
    assert service.managers.get() == Practitioner.objects.get(slug="claire-martin").user
    assert ServicePage.objects.filter(service=service).count() == 2  # French and English
    english_home = client.get("/en/").content.decode()
    assert "Not sure whom to see?" in english_home
    assert 'href="/en/orientation-call/">Book a free orientation call</a>' in english_home
    french_home = client.get("/").content.decode()
    assert 'href="/appel-orientation/"' in french_home
    assert 'class="slot-button"' in client.get("/en/orientation-call/").content.decode()


def test_a_practitioner_who_manages_a_service_finds_it_in_their_space(client, pool):
    from django.urls import reverse

    service, (anna, ben, _chloe) = pool
    service.managers.add(anna.user)
    client.force_login(anna.user)
    space = client.get("/en" + reverse("practitioners:space").removeprefix("/en")).content.decode()
    assert 'href="/en/pro/services/">Services I manage</a>' in space
    client.force_login(ben.user)
    space = client.get("/en" + reverse("practitioners:space").removeprefix("/en")).content.decode()
    assert "Services I manage" not in space


def test_without_a_cms_page_the_service_has_its_plain_week(client, pool):
    html = client.get("/en/services/orientation/").content.decode()
    assert "<h1>Orientation call</h1>" in html and f'value="{NINE_ISO}"' in html
    assert 'action="/en/services/orientation/book/"' in html
    assert client.get("/en/services/unknown/").status_code == 404
    response = hold(client, start="nonsense")
    assert response["Location"] == "/en/services/orientation/"
    hold(client)
    booking = Booking.objects.get()
    back = client.post(f"/en/book/hold/{booking.reference}/release/")
    assert back["Location"] == "/en/services/orientation/?tz=Europe%2FParis"
