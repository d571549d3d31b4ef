"""Staff manage companies, agreements, domains and invite codes in the Wagtail admin;
enrolments are read-only there."""

import pytest
from django.contrib.auth import get_user_model

from employers.models import Agreement, CoveredSession, Enrolment, InviteCode
from tests.employers.conftest import NOW
from tests.factories import BookingFactory
from tests.practitioners.test_onboarding import english_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, site_tree):
    user = get_user_model().objects.create_superuser(
        email="admin@example.test", password="x-password-1"
    )
    client.force_login(english_admin(user))
    return user


def test_every_listing_and_form_opens(client, staff, acme, agreement, employee):
    InviteCode.objects.create(company=acme, max_uses=10)
    for name in ("company", "agreement", "domain", "code", "enrolment"):
        assert client.get(f"/admin/employer_{name}/").status_code == 200, name
    for name in ("company", "agreement", "domain", "code"):
        assert client.get(f"/admin/employer_{name}/new/").status_code == 200, name
    enrolment = Enrolment.objects.get()
    assert client.get(f"/admin/employer_enrolment/inspect/{enrolment.pk}/").status_code == 200
    assert client.get(f"/admin/employer_enrolment/edit/{enrolment.pk}/").status_code == 404


def test_staff_add_an_agreement_and_an_invite_code(client, staff, acme):
    response = client.post(
        "/admin/employer_agreement/new/",
        {"company": acme.pk, "sessions_per_employee": 4, "starts_on": "2027-01-01"},
    )
    assert response.status_code == 302
    assert Agreement.objects.get().sessions_per_employee == 4
    overlapping = client.post(
        "/admin/employer_agreement/new/",
        {"company": acme.pk, "sessions_per_employee": 2, "starts_on": "2027-06-01"},
    )
    assert overlapping.status_code == 200 and Agreement.objects.count() == 1
    client.post("/admin/employer_code/new/", {"company": acme.pk, "max_uses": 5})
    code = InviteCode.objects.get()
    assert len(code.code) == 12 and code.max_uses == 5 and not code.revoked
    revoked = client.post(
        f"/admin/employer_code/edit/{code.pk}/",
        {"company": acme.pk, "max_uses": 5, "revoked": "on"},
    )
    assert revoked.status_code == 302
    code.refresh_from_db()
    assert code.revoked


def test_a_company_with_history_is_not_deleted(client, staff, acme, agreement, employee):
    response = client.post(f"/admin/employer_company/delete/{acme.pk}/")
    assert response.status_code == 302
    assert type(acme).objects.filter(pk=acme.pk).exists()
    assert Enrolment.objects.filter(company=acme).exists()
    CoveredSession.objects.create(
        booking=BookingFactory(start=NOW, patient=employee),
        company=acme,
        agreement=agreement,
        patient=employee,
        year_start=agreement.starts_on,
        taken_at=NOW,
    )
    refused = client.post(f"/admin/employer_agreement/delete/{agreement.pk}/", follow=True)
    assert "kept for their history" in refused.content.decode()
    unused = type(acme).objects.create(name="Typo Inc")
    assert client.post(f"/admin/employer_company/delete/{unused.pk}/").status_code == 302
    assert not type(acme).objects.filter(pk=unused.pk).exists()


def test_staff_end_an_enrolment(client, staff, acme, employee):
    enrolment = Enrolment.objects.get()
    assert client.get(f"/admin/employer_enrolment/end/{enrolment.pk}/").status_code == 200
    assert client.post(f"/admin/employer_enrolment/end/{enrolment.pk}/").status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.left_at is not None
    assert client.get(f"/admin/employer_enrolment/end/{enrolment.pk}/").status_code == 404
