# ruff: noqa: F811 - fixtures imported from the shared conftest
"""What an export or an erasure touches: this person's data only, found by what proves it is
theirs (their bookings, verified addresses, provider references), never by a name."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import selectors, services
from accounts.models import User
from notifications.models import OutboundMessage
from payments.models import WebhookEvent
from tests.accounts.conftest import (  # noqa: F401 - fixtures
    CARD,
    EMAIL,
    FIRST,
    LAST,
    NOW,
    claire,
    consult,
    details,
    history,
    other,
    paris,
    patient,
    refund_the_balance,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Status = OutboundMessage.Status


def message(to, body, status=Status.QUEUED, channel="email", booking=None):
    return OutboundMessage.objects.create(
        channel=channel,
        to=to,
        kind="booking.reminder",
        body_text=body,
        next_attempt_at=NOW,
        created_at=NOW,
        status=status,
        booking=booking,
    )


def test_a_name_found_in_other_peoples_messages_leaves_them_alone():
    short = UserFactory(email="m@example.test", first_name="de", last_name="la")
    queued = message("victim@example.test", "Bonjour Alice, votre rendez-vous de la semaine.")
    sent = message("v2@example.test", "Confirmation de la réservation.", status=Status.SENT)

    services.account_erase(user=short, now=timezone.now())

    queued.refresh_from_db()
    sent.refresh_from_db()
    assert queued.status == Status.QUEUED and "de la semaine" in queued.body_text
    assert sent.body_text == "Confirmation de la réservation."


def test_a_patient_named_like_her_practitioner_leaves_the_practitioners_messages(claire):
    homonym = UserFactory(email="cm2@example.test", first_name="Claire", last_name="Martin")
    confirmation = message("bob@example.test", "Votre rendez-vous avec Claire Martin.")

    services.account_erase(user=homonym, now=timezone.now())

    confirmation.refresh_from_db()
    assert confirmation.status == Status.QUEUED and "Claire Martin" in confirmation.body_text


def test_a_phone_typed_but_not_verified_is_not_the_persons(client):
    owner = UserFactory(email="owner@example.test", phone="+33611111111", phone_verified=True)
    reminder = message(str(owner.phone), "Rappel: demain 10h.", channel="sms")
    typed = UserFactory(email="typed@example.test", phone="+33611111111", phone_verified=False)
    client.force_login(typed)

    data = json.loads(client.get("/en/account/data/download.json").content)
    assert data["messages_sent_to_you"] == []

    services.account_erase(user=typed, now=timezone.now())
    reminder.refresh_from_db()
    assert reminder.status == Status.QUEUED and reminder.to == str(owner.phone)


def test_an_unverified_email_address_is_not_the_persons(client):
    from allauth.account.models import EmailAddress

    person = UserFactory(email="person@example.test")
    EmailAddress.objects.create(user=person, email="person@example.test", verified=True)
    EmailAddress.objects.create(user=person, email="someone@example.test", verified=False)
    theirs = message("person@example.test", "Bonjour.", status=Status.SENT)
    not_theirs = message("someone@example.test", "Bonjour Sam.")
    client.force_login(person)

    data = json.loads(client.get("/en/account/data/download.json").content)
    assert len(data["messages_sent_to_you"]) == 1

    services.account_erase(user=person, now=timezone.now())
    theirs.refresh_from_db()
    not_theirs.refresh_from_db()
    assert theirs.to == "" and theirs.body_text == ""
    assert not_theirs.status == Status.QUEUED and not_theirs.body_text == "Bonjour Sam."


def test_the_messages_of_her_sessions_to_her_practitioner_keep_going(patient, history, claire):
    refund_the_balance(history)
    to_her = message(EMAIL, f"Bonjour {FIRST}.", booking=history.session)
    to_practitioner = message(
        claire.user.email, f"{FIRST} {LAST} a réservé.", booking=history.session
    )
    sent_to_practitioner = message(
        claire.user.email, f"{FIRST} {LAST} a annulé.", status=Status.SENT, booking=history.session
    )

    services.account_erase(user=patient, now=timezone.now())

    for row in (to_her, to_practitioner, sent_to_practitioner):
        row.refresh_from_db()
    assert to_her.status == Status.FAILED and to_her.to == "" and to_her.body_text == ""
    # Still to go: the practitioner's message, as written. Gone out: its words are dropped.
    assert to_practitioner.status == Status.QUEUED and to_practitioner.to == claire.user.email
    assert sent_to_practitioner.status == Status.SENT and sent_to_practitioner.body_text == ""


def test_a_card_confirmed_without_coming_back_blocks_then_is_released_not_captured(consult):
    from payments import packages
    from payments.gateways import get_gateway
    from payments.models import Package, PackageOffer, PackagePurchase

    buyer = UserFactory(email="pp@example.test", first_name="P", last_name="P")
    offer = PackageOffer.objects.create(
        practitioner=consult.practitioner, name="5", sessions=5, price_cents=27500
    )
    purchase = packages.package_purchase_start(offer=offer, patient=buyer, request_key="k", now=NOW)
    # Card confirmed in the provider's form (Stripe.js), the tab closed before coming back.
    get_gateway(purchase.gateway).confirm(purchase.gateway_reference, CARD)
    with pytest.raises(services.ErasureRefused):
        services.account_erase(user=buyer, now=NOW)

    # Should it complete after an erasure (an authorisation outliving the window): released.
    services.account_erase(user=buyer, now=NOW + timedelta(days=7))
    purchase = packages.package_purchase_complete(purchase=purchase, now=NOW + timedelta(days=7))
    assert purchase.status == PackagePurchase.Status.CANCELLED
    assert purchase.failure_message == "The account was deleted. Nothing was charged."
    assert not Package.objects.filter(patient=buyer).exists()
    assert get_gateway(purchase.gateway).retrieve(purchase.gateway_reference).captured_cents == 0


def test_a_site_editor_is_not_erasable_as_a_patient():
    from django.contrib.auth.models import Group, Permission

    editor = UserFactory(email="ed@example.test")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)

    blockers = selectors.erasure_blockers(user=editor, now=NOW)
    assert [b.message for b in blockers] == [
        "This account is used to work on Khepri, not only to book: write to us and we will "
        "close it with you."
    ]


def test_a_pooled_service_manager_is_not_erasable_as_a_patient():
    from pools.models import Service

    manager = UserFactory(email="mgr@example.test")
    Service.objects.create(name="Écoute", slug="ecoute").managers.add(manager)
    with pytest.raises(services.ErasureRefused):
        services.account_erase(user=manager, now=NOW)


def test_provider_events_of_her_payments_lose_their_billing_details(patient, history):
    from payments.models import Payment

    refund_the_balance(history)
    intent = Payment.objects.filter(patient=patient).first().gateway_reference
    billing = {"email": "zephy.perso@example.test", "name": f"{FIRST} {LAST}", "phone": "0612"}
    for event_id, processed in (("evt_charge_1", NOW), ("evt_charge_2", None)):
        WebhookEvent.objects.create(
            event_id=event_id,
            type="charge.succeeded",
            payload={"data": {"object": {"payment_intent": intent, "billing_details": billing}}},
            received_at=NOW,
            processed_at=processed,
        )
    someone_elses = WebhookEvent.objects.create(
        event_id="evt_other",
        type="charge.succeeded",
        payload={"data": {"object": {"payment_intent": intent + "0", "billing_details": {}}}},
        received_at=NOW,
        processed_at=NOW,
    )

    services.account_erase(user=patient, now=timezone.now())

    for event_id in ("evt_charge_1", "evt_charge_2"):
        event = WebhookEvent.objects.get(event_id=event_id)
        assert event.payload == {"erased": True} and event.type == "charge.succeeded"
    someone_elses.refresh_from_db()
    assert someone_elses.payload["data"]["object"]["payment_intent"] == intent + "0"


def test_an_erased_patient_is_not_found_nor_booked_again(patient, history, claire, consult):
    from bookings import lifecycle, quick_entry
    from bookings.lifecycle import Acting

    refund_the_balance(history)
    assert quick_entry.patient_of(practitioner=claire, patient_id=patient.pk) is not None
    services.account_erase(user=patient, now=timezone.now())
    erased = User.objects.get(pk=patient.pk)

    assert quick_entry.patients_find(practitioner=claire, query="invalid") == []
    assert quick_entry.patient_of(practitioner=claire, patient_id=patient.pk) is None
    with pytest.raises(lifecycle.NotAllowed):
        lifecycle.hold_create(
            session_type=consult,
            start=paris(21, 10),
            now=NOW,
            patient=erased,
            acting=Acting.practitioner(claire.user),
        )
    hold = lifecycle.hold_create(session_type=consult, start=paris(21, 10), now=NOW)
    with pytest.raises(lifecycle.NotAllowed):
        lifecycle.hold_confirm(booking=hold, patient=erased, now=NOW)


def test_nothing_is_queued_for_an_erased_account():
    from notifications.services import message_queue

    person = UserFactory(email="gone@example.test")
    services.account_erase(user=person, now=timezone.now())
    erased = User.objects.get(pk=person.pk)

    logged = message_queue(channel="email", to=erased.email, subject="S", body_text="Bonjour.")
    assert logged.status == Status.FAILED and logged.to == "" and logged.body_text == ""


def test_an_erased_referrer_is_credited_nothing(patient, history, other, claire):
    from payments.models import LedgerEntry, Referral, ReferralSettings
    from payments.referrals import referral_credit_grant

    settings = ReferralSettings.load()
    settings.credit_cents = 1000
    settings.save()
    referrer = UserFactory(email="referrer@example.test")
    referral = Referral.objects.create(referrer=referrer, referred=other, created_at=NOW)
    services.account_erase(user=referrer, now=timezone.now())

    reward = referral_credit_grant(referral=referral, booking=history.other_session, now=NOW)
    assert reward.amount_cents == 0
    assert not LedgerEntry.objects.filter(patient=referrer).exists()
    assert not OutboundMessage.objects.filter(kind__startswith="referral").exists()


def test_a_fee_note_waiting_for_billing_details_blocks_the_erasure(
    claire, consult, django_capture_on_commit_callbacks
):
    from invoices.models import Document
    from tests.invoices.conftest import paid_session

    alice = UserFactory(email="alice2@example.test", first_name="Alice", last_name="Durand")
    with django_capture_on_commit_callbacks(execute=True):
        paid_session(consult, alice, paris(14, 10))
    assert not Document.objects.filter(patient=alice).exists()  # no billing details yet

    with pytest.raises(services.ErasureRefused) as refused:
        services.account_erase(user=alice, now=timezone.now())
    assert refused.value.blockers[0].message.startswith("A fee note for one of your sessions")


def test_a_fee_note_owed_and_issuable_is_issued_in_her_name_by_the_erasure(
    claire, consult, django_capture_on_commit_callbacks
):
    from invoices.models import BillingDetails, Document, VatRegime
    from tests.invoices.conftest import SIRET, paid_session

    alice = UserFactory(email="alice3@example.test", first_name="Alice", last_name="Durand")
    with django_capture_on_commit_callbacks(execute=True):
        _booking, payment = paid_session(consult, alice, paris(14, 10))
    # Details filled in without their catch-up running (a lost task): the fee note is owed.
    BillingDetails.objects.create(
        practitioner=claire,
        legal_name="Claire Martin",
        profession="Sophrologue",
        address="8 rue des Lilas\n69003 Lyon",
        siret=SIRET,
        adeli="699512345",
        vat_regime=VatRegime.EXEMPT_HEALTH,
        vat_rate_bp=0,
    )
    assert not Document.objects.filter(patient=alice).exists()
    assert selectors.erasure_blockers(user=alice, now=timezone.now()) == []

    services.account_erase(user=alice, now=timezone.now())

    document = Document.objects.get(payment=payment)
    assert document.recipient["name"] == "Alice Durand"


def test_her_newsletter_subscription_is_in_her_copy_and_goes_with_her(client, patient, history):
    from site_pages.models import NewsletterSubscriber

    refund_the_balance(history)
    NewsletterSubscriber.objects.create(email=EMAIL.upper(), status="confirmed")
    NewsletterSubscriber.objects.create(email="someone.else@example.test", status="confirmed")
    client.force_login(patient)
    data = json.loads(client.get("/en/account/data/download.json").content)
    assert [row["email"] for row in data["newsletter"]] == [EMAIL.upper()]

    services.account_erase(user=patient, now=timezone.now())

    assert list(NewsletterSubscriber.objects.values_list("email", flat=True)) == [
        "someone.else@example.test"
    ]


def test_an_erased_minor_is_no_longer_marked_under_18(patient, history):
    refund_the_balance(history)
    services.account_erase(user=patient, now=timezone.now())
    assert not User.objects.get(pk=patient.pk).is_minor


def test_guessing_the_password_on_the_delete_form_is_limited_like_logins(client, patient):
    from tests.accounts.conftest import PASSWORD

    client.force_login(patient)
    tries = [
        client.post("/en/account/data/delete/", {"password": "wrong", "confirm": "on"})
        for _ in range(6)
    ]
    assert all(response.status_code == 400 for response in tries)
    assert "This password is not right." in tries[0].content.decode()
    assert "Too many wrong passwords" in tries[-1].content.decode()
    # Even the right one now waits.
    right = client.post("/en/account/data/delete/", {"password": PASSWORD, "confirm": "on"})
    assert "Too many wrong passwords" in right.content.decode()
    assert User.objects.get(pk=patient.pk).erased_at is None


def test_her_own_sessions_messages_are_hers_even_at_an_address_not_proven(client, consult):
    from tests.factories import BookingFactory

    person = UserFactory(email="unproven@example.test")  # booked, never confirmed the address
    booking = BookingFactory(
        practitioner=consult.practitioner, patient=person, start=NOW - timedelta(days=3)
    )
    confirmation = message("unproven@example.test", "Bonjour.", Status.SENT, booking=booking)
    client.force_login(person)

    data = json.loads(client.get("/en/account/data/download.json").content)
    assert [row["kind"] for row in data["messages_sent_to_you"]] == ["booking.reminder"]

    services.account_erase(user=person, now=NOW)
    confirmation.refresh_from_db()
    assert confirmation.to == "" and confirmation.body_text == ""
