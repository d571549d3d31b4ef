# ruff: noqa: F811 - the fixtures are shared with test_notify
"""The Stripe gateway against localstripe (a fake Stripe server): authorise with manual
capture, capture all or part (never more than authorised), release, refund, a declined card,
idempotency keys; then the payment services end to end on it, the ledger balanced.

What localstripe cannot do is bridged in tests/payments/localstripe_server.py or worked around
here, each time said where: it cannot confirm with a payment method (the test sets the method,
then confirms, as the browser's Payment Element does); its PaymentIntents have no
`amount_capturable` / `amount_received` (captured amounts are read from the charge); it knows
nothing of Connect (destination charges are checked on the parameters sent).
"""

import uuid
from datetime import timedelta

import pytest
from django.db.models import Sum
from django.utils import translation

from bookings import lifecycle
from bookings.lifecycle import Acting
from bookings.models import Booking
from payments import services
from payments.gateways import CardDeclined, GatewayError, IntentStatus, get_gateway
from payments.gateways.stripe import StripeGateway, client
from payments.models import GatewayCall, LedgerEntry, Payment
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)

Status = Payment.Status
DECLINED = "pm_card_chargeCustomerFail"  # localstripe declines this one when charged
DECLINED_MESSAGE = "Your card was declined. Nothing was charged: try another card."


def key() -> str:
    return f"test:{uuid.uuid4()}"


def raw(reference: str) -> dict:
    """The PaymentIntent as Stripe holds it."""
    return client().v1.payment_intents.retrieve(reference).to_dict()


def captured_on_charge(reference: str) -> int:
    """What the card was charged: localstripe has no `amount_captured`/`amount_received`; it
    records a partial capture as a refund of the part not captured."""
    charge = raw(reference)["latest_charge"]
    assert charge["captured"] is True
    return charge["amount"] - charge["amount_refunded"]


def intents_tagged(tag: str) -> list[dict]:
    listed = client().v1.payment_intents.list(params={"limit": 100}).to_dict()["data"]
    return [intent for intent in listed if intent["metadata"].get("tag") == tag]


def authorised(gateway: StripeGateway, amount_cents: int = 6000, **options):
    return gateway.authorise(
        amount_cents=amount_cents,
        currency="EUR",
        idempotency_key=key(),
        payment_method="pm_card_visa",
        **options,
    )


@pytest.fixture(autouse=True)
def english():
    """The messages compared below are the English ones."""
    with translation.override("en"):
        yield


@pytest.fixture
def gateway(stripe_settings):
    gateway = get_gateway()
    assert isinstance(gateway, StripeGateway) and gateway.test_mode
    return gateway


# --- The gateway on its own ----------------------------------------------------------------


def test_a_card_given_at_creation_is_authorised_not_charged(gateway):
    intent = authorised(gateway, metadata={"payment": "p-1", "booking": "b-1"})
    assert intent.status == IntentStatus.AUTHORISED
    assert (intent.amount_cents, intent.captured_cents) == (6000, 0)
    assert intent.reference.startswith("pi_") and intent.client_secret
    assert intent.expires_at is not None
    at_stripe = raw(intent.reference)
    assert at_stripe["status"] == "requires_capture"
    assert at_stripe["capture_method"] == "manual"
    assert (at_stripe["amount"], at_stripe["currency"]) == (6000, "eur")
    assert at_stripe["latest_charge"]["captured"] is False
    # Discreet: only our references, and the bank statement says "consultation".
    assert at_stripe["metadata"] == {"payment": "p-1", "booking": "b-1"}
    assert at_stripe["statement_descriptor_suffix"] == "CONSULTATION"
    assert not at_stripe.get("description")


def test_without_a_card_the_intent_waits_for_the_payment_form(gateway):
    intent = gateway.authorise(amount_cents=6000, currency="EUR", idempotency_key=key())
    assert intent.status == IntentStatus.PENDING
    assert intent.client_secret.startswith(intent.reference + "_secret_")
    assert raw(intent.reference)["status"] == "requires_payment_method"
    assert gateway.retrieve(intent.reference).status == IntentStatus.PENDING


