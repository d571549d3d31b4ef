# ruff: noqa: F401 - fixtures shared with the bookings tests
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation

from employers.models import Agreement, Company, CompanyDomain, Enrolment
from tests.bookings.test_notify import NOW, claire, consult, paris, patient, sent
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def english():
    """Messages and statements read in English (pages: `/en/` addresses)."""
    with translation.override("en"):
        yield


@pytest.fixture
def acme(db):
    company = Company.objects.create(name="Acme", billing_email="billing@acme.example")
    CompanyDomain.objects.create(company=company, domain="acme.example")
    return company


@pytest.fixture
def agreement(acme):
    return Agreement.objects.create(
        company=acme, sessions_per_employee=2, starts_on=date(2026, 1, 1), price_cap_cents=8000
    )


def verified_user(email: str, *, verified: bool = True, **names):
    user = UserFactory(email=email, **names)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


@pytest.fixture
def employee(acme, agreement):
    user = verified_user("alice@acme.example", first_name="Alice", last_name="Durand")
    Enrolment.objects.create(user=user, company=acme, method="domain", joined_at=NOW)
    return user
