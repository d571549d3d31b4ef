# ruff: noqa: F811 - the fixtures are shared with test_notify and test_webhooks
"""Refunds made in Stripe's dashboard come back as `charge.refunded` events (recorded payloads,
signed as Stripe signs them): each refund is recorded once — ledger, commission given back on
running totals as `payment_refund` does — whether the event comes twice, two events list the
same refund, deliveries run at once, or the refund is one of ours (matched by the key it was
made with, even when the event overtakes our own request).

The payments are on the offline gateway, whose "dashboard" refunds carry no key of ours, as
Stripe's dashboard refunds do; the event only names the charge's intent and the refunds are
read from the gateway."""

import json
import threading
import uuid

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import Client

from payments import services, webhooks
from payments.gateways.offline import OfflineGateway
from payments.models import GatewayCall, LedgerEntry, OfflineIntent, Payment, WebhookEvent
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)
from tests.payments.test_services import paid_booking
from tests.payments.test_webhooks import (  # noqa: F401 - fixtures
    clock,
    event,
    post,
    signature,
    webhook_secret,
)


def charge_refunded(payment: Payment, amount_refunded: int, *, event_id: str = "") -> dict:
    """`charge.refunded` as Stripe sends it (API 2025-03-31.basil: the charge, without its
    refunds listed)."""
    charge = {
        "id": f"ch_{uuid.uuid4().hex[:24]}",
        "object": "charge",
        "amount": payment.captured_cents,
        "amount_captured": payment.captured_cents,
        "amount_refunded": amount_refunded,
        "captured": True,
        "currency": "eur",
        "payment_intent": payment.gateway_reference,
        "refunded": amount_refunded == payment.captured_cents,
        "status": "succeeded",
    }
    return event("charge.refunded", charge, event_id=event_id)


def captured(consult, patient) -> Payment:
    _booking, payment = paid_booking(consult, patient)
    return services.payment_capture(payment=payment, now=NOW)


def refunds_in_ledger(payment) -> dict[str, int]:
    rows = LedgerEntry.objects.filter(payment=payment, kind="refund")
    return {
        row["account"]: row["total"]
        for row in rows.values("account").annotate(total=Sum("amount_cents"))
    }


@pytest.mark.django_db
def test_a_dashboard_refund_is_read_back_once(client, clock, consult, patient):
    payment = captured(consult, patient)
    OfflineGateway().dashboard_refund(reference=payment.gateway_reference, amount_cents=2500)
    payload = charge_refunded(payment, 2500)
    assert post(client, payload).json()["outcome"] == "processed"
    assert post(client, payload).json()["outcome"] == "duplicate"
    # Stripe may tell it again in another event (a later refund lists every refund).
    assert post(client, charge_refunded(payment, 2500)).json()["outcome"] == "processed"
    payment.refresh_from_db()
    assert payment.refunded_cents == 2500 and payment.status == "captured"
    # 25 € of 60 € refunded: 20 % of it (5 €) is the platform's commission given back.
    assert refunds_in_ledger(payment) == {"gateway": -2500, "practitioner": 2000, "commission": 500}
    call = GatewayCall.objects.get(payment=payment, operation="refund")
    assert call.gateway_reference.startswith("offre_") and call.recorded_at == NOW


@pytest.mark.django_db
def test_the_rest_refunded_later_gives_back_every_cent(client, clock, consult, patient):
    payment = captured(consult, patient)
    gateway = OfflineGateway()
    gateway.dashboard_refund(reference=payment.gateway_reference, amount_cents=3333)
    post(client, charge_refunded(payment, 3333))
    gateway.dashboard_refund(reference=payment.gateway_reference, amount_cents=2667)
    post(client, charge_refunded(payment, 6000))
    payment.refresh_from_db()
    assert (payment.refunded_cents, payment.status) == (6000, "refunded")
    assert refunds_in_ledger(payment) == {
        "gateway": -6000,
        "practitioner": 4800,
        "commission": 1200,
    }


@pytest.mark.django_db
def test_our_own_refund_is_not_recorded_again(client, clock, consult, patient):
    payment = captured(consult, patient)
    services.payment_refund(payment=payment, amount_cents=1000, now=NOW, request_key="form-1")
    post(client, charge_refunded(payment, 1000))
    payment.refresh_from_db()
    assert payment.refunded_cents == 1000
    assert GatewayCall.objects.filter(operation="refund").count() == 1
    assert LedgerEntry.objects.filter(kind="refund").values("movement").distinct().count() == 1


@pytest.mark.django_db
def test_an_event_overtaking_our_own_refund_records_it_once(
    client, clock, consult, patient, monkeypatch
):
    payment = captured(consult, patient)

    class Overtaken(OfflineGateway):
        def refund(self, **kwargs):
            answer = super().refund(**kwargs)
            # Stripe's event arrives before our request has written the refund down.
            post(Client(), charge_refunded(payment, kwargs["amount_cents"]))
            return answer

    monkeypatch.setattr(services, "get_gateway", lambda name=None: Overtaken())
    services.payment_refund(payment=payment, amount_cents=1500, now=NOW, request_key="form-2")
    payment.refresh_from_db()
    assert payment.refunded_cents == 1500
    assert OfflineIntent.objects.get().refunded_cents == 1500
    assert LedgerEntry.objects.filter(kind="refund").values("movement").distinct().count() == 1


@pytest.mark.django_db
def test_an_event_for_an_unknown_charge_is_ignored(client, clock):
    payload = event("charge.refunded", {"id": "ch_x", "object": "charge", "payment_intent": "pi_x"})
    answer = post(client, payload)
    assert answer.status_code == 200 and answer.json()["outcome"] == "ignored"


@pytest.mark.django_db(transaction=True)
def test_deliveries_at_once_of_two_events_record_the_refund_once(
    site_tree, clock, consult, patient
):
    payment = captured(consult, patient)
    OfflineGateway().dashboard_refund(reference=payment.gateway_reference, amount_cents=2000)
    bodies = [json.dumps(charge_refunded(payment, 2000)).encode() for _ in range(2)] * 3
    barrier = threading.Barrier(len(bodies))
    answers, errors = [], []

    def deliver(body):
        try:
            barrier.wait(timeout=30)
            response = Client().post(
                "/webhooks/stripe/",
                data=body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=signature(body),
            )
            answers.append(response.status_code)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and answers == [200] * len(bodies)
    assert WebhookEvent.objects.count() == 2
    payment.refresh_from_db()
    assert payment.refunded_cents == 2000
    assert LedgerEntry.objects.filter(kind="refund").values("movement").distinct().count() == 1
    assert webhooks.WebhookEvent.objects.filter(processed_at__isnull=True).count() == 0
