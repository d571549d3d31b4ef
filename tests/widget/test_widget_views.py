"""The embeddable booking widget through the test client: its framing headers (and the rest
of the site's), the whole flow carried by signed tokens without any cookie (free and paid
sessions, signing up and logging in inside the frame), tampered tokens, the booking event,
and the practitioner's settings page with its preview and snippet."""

import json
import re
from datetime import UTC, datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone

from bookings.models import Booking
from payments.models import Payment
from practitioners.models import Practitioner, PractitionerPage
from tests.factories import PractitionerFactory, UserFactory, session_type, week
from tests.payments.conftest import localstripe, stripe_settings  # noqa: F401 (fixtures)
from tests.practitioners.test_profile import catalogue_build, directory_build, profile_build
from widget.flow import flow_load
from widget.models import WidgetTheme

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)  # Monday 07:00 in Paris
MONDAY_9 = "2026-12-07T08:00:00Z"
HOST = "https://www.cabinet-martin.fr"
ENTRY = "/en/widget/practitioner/claire-martin/"
TEST_CARD = {"pay": "1", "card_number": "4242 4242 4242 4242", "expiry": "12/30",
             "security_code": "123"}  # fmt: skip
PATIENT = {
    "step": "details",
    "first_name": "Zoé",
    "last_name": "Durand",
    "email": "zoe@example.org",
    "phone": "06 12 34 56 78",
}


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def claire():
    practitioner = PractitionerFactory(slug="claire-martin", legal_name="Claire Martin")
    session_type(practitioner, name="Séance", duration_minutes=50, min_notice_minutes=60,
                 price_cents=0)  # fmt: skip
    week(practitioner, {0: [("09:00", "11:00")], 1: [("14:00", "16:00")]})
    return practitioner


@pytest.fixture
def frame():
    """A browser inside the frame on another site: it never sends the site's cookies
    (`SameSite=Lax`), and its first request says which page embeds it."""
    return Client(enforce_csrf_checks=True, HTTP_REFERER=HOST + "/prendre-rendez-vous/")


