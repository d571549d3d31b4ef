"""Joining a programme: with a *verified* address at the company's domain, or a code that is
valid (not revoked, uses left); one programme at a time; clear errors."""

import pytest

from employers import services
from employers.models import Company, Enrolment, InviteCode
from tests.employers.conftest import NOW, verified_user

pytestmark = pytest.mark.django_db


def test_a_verified_address_at_the_domain_joins(acme):
    user = verified_user("bob@ACME.example")
    enrolment = services.enrol_by_domain(user=user, company=acme, now=NOW)
    assert (enrolment.company, enrolment.method, enrolment.left_at) == (acme, "domain", None)


def test_an_unverified_address_at_the_domain_does_not(acme):
    user = verified_user("bob@acme.example", verified=False)
    with pytest.raises(services.EmployerError, match="confirmed"):
        services.enrol_by_domain(user=user, company=acme, now=NOW)
    assert not Enrolment.objects.exists()


def test_another_domain_does_not(acme):
    user = verified_user("bob@acme.example.evil.test")
    with pytest.raises(services.EmployerError):
        services.enrol_by_domain(user=user, company=acme, now=NOW)


def test_a_valid_code_joins_however_it_is_typed(acme):
    invite = InviteCode.objects.create(company=acme)
    assert len(invite.code) == 12 and invite.code.isalnum()
    typed = "-".join(invite.code[i : i + 4] for i in (0, 4, 8)).lower()
    user = verified_user("carol@example.test")
    enrolment = services.enrol_by_code(user=user, code=f"  {typed} ", now=NOW)
    assert enrolment.company == acme and enrolment.method == "code"
    invite.refresh_from_db()
    assert invite.uses == 1


def test_a_revoked_code_is_refused(acme):
    invite = InviteCode.objects.create(company=acme, revoked=True)
    with pytest.raises(services.EmployerError, match="no longer valid"):
        services.enrol_by_code(user=verified_user("c@example.test"), code=invite.code, now=NOW)
    assert not Enrolment.objects.exists()


def test_an_exhausted_code_is_refused(acme):
    invite = InviteCode.objects.create(company=acme, max_uses=1)
    services.enrol_by_code(user=verified_user("first@example.test"), code=invite.code, now=NOW)
    with pytest.raises(services.EmployerError, match="as many times as allowed"):
        services.enrol_by_code(user=verified_user("second@example.test"), code=invite.code, now=NOW)
    invite.refresh_from_db()
    assert invite.uses == 1 and Enrolment.objects.count() == 1


def test_an_unknown_code_is_refused(acme):
    with pytest.raises(services.EmployerError, match="not valid"):
        services.enrol_by_code(user=verified_user("c@example.test"), code="NOPE", now=NOW)


def test_one_programme_at_a_time_and_a_refused_join_spends_no_use(acme):
    other = Company.objects.create(name="Globex")
    invite = InviteCode.objects.create(company=other, max_uses=3)
    user = verified_user("dan@acme.example")
    services.enrol_by_domain(user=user, company=acme, now=NOW)
    with pytest.raises(services.EmployerError, match="already"):
        services.enrol_by_code(user=user, code=invite.code, now=NOW)
    invite.refresh_from_db()
    assert invite.uses == 0
    services.enrolment_leave(user=user, now=NOW)
    assert services.enrol_by_code(user=user, code=invite.code, now=NOW).company == other


def test_the_page_joins_with_a_code_and_shows_what_is_left(client, acme, agreement, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    invite = InviteCode.objects.create(company=acme)
    user = verified_user("erin@example.test")
    client.force_login(user)
    page = client.get("/en/account/employer/").content.decode()
    assert "Join with a code" in page and "Join the programme of" not in page
    refused = client.post("/en/account/employer/", {"action": "code", "code": "WRONG"})
    assert refused.status_code == 400 and "This code is not valid" in refused.content.decode()
    joined = client.post("/en/account/employer/", {"action": "code", "code": invite.code})
    assert joined.status_code == 302
    page = client.get("/en/account/employer/").content.decode()
    assert "Acme" in page and "2 sessions left of 2 this year" in page


def test_the_page_offers_the_domain_of_a_verified_address_only(client, acme, agreement):
    user = verified_user("fay@acme.example")
    client.force_login(user)
    page = client.get("/en/account/employer/").content.decode()
    assert "Join the programme of Acme" in page
    tampered = client.post("/en/account/employer/", {"action": "domain", "company": "abc"})
    assert tampered.status_code == 400 and "None of your confirmed" in tampered.content.decode()
    joined = client.post("/en/account/employer/", {"action": "domain", "company": acme.pk})
    assert joined.status_code == 302 and Enrolment.objects.filter(user=user).exists()

    unverified = verified_user("gus@acme.example", verified=False)
    client.force_login(unverified)
    page = client.get("/en/account/employer/").content.decode()
    assert "Join the programme of Acme" not in page and "not confirmed yet" in page
    sneaky = client.post("/en/account/employer/", {"action": "domain", "company": acme.pk})
    assert sneaky.status_code == 400 and not Enrolment.objects.filter(user=unverified).exists()
