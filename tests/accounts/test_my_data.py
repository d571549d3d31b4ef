"""A patient's copy of their data (export) and the erasure of their account."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from accounts import selectors, services
from accounts.models import User
from bookings import lifecycle
from bookings.models import Booking
from employers.models import Enrolment
from invoices.models import Document
from notifications.models import OutboundMessage
from payments import services as payments
from payments.models import OfflineCard, Payment, SavedCard
from tests.accounts.conftest import (
    CARD,
    EMAIL,
    FIRST,
    LAST,
    NOW,
    PASSWORD,
    PHONE,
    paris,
    personal_values,
    refreshed,
    refund_the_balance,
)
from tests.factories import BookingFactory, UserFactory

pytestmark = pytest.mark.django_db


def download(client, user) -> tuple[dict, str]:
    client.force_login(user)
    response = client.get("/en/account/data/download.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="khepri-my-data-')
    text = response.content.decode("utf-8")
    return json.loads(text), text


# --- Export ----------------------------------------------------------------------------------


def test_the_export_holds_each_category_and_only_hers(client, patient, other, history):
    data, text = download(client, patient)

    assert data["time_zone"] == "Europe/Paris"
    assert data["profile"]["email"] == EMAIL and data["profile"]["last_name"] == LAST
    assert data["profile"]["phone"] == PHONE
    assert data["email_addresses"] == [{"email": EMAIL, "primary": True, "verified": True}]
    assert data["consents"]["guardian_name"] == f"Maman {LAST}"
    references = [row["reference"] for row in data["bookings"]]
    assert str(history.session.reference) in references and len(references) == 2
    session = next(r for r in data["bookings"] if r["reference"] == str(history.session.reference))
    # UTC with its local time beside it (10:00 in Paris in December is 09:00 UTC).
    assert session["start"] == "2026-12-14T09:00:00Z"
    assert session["start_local"] == "2026-12-14T10:00:00+01:00"
    assert session["state"] == "completed" and session["history"]
    assert [p["status"] for p in data["payments"]] == ["captured"]
    assert data["packages"][0]["sessions_total"] == 3
    assert data["packages"][0]["credits_remaining"] == 2
    assert len(data["packages"][0]["uses"]) == 1
    assert data["balance"]["available_cents"] == 2000
    assert data["balance"]["top_ups"][0]["amount"]["amount_cents"] == 2000
    assert data["balance"]["history"][0]["change_cents"] == 2000
    assert data["saved_cards"] == [
        {
            "brand": data["saved_cards"][0]["brand"],
            "last4": "4242",
            "expires": data["saved_cards"][0]["expires"],
            "saved_at": data["saved_cards"][0]["saved_at"],
            "removed_at": None,
        }
    ]
    assert data["employer"]["enrolments"][0]["company"] == "Acme Industries"
    assert data["referrals"]["signed_up_with_a_referral_link_at"] == "2026-12-07T06:00:00Z"
    numbers = {row["number"] for row in data["fee_notes"]}
    assert numbers == set(Document.objects.filter(patient=patient).values_list("number", flat=True))
    assert numbers and all(row["pdf"].endswith(".pdf") for row in data["fee_notes"])
    kinds = {row["kind"] for row in data["messages_sent_to_you"]}
    assert "booking.reminder" in kinds and len(kinds) > 1

    # Nothing of the other patient (not even who referred her), no secret, no message body.
    other_booking = str(history.other_session.reference)
    for value in (other.email, other.last_name, other_booking, history.session.token):
        assert value not in text
    assert "à demain" not in text
    assert "client_secret" not in text and "gateway_reference" not in text
    # Session notes are the practitioner's record: said, never exported.
    assert "Session notes are not included" in data["about"]


def test_the_export_page_explains_and_links_the_download(client, patient):
    client.force_login(patient)
    page = client.get("/en/account/data/").content.decode()
    assert "/en/account/data/download.json" in page
    assert "session notes are not in it" in page
    assert "/en/account/data/delete/" in page
    assert 'href="/en/account/data/"' in client.get("/en/account/profile/").content.decode()


def test_the_export_and_deletion_need_a_login(client):
    for url in ("/en/account/data/", "/en/account/data/download.json", "/en/account/data/delete/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Refusals ---------------------------------------------------------------------------------


def post_delete(client, user, password=PASSWORD, confirm="on"):
    client.force_login(user)
    data = {"password": password}
    if confirm:
        data["confirm"] = confirm
    return client.post("/en/account/data/delete/", data)


def test_an_upcoming_session_refuses_the_erasure_and_says_where_to_cancel(client, patient, consult):
    BookingFactory(
        practitioner=consult.practitioner,
        patient=patient,
        start=timezone.now() + timedelta(days=3),
        state=Booking.State.CONFIRMED,
    )

    response = post_delete(client, patient)
    page = response.content.decode()
    assert response.status_code == 400
    assert "You have a session still planned. Cancel it first" in page
    with override("en"):
        assert f'href="{reverse("bookings:my_bookings")}"' in page
    assert refreshed(patient).erased_at is None and refreshed(patient).email == EMAIL


def test_an_unsettled_card_payment_refuses_the_erasure(patient, consult):
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    payment = payments.payment_start(booking=booking, patient=patient, now=NOW)
    payment = payments.payment_card_entered(payment=payment, card=CARD, now=NOW)
    payments.payment_after_provider(payment=payment, now=NOW)
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.AUTHORISED

    with pytest.raises(services.ErasureRefused) as refused:
        services.account_erase(user=patient, now=timezone.now())
    messages = [blocker.message for blocker in refused.value.blockers]
    assert any(m.startswith("A card payment is not settled yet") for m in messages)
    assert refreshed(patient).erased_at is None


def test_a_package_purchase_being_confirmed_refuses_the_erasure(patient, consult):
    from payments import packages
    from payments.models import PackageOffer

    offer = PackageOffer.objects.create(
        practitioner=consult.practitioner, name="5 sessions", sessions=5, price_cents=27500
    )
    packages.package_purchase_start(offer=offer, patient=patient, request_key="form-1", now=NOW)
    # The card may be confirmed in the provider's form with the page closed before coming back
    # (nothing tells us): the purchase blocks from its start, while it may still be completed.
    with pytest.raises(services.ErasureRefused) as refused:
        services.account_erase(user=patient, now=NOW)
    messages = [blocker.message for blocker in refused.value.blockers]
    assert "A package purchase is being confirmed. Try again in a few minutes." in messages
    assert selectors.erasure_blockers(user=patient, now=NOW + timedelta(days=7)) == []


def test_money_left_on_the_balance_refuses_until_refunded(client, patient, history):
    response = post_delete(client, patient)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Your balance still holds money you paid in" in page
    # What would be lost is said before anything happens.
    assert "2 unused sessions are lost" in client.get("/en/account/data/").content.decode()
    assert refreshed(patient).erased_at is None

    refund_the_balance(history)
    assert selectors.erasure_blockers(user=patient, now=timezone.now()) == []


def test_a_wrong_password_or_no_confirmation_erases_nothing(client, patient):
    response = post_delete(client, patient, password="not-it")
    assert (
        response.status_code == 400 and "This password is not right." in response.content.decode()
    )
    response = post_delete(client, patient, confirm=None)
    assert response.status_code == 400
    assert refreshed(patient).erased_at is None


def test_a_practitioners_account_is_not_erased_here(client, claire):
    claire.user.set_password(PASSWORD)
    claire.user.save()
    response = post_delete(client, claire.user)
    assert "used to work on Khepri" in response.content.decode()
    assert refreshed(claire.user).is_active


# --- Erasure ---------------------------------------------------------------------------------


def text_rows_holding(values: list[str]) -> list[str]:
    """Every text-like value (char, text, email, JSON) of every model that still holds one of
    `values`: a future model that keeps a copy of the patient's data is caught here."""
    found = []
    needles = [value.lower() for value in values]
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields or model._meta.proxy:
            continue
        for row in model._base_manager.values("pk", *fields).iterator():
            for name in fields:
                value = row[name]
                if isinstance(value, dict | list):
                    value = json.dumps(value, ensure_ascii=False)
                text = str(value or "").lower()
                if any(needle in text for needle in needles):
                    found.append(f"{model._meta.label}.{name} (pk={row['pk']})")
    return found


