# ruff: noqa: F811 - the fixtures are shared with test_booking_api
"""Paying a hold through the API every way the site does: a package, the balance, the
employer's programme, a saved card, and a card saved for a session far ahead."""

import threading
from datetime import date

import pytest
from django.db import connection
from django.test import Client

from bookings.models import Booking
from employers.models import Agreement, Company, CompanyDomain, CoveredSession, Enrolment
from payments import balance, cards, packages
from payments.models import LedgerEntry, Package, PackageOffer, PackageUse, Payment
from tests.bookings.test_booking_api import (  # noqa: F401 - fixtures
    MONDAY_9,
    MONDAY_10,
    NOW,
    TUESDAY_14,
    claire,
    frozen_now,
    hold,
    problem,
)
from tests.factories import PractitionerFactory, UserFactory

pytestmark = pytest.mark.django_db

#: A week ahead: more than KHEPRI_CARD_SAVE_BEYOND_DAYS (5), so its card is saved for later.
NEXT_MONDAY_9 = "2026-12-14T09:00:00+01:00"
CARD = "4242 4242 4242 4242"
DECLINED = "4000 0000 0000 0002"


@pytest.fixture
def patient(client):
    user = UserFactory(email="lea@example.test", first_name="Léa")
    client.force_login(user)
    return user


def offer(practitioner, sessions=5):
    return PackageOffer.objects.create(
        practitioner=practitioner, sessions=sessions, price_cents=27500, name="5 sessions"
    )


def package_for(patient, practitioner, sessions=5) -> Package:
    return packages.package_record_at_centre(
        offer=offer(practitioner, sessions), patient=patient, now=NOW
    )


def employer_for(patient, *, quota=1, cap=8000) -> Company:
    company = Company.objects.create(name="Acme", billing_email="billing@acme.example")
    CompanyDomain.objects.create(company=company, domain="acme.example")
    Agreement.objects.create(
        company=company,
        sessions_per_employee=quota,
        starts_on=date(2026, 1, 1),
        price_cap_cents=cap,
    )
    Enrolment.objects.create(user=patient, company=company, method="domain", joined_at=NOW)
    return company


def topped_up(patient, amount):
    topup = balance.topup_start(patient=patient, amount_cents=amount, request_key="t", now=NOW)
    balance.topup_card_entered(topup=topup, card=CARD, now=NOW)