def test_capture_everything_authorised(gateway):
    intent = authorised(gateway)
    captured = gateway.capture(reference=intent.reference, amount_cents=6000, idempotency_key=key())
    assert captured.status == IntentStatus.CAPTURED
    assert raw(intent.reference)["status"] == "succeeded"
    assert captured_on_charge(intent.reference) == 6000


def test_capture_part_of_the_authorisation(gateway):
    intent = authorised(gateway)
    captured = gateway.capture(reference=intent.reference, amount_cents=4500, idempotency_key=key())
    assert captured.status == IntentStatus.CAPTURED
    assert captured_on_charge(intent.reference) == 4500


def test_a_capture_above_the_authorisation_is_refused_clearly(gateway):
    intent = authorised(gateway)
    with pytest.raises(GatewayError) as refused:
        gateway.capture(reference=intent.reference, amount_cents=6001, idempotency_key=key())
    assert refused.value.code == "amount_too_large"
    assert refused.value.message == "The amount to capture is more than was authorised."
    assert not refused.value.retryable and not isinstance(refused.value, CardDeclined)
    # Nothing happened: the authorisation can still be captured.
    assert gateway.retrieve(intent.reference).status == IntentStatus.AUTHORISED
    gateway.capture(reference=intent.reference, amount_cents=6000, idempotency_key=key())
    assert captured_on_charge(intent.reference) == 6000


def test_release_lets_the_authorisation_go(gateway):
    intent = authorised(gateway)
    released = gateway.release(reference=intent.reference, idempotency_key=key())
    assert released.status == IntentStatus.RELEASED
    assert raw(intent.reference)["status"] == "canceled"
    with pytest.raises(GatewayError, match="can no longer be captured"):
        gateway.capture(reference=intent.reference, amount_cents=6000, idempotency_key=key())
    assert raw(intent.reference)["latest_charge"]["captured"] is False


def test_a_partial_refund(gateway):
    intent = authorised(gateway)
    gateway.capture(reference=intent.reference, amount_cents=6000, idempotency_key=key())
    refund = gateway.refund(reference=intent.reference, amount_cents=1500, idempotency_key=key())
    assert refund.startswith("re_")
    charge = raw(intent.reference)["latest_charge"]
    assert (charge["amount_refunded"], charge["refunded"]) == (1500, False)


def test_a_declined_card_says_so_in_words_for_the_patient(gateway):
    with pytest.raises(CardDeclined) as declined:
        gateway.authorise(
            amount_cents=6000, currency="EUR", idempotency_key=key(), payment_method=DECLINED
        )
    assert declined.value.message == DECLINED_MESSAGE
    assert declined.value.code == "card_declined" and not declined.value.retryable


def test_a_card_asking_for_3d_secure_leaves_the_payment_to_the_browser(gateway):
    three_d_secure = client().v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": "4000002760003184", "exp_month": 12, "exp_year": 2030, "cvc": "123"},
        }
    )
    intent = gateway.authorise(
        amount_cents=6000,
        currency="EUR",
        idempotency_key=key(),
        payment_method=three_d_secure["id"],
    )
    assert intent.status == IntentStatus.PENDING and intent.client_secret
    assert raw(intent.reference)["status"] == "requires_action"


def test_the_same_key_twice_creates_one_payment_intent(gateway):
    # localstripe ignores Idempotency-Key; the test server replays a key as Stripe does, so
    # this checks that the gateway sends our key with the write.
    tag, same = uuid.uuid4().hex, key()
    first, second = (
        gateway.authorise(
            amount_cents=6000,
            currency="EUR",
            idempotency_key=same,
            payment_method="pm_card_visa",
            metadata={"tag": tag},
        )
        for _ in range(2)
    )
    assert first.reference == second.reference
    assert len(intents_tagged(tag)) == 1
    other = gateway.authorise(
        amount_cents=6000, currency="EUR", idempotency_key=key(), metadata={"tag": tag}
    )
    assert other.reference != first.reference and len(intents_tagged(tag)) == 2


