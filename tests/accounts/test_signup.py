"""Patient signup (allauth): name, email, password, and an optional phone confirmed by SMS."""

import re

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from notifications import sms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def signup(client, **values):
    data = {
        "first_name": "Zoé",
        "last_name": "Durand",
        "email": "zoe@example.org",
        "password1": "a-long-test-password-42",
        "password2": "a-long-test-password-42",
        **values,
    }
    return client.post("/en/accounts/signup/", data)


def test_signup_asks_a_name_and_sends_the_activation_link(client, mailoutbox):
    page = client.get("/en/accounts/signup/").content.decode()
    assert 'name="first_name"' in page and 'name="phone"' in page
    assert "reason" not in page.lower()
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="zoe@example.org")
    assert (user.first_name, user.last_name, user.language) == ("Zoé", "Durand", "en")
    assert not EmailAddress.objects.get(user=user).verified
    assert any("/accounts/confirm-email/" in m.body for m in mailoutbox)
    assert sms.outbox == []  # no phone given, no text


def test_a_phone_given_at_signup_is_confirmed_by_an_sms_code(client, mailoutbox):
    response = signup(client, phone="+33612345678")
    user = User.objects.get(email="zoe@example.org")
    assert str(user.phone) == "+33612345678" and not user.phone_verified
    (text,) = sms.outbox
    code = re.search(r"code: (\S+)\.", text["text"]).group(1)
    page = client.get(response["Location"], follow=True)
    assert page.status_code == 200
    verify = client.post("/en/accounts/phone/verify/", {"code": code})
    assert verify.status_code == 302
    user.refresh_from_db()
    assert user.phone_verified
