# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Saved cards and later authorisations on the Stripe gateway.

Against localstripe where it works: Customers, payment methods from test cards, a
PaymentIntent created with the customer and a saved payment method, confirmed off-session
(authorised; a card asking for 3-D Secure — localstripe leaves it `requires_action` where
Stripe answers `authentication_required` off-session — is refused as `authentication_required`
by our services either way), detaching a card, listing a payment's refunds (ours carry their idempotency key).

Against a stand-in client where it does not: a SetupIntent confirmed with a payment method
(localstripe refuses `payment_method` on SetupIntents; the browser's Payment Element confirms
it at Stripe), so the SetupIntent's parameters and its reading back are checked on recorded
responses shaped as Stripe's API (version 2025-03-31.basil) answers them.
"""

import uuid

import pytest
from django.utils import translation

from bookings import lifecycle
from payments import cards, services
from payments.gateways import IntentStatus, SetupStatus, get_gateway
from payments.gateways.stripe import StripeGateway, client
from payments.gateways.stripe import client as client_for_stripe
from payments.models import Payment, PaymentCustomer, SavedCard, ScheduledAuthorisation
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)

Status = Payment.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def gateway(stripe_settings):
    gateway = get_gateway()
    assert isinstance(gateway, StripeGateway)
    return gateway


def key() -> str:
    return f"test:{uuid.uuid4()}"


def saved_on_stripe(patient, payment_method="pm_card_visa") -> SavedCard:
    """A card saved at Stripe for `patient`, as the Payment Element leaves it (the method
    attached to the patient's customer)."""
    gateway = get_gateway()
    customer = cards.customer_for(patient=patient, gateway=gateway, now=NOW)
    if payment_method.isdigit():  # a test card number: a method made from it
        method = client().v1.payment_methods.create(
            params={
                "type": "card",
                "card": {"number": payment_method, "exp_month": 12, "exp_year": 2030, "cvc": "123"},
            }
        )
    else:
        method = client().v1.payment_methods.retrieve(payment_method)
    method = method.to_dict()
    return SavedCard.objects.create(
        patient=patient,
        gateway="stripe",
        customer_reference=customer,
        reference=method["id"],
        brand=method["card"]["brand"],
        last4=method["card"]["last4"],
        exp_month=method["card"]["exp_month"],
        exp_year=method["card"]["exp_year"],
        created_at=NOW,
    )


@pytest.mark.django_db
def test_a_customer_is_made_once_per_patient(gateway, patient):
    first = cards.customer_for(patient=patient, gateway=gateway, now=NOW)
    again = cards.customer_for(patient=patient, gateway=gateway, now=NOW)
    assert first.startswith("cus_") and first == again
    assert PaymentCustomer.objects.get().reference == first
    assert client().v1.customers.retrieve(first).to_dict()["metadata"] == {
        "patient": str(patient.pk)
    }


@pytest.mark.django_db
def test_a_saved_card_is_authorised_off_session(gateway, patient):
    card = saved_on_stripe(patient)
    intent = gateway.authorise(
        amount_cents=6000,
        currency="EUR",
        idempotency_key=key(),
        payment_method=card.reference,
        customer=card.customer_reference,
        off_session=True,
    )
    assert intent.status == IntentStatus.AUTHORISED and intent.amount_cents == 6000
    held = client().v1.payment_intents.retrieve(intent.reference).to_dict()
    assert held["customer"] == card.customer_reference
    assert held["capture_method"] == "manual"


@pytest.mark.django_db
def test_the_job_authorises_a_far_session_on_stripe(gateway, consult, patient, sent):
    card = saved_on_stripe(patient)
    booking = lifecycle.hold_create(session_type=consult, start=paris(21, 10), now=NOW)
    payment = cards.payment_defer(booking=booking, patient=patient, card=card, now=NOW)
    due = payment.scheduled.due_at
    counts, emails = sent(lambda: cards.authorisations_run(now=due))
    payment.refresh_from_db()
    assert counts["authorised"] == 1 and emails == []
    assert payment.status == Status.AUTHORISED and payment.gateway_reference.startswith("pi_")


@pytest.mark.django_db
def test_a_card_asking_for_authentication_off_session_tells_them(
    gateway, consult, patient, claire, sent
):
    card = saved_on_stripe(patient, "4000002760003184")
    booking = lifecycle.hold_create(session_type=consult, start=paris(21, 10), now=NOW)
    payment = cards.payment_defer(booking=booking, patient=patient, card=card, now=NOW)
    due = payment.scheduled.due_at
    counts, emails = sent(lambda: cards.authorisations_run(now=due))
    assert counts["refused"] == 1
    assert sorted(email.to[0] for email in emails) == sorted([patient.email, claire.user.email])
    scheduled = ScheduledAuthorisation.objects.get()
    assert scheduled.failure_code == "authentication_required"
    assert scheduled.next_attempt_at is None


@pytest.mark.django_db
def test_detaching_a_card_forgets_it_at_stripe(gateway, patient):
    card = saved_on_stripe(patient)
    gateway.card_detach(reference=card.reference)
    gateway.card_detach(reference=card.reference)  # twice: already forgotten, no error


@pytest.mark.django_db
def test_our_refunds_are_listed_with_their_key(gateway):
    intent = gateway.authorise(
        amount_cents=6000, currency="EUR", idempotency_key=key(), payment_method="pm_card_visa"
    )
    gateway.capture(reference=intent.reference, amount_cents=6000, idempotency_key=key())
    ours = key()
    reference = gateway.refund(reference=intent.reference, amount_cents=1500, idempotency_key=ours)
    listed = gateway.refunds(intent.reference)
    assert [(r.reference, r.amount_cents, r.idempotency_key) for r in listed] == [
        (reference, 1500, ours)
    ]


# --- SetupIntents: a stand-in (localstripe refuses a payment method on them) -------------------


class Obj(dict):
    def to_dict(self):
        return dict(self)


class RecordedSetup:
    """Stripe's client for SetupIntents and payment methods, answering as Stripe does."""

    def __init__(self):
        self.sent = []
        self.v1 = self
        self.setup_intents = self
        self.payment_methods = Methods()
        self.status = "requires_payment_method"

    def create(self, params, options):
        self.sent.append((params, options))
        return Obj(
            id="seti_1QabcDEF",
            object="setup_intent",
            client_secret="seti_1QabcDEF_secret_xyz",
            customer=params["customer"],
            usage=params["usage"],
            status="requires_payment_method",
            payment_method=None,
        )

    def retrieve(self, reference):
        return Obj(
            id=reference,
            object="setup_intent",
            client_secret="seti_1QabcDEF_secret_xyz",
            customer="cus_recorded",
            usage="off_session",
            status=self.status,
            payment_method="pm_1QsavedVisa" if self.status == "succeeded" else None,
        )


class Methods:
    def retrieve(self, reference):
        return Obj(
            id=reference,
            object="payment_method",
            type="card",
            card={"brand": "visa", "last4": "4242", "exp_month": 4, "exp_year": 2030},
        )


@pytest.mark.django_db
def test_a_setup_intent_saves_a_card_for_later_without_the_patient(stripe_settings, monkeypatch):
    recorded = RecordedSetup()
    monkeypatch.setattr("payments.gateways.stripe.client", lambda: recorded)
    gateway = StripeGateway()
    setup = gateway.card_setup(customer="cus_recorded", idempotency_key="k-setup")
    ((params, options),) = recorded.sent
    assert params == {
        "customer": "cus_recorded",
        "usage": "off_session",
        "payment_method_types": ["card"],
    }
    assert options == {"idempotency_key": "k-setup"}
    assert setup.status == SetupStatus.PENDING and setup.client_secret.startswith("seti_")
    # The browser confirmed it with Stripe's form: the card is read back, no card data.
    recorded.status = "succeeded"
    done = gateway.card_setup_retrieve("seti_1QabcDEF")
    assert done.status == SetupStatus.SUCCEEDED and done.customer == "cus_recorded"
    assert (done.card.reference, done.card.brand, done.card.last4) == (
        "pm_1QsavedVisa",
        "visa",
        "4242",
    )
    assert (done.card.exp_month, done.card.exp_year) == (4, 2030)


@pytest.mark.django_db
def test_a_setup_of_another_customer_is_refused(stripe_settings, monkeypatch, patient):
    recorded = RecordedSetup()
    recorded.status = "succeeded"
    monkeypatch.setattr("payments.gateways.stripe.client", lambda: recorded)
    PaymentCustomer.objects.create(
        patient=patient, gateway="stripe", reference="cus_patients_own", created_at=NOW
    )
    with pytest.raises(services.PaymentError):
        cards.card_setup_finish(
            patient=patient, setup_reference="seti_1QabcDEF", remembered=True, now=NOW
        )
    assert not SavedCard.objects.exists()


@pytest.mark.django_db
def test_after_a_refusal_the_patient_enters_a_card_in_stripes_form(
    gateway, client, consult, patient, sent
):
    card = saved_on_stripe(patient, "4000002760003184")
    booking = lifecycle.hold_create(session_type=consult, start=paris(21, 10), now=NOW)
    payment = cards.payment_defer(booking=booking, patient=patient, card=card, now=NOW)
    sent(lambda: cards.authorisations_run(now=payment.scheduled.due_at))
    page = client.get(f"/en/appointments/{booking.token}/card/")
    payment.refresh_from_db()
    assert page.status_code == 200 and payment.client_secret in page.content.decode()
    assert payment.status == Status.CARD_SAVED and payment.gateway_reference.startswith("pi_")
    # What Stripe's Payment Element does in the browser (localstripe cannot confirm with a
    # payment method: it is set first).
    stripe = client_for_stripe()
    stripe.v1.payment_intents.update(
        payment.gateway_reference, params={"payment_method": "pm_card_visa"}
    )
    stripe.v1.payment_intents.confirm(payment.gateway_reference)
    done = client.post(f"/en/appointments/{booking.token}/card/", {"stripe_done": "1"})
    assert done.status_code == 302
    payment.refresh_from_db()
    assert payment.status == Status.AUTHORISED and payment.authorised_cents == 6000
