# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Referral credit: the link's code kept through signup (an unknown one said, never blocking),
never oneself; the referrer credited once, for the referred person's first session where money
was taken (card, balance or package), by the platform, told by a discreet email; nothing while
the programme is at 0; free sessions do not count."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.db.models import Sum

from accounts.models import User
from bookings import lifecycle
from bookings.lifecycle import Acting
from payments import balance, referrals, services
from payments.models import LedgerEntry, Referral, ReferralReward, ReferralSettings
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NEVER_SAID,
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CARD = "4242 4242 4242 4242"


@pytest.fixture
def programme():
    settings = ReferralSettings.load()
    settings.credit_cents = 1000
    settings.save()
    return settings


@pytest.fixture
def referrer():
    return UserFactory(email="rose@example.test", first_name="Rose", language="en")


def referred_by(referrer, patient):
    return referrals.referral_record(referred=patient, code=referrer.referral_code, now=NOW)


def card_session(consult, patient, start, sent, *, amount=None):
    """A session paid by card and completed (the practitioner's `amount` taken, if given)."""
    booking = lifecycle.hold_create(session_type=consult, start=start, now=NOW)
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    payment = services.payment_card_entered(payment=payment, card=CARD, now=NOW)
    services.payment_after_provider(payment=payment, now=NOW)
    booking.refresh_from_db()
    _result, emails = sent(
        lambda: services.session_close(
            booking=booking,
            acting=Acting.practitioner(booking.practitioner.user),
            now=booking.end + timedelta(minutes=5),
            amount_cents=amount,
        )
    )
    return booking, emails


def credited(user) -> int:
    return balance.balance_for(user).available_cents


def test_the_first_paid_session_credits_the_referrer_once(
    programme, referrer, consult, patient, sent
):
    referred_by(referrer, patient)
    first, emails = card_session(consult, patient, paris(14, 10), sent)
    reward = ReferralReward.objects.get()
    assert reward.booking == first and reward.amount_cents == 1000
    assert credited(referrer) == 1000
    # Paid by the platform's promotions account, onto the referrer's balance.
    movement = LedgerEntry.objects.filter(kind="referral_credit")
    assert {e.account: e.amount_cents for e in movement} == {"promotions": 1000, "balance": -1000}
    assert {e.patient_id for e in movement} == {referrer.pk}
    # A discreet email to the referrer: the amount and their balance, never who joined.
    (email,) = [m for m in emails if referrer.email in m.to]
    text = email.subject + email.body + str(email.alternatives)
    assert "10 EUR" in text.replace(",00", "").replace(".00", "") and "/account/balance/" in text
    for word in ("Alice", "Durand", patient.email, *NEVER_SAID):
        assert word.lower() not in text.lower()
    # The second session earns nothing more.
    card_session(consult, patient, paris(15, 10), sent)
    referrals.referral_rewards_due(now=NOW)
    assert ReferralReward.objects.count() == 1 and credited(referrer) == 1000
    with pytest.raises(IntegrityError):
        ReferralReward.objects.create(referral=reward.referral, amount_cents=1000, created_at=NOW)


def test_free_sessions_do_not_count(programme, referrer, claire, consult, patient, sent):
    referred_by(referrer, patient)
    card_session(consult, patient, paris(14, 10), sent, amount=0)  # closed charging nothing
    assert not ReferralReward.objects.exists() and credited(referrer) == 0
    free = claire.session_types.create(
        name="Free first call", duration_minutes=20, price_cents=0, is_default=False
    )
    booking = lifecycle.hold_create(session_type=free, start=paris(15, 9), now=NOW)
    lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW)
    sent(
        lambda: lifecycle.booking_complete(
            booking=booking, acting=Acting.practitioner(claire.user), now=booking.end
        )
    )
    referrals.referral_rewards_due(now=NOW)
    assert not ReferralReward.objects.exists()
    # Then a paid one counts.
    card_session(consult, patient, paris(16, 10), sent)
    assert credited(referrer) == 1000


def test_a_late_cancellation_fee_is_not_a_session(programme, referrer, consult, patient, sent):
    referred_by(referrer, patient)
    for hour in (9, 11):  # the first late cancellation is forgiven, the second costs the fee
        booking = lifecycle.hold_create(session_type=consult, start=paris(7, hour), now=NOW)
        payment = services.payment_start(booking=booking, patient=patient, now=NOW)
        services.payment_card_entered(payment=payment, card=CARD, now=NOW)
        services.payment_after_provider(payment=payment, now=NOW)
        booking.refresh_from_db()
        sent(
            lambda booking=booking: lifecycle.booking_cancel(
                booking=booking, acting=Acting.patient(patient), now=NOW
            )
        )
    assert booking.payment.captured_cents == 3000
    referrals.referral_rewards_due(now=NOW)
    assert not ReferralReward.objects.exists()


