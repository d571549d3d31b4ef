# ruff: noqa: F811 - the fixtures are shared with test_notify
"""A top-up through Stripe (localstripe): the intent waits for the card (Payment Element),
then the page coming back captures it at once and credits the balance, once; the staff refund
goes back to the card at Stripe."""

import pytest

from payments import balance
from payments.models import TopUp
from tests.bookings.test_notify import patient  # noqa: F401 - fixture
from tests.payments.test_stripe_gateway import card_entered, raw

pytestmark = pytest.mark.django_db


def test_a_stripe_top_up_is_captured_when_the_card_is_confirmed(stripe_settings, patient, client):
    from django.utils import timezone

    now = timezone.now()
    topup = balance.topup_start(patient=patient, amount_cents=5000, request_key="f1", now=now)
    assert topup.gateway == "stripe" and topup.client_secret
    assert raw(topup.gateway_reference)["status"] == "requires_payment_method"
    # Before the card: nothing credited, the top-up waits.
    assert balance.topup_complete(topup=topup, now=now).status == TopUp.Status.PENDING
    card_entered(topup)  # what the Payment Element does in the browser
    client.force_login(patient)
    back = client.get(f"/en/account/balance/top-up/{topup.reference}/")
    assert back.status_code == 302
    topup.refresh_from_db()
    assert topup.status == TopUp.Status.PAID
    assert raw(topup.gateway_reference)["status"] == "succeeded"
    assert balance.balance_for(patient).available_cents == 5000
    client.get(f"/en/account/balance/top-up/{topup.reference}/")  # the page again
    assert balance.balance_for(patient).available_cents == 5000
    balance.topup_refund(topup=topup, amount_cents=2000, request_key="r1", now=now)
    assert balance.balance_for(patient).available_cents == 3000
    assert raw(topup.gateway_reference)["latest_charge"]["amount_refunded"] == 2000
