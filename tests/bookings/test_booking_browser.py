"""The booking flow in Chromium (issue #6): a new patient books from a practitioner's profile,
receives the email, opens its link and cancels; the week picker and the checkout on a phone and
in dark mode; a practitioner in request mode accepts a request. axe-core on every page;
screenshots in var/screenshots/booking-*.png."""

import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import expect

from bookings.models import Booking
from practitioners.models import Practitioner
from tests.factories import session_type, week
from tests.practitioners.test_profile import (
    EVERY_DAY,
    catalogue_build,
    directory_build,
    practitioner_build,
    profile_build,
)

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
#: Three days' notice: the first free time is well beyond the free cancellation deadline
#: (24 hours), so the patient may still move or cancel it for free.
NOTICE_MINUTES = 3 * 24 * 60
PATIENT = {
    "First name": "Zoé",
    "Last name": "Durand",
    "Email": "zoe@example.org",
    "Mobile phone": "06 12 34 56 78",
}


@pytest.fixture
def booking_site(live_site, settings):
    """Claire Martin, bookable every day 09:00–17:00 (Paris) with three days' notice, and her
    published profile page in French and English."""
    from site_pages.demo import ensure_home

    settings.KHEPRI_PAGE_CACHE_SECONDS = 0
    settings.KHEPRI_SITE_URL = live_site.url  # the links in the emails open on the live server
    cache.clear()
    home = ensure_home()
    catalogue = catalogue_build(home)
    directory = directory_build(home)
    practitioner = practitioner_build()
    session_type(practitioner, min_notice_minutes=NOTICE_MINUTES)
    week(practitioner, EVERY_DAY)
    profile_build(practitioner=practitioner, directory=directory, catalogue=catalogue)
    yield {"url": live_site.url, "practitioner": practitioner}
    cache.clear()


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def fits(page, width) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def sign_in(context, url, user):
    """The practitioner's session cookie, as if they had logged in."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": url}])


def field(page, label):
    """A form field by its label (Django may add its colon suffix)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def fill_details(page, **values):
    for label, value in {**PATIENT, **values}.items():
        field(page, label).fill(value)


