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
  fit to show the patient. A card that needs its holder (3-D Secure) when used without them
  (`off_session`) is refused with the code `authentication_required`.
* Saved cards: a `customer` per patient; `card_setup` saves a card on it for later payments
  without the patient (Stripe: a SetupIntent with `usage="off_session"`, confirmed by the
  browser; offline: the test card typed), `card_setup_retrieve` reads the outcome,
  `card_detach` forgets it. `authorise` with `customer` and a saved `payment_method`, and
  `off_session=True` when the patient is not there.
* `transfer_group` ties a payment to the transfers that later share it out (Stripe Connect's
  separate charges and transfers: a package paid once, used with several practitioners).
* `refunds` lists the refunds the provider made on a payment, ours (each carrying the
  idempotency key it was made with) and those made from its dashboard.
* Connect: `connected_account_create` opens a practitioner's own payment account (Stripe
  Express, France), `onboarding_link` sends them to fill it in at the provider and back,
  `connected_account_retrieve` reads its state (`ConnectedAccountState`); `transfer` sends
  money the platform holds to a connected account (from a payment's charge when
  `source_transaction` is given) and returns the transfer's reference.

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


@dataclass(frozen=True)
class Card:
    """A saved card as the patient recognises it (no card data)."""

    reference: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int


class SetupStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass(frozen=True)
class CardSetup:
    """Saving a card for later (a SetupIntent)."""

    reference: str
    status: SetupStatus
    customer: str
    client_secret: str = ""
    card: Card | None = None
    error: str = ""


@dataclass(frozen=True)
class ProviderRefund:
    reference: str
    amount_cents: int
    #: The idempotency key we made it with; empty for a refund made from the dashboard.
    idempotency_key: str = ""


@dataclass(frozen=True)
class ConnectedAccountState:
    """What the provider says of a practitioner's connected account."""

    reference: str
    details_submitted: bool
    charges_enabled: bool
    payouts_enabled: bool
    #: The provider may send money to it (Stripe: the `transfers` capability is active).
    transfers_enabled: bool
    #: What the provider still asks for (Stripe's `requirements.currently_due`).
    requirements_due: tuple[str, ...] = ()
    disabled_reason: str = ""


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
        customer: str = "",
        off_session: bool = False,
        transfer_group: str = "",
    ) -> Intent: ...

    @abc.abstractmethod
    def customer_create(self, *, idempotency_key: str, metadata: dict[str, str]) -> str:
        """A customer for one patient; returns its reference."""

    @abc.abstractmethod
    def card_setup(
        self, *, customer: str, idempotency_key: str, payment_method: str = ""
    ) -> CardSetup: ...

    @abc.abstractmethod
    def card_setup_retrieve(self, reference: str) -> CardSetup: ...

    @abc.abstractmethod
    def card_detach(self, *, reference: str) -> None: ...

    @abc.abstractmethod
    def refunds(self, reference: str) -> list[ProviderRefund]: ...

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

    # --- Connect (practitioners' own payment accounts) ---

    @abc.abstractmethod
    def connected_account_create(
        self, *, idempotency_key: str, email: str, metadata: dict[str, str]
    ) -> ConnectedAccountState: ...

    @abc.abstractmethod
    def connected_account_retrieve(self, reference: str) -> ConnectedAccountState: ...

    @abc.abstractmethod
    def onboarding_link(self, *, account: str, refresh_url: str, return_url: str) -> str:
        """The address where the practitioner fills in their account (valid a few minutes)."""

    @abc.abstractmethod
    def transfer(
        self,
        *,
        amount_cents: int,
        currency: str,
        destination: str,
        idempotency_key: str,
        source_transaction: str = "",
        transfer_group: str = "",
        metadata: dict[str, str] | None = None,
    ) -> str:
        """Send `amount_cents` to the connected account `destination`; returns the transfer's
        reference. `source_transaction`: the payment (intent) whose money it is."""


def get_gateway(name: str | None = None) -> Gateway:
    name = name or settings.KHEPRI_PAYMENT_GATEWAY
    return import_string(GATEWAYS[name])()


GATEWAYS = {
    "offline": "payments.gateways.offline.OfflineGateway",
    "stripe": "payments.gateways.stripe.StripeGateway",
}