def test_a_session_paid_from_the_balance_counts(programme, referrer, consult, patient, sent):
    referred_by(referrer, patient)
    topup = balance.topup_start(patient=patient, amount_cents=10000, request_key="k", now=NOW)
    balance.topup_card_entered(topup=topup, card=CARD, now=NOW)
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    booking = balance.booking_confirm_with_balance(booking=booking, patient=patient, now=NOW)
    sent(
        lambda: lifecycle.booking_complete(
            booking=booking, acting=Acting.practitioner(booking.practitioner.user), now=booking.end
        )
    )
    assert credited(referrer) == 1000


def test_with_the_programme_off_nothing_is_given_not_even_later(referrer, consult, patient, sent):
    assert ReferralSettings.load().credit_cents == 0
    referred_by(referrer, patient)
    card_session(consult, patient, paris(14, 10), sent)
    assert ReferralReward.objects.get().amount_cents == 0
    assert credited(referrer) == 0 and not LedgerEntry.objects.filter(kind="referral_credit")
    settings = ReferralSettings.load()
    settings.credit_cents = 1000
    settings.save()
    card_session(consult, patient, paris(15, 10), sent)  # not the first paid session
    referrals.referral_rewards_due(now=NOW)
    assert credited(referrer) == 0


def test_never_for_oneself(referrer):
    with pytest.raises(referrals.ReferralRefused):
        referrals.referral_record(referred=referrer, code=referrer.referral_code, now=NOW)
    twin = UserFactory(email="r.o.s.e+again@example.test")
    assert referrals.normalised_email(twin.email) != referrals.normalised_email(referrer.email)
    gmail = UserFactory(email="rose.lee@gmail.com")
    same_box = UserFactory(email="Rose.Lee+khepri@googlemail.com")
    with pytest.raises(referrals.ReferralRefused):
        referrals.referral_record(referred=same_box, code=gmail.referral_code, now=NOW)
    plus = UserFactory(email="rose+2@example.test")
    with pytest.raises(referrals.ReferralRefused):
        referrals.referral_record(referred=plus, code=referrer.referral_code, now=NOW)
    assert not Referral.objects.exists()
    with pytest.raises(IntegrityError):
        Referral.objects.create(referrer=referrer, referred=referrer, created_at=NOW)


def test_a_person_keeps_their_first_referrer(referrer, patient):
    first = referred_by(referrer, patient)
    other = UserFactory(email="other@example.test")
    assert referred_by(other, patient) == first
    assert Referral.objects.get().referrer == referrer


# --- Signup with the link -------------------------------------------------------------------


def signup(client, email="zoe@example.org"):
    return client.post(
        "/en/accounts/signup/",
        {
            "first_name": "Zoé",
            "last_name": "Durand",
            "email": email,
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
        },
    )


def test_the_link_is_kept_through_signup(client, referrer):
    page = client.get(f"/en/accounts/signup/?ref={referrer.referral_code.lower()}")
    assert page.status_code == 200
    assert signup(client).status_code == 302
    zoe = User.objects.get(email="zoe@example.org")
    assert Referral.objects.get(referred=zoe).referrer == referrer


def test_an_unknown_code_is_said_and_never_blocks_signup(client, referrer):
    page = client.get("/en/accounts/signup/?ref=NOPE2345")
    assert "This invitation link is not valid" in page.content.decode()
    assert signup(client).status_code == 302
    assert User.objects.filter(email="zoe@example.org").exists()
    assert not Referral.objects.exists()
    # Tampered values are ignored the same way, never an error.
    for value in ("", "x" * 500, "<script>", "%00"):
        assert client.get("/en/", {"ref": value}).status_code in (200, 302)


def test_self_referral_at_signup_is_refused_with_a_message(client):
    owner = UserFactory(email="zoe@gmail.com")
    client.get(f"/en/accounts/signup/?ref={owner.referral_code}")
    response = signup(client, email="z.o.e+new@gmail.com")
    assert response.status_code == 302
    assert not Referral.objects.exists()
    assert User.objects.filter(email="z.o.e+new@gmail.com").exists()


def test_the_account_shows_the_link_and_numbers_never_names(
    client, programme, referrer, consult, patient, sent
):
    referred_by(referrer, patient)
    card_session(consult, patient, paris(14, 10), sent)
    client.force_login(referrer)
    page = client.get("/en/account/balance/").content.decode()
    assert f"?ref={referrer.referral_code}" in page
    assert "Signed up with your link" in page and "Referral credit" in page
    assert "10 €" in page or "€10" in page
    for word in ("Alice", "Durand", patient.email):
        assert word not in page
    assert ReferralReward.objects.aggregate(s=Sum("amount_cents"))["s"] == 1000


def test_an_account_made_at_the_booking_checkout_keeps_the_link(client, referrer, claire):
    client.get(f"/en/accounts/signup/?ref={referrer.referral_code}")
    held = client.post(
        "/en/book/",
        {"practitioner": claire.slug, "start": "2026-12-14T09:00:00Z", "tz": "Europe/Paris"},
    )
    details = client.post(
        held["Location"],
        {
            "first_name": "Zoé",
            "last_name": "Durand",
            "email": "zoe@example.org",
            "phone": "06 12 34 56 78",
        },
    )
    assert details.status_code == 302
    zoe = User.objects.get(email="zoe@example.org")
    assert Referral.objects.get(referred=zoe).referrer == referrer