def mails_to(outbox, address, count=1, timeout=5.0):
    """The messages sent to `address` (sent after commit, by the live server's thread)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in outbox if address in m.to]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def ics(message) -> str:
    [(name, content, mime)] = message.attachments
    assert name == "invite.ics" and mime.startswith("text/calendar")
    return content.decode() if isinstance(content, bytes) else content


def manage_link(message) -> str:
    match = re.search(r"https?://\S+/appointments/[\w-]+/", message.body)
    assert match, message.body
    return match.group(0)


def test_a_new_patient_books_from_a_profile_gets_the_email_and_cancels(
    booking_site, page, screenshot, mailoutbox
):
    url, practitioner = booking_site["url"], booking_site["practitioner"]
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/practitioners/claire-martin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Claire Martin")
    page.locator(".profile-slots a").first.click()
    chosen = page.locator("#chosen-time")
    expect(chosen).to_contain_text("Your chosen time")
    expect(chosen).to_contain_text("Sophrology session")
    chosen.get_by_role("button", name="Continue").click()

    # The time is held: the details form, with the hold's deadline.
    expect(page).to_have_url(re.compile(r"/en/book/hold/[0-9a-f-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")
    expect(page.locator(".hold-timer")).to_contain_text("This time is kept for you until")
    expect(page.locator(".booking-summary")).to_contain_text("Claire Martin")
    expect(page.locator(".booking-summary")).to_contain_text("€60")
    booking = Booking.objects.get()
    assert booking.state == Booking.State.HELD

    # A mistyped email first: the error is shown next to the field and summarised on top.
    fill_details(page, Email="zoe@example")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile("^Error:"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Some information needs your attention")
    expect(summary).to_be_focused()  # read first, even without JavaScript
    email = field(page, "Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(field(page, "First name")).to_have_value("Zoé")
    screenshot("booking-checkout-error")
    assert axe_violations(page) == []
    summary.get_by_role("link", name=re.compile("Email")).click()
    expect(email).to_be_focused()

    email.fill(PATIENT["Email"])
    page.get_by_role("button", name="Continue").click()

    # Review: who, what, when and the policy, then one button.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and confirm")
    expect(page.get_by_text("Booking for Zoé Durand (zoe@example.org).")).to_be_visible()
    expect(page.locator("main .book-policy")).to_contain_text("Free cancellation or change")
    screenshot("booking-review")
    assert axe_violations(page) == []

    # The card step (test mode): a declined card says so and keeps the time held.
    payment = page.get_by_role("region", name="Payment")
    expect(payment.get_by_text("Test mode")).to_be_visible()
    expect(payment).to_contain_text("€60 will be reserved on your card now")
    field(page, "Card number").fill("4000 0000 0000 0002")
    field(page, "Expiry date (MM/YY)").fill("12/30")
    field(page, "Security code").fill("123")
    page.get_by_role("button", name="Reserve €60 and confirm").click()
    expect(page.get_by_role("alert")).to_contain_text("Your card was declined")
    expect(page).to_have_title(re.compile("^Error:"))
    screenshot("booking-card-declined")
    assert axe_violations(page) == []
    assert Booking.objects.get().state == Booking.State.HELD
    field(page, "Card number").fill("4242 4242 4242 4242")
    field(page, "Expiry date (MM/YY)").fill("12/30")
    field(page, "Security code").fill("123")
    page.get_by_role("button", name="Reserve €60 and confirm").click()

    # Confirmed at once (instant mode).
    expect(page).to_have_url(re.compile(r"/en/appointments/[\w-]+/\?new=1$"))
    expect(page.locator(".booking-state")).to_have_text(
        "Booked! A confirmation email is on its way."
    )
    expect(page.locator(".book-steps [aria-current=step]")).to_have_text("Confirmation")
    expect(page.get_by_role("link", name="Move the appointment")).to_be_visible()
    expect(page.get_by_role("link", name="Choose a password")).to_be_visible()
    screenshot("booking-confirmed")
    assert axe_violations(page) == []
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED
    assert booking.patient.email == "zoe@example.org"

    # The emails: one for the patient (with the invite and the link), one for the practitioner.
    [confirmation] = mails_to(mailoutbox, "zoe@example.org")
    assert confirmation.subject == "Your appointment is confirmed"
    assert "sophro" not in confirmation.subject.lower()
    link = manage_link(confirmation)
    assert link == f"{url}/en/appointments/{booking.token}/"
    html, mime = confirmation.alternatives[0]
    assert mime == "text/html" and link in html
    assert [a[0] for a in confirmation.attachments] == ["invite.ics"]
    assert "METHOD:REQUEST" in ics(confirmation)
    [notice] = mails_to(mailoutbox, practitioner.user.email)
    assert notice.subject in ("New appointment", "Nouveau rendez-vous")  # her own language

    # Later, from the email: no session needed, the link is the key.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment")
    expect(page.locator(".booking-state")).to_have_text("Confirmed")
    expect(page.locator(".book-steps")).to_have_count(0)
    screenshot("booking-manage")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Cancel the appointment").click()

    # The cancel page offers to move first, then shows what cancelling now means.
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel the appointment?")
    offer = page.get_by_role("region", name="Would another time suit you better?")
    terms = page.get_by_role("region", name="If you cancel now")
    expect(offer.get_by_role("link", name="Move the appointment")).to_be_visible()
    expect(terms).to_contain_text("Cancelling is free.")
    expect(terms).to_contain_text("Free cancellation or change until 24 hours before")
    assert offer.bounding_box()["y"] < terms.bounding_box()["y"]
    screenshot("booking-cancel")
    assert axe_violations(page) == []
    terms.get_by_role("button", name="Yes, cancel the appointment").click()

    expect(page).to_have_url(link)
    expect(page.locator(".messages")).to_contain_text(
        "Your appointment is cancelled. An email confirms it."
    )
    expect(page.locator(".booking-state")).to_have_text("You cancelled this appointment.")
    expect(page.get_by_role("link", name="Cancel the appointment")).to_have_count(0)
    expect(page.get_by_role("link", name="Move the appointment")).to_have_count(0)
    expect(page.locator(".booking-history")).to_contain_text("cancelled by the patient")
    screenshot("booking-cancelled")
    assert axe_violations(page) == []
    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED_BY_PATIENT
    assert booking.cancellation_outcome == "free"
    cancelled = mails_to(mailoutbox, "zoe@example.org", count=2)[-1]
    assert cancelled.subject == "Your appointment is cancelled"
    assert "METHOD:CANCEL" in ics(cancelled)


def test_the_week_picker_and_the_checkout_on_a_phone_and_in_dark_mode(
    booking_site, page, screenshot
):
    url = booking_site["url"]
    page.set_viewport_size(DESKTOP)
    page.goto(url + "/en/book/claire-martin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Book with Claire Martin")
    expect(page.locator(".book-steps [aria-current=step]")).to_have_text("Choose a time")
    expect(page.locator(".week-picker__tz")).to_contain_text("Europe/Paris")
    slots = page.locator(".week-picker .slot-button")
    expect(slots.first).to_be_visible()
    assert fits(page, DESKTOP["width"])
    screenshot("booking-week-desktop")
    assert axe_violations(page) == []

    # The next week, then back: the week navigation keeps the place on the page.
    page.get_by_role("link", name="Next week").click()
    expect(page).to_have_url(re.compile(r"week=\d{4}-\d{2}-\d{2}#week$"))
    expect(page.get_by_role("link", name="Previous week")).to_be_visible()
    page.get_by_role("link", name="Previous week").click()

    page.emulate_media(color_scheme="dark")
    page.goto(url + "/en/book/claire-martin/")
    expect(slots.first).to_be_visible()
    screenshot("booking-week-dark")
    assert axe_violations(page) == []
    page.emulate_media(color_scheme="light")

    page.set_viewport_size(PHONE)
    page.goto(url + "/en/book/claire-martin/")
    expect(slots.first).to_be_visible()
    assert fits(page, PHONE["width"])
    # Large touch targets.
    box = slots.first.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    screenshot("booking-week-phone")
    assert axe_violations(page) == []

    first = slots.first.get_attribute("value")
    slots.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")
    assert Booking.objects.get().start.isoformat().replace("+00:00", "Z") == first
    assert fits(page, PHONE["width"])
    page.get_by_role("button", name="Continue").click()  # nothing filled in
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary] li")).to_have_count(4)
    expect(field(page, "First name")).to_have_attribute("aria-invalid", "true")
    assert fits(page, PHONE["width"])
    screenshot("booking-checkout-phone-error")
    assert axe_violations(page) == []

    fill_details(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and confirm")
    assert fits(page, PHONE["width"])
    screenshot("booking-review-phone")
    assert axe_violations(page) == []

    # Changing one's mind releases the time and goes back to the week.
    page.get_by_role("button", name="Choose another time").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book with Claire Martin")
    assert Booking.objects.get().state != Booking.State.HELD


def test_a_practitioner_in_request_mode_accepts_a_request(
    booking_site, page, screenshot, mailoutbox
):
    url, practitioner = booking_site["url"], booking_site["practitioner"]
    Practitioner.objects.filter(pk=practitioner.pk).update(confirmation_mode="request")
    page.set_viewport_size(DESKTOP)

    # The patient sends a request.
    page.goto(url + "/en/book/claire-martin/")
    expect(page.get_by_text("This practitioner confirms each request personally")).to_be_visible()
    page.locator(".week-picker .slot-button").first.click()
    fill_details(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Your practitioner confirms each request personally.")).to_be_visible()
    field(page, "Card number").fill("4242 4242 4242 4242")
    field(page, "Expiry date (MM/YY)").fill("12/30")
    field(page, "Security code").fill("123")
    page.get_by_role("button", name="Reserve €60 and send my request").click()
    expect(page.locator(".booking-state")).to_contain_text("Request sent.")
    expect(page.locator(".booking-summary")).to_contain_text(
        "By video: the link appears here once the appointment is confirmed."
    )
    screenshot("booking-requested")
    assert axe_violations(page) == []
    booking = Booking.objects.get()
    assert booking.state == Booking.State.REQUESTED
    [sent] = mails_to(mailoutbox, "zoe@example.org")
    assert sent.subject == "Your appointment request has been sent"
    link = manage_link(sent)
    [asked] = mails_to(mailoutbox, practitioner.user.email)
    assert asked.subject in ("New appointment request", "Nouvelle demande de rendez-vous")
    assert f"{url}/pro/bookings/" in asked.body  # in her own language (French)

    # The practitioner, signed in, answers it.
    page.context.clear_cookies()
    sign_in(page.context, url, practitioner.user)
    page.goto(url + "/en/pro/bookings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My bookings")
    requests = page.get_by_role("region", name=re.compile("Requests to answer"))
    expect(requests).to_contain_text("(1)")
    expect(requests).to_contain_text("Zoé Durand")
    expect(requests).to_contain_text("zoe@example.org")
    expect(requests).to_contain_text("or the request expires")
    screenshot("booking-pro-request")
    assert axe_violations(page) == []
    requests.locator("summary", has_text="Decline").click()  # the optional word, then back
    expect(requests.get_by_label("A word for the patient (optional)")).to_be_visible()
    screenshot("booking-pro-decline-open")
    assert axe_violations(page) == []
    requests.get_by_role("button", name=re.compile(r"^Accept Zoé Durand")).click()

    expect(page.locator(".messages")).to_contain_text("Request accepted: the patient is told.")
    expect(requests).to_contain_text("No request waiting.")
    upcoming = page.get_by_role("region", name="Coming up")
    expect(upcoming).to_contain_text("Zoé Durand")
    screenshot("booking-pro-accepted")
    assert axe_violations(page) == []
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED
    accepted = mails_to(mailoutbox, "zoe@example.org", count=2)[-1]
    assert accepted.subject == "Your appointment is confirmed"
    assert "METHOD:REQUEST" in ics(accepted)

    # The patient's page (from the email link) shows it confirmed, with the video link.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.locator(".booking-state")).to_have_text("Confirmed")
    expect(page.get_by_role("link", name=re.compile("Join the video session"))).to_be_visible()
    expect(page.locator(".booking-history")).to_contain_text("request sent")
    expect(page.locator(".booking-history")).to_contain_text("accepted by the practitioner")
    screenshot("booking-manage-accepted")
    assert axe_violations(page) == []
