"""The widget on another site, in Chromium: a static host page served by its own small HTTP
server on 127.0.0.1 frames the app served on localhost — a different site, so the frame is
really cross-site (the app's `SameSite=Lax` cookies are never sent to it). A patient books a
free session (signing up inside the frame), then someone with an account logs in inside the
frame and pays a session with the test card; the host page receives both `khepri:booking`
messages; embed.js fits the frame's height; axe-core finds nothing in the frame; desktop and
phone screenshots in var/screenshots/widget-*.png. The settings page's live preview follows
the form."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from playwright.sync_api import expect

from bookings.models import Booking
from payments.models import Payment
from practitioners.models import Practitioner
from tests.bookings.test_booking_browser import AXE, DESKTOP, PHONE, sign_in
from tests.factories import PractitionerFactory, UserFactory, session_type, week
from tests.practitioners.test_profile import EVERY_DAY
from widget.models import WidgetTheme
from widget.selectors import snippet

pytestmark = pytest.mark.browser

HOST_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Cabinet Martin — prendre rendez-vous</title>
  <style>
    body {{ margin: 0; font-family: Georgia, serif; background: #f3efe6; color: #2b2b2b; }}
    header {{ background: #5b3a29; color: #fff; padding: 1.25rem 1.5rem; }}
    main {{ max-width: 48rem; margin: 0 auto; padding: 1rem; }}
    #events {{ font-family: system-ui, sans-serif; }}
  </style>
</head>
<body>
  <header><strong>Cabinet Martin</strong> · Sophrologie à Lyon</header>
  <main>
    <h1>Prendre rendez-vous</h1>
    <p>Choisissez un moment ci-dessous.</p>
    {snippet}
    <p id="events" role="status"></p>
  </main>
  <script>
    window.khepriEvents = [];
    window.addEventListener("message", function (event) {{
      if (!event.data || event.data.type !== "khepri:booking") return;
      window.khepriEvents.push({{ origin: event.origin, data: event.data }});
      document.getElementById("events").textContent = "Réservation : " + event.data.status;
    }});
  </script>
</body>
</html>
"""


PATIENT = {
    "first_name": "Zoé",
    "last_name": "Durand",
    "email": "zoe@example.org",
    "phone": "06 12 34 56 78",
}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def widget_site(live_site, settings):
    settings.KHEPRI_PAGE_CACHE_SECONDS = 0
    cache.clear()
    practitioner = PractitionerFactory(slug="claire-martin", legal_name="Claire Martin")
    session_type(practitioner, name="Séance", duration_minutes=50, price_cents=0,
                 min_notice_minutes=3 * 24 * 60)  # fmt: skip
    week(practitioner, EVERY_DAY)
    WidgetTheme.objects.create(
        practitioner=practitioner,
        accent="#7a2e5c",
        background="#fffaf3",
        font="serif",
        button_style="rounded",
    )
    yield {"url": live_site.url, "practitioner": practitioner}
    cache.clear()


@pytest.fixture
def host_site(widget_site, tmp_path):
    """The practitioner's own site: a static page with the copied snippet, on 127.0.0.1."""
    app = widget_site["url"]
    assert "//localhost:" in app  # the app is on localhost, the host page on 127.0.0.1
    code = snippet(
        frame_url=app + "/widget/practitioner/claire-martin/",
        script_url=app + "/static/widget/embed.js",
        title="Prendre rendez-vous avec Claire Martin",
    )
    (tmp_path / "index.html").write_text(HOST_PAGE.format(snippet=code), encoding="utf-8")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(tmp_path))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}/", "app": app}
    server.shutdown()
    server.server_close()


def widget_frame(page):
    page.wait_for_function("document.querySelector('iframe[data-khepri-widget]')")
    return page.frame_locator("iframe[data-khepri-widget]")


def frame_of(page):
    return next(f for f in page.frames if "/widget/" in f.url and f != f.page.main_frame)


def axe_violations(frame) -> list[str]:
    """axe-core on one document (a frame is checked on its own: `iframes: false`)."""
    frame.add_script_tag(path=str(AXE))
    result = frame.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], iframes: false})"
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def shoot(page, name):
    """The whole host page. Not `full_page`: Chromium paints a cross-site frame only inside
    the viewport, so the viewport is made as tall as the page instead."""
    from tests.conftest import SCREENSHOT_DIR

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_timeout(200)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"))
    page.set_viewport_size(size)


def fits_content(page, inner):
    """embed.js has made the frame as tall as its content (from the frame's messages)."""
    page.wait_for_function(
        "height => Math.abs(parseFloat(document.querySelector('iframe').style.height || 0)"
        " - height) < 2",
        arg=inner.evaluate("Math.ceil(document.body.getBoundingClientRect().height)"),
    )


def events(page):
    return page.evaluate("window.khepriEvents")