def test_after_erasure_nothing_personal_remains_anywhere_but_the_fee_notes(
    client, patient, history, claire, django_capture_on_commit_callbacks
):
    refund_the_balance(history)
    # Before: her data is found in many places (the scan really looks).
    before = text_rows_holding(personal_values())
    assert any(row.startswith("accounts.User.") for row in before)
    assert any(row.startswith("notifications.OutboundMessage.") for row in before)
    documents = set(Document.objects.filter(patient=patient).values_list("pk", flat=True))
    assert documents

    with django_capture_on_commit_callbacks(execute=True):
        response = post_delete(client, patient)
    assert response.status_code == 302 and response["Location"] == "/en/account/deleted/"
    goodbye = client.get(response["Location"])
    assert "Your account is deleted" in goodbye.content.decode()
    assert "_auth_user_id" not in client.session

    # Only the fee notes keep the name they were issued to (legal retention, ten years).
    left = text_rows_holding(personal_values())
    assert left and all(row.startswith("invoices.Document.") for row in left), left
    assert set(Document.objects.filter(patient=patient).values_list("pk", flat=True)) == documents

    user = refreshed(patient)
    assert user.email == f"erased-{user.pk}@invalid" and not user.is_active
    assert not user.has_usable_password() and user.erased_at is not None
    assert str(user) == "Deleted account"
    # The bookings, payments and ledger stay for the practitioner and the accounts.
    assert Booking.objects.filter(patient=user).count() == 2
    assert Payment.objects.get(booking=history.session).captured_cents == 6000
    # Cards detached at the provider after commit, then deleted.
    assert not SavedCard.objects.filter(patient=user).exists()
    assert OfflineCard.objects.filter(detached=True).exists()
    assert Enrolment.objects.get(user=user).left_at is not None
    assert not OutboundMessage.objects.filter(to__in=[EMAIL, PHONE]).exists()
    # Her old links and referral code lead nowhere.
    assert Booking.objects.get(pk=history.session.pk).token != history.session.token
    from payments.referrals import referrer_for_code

    assert referrer_for_code(patient.referral_code) is None


