"""A patient downloads their data and deletes their account, in Chromium on a phone: the file
arrives and is theirs, the refusal and the confirmation read well, zero axe-core violations."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from bookings.models import Booking
from tests.accounts.conftest import EMAIL, PASSWORD
from tests.bookings.test_booking_browser import PHONE, axe_violations, fits, sign_in
from tests.factories import BookingFactory

pytestmark = pytest.mark.browser


def test_download_then_delete_my_account_on_a_phone(
    live_site, page, context, screenshot, patient, claire
):
    past = timezone.now() - timedelta(days=10)
    BookingFactory(practitioner=claire, patient=patient, start=past, state=Booking.State.COMPLETED)
    upcoming = BookingFactory(
        practitioner=claire,
        patient=patient,
        start=timezone.now() + timedelta(days=5),
        state=Booking.State.CONFIRMED,
    )
    sign_in(context, live_site.url, patient)
    page.set_viewport_size(PHONE)

    # The account menu leads to the page.
    page.goto(f"{live_site.url}/en/account/profile/")
    page.get_by_role("link", name="My data", exact=True).first.click()
    page.wait_for_url("**/en/account/data/")
    assert fits(page, PHONE["width"])
    # An upcoming session: deletion is refused, with where to cancel it.
    assert page.get_by_text("You have a session still planned").is_visible()
    assert page.get_by_role("link", name="My appointments").last.is_visible()
    screenshot("my-data-refused-phone")
    assert axe_violations(page) == []

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download my data").click()
    download = waiting.value
    assert download.suggested_filename.startswith("khepri-my-data-")
    data = json.loads(download.path().read_text(encoding="utf-8"))
    assert data["profile"]["email"] == EMAIL and len(data["bookings"]) == 2

    Booking.objects.filter(pk=upcoming.pk).update(state=Booking.State.CANCELLED_BY_PATIENT)
    page.reload()
    screenshot("my-data-phone")
    page.get_by_role("link", name="Delete my account…").click()
    page.wait_for_url("**/en/account/data/delete/")
    page.get_by_role("button", name="Delete my account for good").click()
    assert page.get_by_text("Some information needs your attention").is_visible()
    assert fits(page, PHONE["width"])
    screenshot("account-delete-errors-phone")
    assert axe_violations(page) == []

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Delete my account for good").click()
    page.wait_for_url("**/en/account/deleted/")
    assert page.get_by_role("heading", name="Your account is deleted").is_visible()
    assert page.get_by_role("link", name="Log in").first.is_visible()  # logged out
    screenshot("account-deleted-phone")
    assert axe_violations(page) == []
    assert User.objects.get(pk=patient.pk).erased_at is not None
