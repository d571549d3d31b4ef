"""The demo's employer programme: Acme, its agreement, an employee and HR logins, and one
session paid by Acme in the past, billed to the ledger."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from employers.models import Company, CoveredSession
from payments.models import LedgerEntry


@pytest.mark.django_db
def test_the_demo_has_acme_and_a_session_it_paid(site_tree, client):
    call_command("load_demo", stdout=StringIO())
    acme = Company.objects.get(name="Acme")
    assert acme.domains.get().domain == "acme.example"
    assert acme.agreements.get().sessions_per_employee == 6
    assert acme.hr_contacts.get().email == "rh@acme.example"
    unit = CoveredSession.objects.get(patient__email="employe@acme.example")
    assert unit.booking.state == "completed" and unit.billed_cents > 0
    company_owes = LedgerEntry.objects.filter(account="company").aggregate(t=Sum("amount_cents"))
    assert company_owes["t"] == unit.billed_cents
    client.login(email="rh@acme.example", password="khepri-demo")
    assert client.get(f"/en/company/{acme.pk}/").status_code == 200
