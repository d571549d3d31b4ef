# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Buying a package online (offline gateway): a purchase keyed by its form, the card entered,
then completed — by the page, the webhook or the periodic job, whichever comes first — into
exactly one package; a declined card leaves it to try again; an offer withdrawn or repriced
meanwhile is refused before any charge and an authorised card released."""

import json
import threading
import types
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.utils import translation

from payments import packages, services, webhooks
from payments.gateways import IntentStatus
from payments.gateways.offline import OfflineGateway
from payments.models import LedgerEntry, OfflineIntent, Package, PackageOffer, PackagePurchase
from payments.services import PaymentError
from tests.bookings.test_notify import NOW, claire, patient  # noqa: F401 - fixtures
from tests.payments.test_webhooks import SECRET, event, payment_intent, post, signature

Status = PackagePurchase.Status
VISA = "4242 4242 4242 4242"
DECLINED = "4000 0000 0000 0002"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def five(claire):
    return PackageOffer.objects.create(
        practitioner=claire, name="5 sessions", sessions=5, price_cents=27500
    )


def start(offer, patient, key="form-1"):
    return packages.package_purchase_start(offer=offer, patient=patient, request_key=key, now=NOW)


def ledger_totals():
    rows = LedgerEntry.objects.values("account").annotate(total=Sum("amount_cents"))
    return {row["account"]: row["total"] for row in rows if row["total"]}


def intent_of(purchase):
    return OfflineIntent.objects.get(reference=purchase.gateway_reference)


@pytest.mark.django_db
def test_bought_online_the_package_is_ready_and_the_practitioner_owed_it(
    five, patient, django_capture_on_commit_callbacks
):
    purchase = start(five, patient)
    assert (purchase.status, purchase.amount_cents, purchase.sessions) == (Status.PENDING, 27500, 5)
    assert purchase.gateway == "offline" and purchase.client_secret
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        purchase = packages.package_purchase_card_entered(purchase=purchase, card=VISA, now=NOW)
    assert purchase.status == Status.PAID and purchase.completed_at == NOW
    package = Package.objects.get()
    assert package.purchase == purchase and package.reference == purchase.reference
    assert (package.gateway, package.gateway_reference) == ("offline", purchase.gateway_reference)
    assert (package.credits_remaining, package.sessions_total, package.source) == (5, 5, "online")
    assert package.expires_at == NOW + timedelta(days=365)
    assert ledger_totals() == {"gateway": 27500, "practitioner": -22000, "commission": -5500}
    assert intent_of(purchase).status == IntentStatus.CAPTURED
    assert intent_of(purchase).captured_cents == 27500
    assert len(callbacks) == 1  # package_bought, once
    assert packages.package_transfer_group(package.reference) == f"package-{purchase.reference}"


@pytest.mark.django_db
def test_the_same_form_sent_twice_starts_one_purchase_and_makes_one_package(five, patient):
    first = start(five, patient)
    again = start(five, patient)
    assert again.pk == first.pk and again.gateway_reference == first.gateway_reference
    packages.package_purchase_card_entered(purchase=first, card=VISA, now=NOW)
    # The double click's second request arrives after the first completed.
    second = packages.package_purchase_card_entered(
        purchase=start(five, patient), card=VISA, now=NOW
    )
    assert second.pk == first.pk and second.status == Status.PAID
    assert Package.objects.count() == 1 and PackagePurchase.objects.count() == 1
    assert OfflineIntent.objects.count() == 1
    # Another form (another key) is another purchase.
    assert start(five, patient, key="form-2").pk != first.pk


@pytest.mark.django_db
def test_a_declined_card_says_so_and_the_same_purchase_takes_another_card(five, patient):
    purchase = start(five, patient)
    with pytest.raises(PaymentError, match="declined"):
        packages.package_purchase_card_entered(purchase=purchase, card=DECLINED, now=NOW)
    purchase.refresh_from_db()
    assert purchase.status == Status.PENDING and "declined" in purchase.failure_message
    assert not Package.objects.exists() and not LedgerEntry.objects.exists()
    retried = packages.package_purchase_card_entered(
        purchase=start(five, patient), card=VISA, now=NOW
    )
    assert retried.pk == purchase.pk and retried.status == Status.PAID
    assert retried.failure_message == "" and Package.objects.count() == 1


@pytest.mark.django_db
def test_an_offer_withdrawn_before_starting_is_refused(five, patient):
    five.active = False
    five.save()
    with pytest.raises(PaymentError, match="no longer on sale"):
        start(five, patient)
    assert not PackagePurchase.objects.exists() and not OfflineIntent.objects.exists()


@pytest.mark.django_db
def test_an_offer_withdrawn_before_the_card_is_refused_before_any_charge(five, patient):
    purchase = start(five, patient)
    PackageOffer.objects.filter(pk=five.pk).update(active=False)
    purchase = packages.package_purchase_card_entered(purchase=purchase, card=VISA, now=NOW)
    assert purchase.status == Status.CANCELLED and "no longer on sale" in purchase.failure_message
    assert intent_of(purchase).status == IntentStatus.RELEASED
    assert not Package.objects.exists() and not LedgerEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("change", [{"active": False}, {"price_cents": 30000}, {"sessions": 4}])
def test_an_authorised_card_is_released_when_the_offer_changed_meanwhile(five, patient, change):
    purchase = start(five, patient)
    # The card is authorised at the provider (Stripe's form), then staff change the offer.
    OfflineGateway().confirm(purchase.gateway_reference, VISA)
    PackageOffer.objects.filter(pk=five.pk).update(**change)
    purchase = packages.package_purchase_complete(purchase=purchase, now=NOW)
    assert purchase.status == Status.CANCELLED
    assert intent_of(purchase).status == IntentStatus.RELEASED
    assert intent_of(purchase).captured_cents == 0
    assert not Package.objects.exists() and not LedgerEntry.objects.exists()
    # Asked again (the webhook, the job): nothing more happens.
    assert packages.package_purchase_complete(purchase=purchase, now=NOW).status == Status.CANCELLED


@pytest.mark.django_db
def test_an_offer_edited_after_the_capture_makes_the_package_that_was_paid(five, patient):
    """The capture went through but the package was not made yet (a worker stopped, or
    staff edited the offer during the capture call): the package is what the card paid."""
    purchase = start(five, patient)
    gateway = OfflineGateway()
    gateway.confirm(purchase.gateway_reference, VISA)
    gateway.capture(
        reference=purchase.gateway_reference,
        amount_cents=27500,
        idempotency_key=f"khepri:package-purchase:{purchase.reference}:capture",
    )
    five.price_cents, five.sessions = 30000, 6
    five.save()
    package = packages.package_purchase_complete(purchase=purchase, now=NOW).package
    assert (package.price_cents, package.sessions_total, package.credits_remaining) == (
        27500,
        5,
        5,
    )
    gateway_in = LedgerEntry.objects.filter(kind="package_sale", account="gateway").aggregate(
        total=Sum("amount_cents")
    )["total"]
    assert gateway_in == 27500


@pytest.mark.django_db
def test_a_platform_wide_package_waits_in_prepaid(patient):
    anywhere = PackageOffer.objects.create(name="3 anywhere", sessions=3, price_cents=15000)
    purchase = start(anywhere, patient)
    packages.package_purchase_card_entered(purchase=purchase, card=VISA, now=NOW)
    assert Package.objects.get().practitioner is None
    assert ledger_totals() == {"gateway": 15000, "prepaid": -15000}


@pytest.mark.django_db
def test_the_periodic_job_completes_a_purchase_whose_page_was_closed(five, patient):
    purchase = start(five, patient)
    OfflineGateway().confirm(purchase.gateway_reference, VISA)  # then the page was closed
    assert packages.package_purchases_complete_due(now=NOW + timedelta(minutes=1)) == 0  # too soon
    services.payments_settle_due(now=NOW + timedelta(minutes=5))
    purchase.refresh_from_db()
    assert purchase.status == Status.PAID and Package.objects.count() == 1
    assert packages.package_purchases_complete_due(now=NOW + timedelta(minutes=10)) == 0


@pytest.mark.django_db
def test_a_purchase_without_a_card_stays_pending_for_the_job(five, patient):
    purchase = start(five, patient)
    assert packages.package_purchases_complete_due(now=NOW + timedelta(minutes=5)) == 0
    purchase.refresh_from_db()
    assert purchase.status == Status.PENDING and not Package.objects.exists()


@pytest.mark.django_db
def test_a_provider_down_loses_nothing_and_the_same_form_or_the_job_finishes(
    five, patient, monkeypatch
):
    from payments.gateways import GatewayError

    down = GatewayError("The payment service did not answer.", retryable=True)
    real_authorise, real_capture = OfflineGateway.authorise, OfflineGateway.capture

    def fail(*args, **kwargs):
        raise down

    monkeypatch.setattr(OfflineGateway, "authorise", fail)
    with pytest.raises(PaymentError, match="did not answer"):
        start(five, patient)
    monkeypatch.setattr(OfflineGateway, "authorise", real_authorise)
    purchase = start(five, patient)  # the same form again: the same purchase, now at the provider
    assert PackagePurchase.objects.count() == 1 and purchase.gateway_reference
    monkeypatch.setattr(OfflineGateway, "capture", fail)
    with pytest.raises(PaymentError, match="did not answer"):
        packages.package_purchase_card_entered(purchase=purchase, card=VISA, now=NOW)
    assert intent_of(purchase).status == IntentStatus.AUTHORISED and not Package.objects.exists()
    monkeypatch.setattr(OfflineGateway, "capture", real_capture)
    packages.package_purchases_complete_due(now=NOW + timedelta(minutes=5))
    purchase.refresh_from_db()
    assert purchase.status == Status.PAID and Package.objects.count() == 1
    assert intent_of(purchase).captured_cents == 27500


@pytest.mark.django_db
def test_card_forms_left_unfinished_are_let_go_and_never_hide_a_paid_one(five, patient):
    left = [start(five, patient, key=f"left-{n}") for n in range(4)]
    PackagePurchase.objects.filter(pk__in=[p.pk for p in left]).update(
        created_at=NOW - timedelta(days=2)
    )
    paid_page_closed = start(five, patient, key="paid")
    OfflineGateway().confirm(paid_page_closed.gateway_reference, VISA)
    later = NOW + timedelta(minutes=5)
    assert packages.package_purchases_complete_due(now=later, limit=3) == 1, "newest first"
    assert Package.objects.get().purchase_id == paid_page_closed.pk
    packages.package_purchases_complete_due(now=later, limit=10)
    closed = PackagePurchase.objects.filter(pk__in=[p.pk for p in left])
    assert {p.status for p in closed} == {Status.CANCELLED}
    assert {intent_of(p).status for p in closed} == {IntentStatus.RELEASED}
    assert "left unfinished. Nothing was charged." in closed.first().failure_message
    fresh = start(five, patient, key="fresh")  # a card form open for a minute: left alone
    packages.package_purchases_complete_due(now=NOW + timedelta(minutes=10))
    fresh.refresh_from_db()
    assert fresh.status == Status.PENDING


# --- The webhook: correctly signed recorded payloads ---------------------------------------


@pytest.fixture
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(webhooks, "timezone", types.SimpleNamespace(now=lambda: NOW))


def authorised_event(purchase, **fields):
    return event(
        "payment_intent.amount_capturable_updated",
        payment_intent(
            purchase.gateway_reference,
            amount=purchase.amount_cents,
            amount_capturable=purchase.amount_cents,
            metadata={"package_purchase": str(purchase.reference)},
            transfer_group=f"package-{purchase.reference}",
            **fields,
        ),
    )


@pytest.mark.django_db
def test_the_webhook_completes_a_purchase_when_the_browser_never_came_back(
    client, webhook_secret, clock, five, patient
):
    purchase = start(five, patient)
    OfflineGateway().confirm(purchase.gateway_reference, VISA)
    payload = authorised_event(purchase)
    response = post(client, payload)
    assert response.status_code == 200 and response.json()["outcome"] == "processed"
    purchase.refresh_from_db()
    assert purchase.status == Status.PAID
    package = Package.objects.get()
    assert package.bought_at == NOW and package.gateway_reference == purchase.gateway_reference
    # The same event again, then the page coming back, then the job: still one package.
    assert post(client, payload).json()["outcome"] == "duplicate"
    packages.package_purchase_card_sent(purchase=purchase, now=NOW)
    packages.package_purchases_complete_due(now=NOW + timedelta(minutes=5))
    assert Package.objects.count() == 1
    assert (
        LedgerEntry.objects.filter(kind="package_sale").values("movement").distinct().count() == 1
    )


@pytest.mark.django_db
def test_a_failed_payment_event_says_the_card_was_declined(
    client, webhook_secret, clock, five, patient
):
    purchase = start(five, patient)
    with pytest.raises(PaymentError):
        packages.package_purchase_card_entered(purchase=purchase, card=DECLINED, now=NOW)
    payload = event(
        "payment_intent.payment_failed",
        payment_intent(purchase.gateway_reference, status="requires_payment_method"),
    )
    assert post(client, payload).json()["outcome"] == "processed"
    purchase.refresh_from_db()
    assert purchase.status == Status.PENDING and not Package.objects.exists()


@pytest.mark.django_db
def test_a_purchase_refunded_in_stripes_dashboard_is_flagged_for_staff(
    client, webhook_secret, clock, five, patient, caplog
):
    from payments.models import WebhookEvent

    purchase = start(five, patient)
    packages.package_purchase_card_entered(purchase=purchase, card=VISA, now=NOW)
    charge = {
        "id": "ch_x",
        "object": "charge",
        "payment_intent": purchase.gateway_reference,
        "amount_refunded": 27500,
    }
    answer = post(client, event("charge.refunded", charge))
    assert answer.status_code == 200 and answer.json()["outcome"] == "ignored"
    stored = WebhookEvent.objects.get(type="charge.refunded")
    assert "adjust its package by hand" in stored.note
    assert "refunded in Stripe's dashboard" in caplog.text
    assert Package.objects.get().credits_remaining == 5, "nothing changed silently"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rounds", [1, 2])
def test_webhook_return_and_job_racing_make_one_package(
    site_tree, settings, clock, five, patient, rounds
):
    """Ten webhook deliveries (two events), the page coming back twice and the job, all at
    once: one capture, one package, one sale in the ledger."""
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    purchase = start(five, patient)
    OfflineGateway().confirm(purchase.gateway_reference, VISA)
    bodies = []
    for kind in ("payment_intent.amount_capturable_updated", "payment_intent.succeeded"):
        payload = authorised_event(purchase)
        payload["type"] = kind
        bodies.append(json.dumps(payload).encode())
    calls = [lambda body=body: post(Client(), body, signature(body)) for body in bodies * 5]
    calls += [
        lambda: packages.package_purchase_card_sent(purchase=purchase, now=NOW),
        lambda: packages.package_purchase_card_sent(purchase=purchase, now=NOW),
        lambda: packages.package_purchases_complete_due(now=NOW + timedelta(minutes=5)),
    ]
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait(timeout=30)
            for _round in range(rounds):
                call()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    purchase.refresh_from_db()
    assert purchase.status == Status.PAID
    assert Package.objects.count() == 1
    sales = LedgerEntry.objects.filter(kind="package_sale")
    assert sales.values("movement").distinct().count() == 1
    assert ledger_totals() == {"gateway": 27500, "practitioner": -22000, "commission": -5500}
    assert intent_of(purchase).captured_cents == 27500


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_once_starts_one_purchase(site_tree, five, patient):
    barrier = threading.Barrier(6)
    results, errors = [], []

    def submit():
        try:
            barrier.wait(timeout=30)
            purchase = start(five, patient)
            results.append(
                packages.package_purchase_card_entered(purchase=purchase, card=VISA, now=NOW).pk
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(set(results)) == 1 and PackagePurchase.objects.count() == 1
    assert Package.objects.count() == 1 and OfflineIntent.objects.count() == 1
