# ruff: noqa: F811 - the fixtures are shared with test_booking_api
"""Paying through the API: a priced hold is confirmed only once its card is authorised."""

import pytest

from payments.models import Payment
from tests.bookings.test_booking_api import (  # noqa: F401 - fixtures
    PATIENT,
    claire,
    confirm,
    frozen_now,
    hold,
    pay,
)

pytestmark = pytest.mark.django_db


def test_a_priced_hold_needs_an_authorised_card(client, claire):
    hold_id = hold(client).json()["id"]
    refused = confirm(client, hold_id, paid=False)
    assert refused.status_code == 402
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["price_cents"] == 6000
    declined = pay(client, hold_id, card="4000 0000 0000 0002")
    assert declined.status_code == 402 and "declined" in declined.json()["detail"]
    assert confirm(client, hold_id, paid=False).status_code == 402
    authorised = pay(client, hold_id)
    assert authorised.status_code == 200
    body = authorised.json()
    assert body["status"] == "authorised" and body["test_mode"] is True
    assert body["amount_cents"] == 6000 and body["client_secret"] == ""
    assert pay(client, hold_id).json()["status"] == "authorised"  # the same payment again
    booked = confirm(client, hold_id, paid=False)
    assert booked.status_code == 201
    payment = Payment.objects.get()
    assert payment.patient.email == PATIENT["email"]
    assert payment.booking.state == "confirmed"


def test_a_free_session_needs_no_payment(client, claire):
    claire.session_types.update(price_cents=0)
    hold_id = hold(client).json()["id"]
    assert pay(client, hold_id).status_code == 422
    assert confirm(client, hold_id, paid=False).status_code == 201
    assert not Payment.objects.exists()


def test_paying_for_a_released_hold_is_410(client, claire):
    hold_id = hold(client).json()["id"]
    client.post(f"/api/v1/holds/{hold_id}/confirm", {}, content_type="application/json")
    from bookings.models import Booking

    Booking.objects.update(state="expired")
    assert pay(client, hold_id).status_code == 410
