# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Stripe's webhook, fed recorded events signed as Stripe signs them
(`Stripe-Signature: t=<time>,v1=HMAC-SHA256(secret, "<time>.<raw body>")`): the signature is
checked on the raw body; each event is stored by its id and processed once, even sent ten
times at once; an old event arriving late changes nothing (the state is read afresh from the
provider); the answer is 2xx only once the processing committed, so a failure makes Stripe
send it again.

The payments here are on the offline gateway: an event only names the intent, and its state is
read from the payment's own gateway, so no Stripe server is needed.
"""

import hashlib
import hmac
import json
import logging
import threading
import time
import types
import uuid

import pytest
from django.db import connection
from django.test import Client

from bookings import lifecycle
from bookings.models import Booking
from payments import services, webhooks
from payments.gateways.offline import OfflineGateway
from payments.models import LedgerEntry, OfflineIntent, Payment, WebhookEvent
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)

URL = "/webhooks/stripe/"
SECRET = "whsec_test_khepri"
CARD = "4242 4242 4242 4242"
Status = Payment.Status
State = Booking.State


def signature(body: bytes, *, secret: str = SECRET, at: int | None = None) -> str:
    at = int(time.time()) if at is None else at
    mac = hmac.new(secret.encode(), f"{at}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={at},v1={mac}"


def event(kind: str, intent: dict, *, created: int = 1_796_000_000, event_id: str = "") -> dict:
    """A Stripe event as recorded from its API (version 2025-03-31.basil), trimmed."""
    return {
        "id": event_id or f"evt_{uuid.uuid4().hex[:24]}",
        "object": "event",
        "api_version": "2025-03-31.basil",
        "created": created,
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": kind,
        "data": {"object": intent},
    }


def payment_intent(reference: str, status: str = "requires_capture", **fields) -> dict:
    return {
        "id": reference,
        "object": "payment_intent",
        "amount": 6000,
        "amount_capturable": 6000 if status == "requires_capture" else 0,
        "amount_received": 0,
        "capture_method": "manual",
        "currency": "eur",
        "status": status,
        "metadata": {},
        "livemode": False,
        **fields,
    }


def post(client: Client, payload: dict | bytes, header: str | None = None):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    extra = {} if header == "" else {"HTTP_STRIPE_SIGNATURE": header or signature(body)}
    return client.post(URL, data=body, content_type="application/json", **extra)


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET


@pytest.fixture
def clock(monkeypatch):
    """The webhook runs at NOW (the bookings here are made at NOW)."""
    monkeypatch.setattr(webhooks, "timezone", types.SimpleNamespace(now=lambda: NOW))


def card_authorised_elsewhere(consult, patient) -> Payment:
    """A held booking whose card the provider authorised, without our knowing yet (the patient
    closed the page after entering the card)."""
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    OfflineGateway().confirm(payment.gateway_reference, CARD)
    payment.refresh_from_db()
    assert payment.status == Status.PENDING and payment.gateway == "offline"
    return payment


def authorised_event(payment: Payment, **options) -> dict:
    return event(
        "payment_intent.amount_capturable_updated",
        payment_intent(payment.gateway_reference),
        **options,
    )


# --- The signature ---------------------------------------------------------------------------


BODY = json.dumps(event("payment_intent.succeeded", payment_intent("pi_x"))).encode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        pytest.param(lambda: signature(BODY, secret="whsec_someone_else"), id="another-secret"),
        pytest.param(lambda: signature(BODY + b" "), id="body-changed-after-signing"),
        pytest.param(lambda: signature(BODY, at=int(time.time()) - 3600), id="an-hour-old"),
        pytest.param(lambda: "t=1,v1=00", id="garbage"),
        pytest.param(lambda: "", id="no-header"),
    ],
)
def test_a_bad_signature_is_refused_and_nothing_stored(client, header):
    assert post(client, BODY).status_code == 200, "the same body, well signed, is taken"
    WebhookEvent.objects.all().delete()
    response = post(client, BODY, header())
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()


@pytest.mark.django_db
def test_without_a_webhook_secret_every_event_is_refused(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = post(client, BODY, signature(BODY, secret=""))
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()


@pytest.mark.django_db
def test_the_connect_endpoints_secret_signs_too_and_no_other(client, settings):
    """Stripe sends connected accounts' events (account.updated) only to a Connect endpoint,
    which has a signing secret of its own."""
    connect_secret = "whsec_test_khepri_connect"
    signed_by_connect = signature(BODY, secret=connect_secret)
    assert post(client, BODY, signed_by_connect).status_code == 400, "not configured yet"
    settings.STRIPE_CONNECT_WEBHOOK_SECRET = connect_secret
    assert post(client, BODY, signed_by_connect).status_code == 200
    assert post(client, BODY + b" ", signature(BODY, secret=connect_secret)).status_code == 400
    settings.STRIPE_WEBHOOK_SECRET = ""
    body = json.dumps(event("account.updated", {"id": "acct_x", "object": "account"})).encode()
    assert post(client, body, signature(body, secret=connect_secret)).status_code == 200


@pytest.mark.django_db
def test_a_signed_event_without_id_is_refused(client):
    payload = event("payment_intent.succeeded", payment_intent("pi_x"))
    del payload["id"]
    assert post(client, payload).status_code == 400
    assert not WebhookEvent.objects.exists()


@pytest.mark.django_db
def test_only_post(client):
    assert client.get(URL).status_code == 405


# --- Events that change nothing --------------------------------------------------------------


@pytest.mark.django_db
def test_an_unknown_event_is_stored_ignored_and_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="payments.webhooks")
    payload = event("customer.created", {"id": "cus_123", "object": "customer"})
    response = post(client, payload)
    assert response.status_code == 200
    assert response.json() == {"received": True, "outcome": "ignored"}
    stored = WebhookEvent.objects.get()
    assert (stored.event_id, stored.type) == (payload["id"], "customer.created")
    assert stored.processed_at is not None and stored.note == "event type not handled"
    assert stored.payload == payload
    assert any(payload["id"] in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_an_event_for_an_unknown_payment_is_stored_and_noted(client, caplog):
    response = post(client, event("payment_intent.succeeded", payment_intent("pi_unknown")))
    assert response.status_code == 200 and response.json()["outcome"] == "ignored"
    assert WebhookEvent.objects.get().note == "no payment with this intent"
    assert "unknown payment" in caplog.text


# --- Events that confirm a booking -----------------------------------------------------------


@pytest.mark.django_db
def test_an_authorised_card_confirms_the_held_booking(
    client, clock, consult, patient, django_capture_on_commit_callbacks, mailoutbox
):
    payment = card_authorised_elsewhere(consult, patient)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, authorised_event(payment))
    assert response.status_code == 200 and response.json()["outcome"] == "processed"
    payment.refresh_from_db()
    assert payment.status == Status.AUTHORISED and payment.authorised_cents == 6000
    booking = payment.booking
    booking.refresh_from_db()
    assert booking.state == State.CONFIRMED and booking.patient == patient
    assert sorted(email.to[0] for email in mailoutbox) == [
        "alice@example.test",
        "claire@example.test",
    ]
    assert LedgerEntry.objects.filter(kind="authorisation").count() == 2  # one movement
    assert WebhookEvent.objects.get().processed_at is not None


@pytest.mark.django_db
def test_the_same_event_again_is_answered_but_not_processed_again(
    client, clock, consult, patient, django_capture_on_commit_callbacks, mailoutbox
):
    payment = card_authorised_elsewhere(consult, patient)
    payload = authorised_event(payment)
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, payload)
        again = post(client, payload)
    assert first.json()["outcome"] == "processed" and again.json()["outcome"] == "duplicate"
    assert again.status_code == 200
    assert WebhookEvent.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="authorisation").count() == 2
    assert len(mailoutbox) == 2


@pytest.mark.django_db(transaction=True)
def test_ten_deliveries_at_once_are_processed_once(site_tree, clock, consult, patient, mailoutbox):
    payment = card_authorised_elsewhere(consult, patient)
    payload = authorised_event(payment)
    body = json.dumps(payload).encode()
    header = signature(body)
    deliveries = 10
    barrier = threading.Barrier(deliveries)
    answers, errors = [], []
    lock = threading.Lock()

    def deliver():
        try:
            barrier.wait(timeout=30)
            response = post(Client(), body, header)
            with lock:
                answers.append((response.status_code, response.json()["outcome"]))
        except Exception as error:  # reported below
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(deliveries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(answers) == [(200, "duplicate")] * (deliveries - 1) + [(200, "processed")]
    stored = WebhookEvent.objects.get()
    assert stored.event_id == payload["id"] and stored.processed_at is not None
    authorisations = LedgerEntry.objects.filter(kind="authorisation")
    assert authorisations.values("movement").distinct().count() == 1
    assert authorisations.count() == 2
    payment.refresh_from_db()
    assert payment.status == Status.AUTHORISED
    assert Booking.objects.get(pk=payment.booking_id).state == State.CONFIRMED
    # One confirmation to each person, never ten.
    assert sorted(email.to[0] for email in mailoutbox) == [
        "alice@example.test",
        "claire@example.test",
    ]


# --- Order and failures ----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_older_event_arriving_after_a_newer_one_changes_nothing(client, clock, consult, patient):
    payment = card_authorised_elsewhere(consult, patient)
    authorised = authorised_event(payment, created=1_796_000_000)
    assert post(client, authorised).json()["outcome"] == "processed"
    payment = services.payment_capture(payment=Payment.objects.get(pk=payment.pk), now=NOW)
    captured = event(
        "payment_intent.succeeded",
        payment_intent(payment.gateway_reference, "succeeded", amount_received=6000),
        created=1_796_000_600,
    )
    assert post(client, captured).status_code == 200
    ledger_before = list(LedgerEntry.objects.values_list("pk", flat=True))

    # Stripe retried the first delivery under another event, and a failure from before the
    # authorisation comes last.
    late = [
        authorised_event(payment, created=1_796_000_000),
        event(
            "payment_intent.payment_failed",
            payment_intent(
                payment.gateway_reference,
                "requires_payment_method",
                last_payment_error={"code": "card_declined", "message": "Declined."},
            ),
            created=1_795_999_000,
        ),
    ]
    for payload in late:
        assert post(client, payload).status_code == 200

    payment.refresh_from_db()
    assert payment.status == Status.CAPTURED and payment.captured_cents == 6000
    assert payment.failure_message == ""
    assert list(LedgerEntry.objects.values_list("pk", flat=True)) == ledger_before
    assert WebhookEvent.objects.filter(processed_at__isnull=False).count() == 4


@pytest.mark.django_db
def test_a_failure_answers_500_and_the_event_waits_for_stripes_retry(
    client, clock, consult, patient, monkeypatch
):
    payment = card_authorised_elsewhere(consult, patient)
    payload = authorised_event(payment)
    real = services.payment_after_provider

    def broken(**kwargs):
        real(**kwargs)  # each step is idempotent: what it did stays, the retry finishes
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "payment_after_provider", broken)
    failing = Client(raise_request_exception=False)
    assert post(failing, payload).status_code == 500
    stored = WebhookEvent.objects.get()
    assert stored.processed_at is None and stored.claimed_at is None  # free for the retry

    monkeypatch.setattr(services, "payment_after_provider", real)
    retried = post(client, payload)
    assert retried.status_code == 200 and retried.json()["outcome"] == "processed"
    stored.refresh_from_db()
    payment.refresh_from_db()
    assert stored.processed_at is not None and payment.status == Status.AUTHORISED
    assert WebhookEvent.objects.count() == 1
    # Processed twice in part, recorded once: one authorisation in the ledger.
    assert LedgerEntry.objects.filter(kind="authorisation").count() == 2


@pytest.mark.django_db
def test_a_provider_out_of_reach_answers_500_then_the_retry_works(
    client, clock, consult, patient, monkeypatch
):
    from payments.gateways import GatewayError

    payment = card_authorised_elsewhere(consult, patient)
    payload = authorised_event(payment)

    def down(self, reference):
        raise GatewayError("The payment service did not answer.", retryable=True)

    with monkeypatch.context() as patched:
        patched.setattr(OfflineGateway, "retrieve", down)
        assert post(Client(raise_request_exception=False), payload).status_code == 500
    assert WebhookEvent.objects.get().processed_at is None
    assert post(client, payload).json()["outcome"] == "processed"
    payment.refresh_from_db()
    assert payment.status == Status.AUTHORISED


@pytest.mark.django_db
def test_an_authorisation_the_provider_cancelled_is_released_here_too(
    client, clock, consult, patient
):
    payment = card_authorised_elsewhere(consult, patient)
    assert post(client, authorised_event(payment)).json()["outcome"] == "processed"
    OfflineIntent.objects.filter(reference=payment.gateway_reference).update(status="released")
    cancelled = event(
        "payment_intent.canceled",
        payment_intent(payment.gateway_reference, "canceled", cancellation_reason="automatic"),
    )
    assert post(client, cancelled).status_code == 200
    payment.refresh_from_db()
    assert payment.status == Status.RELEASED
    totals = {}
    for account, amount in LedgerEntry.objects.values_list("account", "amount_cents"):
        totals[account] = totals.get(account, 0) + amount
    assert totals == {"card_authorised": 0, "authorisations": 0}