def test_a_repeated_capture_answers_the_same_and_captures_once(gateway):
    intent = authorised(gateway)
    same = key()
    first = gateway.capture(reference=intent.reference, amount_cents=4000, idempotency_key=same)
    again = gateway.capture(reference=intent.reference, amount_cents=4000, idempotency_key=same)
    assert first == again and again.status == IntentStatus.CAPTURED
    assert captured_on_charge(intent.reference) == 4000


def test_an_unknown_intent_is_a_clear_error(gateway):
    with pytest.raises(GatewayError) as unknown:
        gateway.retrieve("pi_doesnotexist0")
    assert not unknown.value.retryable
    assert unknown.value.message.startswith("The payment service refused the operation")


def test_a_key_still_in_use_elsewhere_is_retryable_not_a_refusal():
    """Two requests with one key at once (a double click): Stripe answers 409 to the second
    while the first runs — the first may still succeed, so this is no refusal."""
    import stripe

    from payments.gateways.stripe import _error

    busy = stripe.IdempotencyError(
        "Keys for idempotent requests can only be used for the same request at once.",
        http_status=409,
        code="idempotency_key_in_use",
    )
    assert _error(busy).retryable
    refused = stripe.InvalidRequestError("No such payment_intent", None, http_status=400)
    assert not _error(refused).retryable


def test_stripe_out_of_reach_is_a_retryable_error(gateway, settings):
    settings.KHEPRI_STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    with pytest.raises(GatewayError) as down:
        gateway.retrieve("pi_whatever000000")
    assert down.value.retryable
    assert "try again" in down.value.message


class Recorded:
    """A stand-in for stripe's client that records the parameters sent (localstripe knows
    nothing of Connect)."""

    def __init__(self, transfer_data=None):
        self.sent = []
        self.intent = {
            "id": "pi_connect0000000",
            "status": "requires_capture",
            "amount": 6000,
            "amount_capturable": 6000,
            "created": 1_800_000_000,
            "transfer_data": transfer_data,
        }
        self.v1 = self
        self.payment_intents = self

    def create(self, params, options):
        self.sent.append(("create", params, options))
        return {**self.intent, **params}

    def retrieve(self, reference):
        return Obj(self.intent)

    def capture(self, reference, params, options):
        self.sent.append(("capture", params, options))
        return {
            **self.intent,
            "status": "succeeded",
            "amount_received": params["amount_to_capture"],
        }


class Obj(dict):
    def to_dict(self):
        return dict(self)


def test_a_connected_practitioner_receives_a_destination_charge(stripe_settings, monkeypatch):
    recorded = Recorded(transfer_data={"destination": "acct_claire"})
    monkeypatch.setattr("payments.gateways.stripe.client", lambda: recorded)
    gateway = StripeGateway()
    gateway.authorise(
        amount_cents=6000,
        currency="EUR",
        idempotency_key="k-auth",
        destination="acct_claire",
        application_fee_cents=1200,
    )
    captured = gateway.capture(
        reference="pi_connect0000000",
        amount_cents=4500,
        idempotency_key="k-capture",
        application_fee_cents=900,
    )
    (_, create, create_options), (_, capture, capture_options) = recorded.sent
    assert create["transfer_data"] == {"destination": "acct_claire"}
    assert create["application_fee_amount"] == 1200 and create["capture_method"] == "manual"
    assert create_options == {"idempotency_key": "k-auth"}
    assert capture == {"amount_to_capture": 4500, "application_fee_amount": 900}
    assert capture_options == {"idempotency_key": "k-capture"}
    assert captured.captured_cents == 4500