def held(client, start=MONDAY_9, address="192.0.2.1"):
    response = hold(client, start, address=address)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def pay(client, hold_id, **payload):
    return client.post(
        f"/api/v1/holds/{hold_id}/payment",
        payload,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def options(client, hold_id):
    response = client.get(f"/api/v1/holds/{hold_id}/payment-options", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.content
    return response.json()


def confirm(client, hold_id):
    return client.post(
        f"/api/v1/holds/{hold_id}/confirm",
        {},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


# --- What the patient can use -------------------------------------------------------------------


def test_the_options_list_every_way_this_patient_can_pay(client, claire, patient):
    package = package_for(patient, claire)
    package_for(patient, PractitionerFactory())  # another practitioner's: not offered
    topped_up(patient, 5000)
    employer_for(patient, quota=6)
    card = cards.card_save_typed(patient=patient, number=CARD, remembered=True, now=NOW)
    body = options(client, held(client))
    assert body["payment_due"] is True and body["logged_in"] is True
    assert body["price_cents"] == 6000 and body["currency"] == "EUR"
    assert body["packages"] == [
        {
            "id": package.pk,
            "name": "5 sessions",
            "credits_left": 5,
            "expires_at": package.expires_at.isoformat().replace("+00:00", "Z"),
        }
    ]
    assert body["balance"] == {"available_cents": 5000, "covers_price": False}
    assert body["employer"] == {
        "available": True,
        "reason": "",
        "company": "Acme",
        "sessions_left": 6,
    }
    assert body["saved_cards"] == [
        {
            "id": card.pk,
            "brand": card.brand,
            "last4": "4242",
            "exp_month": card.exp_month,
            "exp_year": card.exp_year,
        }
    ]
    assert body["card"] == {"authorised": "now", "authorise_at": None, "account_needed": False}


def test_the_options_say_why_the_employer_does_not_pay(client, claire, patient):
    employer_for(patient, cap=5000)
    employer = options(client, held(client))["employer"]
    assert employer["available"] is False
    assert employer["reason"] == (
        "Your employer covers sessions priced up to €50; this one is paid by card."
    )


def test_the_options_of_someone_in_no_programme_or_not_logged_in(client, claire, patient):
    hold_id = held(client)
    assert options(client, hold_id)["employer"] == {
        "available": False,
        "reason": "You are not in an employer programme that covers this session's date.",
        "company": "",
        "sessions_left": 0,
    }
    client.logout()
    body = options(client, hold_id)
    assert body["logged_in"] is False and body["packages"] == [] and body["balance"] is None
    assert body["employer"]["reason"] == "Log in to use your employer's programme."


def test_the_options_of_a_session_far_ahead_say_when_the_card_is_authorised(
    client, claire, patient
):
    card = options(client, held(client, NEXT_MONDAY_9))["card"]
    # Three days (KHEPRI_CARD_AUTHORISE_DAYS_BEFORE) before 14 December 09:00 in Paris, in UTC.
    assert card == {
        "authorised": "later",
        "authorise_at": "2026-12-11T08:00:00Z",
        "account_needed": True,
    }


def test_a_free_session_has_nothing_due(client, claire, patient):
    claire.session_types.update(price_cents=0)
    body = options(client, held(client))
    assert body["payment_due"] is False and body["card"] is None
    assert body["detail"] == "This session is free: confirm it directly."


def test_options_of_an_unknown_or_released_hold(client, claire, patient):
    problem(client.get("/api/v1/holds/nope/payment-options"), 404)
    hold_id = held(client)
    Booking.objects.update(state="expired")
    problem(client.get(f"/api/v1/holds/{hold_id}/payment-options"), 410)


# --- A package ---------------------------------------------------------------------------------


def test_a_package_pays_and_confirms_and_a_replay_takes_nothing_more(client, claire, patient):
    package = package_for(patient, claire)
    hold_id = held(client)
    response = pay(client, hold_id, method="package", package_id=package.pk)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "confirmed" and body["paid_with"] == "package"
    assert body["id"] == hold_id and body["token"]
    again = pay(client, hold_id, method="package", package_id=package.pk)
    assert again.status_code == 201 and again.json()["token"] == body["token"]
    package.refresh_from_db()
    assert package.credits_remaining == 4 and PackageUse.objects.count() == 1
    # The confirm endpoint answers the same booking (as the site's confirmation page).
    confirmed = confirm(client, hold_id)
    assert confirmed.status_code == 201 and confirmed.json()["state"] == "confirmed"
    assert not Payment.objects.exists()


def test_package_refusals(client, claire, patient):
    hold_id = held(client)
    other_patients = package_for(UserFactory(), claire)
    assert "package_id" in problem(pay(client, hold_id, method="package"), 400)["detail"]
    for package_id in (other_patients.pk, 999999):
        body = problem(pay(client, hold_id, method="package", package_id=package_id), 404)
        assert body["detail"] == "You have no package with this id."
    elsewhere = package_for(patient, PractitionerFactory())
    body = problem(pay(client, hold_id, method="package", package_id=elsewhere.pk), 402)
    assert body["detail"] == "This package is for another practitioner's sessions."
    used_up = package_for(patient, claire, sessions=1)
    Package.objects.filter(pk=used_up.pk).update(credits_remaining=0)
    body = problem(pay(client, hold_id, method="package", package_id=used_up.pk), 402)
    assert "no session left" in body["detail"]
    assert Booking.objects.get().state == "held" and not PackageUse.objects.exists()
    problem(pay(client, hold_id, method="package", package_id="abc"), 400)


@pytest.mark.parametrize("tampered", [-1, 0, 2**63, 2**80, "1; DROP", [1], 1.5])
def test_tampered_ids_are_a_clear_4xx(client, claire, patient, tampered):
    hold_id = held(client)
    for field in ("package_id", "saved_card_id"):
        method = "package" if field == "package_id" else "card"
        response = pay(client, hold_id, method=method, **{field: tampered})
        assert 400 <= response.status_code < 500, response.content
        assert response["Content-Type"] == "application/problem+json"
    assert Booking.objects.get().state == "held"


def test_other_ways_than_a_card_need_a_login(client, claire):
    hold_id = held(client)
    for method in ("package", "balance", "employer"):
        body = problem(pay(client, hold_id, method=method, package_id=1), 403)
        assert body["login_url"].endswith("/accounts/login/")


def test_a_method_not_in_the_list_is_400(client, claire, patient):
    body = problem(pay(client, held(client), method="cash"), 400)
    assert "method" in body["detail"]


def test_a_time_held_for_someone_else_takes_no_credit(client, claire, patient):
    package = package_for(patient, claire)
    hold_id = held(client)
    Booking.objects.update(patient=UserFactory())
    body = problem(pay(client, hold_id, method="package", package_id=package.pk), 422)
    assert body["detail"] == "This time is held for someone else."
    package.refresh_from_db()
    assert package.credits_remaining == 5


@pytest.mark.django_db(transaction=True)
def test_one_credit_and_five_payments_at_once_make_exactly_one(site_tree, claire, frozen_now):
    patient = UserFactory(email="lea@example.test")
    package = package_for(patient, claire, sessions=1)
    starts = [MONDAY_9, MONDAY_10, TUESDAY_14, "2026-12-08T15:00:00+01:00", NEXT_MONDAY_9]
    hold_ids = [held(Client(), start, address=f"192.0.2.{n}") for n, start in enumerate(starts)]
    barrier = threading.Barrier(len(hold_ids))
    statuses, errors = [], []

    def pay_at_once(hold_id):
        browser = Client()
        browser.force_login(patient)
        try:
            barrier.wait()
            statuses.append(
                pay(browser, hold_id, method="package", package_id=package.pk).status_code
            )
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=pay_at_once, args=(h,)) for h in hold_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(statuses) == [201, 402, 402, 402, 402]
    package.refresh_from_db()
    assert package.credits_remaining == 0 and PackageUse.objects.count() == 1
    assert Booking.objects.filter(state="confirmed").count() == 1


# --- The balance --------------------------------------------------------------------------------


def test_the_balance_pays_and_confirms_once(client, claire, patient):
    topped_up(patient, 10000)
    hold_id = held(client)
    response = pay(client, hold_id, method="balance")
    assert response.status_code == 201, response.content
    assert response.json()["paid_with"] == "balance"
    assert pay(client, hold_id, method="balance").status_code == 201
    assert balance.balance_for(patient).available_cents == 4000
    assert LedgerEntry.objects.filter(kind="balance_reserve").count() == 2  # one movement, 2 rows
    # A card asked for afterwards answers the balance's payment, nothing more.
    again = pay(client, hold_id, card_number=CARD)
    assert again.status_code == 200 and again.json()["gateway"] == "balance"
    assert Payment.objects.count() == 1


def test_a_balance_too_short_is_402_and_the_card_still_pays(client, claire, patient):
    topped_up(patient, 5000)
    hold_id = held(client)
    body = problem(pay(client, hold_id, method="balance"), 402)
    assert "balance" in body["detail"].lower()
    assert pay(client, hold_id, card_number=CARD).json()["status"] == "authorised"
    assert confirm(client, hold_id).status_code == 201


def test_the_balance_after_an_authorised_card_is_409(client, claire, patient):
    topped_up(patient, 10000)
    hold_id = held(client)
    assert pay(client, hold_id, card_number=CARD).json()["status"] == "authorised"
    body = problem(pay(client, hold_id, method="balance"), 409)
    assert body["detail"] == "This session is already paid."
    assert balance.balance_for(patient).available_cents == 10000


# --- The employer -------------------------------------------------------------------------------


def test_the_employer_pays_and_confirms_once(client, claire, patient):
    employer_for(patient, quota=1)
    hold_id = held(client)
    response = pay(client, hold_id, method="employer")
    assert response.status_code == 201, response.content
    assert response.json()["paid_with"] == "employer"
    assert pay(client, hold_id, method="employer").status_code == 201
    assert CoveredSession.objects.count() == 1
    # The quota is used: the next hold is refused, in a sentence.
    body = problem(pay(client, held(client, MONDAY_10), method="employer"), 402)
    assert body["detail"] == (
        "You have used this year's sessions paid by your employer. Pay by card instead."
    )


def test_the_employer_refuses_someone_not_enrolled_or_a_session_above_the_cap(
    client, claire, patient
):
    hold_id = held(client)
    body = problem(pay(client, hold_id, method="employer"), 402)
    assert body["detail"] == "You are not in an employer programme."
    employer_for(patient, cap=5000)
    body = problem(pay(client, hold_id, method="employer"), 402)
    assert "up to €50" in body["detail"]
    assert not CoveredSession.objects.exists()


# --- Cards --------------------------------------------------------------------------------------


def test_a_saved_card_is_authorised_now_then_confirmed(client, claire, patient):
    card = cards.card_save_typed(patient=patient, number=CARD, remembered=True, now=NOW)
    hold_id = held(client)
    body = pay(client, hold_id, saved_card_id=card.pk).json()
    assert body["status"] == "authorised" and body["saved_card_id"] == card.pk
    assert body["booking_state"] == "held"
    assert pay(client, hold_id, saved_card_id=card.pk).json()["status"] == "authorised"
    assert confirm(client, hold_id).status_code == 201
    assert Payment.objects.get().authorised_cents == 6000


@pytest.mark.parametrize("start", [MONDAY_9, NEXT_MONDAY_9])
def test_a_card_step_started_before_logging_in_is_paid_by_the_saved_card(client, claire, start):
    hold_id = held(client, start)
    if start == MONDAY_9:
        assert pay(client, hold_id).json()["status"] == "pending"  # no card yet, no account
    user = UserFactory()
    client.force_login(user)
    card = cards.card_save_typed(patient=user, number=CARD, remembered=True, now=NOW)
    body = pay(client, hold_id, saved_card_id=card.pk).json()
    assert body["status"] in ("authorised", "card_saved") and body["saved_card_id"] == card.pk
    assert confirm(client, hold_id).status_code == 201
    assert Payment.objects.get().patient == user


def test_another_patients_or_an_unknown_card_is_404(client, claire, patient):
    someone_elses = cards.card_save_typed(
        patient=UserFactory(), number=CARD, remembered=True, now=NOW
    )
    hold_id = held(client)
    for card_id in (someone_elses.pk, 999999):
        body = problem(pay(client, hold_id, saved_card_id=card_id), 404)
        assert body["detail"] == "This card is no longer saved: choose another one."
    assert not Payment.objects.exists()


def test_a_saved_card_needs_a_login(client, claire):
    problem(pay(client, held(client), saved_card_id=1), 403)


def test_a_session_far_ahead_saves_the_card_and_is_confirmed(client, claire, patient):
    hold_id = held(client, NEXT_MONDAY_9)
    declined = problem(pay(client, hold_id, card_number=DECLINED), 402)
    assert "declined" in declined["detail"]
    response = pay(client, hold_id, card_number=CARD)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "card_saved" and body["booking_state"] == "confirmed"
    assert body["authorise_at"] == "2026-12-11T08:00:00Z"
    payment = Payment.objects.get()
    assert payment.status == "card_saved" and payment.authorised_cents == 0
    assert payment.scheduled.due_at.isoformat() == "2026-12-11T08:00:00+00:00"
    assert not LedgerEntry.objects.filter(payment=payment).exists()  # a card saved is no money
    # Called again: the same payment; the confirm endpoint answers the booking.
    assert pay(client, hold_id, card_number=CARD).json()["status"] == "card_saved"
    confirmed = confirm(client, hold_id)
    assert confirmed.status_code == 201 and confirmed.json()["state"] == "confirmed"
    assert Payment.objects.count() == 1


def test_a_session_far_ahead_with_a_saved_card(client, claire, patient):
    card = cards.card_save_typed(patient=patient, number=CARD, remembered=True, now=NOW)
    body = pay(client, held(client, NEXT_MONDAY_9), saved_card_id=card.pk).json()
    assert body["status"] == "card_saved" and body["saved_card_id"] == card.pk


def test_a_session_far_ahead_needs_a_login_or_a_card(client, claire, patient):
    hold_id = held(client, NEXT_MONDAY_9)
    assert "card_number" in problem(pay(client, hold_id), 400)["detail"]
    client.logout()
    body = problem(pay(client, hold_id, card_number=CARD), 403)
    assert "more than 5 days ahead" in body["detail"] and body["login_url"]
    assert not Payment.objects.exists()


def test_openapi_documents_the_ways_to_pay(client):
    schema = client.get("/api/v1/openapi.json").json()
    payment = schema["paths"]["/api/v1/holds/{hold_id}/payment"]["post"]
    assert {"200", "201", "402", "403", "404", "409", "410", "422"} <= set(payment["responses"])
    assert "**package**" in payment["description"]
    method = schema["components"]["schemas"]["PaymentIn"]["properties"]["method"]
    assert method["enum"] == ["card", "package", "balance", "employer"]
    assert "/api/v1/holds/{hold_id}/payment-options" in schema["paths"]
    assert "PaymentOptionsOut" in schema["components"]["schemas"]


def test_with_stripe_a_session_far_ahead_answers_a_setup_intent_then_confirm_keeps_the_card(
    client, claire, patient, settings, monkeypatch
):
    """Stripe.js saves the card (a SetupIntent, recorded answers: localstripe refuses a payment
    method on SetupIntents); confirming with its id keeps the card and confirms the booking."""
    from payments.models import PaymentCustomer
    from tests.payments.test_stripe_cards import RecordedSetup

    settings.KHEPRI_PAYMENT_GATEWAY = "stripe"
    settings.STRIPE_SECRET_KEY = "sk_test_recorded"
    recorded = RecordedSetup()
    monkeypatch.setattr("payments.gateways.stripe.client", lambda: recorded)
    PaymentCustomer.objects.create(
        patient=patient, gateway="stripe", reference="cus_recorded", created_at=NOW
    )
    hold_id = held(client, NEXT_MONDAY_9)
    body = pay(client, hold_id).json()
    assert body["intent"] == "setup" and body["client_secret"] == "seti_1QabcDEF_secret_xyz"
    assert body["authorise_at"] == "2026-12-11T08:00:00Z" and body["booking_state"] == "held"
    # The card form is not done yet: nothing is kept, the hold waits.
    refused = confirm_with(client, hold_id, setup_intent="seti_1QabcDEF")
    problem(refused, 402)
    assert problem(confirm_with(client, hold_id, setup_intent="pi_123"), 400)
    recorded.status = "succeeded"
    confirmed = confirm_with(client, hold_id, setup_intent="seti_1QabcDEF")
    assert confirmed.status_code == 201, confirmed.content
    assert confirmed.json()["state"] == "confirmed"
    payment = Payment.objects.get()
    assert payment.status == "card_saved" and payment.saved_card.reference == "pm_1QsavedVisa"
    assert payment.scheduled.due_at.isoformat() == "2026-12-11T08:00:00+00:00"


def confirm_with(client, hold_id, **payload):
    return client.post(
        f"/api/v1/holds/{hold_id}/confirm",
        payload,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_minor_pays_with_a_package_giving_the_guardians_consent_in_the_payment(client, claire):
    minor = UserFactory(email="teen@example.test", is_minor=True)
    client.force_login(minor)
    package = package_for(minor, claire)
    hold_id = held(client)
    refused = pay(client, hold_id, method="package", package_id=package.pk)
    assert refused.status_code == 422, "no consent on file and none given"
    guardian = {
        "guardian_name": "Marie Durand",
        "guardian_contact": "marie@example.test",
        "guardian_consent": True,
    }
    paid = pay(client, hold_id, method="package", package_id=package.pk, **guardian)
    assert paid.status_code == 201, paid.content
    assert paid.json()["state"] == "confirmed"
    minor.refresh_from_db()
    assert minor.guardian_consent_at is not None and minor.guardian_name == "Marie Durand"
    half = pay(client, held(client, start="2026-12-08T14:00:00Z"), method="balance",
               guardian_name="Marie Durand")  # fmt: skip
    assert half.status_code == 400, "a guardian's fields come together or not at all"
