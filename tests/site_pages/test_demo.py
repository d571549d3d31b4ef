from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from accounts.models import User
from bookings.models import Booking


def _counts():
    return {
        "pages": Page.objects.count(),
        "live_pages": Page.objects.live().count(),
        "users": User.objects.count(),
        "bookings": Booking.objects.count(),
    }


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_keeps_other_data(site_tree):
    call_command("load_demo", stdout=StringIO())
    first = _counts()
    visitor = User.objects.create_user(email="someone@example.org", password="x" * 12)
    call_command("load_demo", stdout=StringIO())

    assert _counts() == {**first, "users": first["users"] + 1}
    assert User.objects.filter(pk=visitor.pk).exists()
    # Both sides of the booking flow can be tried: a confirmed session and a request; and a
    # session last week, paid and closed (the practitioner's earnings show it).
    states = set(
        Booking.objects.filter(patient__email="patient@khepri.example").values_list(
            "state", flat=True
        )
    )
    assert states == {Booking.State.CONFIRMED, Booking.State.REQUESTED, Booking.State.COMPLETED}
    from payments.models import Payment

    # ...and a session two weeks ahead paid with the patient's saved card, authorised later.
    assert set(Payment.objects.values_list("status", flat=True)) == {
        "authorised",
        "captured",
        "card_saved",
    }


@pytest.mark.django_db
def test_demo_is_refused_where_not_allowed(settings, site_tree):
    from django.core.management.base import CommandError

    settings.KHEPRI_ALLOW_DEMO = False
    with pytest.raises(CommandError):
        call_command("load_demo")


@pytest.mark.django_db
def test_demo_accounts_can_log_in(client, site_tree):
    call_command("load_demo", stdout=StringIO())
    from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    for account in DEMO_ACCOUNTS:
        assert client.login(email=account["email"], password=DEMO_PASSWORD), account["email"]
        client.logout()