def form_value(response, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no {name} in the page"
    return match.group(1).replace("&amp;", "&")


def widget_data(response):
    match = re.search(
        r'<script id="khepri-widget" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(match.group(1))


def no_cookies(response):
    assert not response.cookies, f"the widget set cookies: {list(response.cookies)}"


def book_time(frame, start=MONDAY_9):
    """Open the widget, choose `start`: the hold's checkout address (the flow token in it)."""
    week_page = frame.get(ENTRY)
    assert week_page.status_code == 200
    no_cookies(week_page)
    held = frame.post(
        ENTRY + "hold/",
        {"f": form_value(week_page, "f"), "start": start, "tz": "Europe/Paris"},
    )
    assert held.status_code == 302, held.content.decode()[:500]
    no_cookies(held)
    frame.cookies.clear()
    return held["Location"]


# --- Framing headers --------------------------------------------------------------------------


def test_widget_pages_may_be_framed_by_the_listed_sites_only(client, claire):
    WidgetTheme.objects.create(
        practitioner=claire, allowed_origins="https://www.cabinet-martin.fr\nhttps://*.martin.fr"
    )
    response = client.get(ENTRY)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert response["Content-Security-Policy"] == (
        "frame-ancestors 'self' https://www.cabinet-martin.fr https://*.martin.fr"
    )
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_without_a_list_any_https_site_and_local_test_pages_may_frame_it(client, claire):
    response = client.get(ENTRY)
    assert response["Content-Security-Policy"] == (
        "frame-ancestors 'self' https: http://localhost:* http://127.0.0.1:*"
    )
    assert "X-Frame-Options" not in response


def test_without_a_list_in_production_only_https_sites(client, claire, settings):
    settings.KHEPRI_WIDGET_DEV_FRAME_ANCESTORS = []
    response = client.get(ENTRY)
    assert response["Content-Security-Policy"] == "frame-ancestors 'self' https:"


@pytest.mark.parametrize(
    "path",
    ["/en/book/claire-martin/", "/en/pro/widget/", "/en/accounts/login/", "/en/pro/"],
)
def test_every_other_page_refuses_to_be_framed(client, claire, path):
    client.force_login(claire.user)
    response = client.get(path)
    assert response.status_code in (200, 302)
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Security-Policy"] == "frame-ancestors 'none'"


def test_the_flow_pages_are_framed_like_the_entry(client, claire, frame):
    WidgetTheme.objects.create(practitioner=claire, allowed_origins=HOST)
    checkout = frame.get(book_time(frame))
    assert checkout.status_code == 200
    assert checkout["Content-Security-Policy"] == f"frame-ancestors 'self' {HOST}"
    assert "X-Frame-Options" not in checkout


def test_the_main_sites_cookies_stay_lax(settings):
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"


# --- The whole flow without cookies -----------------------------------------------------------


def test_a_free_session_reads_free_not_zero_euros(claire, frame):
    html = frame.get(ENTRY).content.decode()
    assert "Séance · 50 min · Free" in html
    assert "€0" not in html


def test_a_new_patient_books_a_free_session_inside_the_frame(
    claire, frame, django_capture_on_commit_callbacks
):
    checkout_url = book_time(frame)
    booking = Booking.objects.get()
    assert booking.state == Booking.State.HELD
    assert flow_load(checkout_url.split("/")[-2]).reference == str(booking.reference)
    checkout = frame.get(checkout_url)
    assert "Who is the appointment for?" in checkout.content.decode()
    identified = frame.post(checkout_url, PATIENT)
    assert identified.status_code == 302
    no_cookies(identified)
    review = frame.get(identified["Location"])
    html = review.content.decode()
    assert "Booking for Zoé Durand (zoe@example.org)" in html
    confirm_url = re.search(r'action="(/en/widget/flow/[^"]+/confirm/)"', html).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = frame.post(confirm_url)
    assert confirmed.status_code == 302 and confirmed["Location"].endswith("/done/")
    no_cookies(confirmed)
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED
    assert booking.patient.email == "zoe@example.org"
    assert {m.to[0] for m in mail.outbox} == {"zoe@example.org", claire.user.email}
    done = frame.get(confirmed["Location"])
    no_cookies(done)
    data = widget_data(done)
    assert data["event"] == {
        "type": "khepri:booking",
        "status": "confirmed",
        "start": "2026-12-07T08:00:00Z",
    }
    assert data["targets"] == [HOST]  # the embedding page's origin, from the first Referer
    # Nothing private in the event, and the manage link opens on the site in a new tab.
    assert set(data["event"]) == {"type", "status", "start"}
    assert f'href="/en/appointments/{booking.token}/" target="_blank"' in done.content.decode()


def test_a_paid_session_with_the_test_card(claire, frame):
    claire.session_types.update(price_cents=6000)
    checkout_url = book_time(frame)
    review_url = frame.post(checkout_url, PATIENT)["Location"]
    review = frame.get(review_url)
    assert "4242 4242 4242 4242" in review.content.decode()
    assert 'name="csrfmiddlewaretoken"' not in review.content.decode()
    paid = frame.post(review_url, TEST_CARD)
    assert paid.status_code == 302 and paid["Location"].endswith("/done/"), paid.content[:300]
    booking = Booking.objects.get()
    assert booking.state == Booking.State.CONFIRMED
    payment = Payment.objects.get(booking=booking)
    assert payment.authorised_cents == 6000
    done = frame.get(paid["Location"])
    assert widget_data(done)["event"]["status"] == "confirmed"
    assert "reserved on the card" in done.content.decode()


@pytest.mark.usefixtures("stripe_settings")
def test_with_stripe_the_payment_element_comes_back_to_the_widget(claire, frame):
    claire.session_types.update(price_cents=6000)
    review_url = frame.post(book_time(frame), PATIENT)["Location"]
    review = frame.get(review_url)
    no_cookies(review)
    html = review.content.decode()
    token = review_url.split("/")[-2]
    assert f'id="stripe-payment" method="post" action="/en/widget/flow/{token}/confirm/"' in html
    assert f'data-return-url="http://testserver/en/widget/flow/{token}/confirm/"' in html
    assert 'data-client-secret="pi_' in html
    # Back from Stripe before the card is authorised: the time stays held, the page says so.
    back = frame.get(f"/en/widget/flow/{token}/confirm/")
    assert back.status_code == 302 and "problem=card" in back["Location"]
    assert "The card was not authorised" in frame.get(back["Location"]).content.decode()
    assert Booking.objects.get().state == Booking.State.HELD


def test_a_declined_card_keeps_the_time_and_says_so(claire, frame):
    claire.session_types.update(price_cents=6000)
    review_url = frame.post(book_time(frame), PATIENT)["Location"]
    refused = frame.post(review_url, {**TEST_CARD, "card_number": "4000 0000 0000 0002"})
    assert refused.status_code == 400
    assert "The card was not accepted" in refused.content.decode()
    assert Booking.objects.get().state == Booking.State.HELD


def test_a_request_sends_the_requested_event(claire, frame):
    Practitioner.objects.filter(pk=claire.pk).update(
        confirmation_mode=Practitioner.ConfirmationMode.REQUEST
    )
    review_url = frame.post(book_time(frame), PATIENT)["Location"]
    confirm_url = re.search(
        r'action="(/en/widget/flow/[^"]+/confirm/)"', frame.get(review_url).content.decode()
    ).group(1)
    done = frame.get(frame.post(confirm_url)["Location"])
    assert widget_data(done)["event"]["status"] == "requested"
    assert Booking.objects.get().state == Booking.State.REQUESTED


def account(email, *, verified=True, **names):
    """An account whose address is confirmed (or not), as the site's sign-up leaves it."""
    user = UserFactory(email=email, **names)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": verified, "primary": True}
    )
    return user


def test_someone_with_an_account_logs_in_inside_the_frame(claire, frame):
    account("zoe@example.org", first_name="Zoé", last_name="Durand")
    checkout_url = book_time(frame)
    taken = frame.post(checkout_url, PATIENT)
    assert taken.status_code == 400
    html = taken.content.decode()
    assert "An account already uses this email" in html
    assert 'value="zoe@example.org"' in html  # the login form is filled in and open
    wrong = frame.post(
        checkout_url, {"step": "login", "login": "zoe@example.org", "password": "nope"}
    )
    assert wrong.status_code == 400
    assert "not correct" in wrong.content.decode() or "incorrect" in wrong.content.decode()
    logged = frame.post(
        checkout_url,
        {"step": "login", "login": "zoe@example.org", "password": "a-long-test-password"},
    )
    assert logged.status_code == 302
    no_cookies(logged)  # no session was opened: the patient is in the next flow token
    review = frame.get(logged["Location"])
    assert "Booking for Zoé Durand (zoe@example.org)" in review.content.decode()


def test_an_address_never_confirmed_does_not_log_in_inside_the_frame(claire, frame):
    """The site refuses a session to an unconfirmed address (mandatory verification): the
    widget does not identify anyone with it either, and says how to confirm it."""
    user = account("victim@example.org", verified=False, first_name="V", last_name="Ictim")
    checkout_url = book_time(frame)
    login = {"step": "login", "login": "victim@example.org", "password": "a-long-test-password"}
    refused = frame.post(checkout_url, login)
    assert refused.status_code == 400
    no_cookies(refused)
    html = refused.content.decode()
    assert "This email address has not been confirmed yet" in html
    assert 'href="/en/accounts/login/" target="_blank" rel="noopener"' in html
    assert "Booking for V Ictim" not in html and '<details class="panel widget-login" open>' in html
    assert flow_load(checkout_url.split("/")[-2]).patient_id is None
    # The site's own page (where the confirmation email is sent) lets nobody in either.
    site = Client()
    site.post("/en/accounts/login/", {"login": user.email, "password": "a-long-test-password"})
    assert "_auth_user_id" not in site.session
    # Once confirmed, the same login identifies the patient in the frame.
    EmailAddress.objects.filter(user=user).update(verified=True)
    logged = frame.post(checkout_url, login)
    assert logged.status_code == 302
    assert "Booking for V Ictim" in frame.get(logged["Location"]).content.decode()
    assert Booking.objects.get().patient is None  # identified only; confirming comes next


def test_a_session_cookie_gives_no_power_inside_the_frame(claire, client):
    """Even a browser that sends the site's session cookie is not identified by it."""
    client.force_login(UserFactory(email="someone@example.org"))
    week_page = client.get(ENTRY)
    held = client.post(ENTRY + "hold/", {"f": form_value(week_page, "f"), "start": MONDAY_9})
    checkout = client.get(held["Location"])
    assert "Who is the appointment for?" in checkout.content.decode()
    assert Booking.objects.get().patient is None


# --- Tampering and expiry ---------------------------------------------------------------------


def test_a_hold_without_a_valid_start_token_is_refused(claire, frame):
    for data in ({"start": MONDAY_9}, {"start": MONDAY_9, "f": "forged:token"}):
        refused = frame.post(ENTRY + "hold/", data)
        assert refused.status_code == 302 and "problem=expired" in refused["Location"]
    assert not Booking.objects.exists()


def test_a_start_token_of_another_page_is_refused(claire, frame):
    PractitionerFactory(slug="other")
    token = form_value(frame.get("/en/widget/practitioner/other/"), "f")
    refused = frame.post(ENTRY + "hold/", {"f": token, "start": MONDAY_9})
    assert "problem=expired" in refused["Location"]
    assert not Booking.objects.exists()


def test_a_tampered_or_unknown_flow_token_is_404(claire, frame):
    checkout_url = book_time(frame)
    token = checkout_url.split("/")[-2]
    for bad in (token[:-2] + "xx", "abc", token.replace(":", "-", 1)):
        for suffix in ("", "confirm/", "done/"):
            assert frame.get(f"/en/widget/flow/{bad}/{suffix}").status_code == 404
        assert frame.post(f"/en/widget/flow/{bad}/release/").status_code == 404


def test_an_unknown_kind_or_slug_is_404(claire, frame):
    assert frame.get("/en/widget/service/claire-martin/").status_code == 404
    assert frame.get("/en/widget/practitioner/nobody/").status_code == 404


def test_a_taken_time_offers_close_ones_in_the_frame(claire, frame):
    checkout_url = book_time(frame)
    assert checkout_url
    other = Client(HTTP_REFERER=HOST + "/")
    week_page = other.get(ENTRY)
    taken = other.post(ENTRY + "hold/", {"f": form_value(week_page, "f"), "start": MONDAY_9})
    assert taken.status_code == 409
    assert "X-Frame-Options" not in taken
    assert 'name="start" value="2026-12-07T09:00:00Z"' in taken.content.decode()


def test_releasing_goes_back_to_the_week(claire, frame):
    checkout_url = book_time(frame)
    back = frame.post(checkout_url + "release/")
    assert back.status_code == 302 and back["Location"].startswith(ENTRY + "?f=")
    assert Booking.objects.get().state != Booking.State.HELD
    assert frame.get(checkout_url).status_code == 410


def test_the_host_origin_follows_the_weeks(claire, frame):
    week_page = frame.get(ENTRY)
    next_week = re.search(r'href="(\?[^"]*week=[^"]*)"', week_page.content.decode()).group(1)
    later = Client().get(ENTRY + next_week.replace("&amp;", "&").split("#")[0])
    assert widget_data(later)["targets"] == [HOST]


def test_an_unlisted_host_gets_no_event_but_the_listed_sites_do(claire):
    WidgetTheme.objects.create(practitioner=claire, allowed_origins=HOST + "\nhttps://martin.fr")
    stranger = Client(HTTP_REFERER="https://evil.example/")
    assert widget_data(stranger.get(ENTRY))["targets"] == [HOST, "https://martin.fr"]
    listed = Client(HTTP_REFERER="https://martin.fr/page")
    assert widget_data(listed.get(ENTRY))["targets"] == ["https://martin.fr"]
    unknown = Client()
    assert widget_data(unknown.get(ENTRY))["targets"] == [HOST, "https://martin.fr"]


def test_a_view_that_allows_its_own_site_says_so_in_csp_too(rf):
    """Wagtail's preview frames its own pages (X-Frame-Options SAMEORIGIN): CSP agrees."""
    from django.http import HttpResponse
    from django.middleware.clickjacking import XFrameOptionsMiddleware
    from django.views.decorators.clickjacking import xframe_options_sameorigin

    from khepri.middleware import FrameAncestorsMiddleware

    view = xframe_options_sameorigin(lambda request: HttpResponse("ok"))
    response = FrameAncestorsMiddleware(XFrameOptionsMiddleware(view))(rf.get("/"))
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Security-Policy"] == "frame-ancestors 'self'"


def test_another_kind_of_booking_page_plugs_in(claire, frame, monkeypatch):
    """A kind registered by another app (a pooled service) gets the same flow: only its week
    and its hold are its own."""
    from widget import kinds

    class OrientationCall(kinds.PractitionerWidgetKind):
        def theme_owner(self, owner):
            return None  # the default look

        def week_context(self, request, owner, *, tz, now):
            context = super().week_context(request, owner, tz=tz, now=now)
            return {
                **context,
                "heading": "Orientation call",
                "offers": [],
                "session_type": None,
                "policy": "",
                "summary_line": "20 min · free",
            }

        def hold(self, request, owner, **values):
            assert values["session_type_id"] is None  # the service chooses
            return super().hold(request, owner, **values)

    monkeypatch.setitem(kinds.KINDS, "team", OrientationCall())
    WidgetTheme.objects.create(practitioner=claire, accent="#7a2e5c", allowed_origins=HOST)
    entry = frame.get("/en/widget/team/claire-martin/")
    html = entry.content.decode()
    assert "<h1" in html and "Orientation call" in html and "20 min · free" in html
    assert 'name="session_type"' not in html
    assert "--primary: #2f6f6a;" in html  # not Claire's theme: the kind said so
    assert entry["Content-Security-Policy"].startswith("frame-ancestors 'self' https:")
    held = frame.post(
        "/en/widget/team/claire-martin/hold/", {"f": form_value(entry, "f"), "start": MONDAY_9}
    )
    review_url = frame.post(held["Location"], PATIENT)["Location"]
    confirm_url = re.search(
        r'action="(/en/widget/flow/[^"]+/confirm/)"', frame.get(review_url).content.decode()
    ).group(1)
    done = frame.post(confirm_url)
    assert done["Location"].endswith("/done/")
    assert widget_data(frame.get(done["Location"]))["event"]["status"] == "confirmed"
    assert Booking.objects.get().state == Booking.State.CONFIRMED


def test_tampered_input_never_breaks_a_page(claire, frame):
    checkout_url = book_time(frame)
    start = form_value(frame.get(ENTRY), "f")
    answers = [
        frame.get(ENTRY + "?theme=garbage&f=garbage&week=2026-99-99&tz=Mars/Olympus"),
        frame.get(ENTRY + "?session_type=abc&theme=" + "x" * 5000),
        frame.post(ENTRY + "hold/", {"f": start, "start": "yesterday", "tz": "nowhere"}),
        frame.post(ENTRY + "hold/", {"f": start, "start": MONDAY_9, "session_type": "999999"}),
        frame.post(checkout_url, {"step": "login"}),
        frame.post(checkout_url, {"step": "details", "email": "not-an-email"}),
        frame.post(checkout_url, {"step": "something-else"}),
        frame.get(checkout_url + "?problem=<script>"),
        frame.get(checkout_url + "confirm/"),
        frame.get(ENTRY + "hold/"),
    ]
    assert [response.status_code for response in answers] == [
        200, 200, 302, 409, 400, 400, 400, 200, 302, 405,
    ]  # fmt: skip


# --- A booking refused at confirmation --------------------------------------------------------


@pytest.fixture
def closed_to_new_patients(home, claire):
    """Claire's published profile says she takes no new patients."""
    profile_build(
        practitioner=claire, directory=directory_build(home), catalogue=catalogue_build(home)
    )
    PractitionerPage.objects.filter(practitioner=claire).update(accepts_new_patients=False)


def confirm_action(review):
    return re.search(r'action="(/en/widget/flow/[^"]+/confirm/)"', review.content.decode()).group(1)


@pytest.mark.usefixtures("closed_to_new_patients")
def test_a_refused_free_booking_says_why_in_the_frame(claire, frame):
    review_url = frame.post(book_time(frame), PATIENT)["Location"]
    refused = frame.post(confirm_action(frame.get(review_url)))
    assert refused.status_code == 403
    no_cookies(refused)
    html = refused.content.decode()
    assert "The booking was refused" in html
    assert "not taking new patients" in html
    assert "card" not in html  # nothing was paid
    assert widget_data(refused)["event"] is None
    # Choosing another time lets the held time go.
    release = re.search(r'action="(/en/widget/flow/[^"]+/release/)"', html).group(1)
    back = frame.post(release)
    assert back.status_code == 302 and back["Location"].startswith(ENTRY)
    assert Booking.objects.get().state == Booking.State.EXPIRED


@pytest.mark.usefixtures("closed_to_new_patients")
def test_a_refused_paid_booking_releases_the_card_and_says_why(claire, frame):
    claire.session_types.update(price_cents=6000)
    review_url = frame.post(book_time(frame), PATIENT)["Location"]
    refused = frame.post(review_url, TEST_CARD)
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "not taking new patients" in html
    assert "its reservation is being released" in html
    assert "The card was not authorised" not in html
    payment = Payment.objects.get()
    assert payment.status == Payment.Status.RELEASED  # nothing stays reserved on the card
    assert Booking.objects.get().state == Booking.State.HELD
    # Coming back to the confirmation address (Stripe's return) says the same, charges nothing.
    again = frame.get(review_url + "confirm/")
    assert again.status_code in (302, 403)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.RELEASED and payment.captured_cents == 0