def test_no_application_fee_on_a_charge_to_the_platform_itself(stripe_settings, monkeypatch):
    # Stripe refuses `application_fee_amount` on a charge without a destination.
    recorded = Recorded(transfer_data=None)
    monkeypatch.setattr("payments.gateways.stripe.client", lambda: recorded)
    StripeGateway().capture(
        reference="pi_connect0000000",
        amount_cents=6000,
        idempotency_key="k-capture",
        application_fee_cents=1200,
    )
    ((_, capture, _),) = recorded.sent
    assert capture == {"amount_to_capture": 6000}


# --- The payment services on Stripe --------------------------------------------------------


def card_entered(payment: Payment, payment_method: str = "pm_card_visa") -> None:
    """What Stripe's Payment Element does in the browser. localstripe cannot confirm with a
    payment method (`confirm(payment_method=...)`), so the method is set first."""
    stripe = client()
    stripe.v1.payment_intents.update(
        payment.gateway_reference, params={"payment_method": payment_method}
    )
    stripe.v1.payment_intents.confirm(payment.gateway_reference)


def stripe_paid_booking(consult, patient):
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    card_entered(payment)
    payment = services.payment_after_provider(payment=payment, now=NOW)
    booking.refresh_from_db()
    return booking, payment


def every_movement_balances() -> bool:
    totals = LedgerEntry.objects.values("movement").annotate(total=Sum("amount_cents"))
    return bool(totals) and all(row["total"] == 0 for row in totals)


def balances(payment) -> dict[str, int]:
    rows = LedgerEntry.objects.filter(payment=payment).values("account")
    return {
        row["account"]: row["total"]
        for row in rows.annotate(total=Sum("amount_cents"))
        if row["total"]
    }


@pytest.mark.django_db
def test_pay_a_session_on_stripe_from_booking_to_capture(stripe_settings, consult, patient):
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    assert (payment.gateway, payment.status, payment.amount_cents) == ("stripe", "pending", 6000)
    assert payment.gateway_reference.startswith("pi_") and payment.client_secret
    at_stripe = raw(payment.gateway_reference)
    assert at_stripe["metadata"] == {
        "payment": str(payment.reference),
        "booking": str(booking.reference),
    }
    assert at_stripe["capture_method"] == "manual"

    card_entered(payment)
    payment = services.payment_sync(payment=payment, now=NOW)
    assert payment.status == Status.AUTHORISED and payment.authorised_cents == 6000
    assert payment.authorisation_expires_at is not None

    payment = services.payment_capture(payment=payment, now=NOW)
    assert payment.status == Status.CAPTURED
    assert (payment.captured_cents, payment.commission_cents) == (6000, 1200)
    assert captured_on_charge(payment.gateway_reference) == 6000
    assert balances(payment) == {"gateway": 6000, "practitioner": -4800, "commission": -1200}
    assert every_movement_balances()
    calls = list(GatewayCall.objects.filter(payment=payment).values_list("operation", "succeeded"))
    assert calls == [("authorise", True), ("capture", True)]


@pytest.mark.django_db
def test_the_card_confirms_the_held_booking_and_the_session_end_captures(
    stripe_settings, consult, patient, sent
):
    booking, payment = stripe_paid_booking(consult, patient)
    assert booking.state == Booking.State.CONFIRMED and booking.patient == patient
    assert payment.status == Status.AUTHORISED
    sent(
        lambda: lifecycle.booking_complete(
            booking=booking,
            acting=Acting.practitioner(booking.practitioner.user),
            now=booking.end + timedelta(minutes=5),
        )
    )
    payment.refresh_from_db()
    assert payment.status == Status.CAPTURED and payment.captured_cents == 6000
    assert raw(payment.gateway_reference)["status"] == "succeeded"
    assert balances(payment) == {"gateway": 6000, "practitioner": -4800, "commission": -1200}
    assert every_movement_balances()


