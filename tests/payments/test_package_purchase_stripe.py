# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Buying a package through Stripe (localstripe): the intent waits for the Payment Element
(no card reaches our server), carries the package's transfer group and only our reference;
the page coming back captures exactly what was authorised and makes the package, once; a
declined card leaves it waiting; an offer withdrawn meanwhile releases the card."""

from datetime import timedelta

import pytest
from django.utils import translation

from payments import packages
from payments.models import LedgerEntry, Package, PackageOffer, PackagePurchase
from tests.bookings.test_notify import NOW, claire, patient  # noqa: F401 - fixtures
from tests.payments.test_stripe_gateway import (
    DECLINED,
    DECLINED_MESSAGE,
    captured_on_charge,
    card_entered,
    raw,
)

pytestmark = pytest.mark.django_db
Status = PackagePurchase.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def five(claire):
    return PackageOffer.objects.create(
        practitioner=claire, name="5 sessions of sophrology", sessions=5, price_cents=27500
    )


def start(offer, patient, key="form-1"):
    return packages.package_purchase_start(offer=offer, patient=patient, request_key=key, now=NOW)


def test_the_card_form_pays_and_the_return_makes_the_package_once(
    stripe_settings, five, patient, client
):
    purchase = start(five, patient)
    assert purchase.gateway == "stripe" and purchase.client_secret
    assert start(five, patient).gateway_reference == purchase.gateway_reference  # double submit
    at_stripe = raw(purchase.gateway_reference)
    assert at_stripe["status"] == "requires_payment_method"
    assert at_stripe["capture_method"] == "manual" and at_stripe["amount"] == 27500
    assert at_stripe["transfer_group"] == f"package-{purchase.reference}"
    # Discreet: our reference only, never the offer's name; a neutral statement line.
    assert at_stripe["metadata"] == {"package_purchase": str(purchase.reference)}
    assert "sophrology" not in str(at_stripe).lower()
    assert at_stripe["statement_descriptor_suffix"] == "CONSULTATION"
    # Before the card: nothing happens.
    assert packages.package_purchase_complete(purchase=purchase, now=NOW).status == Status.PENDING
    card_entered(purchase)  # what the Payment Element does in the browser
    client.force_login(patient)
    back = client.get(f"/en/account/packages/purchase/{purchase.reference}/done/")
    assert back.status_code == 302
    purchase.refresh_from_db()
    assert purchase.status == Status.PAID and purchase.card_sent_at is not None
    assert raw(purchase.gateway_reference)["status"] == "succeeded"
    assert captured_on_charge(purchase.gateway_reference) == 27500
    package = Package.objects.get()
    assert (package.gateway, package.gateway_reference) == ("stripe", purchase.gateway_reference)
    assert package.reference == purchase.reference
    # The page again, the job: nothing more.
    client.get(f"/en/account/packages/purchase/{purchase.reference}/done/")
    packages.package_purchases_complete_due(now=NOW + timedelta(hours=1))
    assert Package.objects.count() == 1
    sales = LedgerEntry.objects.filter(kind="package_sale")
    assert sales.values("movement").distinct().count() == 1
    page = client.get(back["Location"]).content.decode()
    assert "Your package is ready" in page and "5 of 5" in page


def test_a_declined_card_keeps_the_purchase_waiting_and_says_so(
    stripe_settings, five, patient, client
):
    purchase = start(five, patient)
    with pytest.raises(Exception, match="declined"):
        card_entered(purchase, DECLINED)
    purchase = packages.package_purchase_complete(purchase=purchase, now=NOW)
    assert purchase.status == Status.PENDING and purchase.failure_message == DECLINED_MESSAGE
    assert not Package.objects.exists() and not LedgerEntry.objects.exists()
    client.force_login(patient)
    page = client.get(f"/en/account/packages/purchase/{purchase.reference}/").content.decode()
    assert DECLINED_MESSAGE in page and 'id="payment-element"' in page  # try another card
    assert "Confirming your payment" not in client.get("/en/account/packages/").content.decode()


def test_an_offer_withdrawn_after_the_card_releases_it_at_stripe(stripe_settings, five, patient):
    purchase = start(five, patient)
    card_entered(purchase)
    assert raw(purchase.gateway_reference)["status"] == "requires_capture"
    PackageOffer.objects.filter(pk=five.pk).update(active=False)
    purchase = packages.package_purchase_card_sent(purchase=purchase, now=NOW)
    assert purchase.status == Status.CANCELLED
    assert raw(purchase.gateway_reference)["status"] == "canceled"
    assert raw(purchase.gateway_reference)["latest_charge"]["captured"] is False
    assert not Package.objects.exists() and not LedgerEntry.objects.exists()