def test_booking_through_the_widget_on_another_site(host_site, page, context, mailoutbox):
    app = host_site["app"]
    page.set_viewport_size(DESKTOP)
    page.goto(host_site["url"])
    frame = widget_frame(page)
    expect(frame.get_by_role("heading", level=1)).to_have_text(
        "Prendre rendez-vous avec Claire Martin"
    )
    fits_content(page, frame_of(page))
    assert axe_violations(frame_of(page)) == []
    shoot(page, "widget-host-desktop-week")

    # 1. A free session, a new patient signing up inside the frame.
    frame.locator(".slot-button").first.click()
    expect(frame.get_by_role("heading", level=1)).to_have_text("Vos coordonnées")
    for name, value in PATIENT.items():
        frame.locator(f"#id_{name}").fill(value)
    assert axe_violations(frame_of(page)) == []
    shoot(page, "widget-host-desktop-details")
    frame.get_by_role("button", name="Continuer").click()
    expect(frame.get_by_role("heading", level=1)).to_have_text("Vérifier et confirmer")
    frame.get_by_role("button", name="Confirmer le rendez-vous").click()
    expect(page.locator("#events")).to_have_text("Réservation : confirmed")
    assert axe_violations(frame_of(page)) == []
    shoot(page, "widget-host-desktop-done")
    [received] = events(page)
    first = Booking.objects.get(patient__email="zoe@example.org")
    assert first.state == Booking.State.CONFIRMED
    assert received == {
        "origin": app,
        "data": {
            "type": "khepri:booking",
            "status": "confirmed",
            "start": first.start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    }
    # The design needs no cookie: the app set none in this browser (the frame is cross-site).
    assert context.cookies(app) == []

    # 2. A paid session: someone with an account logs in inside the frame and pays.
    Practitioner.objects.get().session_types.update(price_cents=6000)
    marc = UserFactory(email="marc@example.org", first_name="Marc", last_name="Petit")
    EmailAddress.objects.create(user=marc, email=marc.email, verified=True, primary=True)
    page.reload()
    frame = widget_frame(page)
    frame.locator(".slot-button").nth(1).click()
    expect(frame.get_by_role("heading", level=1)).to_have_text("Vos coordonnées")
    page.wait_for_load_state("load")
    login = frame.locator(".widget-login")
    login.locator("summary").click()
    expect(login.locator("#id_login")).to_be_visible()
    login.locator("#id_login").fill("marc@example.org")
    login.locator("#id_password").fill("a-long-test-password")
    login.get_by_role("button").click()
    expect(
        frame.get_by_text("Réservation au nom de Marc Petit (marc@example.org).")
    ).to_be_visible()
    frame.locator("#id_card_number").fill("4242 4242 4242 4242")
    frame.locator("#id_expiry").fill("12/30")
    frame.locator("#id_security_code").fill("123")
    assert axe_violations(frame_of(page)) == []
    shoot(page, "widget-host-desktop-payment")
    frame.locator(".pay-form button[type=submit]").click()
    expect(page.locator("#events")).to_have_text("Réservation : confirmed")
    second = Booking.objects.get(patient__email="marc@example.org")
    assert second.state == Booking.State.CONFIRMED
    assert Payment.objects.get(booking=second).authorised_cents == 6000
    assert [e["data"]["start"] for e in events(page)] == [
        second.start.strftime("%Y-%m-%dT%H:%M:%SZ")
    ]
    assert context.cookies(app) == []


def test_the_widget_on_a_phone(host_site, page):
    page.set_viewport_size(PHONE)
    page.goto(host_site["url"])
    frame = widget_frame(page)
    expect(frame.locator(".slot-button").first).to_be_visible()
    page.wait_for_function("document.querySelector('iframe').style.height !== ''")
    inner = frame_of(page)
    fits_content(page, inner)
    assert inner.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(inner) == []
    shoot(page, "widget-host-phone-week")
    frame.locator(".slot-button").first.click()
    expect(frame.get_by_role("heading", level=1)).to_have_text("Vos coordonnées")
    assert frame_of(page).evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shoot(page, "widget-host-phone-details")

    # The automatic scheme on a phone in dark mode: the practitioner's dark colours, still AA.
    WidgetTheme.objects.update(scheme="auto")
    page.emulate_media(color_scheme="dark")
    page.reload()
    frame = widget_frame(page)
    expect(frame.locator(".slot-button").first).to_be_visible()
    inner = frame_of(page)
    assert (
        inner.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(20, 27, 27)"
    )  # background_dark #141b1b
    assert axe_violations(inner) == []
    shoot(page, "widget-host-phone-dark")


def test_an_unlisted_site_cannot_show_the_widget(host_site, page):
    WidgetTheme.objects.update(allowed_origins="https://www.cabinet-martin.fr")
    with page.expect_response(lambda r: "/widget/practitioner/" in r.url) as answer:
        page.goto(host_site["url"])
    assert answer.value.headers["content-security-policy"] == (
        "frame-ancestors 'self' https://www.cabinet-martin.fr"
    )
    page.wait_for_load_state("load")
    # Chromium refuses to show the page in the frame: an error page stands in its place.
    [inner] = [f for f in page.frames if f != page.main_frame]
    for _ in range(50):  # the frame's address is empty until Chromium has decided
        if inner.url:
            break
        page.wait_for_timeout(100)
    assert inner.url.startswith("chrome-error://"), inner.url
    assert "/widget/" not in inner.url


def test_the_settings_page_previews_as_you_type(widget_site, page, context):
    url = widget_site["url"]
    sign_in(context, url, widget_site["practitioner"].user)
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/pro/widget/")
    preview = page.frame_locator("[data-widget-preview]")
    expect(preview.get_by_role("heading", level=1)).to_be_visible()
    page.locator("#id_accent").fill("#1d4e89")
    page.locator("#id_font input[value=system]").check()
    inner = next(f for f in page.frames if "/widget/practitioner/" in f.url)
    inner.wait_for_function(
        "getComputedStyle(document.documentElement).getPropertyValue('--primary').trim()"
        " === '#1d4e89'"
    )
    assert (
        inner.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--font')")
        .strip()
        .startswith("system-ui")
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
    page.get_by_role("button", name="Copy the code").click()
    expect(page.locator("[data-copy-status]")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f'<iframe src="{url}/en/widget/practitioner/claire-martin/"')
    assert axe_violations(page.main_frame) == []
    shoot(page, "widget-settings-desktop")
    page.set_viewport_size(PHONE)
    shoot(page, "widget-settings-phone")
