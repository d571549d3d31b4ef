# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Stripe Connect against localstripe (its Connect resources are in localstripe_server.py):
the gateway's account, onboarding link and transfer calls; a package paid by a Stripe charge
sends the practitioner's share by a transfer from that charge; the payout run by transfer;
`account.updated` webhooks, correctly signed, record the account's state."""

import json
import urllib.request
from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from payments import connect, packages
from payments.gateways import GatewayError, IntentStatus, get_gateway
from payments.gateways.stripe import StripeGateway, client
from payments.models import (
    ConnectedAccount,
    ConnectTransfer,
    LedgerEntry,
    Package,
    Payout,
    WebhookEvent,
)
from payments.services import PaymentError
from payments.statements import payouts_prepare
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)
from tests.payments.test_connect import ledger_sum, transfer_movements
from tests.payments.test_packages import balances, offer
from tests.payments.test_stripe_gateway import card_entered, key, raw
from tests.payments.test_webhooks import SECRET, event, post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def gateway(stripe_settings):
    gateway = get_gateway()
    assert isinstance(gateway, StripeGateway)
    return gateway


def onboarded_at_stripe(localstripe: str, reference: str) -> None:
    """The practitioner fills in Stripe's form (localstripe_server's `/_config/` stand-in)."""
    request = urllib.request.Request(
        f"{localstripe}/_config/accounts/{reference}/onboarded", method="POST", data=b""
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200


def new_account(gateway) -> str:
    return gateway.connected_account_create(
        idempotency_key=key(), email="claire@example.test", metadata={"practitioner": "1"}
    ).reference


def captured_payment(gateway, amount_cents: int) -> str:
    intent = gateway.authorise(
        amount_cents=amount_cents,
        currency="EUR",
        idempotency_key=key(),
        payment_method="pm_card_visa",
    )
    gateway.capture(reference=intent.reference, amount_cents=amount_cents, idempotency_key=key())
    assert gateway.retrieve(intent.reference).status == IntentStatus.CAPTURED
    return intent.reference


# --- The gateway on its own ----------------------------------------------------------------------


def test_an_express_account_in_france_not_ready_until_filled_in(gateway, localstripe):
    same_key = key()
    state = gateway.connected_account_create(
        idempotency_key=same_key, email="claire@example.test", metadata={"practitioner": "7"}
    )
    again = gateway.connected_account_create(
        idempotency_key=same_key, email="claire@example.test", metadata={"practitioner": "7"}
    )
    assert state.reference.startswith("acct_") and again.reference == state.reference
    at_stripe = client().v1.accounts.retrieve(state.reference).to_dict()
    assert (at_stripe["type"], at_stripe["country"]) == ("express", "FR")
    assert at_stripe["metadata"] == {"practitioner": "7"}, "our reference, nothing else"
    assert not (state.details_submitted or state.charges_enabled or state.payouts_enabled)
    assert not state.transfers_enabled and "external_account" in state.requirements_due
    onboarded_at_stripe(localstripe, state.reference)
    ready = gateway.connected_account_retrieve(state.reference)
    assert ready.details_submitted and ready.payouts_enabled and ready.transfers_enabled
    assert ready.requirements_due == () and ready.disabled_reason == ""


def test_the_onboarding_link_and_clear_errors(gateway):
    reference = new_account(gateway)
    url = gateway.onboarding_link(
        account=reference,
        refresh_url="https://khepri.example/pro/payments-account/continue/",
        return_url="https://khepri.example/pro/payments-account/?back=1",
    )
    assert url.startswith(f"https://connect.stripe.com/setup/e/{reference}/")
    with pytest.raises(GatewayError, match="payment account: No such account"):
        gateway.connected_account_retrieve("acct_nobody")
    with pytest.raises(GatewayError, match="No such account"):
        gateway.onboarding_link(
            account="acct_nobody", refresh_url="https://a", return_url="https://b"
        )


def test_a_transfer_from_a_charge_exact_and_once(gateway, localstripe):
    reference = new_account(gateway)
    onboarded_at_stripe(localstripe, reference)
    payment = captured_payment(gateway, 27500)
    same_key = key()
    made = [
        gateway.transfer(
            amount_cents=22000,
            currency="EUR",
            destination=reference,
            idempotency_key=same_key,
            source_transaction=payment,
            transfer_group="package-1",
            metadata={"khepri_transfer": "1"},
        )
        for _attempt in range(2)
    ]
    assert made[0].startswith("tr_") and made[0] == made[1], "a retry makes no second transfer"
    transfer = client().v1.transfers.retrieve(made[0]).to_dict()
    charge = client().v1.payment_intents.retrieve(payment).to_dict()["latest_charge"]["id"]
    assert (transfer["amount"], transfer["currency"], transfer["destination"]) == (
        22000,
        "eur",
        reference,
    )
    assert (transfer["source_transaction"], transfer["transfer_group"]) == (charge, "package-1")
    with pytest.raises(GatewayError, match="Insufficient funds"):
        gateway.transfer(
            amount_cents=5501,
            currency="EUR",
            destination=reference,
            idempotency_key=key(),
            source_transaction=payment,
        )


@pytest.mark.parametrize(
    ("amount", "destination", "reason"),
    [
        (0, "ready", "greater than or equal to 1"),
        (-100, "ready", "greater than or equal to 1"),
        (100, "acct_nobody", "No such account"),
        (100, "not_onboarded", "capabilities enabled: transfers"),
    ],
)
def test_a_transfer_stripe_refuses(gateway, localstripe, amount, destination, reason):
    accounts = {"ready": new_account(gateway), "not_onboarded": new_account(gateway)}
    onboarded_at_stripe(localstripe, accounts["ready"])
    with pytest.raises(GatewayError, match=reason) as refused:
        gateway.transfer(
            amount_cents=amount,
            currency="EUR",
            destination=accounts.get(destination, destination),
            idempotency_key=key(),
        )
    assert not refused.value.retryable


# --- Khepri on Stripe ----------------------------------------------------------------------------


def test_the_practitioner_opens_an_account_and_comes_back_ready(
    client, gateway, localstripe, claire, site_tree
):
    client.force_login(claire.user)
    opened = client.post("/en/pro/payments-account/")
    account = ConnectedAccount.objects.get(practitioner=claire)
    assert opened.status_code == 302
    assert opened["Location"].startswith(f"https://connect.stripe.com/setup/e/{account.reference}/")
    assert (
        account.gateway == "stripe"
        and "Test mode" in client.get("/en/pro/payments-account/").content.decode()
    )
    onboarded_at_stripe(localstripe, account.reference)
    page = client.get("/en/pro/payments-account/?back=1").content.decode()
    assert "Ready: your payments are sent to it." in page
    account.refresh_from_db()
    assert account.transfers_enabled and account.payouts_enabled and account.requirements_due == []


def test_an_account_staff_entered_by_hand_is_read_not_opened_again(gateway, localstripe, claire):
    reference = new_account(gateway)
    onboarded_at_stripe(localstripe, reference)
    claire.stripe_account_id = reference
    claire.save()
    account = connect.connected_account_open(practitioner=claire, now=NOW)
    assert account.reference == reference and connect.account_status(account) == "ready"


def test_a_package_paid_by_stripe_sends_her_share_from_its_charge(
    gateway, localstripe, claire, patient, django_capture_on_commit_callbacks
):
    account = connect.connected_account_open(practitioner=claire, now=NOW)
    onboarded_at_stripe(localstripe, account.reference)
    connect.connected_account_refresh(account=account, now=NOW)
    # Bought on the site through the Payment Element, end to end: one charge on the platform.
    purchase = packages.package_purchase_start(
        offer=offer(claire), patient=patient, request_key="form-1", now=NOW
    )
    card_entered(purchase)  # what the Payment Element does in the browser
    with django_capture_on_commit_callbacks(execute=True):
        packages.package_purchase_complete(purchase=purchase, now=NOW)
    package = Package.objects.get(purchase=purchase)
    row = ConnectTransfer.objects.get(package=package)
    at_stripe = client().v1.transfers.retrieve(row.gateway_reference).to_dict()
    assert (at_stripe["amount"], at_stripe["destination"]) == (22000, account.reference)
    # The charge and its transfers share one group.
    assert at_stripe["transfer_group"] == f"package-{package.reference}"
    assert raw(package.gateway_reference)["transfer_group"] == at_stripe["transfer_group"]
    assert at_stripe["source_transaction"].startswith("ch_")
    assert balances(practitioner=claire) == {"commission": -5500, "gateway": 5500}
    assert transfer_movements() == 1 and ledger_sum() == 0


def test_a_transfer_stripe_made_whose_answer_was_lost_is_recorded_from_its_replay(
    gateway, localstripe, claire, patient, django_capture_on_commit_callbacks, monkeypatch
):
    """Review finding: Stripe made the share's transfer but its answer was lost. The payout
    leaves it out; sent again with the same key, Stripe answers with the transfer it made."""
    account = connect.connected_account_open(practitioner=claire, now=NOW)
    onboarded_at_stripe(localstripe, account.reference)
    connect.connected_account_refresh(account=account, now=NOW)
    real = StripeGateway.transfer
    made = []

    def answer_lost(self, **kwargs):
        made.append(real(self, **kwargs))
        raise GatewayError("The payment service did not answer.", retryable=True)

    monkeypatch.setattr(StripeGateway, "transfer", answer_lost)
    purchase = packages.package_purchase_start(
        offer=offer(claire), patient=patient, request_key="form-1", now=NOW
    )
    card_entered(purchase)
    with django_capture_on_commit_callbacks(execute=True):
        packages.package_purchase_complete(purchase=purchase, now=NOW)
    row = ConnectTransfer.objects.get(package__purchase=purchase)
    assert row.status == ConnectTransfer.Status.PENDING and made[0].startswith("tr_")
    assert payouts_prepare(period=date(2026, 12, 1), now=NOW) == []
    monkeypatch.undo()
    assert connect.transfers_retry(now=NOW) == 1
    row.refresh_from_db()
    assert row.status == ConnectTransfer.Status.MADE and row.gateway_reference == made[0]
    assert balances(practitioner=claire) == {"commission": -5500, "gateway": 5500}
    assert transfer_movements() == 1 and ledger_sum() == 0


def test_the_payout_run_pays_a_ready_account_by_one_transfer(gateway, localstripe, claire):
    account = connect.connected_account_open(practitioner=claire, now=NOW)
    payout = Payout.objects.create(
        practitioner=claire, period=NOW.date().replace(day=1), amount_cents=4800, created_at=NOW
    )
    # Khepri believes the account ready; Stripe does not (not filled in): refused, still to pay.
    ConnectedAccount.objects.filter(pk=account.pk).update(transfers_enabled=True)
    with pytest.raises(PaymentError, match="capabilities enabled: transfers"):
        connect.payout_pay_by_transfer(payout=payout, now=NOW)
    payout.refresh_from_db()
    assert payout.status == Payout.Status.TO_PAY and not LedgerEntry.objects.exists()
    onboarded_at_stripe(localstripe, account.reference)
    paid = connect.payout_pay_by_transfer(payout=payout, now=NOW)
    at_stripe = client().v1.transfers.retrieve(paid.reference).to_dict()
    assert (at_stripe["amount"], at_stripe["destination"]) == (4800, account.reference)
    assert connect.payout_pay_by_transfer(payout=paid, now=NOW).reference == paid.reference
    assert LedgerEntry.objects.filter(kind="payout").count() == 2


# --- The account.updated webhook ------------------------------------------------------------------


def account_event(reference: str, **fields) -> dict:
    """An `account.updated` event as recorded from Stripe's API, trimmed."""
    return event(
        "account.updated",
        {
            "id": reference,
            "object": "account",
            "type": "express",
            "country": "FR",
            "details_submitted": True,
            "charges_enabled": True,
            "payouts_enabled": True,
            "capabilities": {"card_payments": "active", "transfers": "active"},
            "requirements": {"currently_due": [], "disabled_reason": None},
            **fields,
        },
    )


@pytest.fixture
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET


def test_account_updated_records_the_state_read_from_stripe(
    gateway, localstripe, claire, webhook_secret
):
    account = connect.connected_account_open(practitioner=claire, now=NOW)
    assert connect.account_status(account) == "incomplete"
    onboarded_at_stripe(localstripe, account.reference)
    payload = account_event(account.reference)
    answer = post(Client(), payload)
    assert answer.status_code == 200 and answer.json()["outcome"] == "processed"
    account.refresh_from_db()
    assert connect.account_status(account) == "ready"
    assert post(Client(), payload).json()["outcome"] == "duplicate"


def test_an_old_account_event_cannot_undo_what_stripe_says_now(
    gateway, localstripe, claire, webhook_secret
):
    account = connect.connected_account_open(practitioner=claire, now=NOW)
    onboarded_at_stripe(localstripe, account.reference)
    stale = account_event(
        account.reference,
        details_submitted=False,
        capabilities={"transfers": "inactive"},
        requirements={"currently_due": ["external_account"]},
    )
    assert post(Client(), stale).json()["outcome"] == "processed"
    account.refresh_from_db()
    assert account.transfers_enabled, "the state is read from Stripe, not from the event"


def test_an_account_event_for_someone_else_is_stored_and_noted(gateway, webhook_secret):
    payload = account_event("acct_of_another_platform")
    assert post(Client(), json.dumps(payload).encode()).json()["outcome"] == "ignored"
    stored = WebhookEvent.objects.get(event_id=payload["id"])
    assert stored.note == "no connected account with this id" and stored.processed_at
