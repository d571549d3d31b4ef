# ruff: noqa: F811 - the fixtures are shared with tests.bookings.test_notify and tests.invoices
"""A patient with a bit of everything (a paid session and its fee note, a package, a balance
top-up, a saved card, an employer, a referral, messages), and another patient beside her."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import transaction

from accounts.models import User
from bookings import lifecycle
from bookings.lifecycle import Acting
from bookings.models import Booking
from employers.models import Company, Enrolment
from notifications.models import OutboundMessage
from payments import balance, cards, packages
from payments.models import PackageOffer, Referral, TopUp, WebhookEvent
from tests.bookings.test_notify import NOW, claire, consult, paris  # noqa: F401 - fixtures
from tests.factories import UserFactory
from tests.invoices.conftest import CARD, details, paid_session  # noqa: F401 - fixtures

EMAIL = "zephyrine.quillebeuf@example.test"
FIRST, LAST = "Zéphyrine", "Quillebeuf"
PHONE = "+33612345678"
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts failed passwords in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def patient():
    user = UserFactory(
        email=EMAIL, first_name=FIRST, last_name=LAST, phone=PHONE, phone_verified=True
    )
    user.about_needs = f"Je m'appelle {FIRST}, joignable au {PHONE}."
    user.is_minor = True
    user.guardian_name = f"Maman {LAST}"
    user.guardian_contact = "guardian.quillebeuf@example.test"
    user.guardian_consent_at = NOW
    user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=EMAIL, primary=True, verified=True)
    return user


@pytest.fixture
def other():
    return UserFactory(email="someone.else@example.test", first_name="Basile", last_name="Autre")


@dataclass
class History:
    session: Booking
    other_session: Booking
    topup: TopUp
    company: Company


def book_with_package(package, consult, patient, start):
    booking = lifecycle.hold_create(session_type=consult, start=start, now=NOW)
    with transaction.atomic():
        packages.package_take(package=package, booking=booking, patient=patient, now=NOW)
        booking = lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW)
    return lifecycle.booking_complete(
        booking=booking,
        acting=Acting.practitioner(booking.practitioner.user),
        now=booking.end + timedelta(minutes=1),
    )


@pytest.fixture
def history(details, claire, consult, patient, other, django_capture_on_commit_callbacks):
    """Everything done in the past, nothing in flight (sessions held, money settled)."""
    with django_capture_on_commit_callbacks(execute=True):
        session, _payment = paid_session(consult, patient, paris(14, 10))
        other_session, _ = paid_session(consult, other, paris(14, 14))
        offer = PackageOffer.objects.create(
            practitioner=claire, name="3 séances", sessions=3, price_cents=10000
        )
        package = packages.package_record_at_centre(offer=offer, patient=patient, now=NOW)
        book_with_package(package, consult, patient, paris(15, 10))
        topup = balance.topup_start(
            patient=patient, amount_cents=2000, request_key="form-1", now=NOW
        )
        topup = balance.topup_card_entered(topup=topup, card=CARD, now=NOW)
        cards.card_save_typed(patient=patient, number=CARD, remembered=True, now=NOW)
    company = Company.objects.create(name="Acme Industries")
    Enrolment.objects.create(user=patient, company=company, method="code", joined_at=NOW)
    Referral.objects.create(referrer=other, referred=patient, created_at=NOW)
    # A message whose body names her, and one to her phone.
    OutboundMessage.objects.create(
        channel="sms",
        to=PHONE,
        kind="booking.reminder",
        body_text=f"Bonjour {FIRST}, à demain.",
        next_attempt_at=NOW,
        created_at=NOW,
        status=OutboundMessage.Status.SENT,
        sent_at=NOW,
    )
    # A provider's event that copied her billing details.
    WebhookEvent.objects.create(
        event_id="evt_billing_1",
        type="payment_intent.succeeded",
        payload={"billing_details": {"email": EMAIL, "name": f"{FIRST} {LAST}"}},
        received_at=NOW,
        processed_at=NOW,
    )
    session.refresh_from_db()
    return History(session=session, other_session=other_session, topup=topup, company=company)


def refund_the_balance(history: History):
    """Staff give the unspent top-up back, as the erasure page asks first."""
    balance.topup_refund(topup=history.topup, amount_cents=2000, request_key="refund-1", now=NOW)


def personal_values() -> list[str]:
    return [EMAIL, FIRST, LAST, PHONE, PHONE.replace("+33", "0"), "guardian.quillebeuf"]


def refreshed(user) -> User:
    return User.objects.get(pk=user.pk)