def test_the_practitioners_agenda_shows_the_past_session_as_a_deleted_account(
    client, patient, history, claire
):
    refund_the_balance(history)
    services.account_erase(user=patient, now=timezone.now())
    client.force_login(claire.user)
    page = client.get(
        f"/en/pro/agenda/?view=week&date=2026-12-14&booking={history.session.pk}"
    ).content.decode()
    assert "Deleted account" in page
    assert "erased-" not in page and EMAIL not in page and FIRST not in page


def test_the_old_credentials_fail_and_the_address_can_sign_up_again(client, patient):
    services.account_erase(user=patient, now=timezone.now())
    login = client.post("/en/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert login.status_code == 200  # the form again, with its error: not logged in
    assert "_auth_user_id" not in client.session

    signup = client.post(
        "/en/accounts/signup/",
        {
            "first_name": "Zoé",
            "last_name": "Nouvelle",
            "email": EMAIL,
            "password1": "another-long-password-42",
            "password2": "another-long-password-42",
        },
    )
    assert signup.status_code == 302
    fresh = User.objects.get(email=EMAIL)
    assert fresh.pk != patient.pk and fresh.erased_at is None


def test_erasing_twice_is_refused_and_changes_nothing(patient):
    erased = services.account_erase(user=patient, now=timezone.now())
    with pytest.raises(services.ErasureRefused):
        services.account_erase(user=erased, now=timezone.now())
    assert refreshed(patient).email == erased.email


# --- Staff, in the Wagtail admin ----------------------------------------------------------------


def test_staff_erase_an_account_from_the_user_listing(client, patient, site_tree):
    from tests.practitioners.test_onboarding import english_admin

    admin = UserFactory(email="staff@example.test", is_staff=True, is_superuser=True)
    client.force_login(english_admin(admin))
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/accounts/{patient.pk}/erase/" in listing

    page = client.get(f"/admin/accounts/{patient.pk}/erase/")
    assert page.status_code == 200 and "What happens" in page.content.decode()
    # Without the tick nothing happens.
    client.post(f"/admin/accounts/{patient.pk}/erase/", {})
    assert refreshed(patient).erased_at is None

    response = client.post(f"/admin/accounts/{patient.pk}/erase/", {"confirm": str(patient.pk)})
    assert response.status_code == 302
    assert refreshed(patient).erased_at is not None
    assert (
        f"/admin/accounts/{patient.pk}/erase/" not in client.get("/admin/users/").content.decode()
    )


def test_someone_without_the_permission_cannot_erase(client, patient, other):
    other.is_staff = True
    other.save()
    client.force_login(other)
    response = client.post(f"/admin/accounts/{patient.pk}/erase/", {"confirm": str(patient.pk)})
    assert response.status_code in (302, 403)
    assert refreshed(patient).erased_at is None


def test_the_export_reads_a_fixed_number_of_queries_however_long_the_history(
    patient, history, claire
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.personal_data_export(user=patient, now=NOW)
        return len(captured)

    before = queries()
    for day in (1, 2, 3):
        BookingFactory(
            practitioner=claire,
            patient=patient,
            start=NOW - timedelta(days=day),
            state=Booking.State.COMPLETED,
        )
    assert queries() == before


def test_an_account_made_while_booking_chooses_a_password_before_deleting(client):
    from accounts.services import patient_create

    booked = patient_create(first_name="Ana", last_name="Sans", email="ana.sans@example.test")
    client.force_login(booked)
    page = client.get("/en/account/data/delete/").content.decode()
    assert "choose a password first" in page
    assert 'href="/en/accounts/password/set/"' in page
    response = client.post("/en/account/data/delete/", {"password": "", "confirm": "on"})
    assert response.status_code == 400 and refreshed(booked).erased_at is None


def test_the_french_page_answers_at_its_own_address(client, patient):
    client.force_login(patient)
    response = client.get("/account/data/")
    assert response.status_code == 200 and 'lang="fr"' in response.content.decode()


def test_staff_cannot_resend_a_message_of_an_erased_account(patient, history):
    from notifications.services import MessageError, message_resend

    refund_the_balance(history)
    message = OutboundMessage.objects.filter(to=EMAIL).first()
    services.account_erase(user=patient, now=timezone.now())
    with pytest.raises(MessageError):
        message_resend(message_id=message.pk)
