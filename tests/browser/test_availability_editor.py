"""A practitioner sets their availability in Chromium: weekly hours with a preview, the week
grid, a day off, a phone screen, without JavaScript, and axe-core on every page of the space."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from bookings import services
from bookings.calendars import MESSAGE_REFUSED
from bookings.models import ExternalCalendar, TimeOff, WeeklySchedule
from practitioners.models import Practitioner

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def practitioner(live_site):
    user = User.objects.create_user(email="claire@example.org", password="a-long-password-1")
    practitioner = Practitioner.objects.create(
        user=user,
        slug="claire-martin",
        legal_name="Claire Martin",
        time_zone="Europe/Paris",
        status="active",
    )
    services.agenda_setup(practitioner=practitioner)
    return practitioner


def sign_in(context, live_site, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_site.url}]
    )


@pytest.fixture
def signed_in(live_site, page, practitioner):
    sign_in(page.context, live_site, practitioner.user)
    return page


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def test_a_practitioner_sets_weekly_hours_previews_them_and_takes_a_day_off(
    live_site, signed_in, practitioner, screenshot
):
    page = signed_in
    page.goto(live_site.url + "/en/pro/availability/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your availability")
    screenshot("availability-overview-empty")

    page.get_by_role("link", name="Add a weekly schedule").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New weekly schedule")
    monday = page.get_by_role("group", name="Monday")
    monday.get_by_label("From").first.fill("09:00")
    monday.get_by_label("to").first.fill("12:00")
    thursday = page.get_by_role("group", name="Thursday")
    thursday.get_by_label("From").first.fill("14:00")
    thursday.get_by_label("to").first.fill("18:00")
    screenshot("availability-editor")

    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#preview")
    expect(preview).to_be_visible()
    expect(preview.locator(".slot-times li").first).to_be_visible()
    assert preview.locator(".slot-times li").count() >= 4 + 3  # ≥ one Monday and one Thursday
    assert WeeklySchedule.objects.count() == 0  # a preview saves nothing
    expect(monday.get_by_label("From").first).to_have_value("09:00")
    screenshot("availability-editor-preview")

    preview.get_by_role("button", name="Save these hours").click()
    expect(page.get_by_role("status")).to_contain_text("is saved")
    blocks = page.locator(".week-grid__block")
    expect(blocks).to_have_count(2)
    expect(blocks.first).to_contain_text("09:00")
    expect(page.locator("#schedules-title")).to_be_visible()
    assert page.locator(".panel--next .slot-times li").count() >= 4 + 3
    screenshot("availability-overview")

    page.get_by_role("navigation", name="Availability").get_by_role(
        "link", name="Dates and time off"
    ).click()
    day = timezone.localdate() + timedelta(days=3)
    page.get_by_label("First day").fill(day.isoformat())
    page.get_by_label("Note (only for you)").fill("Formation")
    page.get_by_role("button", name="Add this time off").click()
    expect(page.get_by_role("status")).to_contain_text("time off is saved")
    expect(page.locator(".date-list")).to_contain_text("Formation")
    assert TimeOff.objects.filter(practitioner=practitioner, all_day=True).count() == 1

    page.get_by_label("Date", exact=True).fill((day + timedelta(days=7)).isoformat())
    page.get_by_label("I do not work that day").check()
    expect(page.get_by_role("group", name="Hours that day")).to_be_hidden()
    page.get_by_role("button", name="Save this date").click()
    expect(page.get_by_role("status")).to_contain_text("are saved")
    expect(page.locator(".date-list").first).to_contain_text("Not working")
    screenshot("availability-dates")

    page.get_by_role("link", name="Calendars").click()
    page.get_by_role("button", name="Copy the address").click()
    expect(page.locator("[data-copy-status]")).to_have_text("Copied")


def test_adding_hours_and_copying_monday_with_the_script(live_site, signed_in, practitioner):
    page = signed_in
    page.goto(live_site.url + "/en/pro/availability/schedules/new/")
    monday = page.get_by_role("group", name="Monday")
    expect(monday.locator("[data-range-row]:visible")).to_have_count(1)

    monday.get_by_role("button", name="Add hours on Monday").click()
    expect(monday.locator("[data-range-row]:visible")).to_have_count(2)
    expect(monday.locator("[data-range-row]:visible input").nth(2)).to_be_focused()
    monday.get_by_label("From").first.fill("09:00")
    monday.get_by_label("to").first.fill("12:00")
    monday.get_by_label("From").nth(1).fill("14:00")
    monday.get_by_label("to").nth(1).fill("18:00")
    for _ in range(2):  # past the three rows drawn by the server: the script clones one
        monday.get_by_role("button", name="Add hours on Monday").click()
    expect(monday.locator("[data-range-row]:visible")).to_have_count(4)
    monday.locator("[data-range-row]").nth(3).locator("input").first.fill("19:00")
    monday.locator("[data-range-row]").nth(3).locator("input").nth(1).fill("20:00")

    page.get_by_role("button", name="Copy Monday to Tuesday–Friday").click()
    expect(page.locator("[data-status]")).to_have_text(re.compile("copied to Tuesday"))
    friday = page.get_by_role("group", name="Friday")
    expect(friday.locator("[data-range-row]:visible")).to_have_count(3)
    expect(friday.locator("input").nth(4)).to_have_value("19:00")
    expect(page.get_by_role("group", name="Saturday").locator("input").first).to_have_value("")

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".week-grid__block")).to_have_count(15)


def test_errors_are_shown_next_to_the_fields_and_in_a_summary(live_site, signed_in, screenshot):
    page = signed_in
    page.goto(live_site.url + "/en/pro/availability/schedules/new/")
    tuesday = page.get_by_role("group", name="Tuesday")
    tuesday.get_by_label("From").first.fill("12:00")
    tuesday.get_by_label("to").first.fill("09:00")
    page.get_by_role("button", name="Save", exact=True).click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Tuesday, hours 1")
    end = page.get_by_role("group", name="Tuesday").get_by_label("to").first
    expect(end).to_have_value("09:00")
    expect(end).to_have_attribute("aria-invalid", "true")
    expect(end).to_have_accessible_description(re.compile("must be after the start"))
    summary.get_by_role("link").first.click()
    expect(end).to_be_focused()
    assert axe_violations(page) == []
    screenshot("availability-editor-errors")


def test_the_space_fits_a_phone(live_site, signed_in, practitioner, screenshot):
    services.weekly_schedule_save(
        practitioner=practitioner,
        name="Semaine type",
        ranges=[
            services.RangeInput(0, *map(_time, ("09:00", "12:00"))),
            services.RangeInput(0, *map(_time, ("14:00", "18:00"))),
            services.RangeInput(3, *map(_time, ("14:00", "18:00"))),
            services.RangeInput(5, *map(_time, ("09:30", "10:15"))),
        ],
    )
    page = signed_in
    page.set_viewport_size(PHONE)
    for name, path in [
        ("availability-overview-phone", "/pro/availability/"),
        ("availability-editor-phone", "/pro/availability/schedules/new/"),
        ("availability-dates-phone", "/pro/availability/dates/"),
        ("availability-calendars-phone", "/pro/availability/calendars/"),
    ]:
        page.goto(live_site.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        screenshot(name)


def test_the_editor_works_without_javascript(live_site, browser, practitioner):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    sign_in(context, live_site, practitioner.user)
    page = context.new_page()
    page.goto(live_site.url + "/en/pro/availability/schedules/new/")
    wednesday = page.get_by_role("group", name="Wednesday")
    expect(wednesday.locator("[data-range-row]:visible")).to_have_count(3)
    expect(page.get_by_role("button", name="Add hours on Wednesday")).to_be_hidden()
    wednesday.get_by_label("From").nth(0).fill("08:00")
    wednesday.get_by_label("to").nth(0).fill("10:00")
    wednesday.get_by_label("From").nth(2).fill("16:00")
    wednesday.get_by_label("to").nth(2).fill("17:00")

    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview .slot-times li").first).to_be_visible()
    page.get_by_role("button", name="Save these hours").click()

    expect(page.locator(".week-grid__block")).to_have_count(2)
    context.close()


def test_every_page_of_the_space_has_no_accessibility_violations(
    live_site, signed_in, practitioner, screenshot
):
    schedule = services.weekly_schedule_save(
        practitioner=practitioner,
        name="Semaine type",
        ranges=[services.RangeInput(day, _time("09:00"), _time("12:00")) for day in range(5)],
    )
    services.weekly_schedule_save(
        practitioner=practitioner,
        name="Une semaine sur deux",
        ranges=[services.RangeInput(2, _time("14:00"), _time("19:00"))],
        every_weeks=2,
    )
    services.time_off_add(
        practitioner=practitioner,
        first_day=timezone.localdate() + timedelta(days=4),
        last_day=timezone.localdate() + timedelta(days=5),
        label="Congrès",
    )
    services.date_override_set(
        practitioner=practitioner,
        day=timezone.localdate() + timedelta(days=8),
        ranges=[(_time("10:00"), _time("13:00"))],
    )
    now = timezone.now()
    ExternalCalendar.objects.create(
        practitioner=practitioner,
        name="Cabinet",
        url="https://calendar.example.org/cabinet.ics",
        status=ExternalCalendar.Status.OK,
        last_attempt_at=now,
        last_success_at=now,
        busy_count=12,
    )
    ExternalCalendar.objects.create(
        practitioner=practitioner,
        name="Doctolib",
        url="https://calendar.example.org/doctolib.ics",
        status=ExternalCalendar.Status.ERROR,
        last_attempt_at=now,
        last_error=str(MESSAGE_REFUSED % {"status": 403}),
    )
    page = signed_in
    failures = {}
    for name, path in [
        ("overview", "/pro/availability/"),
        ("schedule", f"/pro/availability/schedules/{schedule.pk}/"),
        ("schedule-new", "/pro/availability/schedules/new/"),
        ("dates", "/pro/availability/dates/"),
        ("session-type", "/pro/availability/session-types/new/"),
        ("calendars", "/pro/availability/calendars/"),
        ("overview-en", "/en/pro/availability/"),
        ("schedule-new-en", "/en/pro/availability/schedules/new/"),
    ]:
        page.goto(live_site.url + path)
        screenshot(f"availability-a11y-{name}")
        if violations := axe_violations(page):
            failures[path] = violations
    page.goto(live_site.url + f"/pro/availability/schedules/{schedule.pk}/")
    page.locator("button[value=preview]").click()
    expect(page.locator("#preview")).to_be_visible()
    if violations := axe_violations(page):
        failures["preview"] = violations
    page.emulate_media(color_scheme="dark")
    page.goto(live_site.url + "/pro/availability/")
    screenshot("availability-overview-dark")
    if violations := axe_violations(page):
        failures["dark"] = violations
    assert failures == {}


def _time(text: str):
    from datetime import time

    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))
