# ruff: noqa: F811 - the fixtures are shared with test_notify
"""The pages of buying a package (English, at /en/): offer → card → "package ready"; with
Stripe the offer's form leads to the purchase's page with the Payment Element; while the bank
confirms, the page says so (a small script asks again; without it, its "Check again" link) and
"My packages" lists the purchase; someone else's purchase is not found."""

import pytest

from payments import packages
from payments.gateways.offline import OfflineGateway
from payments.models import Package, PackageOffer, PackagePurchase
from tests.bookings.test_notify import NOW, claire, patient  # noqa: F401 - fixtures
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/en/book/claire-martin/packages/"


@pytest.fixture
def five(claire):
    return PackageOffer.objects.create(
        practitioner=claire, name="5 sessions", sessions=5, price_cents=27500
    )


def purchase_url(purchase, suffix=""):
    return f"/en/account/packages/purchase/{purchase.reference}/{suffix}"


def test_with_stripe_the_offer_leads_to_the_payment_element(stripe_settings, five, patient, client):
    client.force_login(patient)
    page = client.get(URL).content.decode()
    assert "Continue to the card" in page and 'name="card_number"' not in page
    chosen = client.post(URL, {"offer": five.pk, "purchase_key": "k1"})
    assert chosen.status_code == 302
    purchase = PackagePurchase.objects.get()
    assert chosen["Location"] == purchase_url(purchase)
    again = client.post(URL, {"offer": five.pk, "purchase_key": "k1"})  # a double click
    assert again["Location"] == chosen["Location"] and PackagePurchase.objects.count() == 1
    card = client.get(chosen["Location"]).content.decode()
    assert 'id="stripe-payment"' in card and purchase.client_secret in card
    assert f'data-return-url="http://testserver{purchase_url(purchase, "done/")}"' in card
    assert "Pay €275" in card
    assert 'id="payment-confirming"' in card and "Confirming your payment…" in card
    assert "card_number" not in card  # no card field of ours


def test_the_offline_purchase_ends_on_the_package_ready(five, patient, client):
    client.force_login(patient)
    bought = client.post(
        URL,
        {
            "offer": five.pk,
            "purchase_key": "k1",
            "card_number": "4242 4242 4242 4242",
            "expiry": "12/30",
            "security_code": "123",
        },
    )
    ready = client.get(bought["Location"])
    page = ready.content.decode()
    assert ready.status_code == 200
    assert "Your package is ready" in page and "5 of 5" in page and "Valid until" in page
    assert "Book a session" in page and "/en/book/claire-martin/" in page
    assert "no real payment was made" in page  # test mode, said


def test_while_the_bank_confirms_the_page_says_so_and_checks_again(five, patient, client):
    purchase = packages.package_purchase_start(
        offer=five, patient=patient, request_key="k1", now=NOW
    )
    client.force_login(patient)
    # The browser came back before the provider finished (3-D Secure, a slow bank).
    back = client.post(purchase_url(purchase, "done/"))
    assert back.status_code == 302 and back["Location"] == purchase_url(purchase)
    waiting = client.get(back["Location"]).content.decode()
    assert "Confirming your payment…" in waiting
    assert "data-confirming" in waiting and "purchase_status.js" in waiting
    assert f'href="{purchase_url(purchase)}">Check again' in waiting  # without a script
    mine = client.get("/en/account/packages/").content.decode()
    assert "Confirming your payment…" in mine and purchase_url(purchase) in mine
    assert "You have no package" not in mine
    OfflineGateway().confirm(purchase.gateway_reference, "4242424242424242")
    ready = client.get(purchase_url(purchase)).content.decode()  # the reload
    assert "Your package is ready" in ready and "data-confirming" not in ready
    mine = client.get("/en/account/packages/").content.decode()
    assert "Confirming your payment" not in mine and "5 sessions left of 5" in mine


def test_an_offer_withdrawn_meanwhile_is_explained(five, patient, client):
    purchase = packages.package_purchase_start(
        offer=five, patient=patient, request_key="k1", now=NOW
    )
    PackageOffer.objects.filter(pk=five.pk).update(active=False)
    client.force_login(patient)
    client.post(purchase_url(purchase, "done/"))
    page = client.get(purchase_url(purchase)).content.decode()
    assert "The package was not bought" in page
    assert "no longer on sale. Nothing was charged." in page
    assert not Package.objects.exists()
    # The offers' page no longer shows it; a page opened before sends it: refused in words.
    assert "5 sessions" not in client.get(URL).content.decode()
    refused = client.post(
        URL,
        {
            "offer": five.pk,
            "purchase_key": "k2",
            "card_number": "4242 4242 4242 4242",
            "expiry": "12/30",
            "security_code": "123",
        },
    )
    assert refused.status_code == 400
    assert "no longer on sale. Nothing was charged." in refused.content.decode()
    assert PackagePurchase.objects.count() == 1


def test_someone_elses_purchase_is_not_found(five, patient, client):
    purchase = packages.package_purchase_start(
        offer=five, patient=patient, request_key="k1", now=NOW
    )
    client.force_login(UserFactory(email="bob@example.test"))
    assert client.get(purchase_url(purchase)).status_code == 404
    assert client.post(purchase_url(purchase, "done/")).status_code == 404
    assert client.get("/en/account/packages/purchase/not-a-uuid/").status_code == 404
    client.logout()
    assert client.get(purchase_url(purchase)).status_code == 302  # log in first


@pytest.mark.parametrize("offer_id", ["²", "١٢", "9" * 30, "0", "-1", "abc", ""])
def test_a_tampered_offer_is_not_found(five, patient, client, offer_id):
    client.force_login(patient)
    response = client.post(URL, {"offer": offer_id, "purchase_key": "k1"})
    assert response.status_code == 404
    assert not PackagePurchase.objects.exists()


def test_an_expired_form_says_so(five, patient, client):
    client.force_login(patient)
    response = client.post(
        URL,
        {
            "offer": five.pk,
            "purchase_key": "",
            "card_number": "4242 4242 4242 4242",
            "expiry": "12/30",
            "security_code": "123",
        },
    )
    assert response.status_code == 400 and "This form has expired" in response.content.decode()
    assert not PackagePurchase.objects.exists()


def test_staff_see_purchases_read_only(five, patient, client, site_tree):
    from django.contrib.auth import get_user_model

    from tests.practitioners.test_onboarding import english_admin

    purchase = packages.package_purchase_start(
        offer=five, patient=patient, request_key="k1", now=NOW
    )
    staff = get_user_model().objects.create_superuser(
        email="admin@example.test", password="x-password-1"
    )
    client.force_login(english_admin(staff))
    listing = client.get("/admin/packagepurchase/")
    assert listing.status_code == 200 and "Waiting for the card" in listing.content.decode()
    inspect = client.get(f"/admin/packagepurchase/inspect/{purchase.pk}/")
    assert inspect.status_code == 200 and purchase.gateway_reference in inspect.content.decode()
    assert purchase.client_secret and purchase.client_secret not in inspect.content.decode()
    assert client.get("/admin/packagepurchase/add/").status_code == 404