@pytest.mark.django_db
def test_capture_less_then_refund_part_on_stripe(stripe_settings, consult, patient):
    _booking, payment = stripe_paid_booking(consult, patient)
    payment = services.payment_capture(payment=payment, now=NOW, amount_cents=4500)
    assert (payment.captured_cents, payment.commission_cents) == (4500, 900)
    assert captured_on_charge(payment.gateway_reference) == 4500
    payment = services.payment_refund(payment=payment, amount_cents=1000, now=NOW)
    assert payment.refunded_cents == 1000 and payment.status == Status.CAPTURED
    # localstripe counts the part not captured as refunded too: 1500 + 1000.
    assert raw(payment.gateway_reference)["latest_charge"]["amount_refunded"] == 2500
    # 1000 back: 200 from the commission, 800 from the practitioner.
    assert balances(payment) == {"gateway": 3500, "practitioner": -2800, "commission": -700}
    assert every_movement_balances()


@pytest.mark.django_db
def test_a_free_cancellation_releases_the_card_on_stripe(stripe_settings, consult, patient):
    _booking, payment = stripe_paid_booking(consult, patient)
    payment = services.payment_release(payment=payment, now=NOW)
    assert payment.status == Status.RELEASED
    assert raw(payment.gateway_reference)["status"] == "canceled"
    assert balances(payment) == {}
    assert every_movement_balances()


@pytest.mark.django_db
def test_a_declined_card_keeps_the_payment_waiting_for_another(stripe_settings, consult, patient):
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    with pytest.raises(Exception, match="declined"):
        card_entered(payment, DECLINED)
    payment = services.payment_after_provider(payment=payment, now=NOW)
    booking.refresh_from_db()
    # Stripe keeps the intent open for another card (requires_payment_method).
    assert payment.status == Status.PENDING and booking.state == Booking.State.HELD
    assert not LedgerEntry.objects.exists()
    intent = get_gateway().retrieve(payment.gateway_reference)
    assert (intent.status, intent.error) == (IntentStatus.PENDING, DECLINED_MESSAGE)
    # (Another card on the same intent: localstripe cannot confirm an intent whose charge
    # failed; the offline gateway's tests cover it.)


@pytest.mark.django_db
def test_a_decline_reported_by_stripe_is_recorded_on_the_payment(stripe_settings, consult, patient):
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    with pytest.raises(Exception, match="declined"):
        card_entered(payment, DECLINED)
    payment = services.payment_after_provider(payment=payment, now=NOW)
    assert payment.failure_message == DECLINED_MESSAGE


@pytest.mark.django_db
def test_starting_the_payment_twice_creates_one_intent(stripe_settings, consult, patient):
    # What GatewayCall guarantees on top of the key: a second start does not call Stripe.
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    first = services.payment_start(booking=booking, patient=patient, now=NOW)
    again = services.payment_start(booking=booking, patient=patient, now=NOW)
    assert again.pk == first.pk and again.gateway_reference == first.gateway_reference
    (call,) = GatewayCall.objects.filter(payment=first)
    assert call.idempotency_key == f"khepri:{first.reference}:authorise" and call.succeeded
    listed = client().v1.payment_intents.list(params={"limit": 100}).to_dict()["data"]
    mine = [i for i in listed if i["metadata"].get("payment") == str(first.reference)]
    assert [i["id"] for i in mine] == [first.gateway_reference]


@pytest.mark.django_db
def test_a_capture_beyond_the_authorisation_is_refused_before_stripe(
    stripe_settings, consult, patient
):
    _booking, payment = stripe_paid_booking(consult, patient)
    with pytest.raises(services.PaymentError, match="60"):
        services.payment_capture(payment=payment, now=NOW, amount_cents=6001)
    assert raw(payment.gateway_reference)["status"] == "requires_capture"
    assert not GatewayCall.objects.filter(operation="capture").exists()
