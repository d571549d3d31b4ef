# ruff: noqa: F811 - the fixtures are shared with test_notify
"""The pages of the balance: "My balance" (top up with the test card, once per form; bad input
is a clear error), the checkout's "Pay from my balance" (offered only when it covers the
price), and staff's refund of a top-up in the Wagtail admin."""

import pytest
from django.utils import timezone

from bookings.models import Booking
from payments import balance
from payments.models import Payment, TopUp
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)
from tests.factories import UserFactory
from tests.practitioners.test_onboarding import english_admin

pytestmark = pytest.mark.django_db
CARD = {"card_number": "4242 4242 4242 4242", "expiry": "04/39", "security_code": "123"}


def top_up(client, **values):
    data = {"choice": "5000", "other_amount": "", "request_key": "form-1", **CARD, **values}
    return client.post("/en/account/balance/", data)


def test_the_page_needs_an_account(client):
    response = client.get("/en/account/balance/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_patient_tops_up_and_sees_it(client, patient):
    client.force_login(patient)
    page = client.get("/en/account/balance/").content.decode()
    assert "My balance" in page and "Test mode" in page and "Top up my balance" in page
    assert "It works like a card" in page
    response = top_up(client)
    assert response.status_code == 302
    assert balance.balance_for(patient).available_cents == 5000
    # The same form sent twice (a double click) pays once.
    top_up(client)
    assert TopUp.objects.count() == 1 and balance.balance_for(patient).available_cents == 5000
    page = client.get("/en/account/balance/").content.decode()
    assert "50 €" in page or "€50" in page
    assert "Top-up by card" in page and "added to your balance" in page


def test_another_amount_within_bounds(client, patient):
    client.force_login(patient)
    assert top_up(client, choice="other", other_amount="35.50").status_code == 302
    assert balance.balance_for(patient).available_cents == 3550
    too_much = top_up(client, choice="other", other_amount="900", request_key="form-2")
    assert too_much.status_code == 400 and "Between €10 and €500." in too_much.content.decode()
    missing = top_up(client, choice="other", other_amount="", request_key="form-3")
    assert missing.status_code == 400 and "Write the amount" in missing.content.decode()
    assert balance.balance_for(patient).available_cents == 3550


def test_a_declined_card_says_so(client, patient):
    client.force_login(patient)
    response = top_up(client, card_number="4000 0000 0000 0002")
    assert response.status_code == 400
    assert "declined" in response.content.decode()
    assert balance.balance_for(patient).available_cents == 0
    # The same form again with another card and another amount: that amount is charged.
    assert top_up(client, choice="2000").status_code == 302
    assert balance.balance_for(patient).available_cents == 2000
    assert TopUp.objects.get(status=TopUp.Status.PAID).amount_cents == 2000


@pytest.mark.parametrize(
    "values",
    [
        {"choice": "abc"},
        {"choice": "999999"},
        {"choice": "-5000"},
        {"choice": "other", "other_amount": "-5"},
        {"choice": "other", "other_amount": "1e9"},
        {"request_key": ""},
        {"request_key": "x" * 500},
        {"card_number": "1234"},
    ],
)
def test_tampered_input_is_a_clear_error_never_a_500(client, patient, values):
    client.force_login(patient)
    response = top_up(client, **values)
    assert response.status_code == 400
    assert not TopUp.objects.filter(status=TopUp.Status.PAID).exists()


def test_another_patients_top_up_return_is_404(client, patient):
    topup = balance.topup_start(patient=patient, amount_cents=2000, request_key="k", now=NOW)
    client.force_login(UserFactory(email="bob@example.test"))
    assert client.get(f"/en/account/balance/top-up/{topup.reference}/").status_code == 404


# --- The checkout -------------------------------------------------------------------------------


def hold(client, claire, day=14):
    return client.post(
        "/en/book/",
        {"practitioner": claire.slug, "start": f"2026-12-{day}T09:00:00Z", "tz": "Europe/Paris"},
    )["Location"]


def test_the_checkout_offers_a_balance_that_covers_the_price(
    client, claire, consult, patient, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    topup = balance.topup_start(patient=patient, amount_cents=10000, request_key="k", now=NOW)
    balance.topup_card_entered(topup=topup, card=CARD["card_number"], now=NOW)
    client.force_login(patient)
    checkout = hold(client, claire)
    page = client.get(checkout).content.decode()
    assert "Pay from my balance" in page and "Or pay by card" in page
    done = client.post(checkout, {"use_balance": "1"})
    assert done.status_code == 302 and "/appointments/" in done["Location"]
    booking = Booking.objects.get()
    assert booking.state == Booking.State.CONFIRMED
    assert Payment.objects.get(booking=booking).gateway == "balance"
    manage = client.get(done["Location"]).content.decode()
    assert "reserved from the balance" in manage
    assert balance.balance_for(patient).available_cents == 4000


def test_a_balance_covering_part_is_explained_not_offered(
    client, claire, consult, patient, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    topup = balance.topup_start(patient=patient, amount_cents=2000, request_key="k", now=NOW)
    balance.topup_card_entered(topup=topup, card=CARD["card_number"], now=NOW)
    client.force_login(patient)
    checkout = hold(client, claire)
    page = client.get(checkout).content.decode()
    assert "does not cover this session" in page and 'name="use_balance"' not in page
    # Posting it anyway (a tampered form) is refused with the reason, nothing reserved.
    refused = client.post(checkout, {"use_balance": "1"})
    assert refused.status_code == 400 and "does not cover this session" in refused.content.decode()
    assert Booking.objects.get().state == Booking.State.HELD
    assert balance.balance_for(patient).available_cents == 2000


# --- Staff ----------------------------------------------------------------------------------------


def test_staff_refund_a_top_up_within_the_unspent_balance(client, patient, site_tree):
    topup = balance.topup_start(patient=patient, amount_cents=5000, request_key="k", now=NOW)
    balance.topup_card_entered(topup=topup, card=CARD["card_number"], now=NOW)
    staff = UserFactory(email="staff@example.test", is_staff=True, is_superuser=True)
    client.force_login(english_admin(staff))
    listing = client.get("/admin/topup/").content.decode()
    assert f"/admin/topup/refund/{topup.pk}/" in listing
    form = client.get(f"/admin/topup/refund/{topup.pk}/")
    assert form.status_code == 200 and "at most €50" in form.content.decode()
    too_much = client.post(
        f"/admin/topup/refund/{topup.pk}/", {"amount": "60", "request_key": "r1"}
    )
    assert too_much.status_code == 400 and "at most" in too_much.content.decode()
    done = client.post(f"/admin/topup/refund/{topup.pk}/", {"amount": "20", "request_key": "r2"})
    assert done.status_code == 302
    assert balance.balance_for(patient).available_cents == 3000
    # Not for staff who may not move money.
    client.force_login(UserFactory(email="editor@example.test", is_staff=True))
    assert client.get(f"/admin/topup/refund/{topup.pk}/").status_code in (302, 403)


def test_the_demo_patient_has_a_balance_and_a_referral_credit(client, site_tree):
    from io import StringIO

    from django.core.management import call_command

    from accounts.models import User

    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # twice: nothing added the second time
    patient = User.objects.get(email="patient@khepri.example")
    assert balance.balance_for(patient).available_cents == 5000  # 40 € topped up, 10 € credit
    client.force_login(patient)
    page = client.get("/en/account/balance/").content.decode()
    assert "Top-up by card" in page and "Referral credit" in page
    assert "Inès" not in page and "Roy" not in page


def test_the_agenda_lets_the_practitioner_charge_less_from_the_balance(
    client, claire, consult, patient, monkeypatch, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    topup = balance.topup_start(patient=patient, amount_cents=10000, request_key="k", now=NOW)
    balance.topup_card_entered(topup=topup, card=CARD["card_number"], now=NOW)
    from bookings import lifecycle

    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    booking = balance.booking_confirm_with_balance(booking=booking, patient=patient, now=NOW)
    after = booking.end + timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: after)
    client.force_login(claire.user)
    details = client.get(
        f"/en/pro/agenda/?view=day&date=2026-12-14&booking={booking.pk}"
    ).content.decode()
    assert "balance reserved" in details
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/en/pro/bookings/{booking.pk}/complete/", {"amount": "45"})
    assert done.status_code == 302
    payment = Payment.objects.get(booking=booking)
    assert (payment.status, payment.captured_cents) == ("captured", 4500)
    assert balance.balance_for(patient).available_cents == 5500
