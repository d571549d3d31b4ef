"""The payment gateway interface, and the offline gateway used by the demo and the tests.

Contract (every implementation):

* `authorise` reserves an amount on a card without taking it (manual capture). Without a
  payment method it returns `PENDING` with a `client_secret` the browser uses to enter the
  card (Stripe's Payment Element); `retrieve` then tells what happened.
* `capture` takes at most what was authorised (the gateway refuses more); `release` lets the
  authorisation go; `refund` gives back at most what was captured.
* Every write carries an idempotency key derived from our own records: the same key twice
  performs the operation once and answers the same.
* Errors are `GatewayError` (with `retryable`), card refusals `CardDeclined`; messages are
  fit to show the patient.

Implementations: `offline` (demo and tests, marked "test mode") and `stripe`.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.utils.module_loading import import_string

#: How long a card authorisation lasts at the provider (Stripe: 7 days for online payments).
AUTHORISATION_LIFETIME = timedelta(days=7)


class IntentStatus(StrEnum):
    PENDING = "pending"
    AUTHORISED = "authorised"
    CAPTURED = "captured"
    RELEASED = "released"
    FAILED = "failed"


@dataclass(frozen=True)
class Intent:
    """The provider's view of one payment."""

    reference: str
    status: IntentStatus
    amount_cents: int
    captured_cents: int = 0
    client_secret: str = ""
    expires_at: datetime | None = None
    error: str = ""


class GatewayError(Exception):
    def __init__(self, message: str, *, retryable: bool = False, code: str = ""):
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.code = code

    def __str__(self):
        return self.message


class CardDeclined(GatewayError):
    """The card was refused: the patient may try another one."""


class Gateway(abc.ABC):
    name: str = ""
    #: Shown to patients: no real money moves.
    test_mode: bool = True

    @abc.abstractmethod
    def authorise(
        self,
        *,
        amount_cents: int,
        currency: str,
        idempotency_key: str,
        payment_method: str = "",
        destination: str = "",
        application_fee_cents: int = 0,
        metadata: dict[str, str] | None = None,
    ) -> Intent: ...

    @abc.abstractmethod
    def retrieve(self, reference: str) -> Intent: ...

    @abc.abstractmethod
    def capture(
        self,
        *,
        reference: str,
        amount_cents: int,
        idempotency_key: str,
        application_fee_cents: int = 0,
    ) -> Intent: ...

    @abc.abstractmethod
    def release(self, *, reference: str, idempotency_key: str) -> Intent: ...

    @abc.abstractmethod
    def refund(
        self,
        *,
        reference: str,
        amount_cents: int,
        idempotency_key: str,
        reverse_transfer: bool = False,
    ) -> str:
        """Returns the refund's reference at the provider. `reverse_transfer`: take the
        connected account's share back too (and the platform's fee in proportion)."""


def get_gateway(name: str | None = None) -> Gateway:
    name = name or settings.KHEPRI_PAYMENT_GATEWAY
    return import_string(GATEWAYS[name])()


GATEWAYS = {
    "offline": "payments.gateways.offline.OfflineGateway",
    "stripe": "payments.gateways.stripe.StripeGateway",
}
