# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Saved cards and sessions authorised later (offline gateway, Stripe's test-card semantics):
a session far ahead saves the card and is confirmed with nothing moved; the job authorises it
off-session a few days before (in UTC, whatever the zones), once even with two workers;
a refusal tells the patient and the practitioner once, is retried when it may pass, and the
patient can enter a card on the booking's page; an authorisation that lapses is renewed from
the saved card; the account's saved cards (list, add, remove) and paying with one at checkout."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from bookings import lifecycle
from bookings.lifecycle import Acting
from bookings.models import Booking
from payments import cards, services
from payments.gateways import offline
from payments.models import (
    GatewayCall,
    LedgerEntry,
    OfflineCard,
    OfflineIntent,
    Payment,
    SavedCard,
    ScheduledAuthorisation,
)
from payments.services import PaymentError
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Status = Payment.Status
VISA = "4242424242424242"
DECLINED = "4000000000000002"
NO_FUNDS = "4000000000009995"
AUTHENTICATE = "4000002760003184"
#: Monday 21 December, 10:00 in Paris: 14 days after NOW, authorised from the 18th, 09:00 UTC.
FAR = paris(21, 10)
DUE = FAR - timedelta(days=3)


@pytest.fixture(autouse=True)
def gateway_clock(monkeypatch):
    """The offline gateway's clock, set by each test (authorisations lapse by it)."""
    clock = {"now": NOW}
    monkeypatch.setattr(offline, "now", lambda: clock["now"])
    return clock


def far_booking(consult, patient, number=VISA, start=FAR, remembered=True):
    booking = lifecycle.hold_create(session_type=consult, start=start, now=NOW)
    card = cards.card_save_typed(patient=patient, number=number, remembered=remembered, now=NOW)
    payment = cards.payment_defer(booking=booking, patient=patient, card=card, now=NOW)
    booking.refresh_from_db()
    return booking, payment


def balances(payment):
    rows = LedgerEntry.objects.filter(payment=payment)
    return {
        row["account"]: row["total"]
        for row in rows.values("account").annotate(total=Sum("amount_cents"))
        if row["total"]
    }


def run(sent, at):
    """The periodic job at `at`, its messages sent; returns (counts, emails)."""
    return sent(lambda: cards.authorisations_run(now=at))


# --- A session far ahead saves the card -------------------------------------------------------


def test_a_session_far_ahead_saves_the_card_and_is_confirmed_with_nothing_moved(
    consult, patient, gateway_clock
):
    booking, payment = far_booking(consult, patient)
    assert booking.state == Booking.State.CONFIRMED
    assert payment.status == Status.CARD_SAVED and payment.saved_card.last4 == "4242"
    assert payment.scheduled.due_at == DUE
    assert not LedgerEntry.objects.exists(), "a card saved is not money"
    assert not OfflineIntent.objects.exists()
    # Only the provider's ids and what the patient recognises are kept here.
    card = SavedCard.objects.get()
    assert (card.brand, card.last4, card.reference[:6]) == ("visa", "4242", "offpm_")
    assert card.customer_reference.startswith("offcus_")


def test_near_sessions_are_authorised_at_once_far_ones_later(consult):
    near = lifecycle.hold_create(session_type=consult, start=paris(11, 10), now=NOW)
    assert not cards.authorisation_deferred(near, NOW)
    far = lifecycle.hold_create(session_type=consult, start=FAR, now=NOW)
    assert cards.authorisation_deferred(far, NOW)


def test_a_card_declined_at_saving_says_so_and_keeps_the_hold(consult, patient):
    booking = lifecycle.hold_create(session_type=consult, start=FAR, now=NOW)
    with pytest.raises(PaymentError, match=r"declined|refusée"):
        cards.card_save_typed(patient=patient, number=DECLINED, remembered=True, now=NOW)
    booking.refresh_from_db()
    assert booking.state == Booking.State.HELD and not SavedCard.objects.exists()


# --- The job authorises it a few days before ----------------------------------------------------


def test_the_job_authorises_at_the_due_time_in_utc_whatever_the_zones(
    consult, patient, sent, gateway_clock
):
    patient.time_zone = "Pacific/Auckland"
    patient.save()
    booking = lifecycle.hold_create(
        session_type=consult, start=FAR, now=NOW, time_zone="America/Montreal"
    )
    card = cards.card_save_typed(patient=patient, number=VISA, remembered=True, now=NOW)
    payment = cards.payment_defer(booking=booking, patient=patient, card=card, now=NOW)
    assert payment.scheduled.due_at == FAR - timedelta(days=3)  # an instant, not a wall time

    gateway_clock["now"] = DUE - timedelta(seconds=1)
    counts, emails = run(sent, DUE - timedelta(seconds=1))
    payment.refresh_from_db()
    assert payment.status == Status.CARD_SAVED and not counts.get("authorised")

    gateway_clock["now"] = DUE
    counts, emails = run(sent, DUE)
    payment.refresh_from_db()
    assert counts["authorised"] == 1 and emails == []
    assert payment.status == Status.AUTHORISED and payment.authorised_cents == 6000
    assert payment.authorisation_expires_at == DUE + timedelta(days=7)
    assert balances(payment) == {"card_authorised": 6000, "authorisations": -6000}
    call = GatewayCall.objects.get(payment=payment, operation="authorise")
    assert call.idempotency_key == f"khepri:{payment.reference}:authorise:offsession:1"
    # Run again: nothing more.
    assert run(sent, DUE + timedelta(minutes=15))[0].get("authorised") is None
    assert OfflineIntent.objects.count() == 1


def test_the_authorised_session_is_captured_after_it(consult, patient, sent, gateway_clock):
    booking, payment = far_booking(consult, patient)
    gateway_clock["now"] = DUE
    run(sent, DUE)
    after = FAR + timedelta(hours=2)
    gateway_clock["now"] = after
    sent(
        lambda: lifecycle.booking_complete(
            booking=Booking.objects.get(pk=booking.pk), acting=Acting.system(), now=after
        )
    )
    payment.refresh_from_db()
    assert (payment.status, payment.captured_cents) == (Status.CAPTURED, 6000)


@pytest.mark.parametrize(
    ("number", "code"),
    [(AUTHENTICATE, "authentication_required"), (NO_FUNDS, "insufficient_funds")],
)
def test_a_refusal_tells_the_patient_and_the_practitioner_once(
    consult, patient, claire, sent, gateway_clock, number, code
):
    booking, payment = far_booking(consult, patient, number=number)
    gateway_clock["now"] = DUE
    counts, emails = run(sent, DUE)
    assert counts["refused"] == 1
    assert sorted(email.to[0] for email in emails) == sorted([claire.user.email, patient.email])
    to_patient = next(email for email in emails if email.to == [patient.email])
    assert booking.token in to_patient.body
    scheduled = ScheduledAuthorisation.objects.get(payment=payment)
    assert scheduled.failure_code == code and scheduled.notified_at == DUE
    payment.refresh_from_db()
    assert payment.status == Status.CARD_SAVED and not LedgerEntry.objects.exists()
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED, "never cancelled silently"
    if code == "authentication_required":
        assert scheduled.next_attempt_at is None, "only the patient can solve it"
    else:
        assert scheduled.next_attempt_at == DUE + cards.RETRY_AFTER
    # Later runs (and a retry that fails again) tell nobody again.
    for hours in (1, 12, 24):
        gateway_clock["now"] = DUE + timedelta(hours=hours)
        assert run(sent, DUE + timedelta(hours=hours))[1] == []
    scheduled.refresh_from_db()
    assert scheduled.attempts == (1 if code == "authentication_required" else 3)


def test_a_decline_that_passes_on_retry_authorises(consult, patient, sent, gateway_clock):
    _booking, payment = far_booking(consult, patient, number=NO_FUNDS)
    gateway_clock["now"] = DUE
    run(sent, DUE)
    # The patient's bank account is topped up: the test card number changes at the provider.
    OfflineCard.objects.update(number=VISA)
    retry = DUE + cards.RETRY_AFTER
    gateway_clock["now"] = retry
    counts, emails = run(sent, retry)
    payment.refresh_from_db()
    assert counts["authorised"] == 1 and emails == []
    assert payment.status == Status.AUTHORISED
    assert ScheduledAuthorisation.objects.get().attempts == 1


def test_the_provider_out_of_reach_is_retried_and_nobody_told(
    consult, patient, sent, gateway_clock, monkeypatch
):
    _booking, _payment = far_booking(consult, patient)

    def down(*args, **kwargs):
        raise offline.GatewayError("no answer", retryable=True)

    monkeypatch.setattr(offline.OfflineGateway, "authorise", down)
    counts, emails = run(sent, DUE)
    assert counts["retry"] == 1 and emails == []
    scheduled = ScheduledAuthorisation.objects.get()
    assert scheduled.next_attempt_at == DUE + cards.PROVIDER_RETRY and scheduled.attempts == 0
    monkeypatch.undo()
    offline_now = DUE + cards.PROVIDER_RETRY
    monkeypatch.setattr(offline, "now", lambda: offline_now)
    assert run(sent, offline_now)[0]["authorised"] == 1


def test_the_last_reminder_a_day_before_once(consult, patient, sent, gateway_clock):
    booking, _payment = far_booking(consult, patient, number=AUTHENTICATE)
    run(sent, DUE)
    assert run(sent, FAR - timedelta(hours=25))[1] == []
    _counts, emails = run(sent, FAR - timedelta(hours=23))
    assert [email.to for email in emails] == [[patient.email]]
    assert booking.token in emails[0].body
    assert run(sent, FAR - timedelta(hours=2))[1] == []


def test_the_patient_enters_a_card_on_the_booking_page(
    client, consult, patient, sent, gateway_clock
):
    booking, payment = far_booking(consult, patient, number=AUTHENTICATE)
    run(sent, DUE)
    page = client.get(f"/en/appointments/{booking.token}/").content.decode()
    assert "could not be authorised" in page and f"/appointments/{booking.token}/card/" in page
    form = client.get(f"/en/appointments/{booking.token}/card/")
    assert form.status_code == 200
    refused = client.post(
        f"/en/appointments/{booking.token}/card/",
        {"pay": "1", "card_number": DECLINED, "expiry": "12/30", "security_code": "123"},
    )
    assert refused.status_code == 400 and "declined" in refused.content.decode()
    # The card that needs authentication passes with the patient there (on-session).
    done = client.post(
        f"/en/appointments/{booking.token}/card/",
        {"pay": "1", "card_number": AUTHENTICATE, "expiry": "12/30", "security_code": "123"},
    )
    assert done.status_code == 302
    payment.refresh_from_db()
    assert payment.status == Status.AUTHORISED
    assert balances(payment) == {"card_authorised": 6000, "authorisations": -6000}
    assert client.get(f"/en/appointments/{booking.token}/card/").status_code == 302


def test_still_refused_at_the_session_the_closing_tries_once_more_then_marks_it(
    consult, patient, sent, gateway_clock
):
    booking, payment = far_booking(consult, patient, number=AUTHENTICATE)
    run(sent, DUE)
    after = FAR + timedelta(hours=2)
    gateway_clock["now"] = after
    sent(
        lambda: lifecycle.booking_complete(
            booking=Booking.objects.get(pk=booking.pk), acting=Acting.system(), now=after
        )
    )
    payment.refresh_from_db()
    assert payment.status == Status.FAILED and payment.captured_cents == 0
    assert not LedgerEntry.objects.filter(payment=payment).exists()


def test_a_free_cancellation_lets_the_saved_card_go_with_nothing_to_release(consult, patient, sent):
    booking, payment = far_booking(consult, patient)
    sent(lambda: lifecycle.booking_cancel(booking=booking, acting=Acting.patient(patient), now=NOW))
    payment.refresh_from_db()
    assert payment.status == Status.RELEASED and not LedgerEntry.objects.exists()
    assert run(sent, DUE)[0].get("authorised") is None


# --- Two workers at once ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_job_at_once_authorise_once(
    site_tree, consult, patient, gateway_clock
):
    _booking, payment = far_booking(consult, patient)
    offline_now = gateway_clock["now"] = DUE
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=30)
            outcomes.append(cards.authorisations_run(now=offline_now))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sum(outcome.get("authorised", 0) for outcome in outcomes) == 1
    assert OfflineIntent.objects.count() == 1
    assert GatewayCall.objects.filter(operation="authorise").count() == 1
    payment.refresh_from_db()
    assert payment.status == Status.AUTHORISED
    assert LedgerEntry.objects.filter(kind="authorisation").count() == 2


# --- Lapses ------------------------------------------------------------------------------------


def near_paid_with_saved_card(consult, patient, number=VISA):
    booking = lifecycle.hold_create(session_type=consult, start=paris(11, 10), now=NOW)
    card = cards.card_save_typed(patient=patient, number=number, remembered=True, now=NOW)
    payment, _created = Payment.objects.get_or_create(
        booking=booking, defaults=services.payment_defaults(booking, patient, "offline", NOW)
    )
    payment = cards.payment_authorise_now(payment=payment, card=card, now=NOW)
    services.payment_after_provider(payment=payment, now=NOW)
    booking.refresh_from_db()
    payment.refresh_from_db()
    return booking, payment


def test_the_offline_gateway_lets_an_authorisation_lapse_after_seven_days(
    consult, patient, gateway_clock
):
    _booking, payment = near_paid_with_saved_card(consult, patient)
    gateway = offline.OfflineGateway()
    assert gateway.retrieve(payment.gateway_reference).status == "authorised"
    gateway_clock["now"] = NOW + timedelta(days=7)
    assert gateway.retrieve(payment.gateway_reference).status == "released"
    with pytest.raises(offline.GatewayError):
        gateway.capture(reference=payment.gateway_reference, amount_cents=6000, idempotency_key="k")


def test_an_authorisation_lapsing_before_capture_is_renewed_from_the_saved_card(
    consult, patient, sent, gateway_clock
):
    _booking, payment = near_paid_with_saved_card(consult, patient)
    first = payment.gateway_reference
    # The session moved later (or waits for an answer): the authorisation would lapse first.
    lapse = NOW + timedelta(days=7)
    gateway_clock["now"] = lapse
    counts, emails = run(sent, lapse)
    payment.refresh_from_db()
    assert counts["renewed"] == 1 and emails == []
    assert payment.status == Status.AUTHORISED and payment.gateway_reference != first
    assert payment.authorisation_expires_at == lapse + timedelta(days=7)
    assert OfflineIntent.objects.get(reference=first).status == "released"
    assert balances(payment) == {"card_authorised": 6000, "authorisations": -6000}
    assert LedgerEntry.objects.filter(kind="authorisation").count() == 4


def test_renewed_ahead_of_the_lapse_the_old_one_is_released_first(
    consult, patient, sent, gateway_clock
):
    _booking, payment = near_paid_with_saved_card(consult, patient)
    first = payment.gateway_reference
    almost = NOW + timedelta(days=7) - timedelta(hours=2)
    gateway_clock["now"] = almost
    run(sent, almost)
    payment.refresh_from_db()
    assert payment.status == Status.AUTHORISED and payment.gateway_reference != first
    assert OfflineIntent.objects.get(reference=first).status == "released"
    assert balances(payment) == {"card_authorised": 6000, "authorisations": -6000}


def test_a_lapse_without_a_saved_card_tells_them(consult, patient, claire, sent, gateway_clock):
    booking = lifecycle.hold_create(session_type=consult, start=paris(11, 10), now=NOW)
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    payment = services.payment_card_entered(payment=payment, card=VISA, now=NOW)
    services.payment_after_provider(payment=payment, now=NOW)
    lapse = NOW + timedelta(days=7, hours=1)
    gateway_clock["now"] = lapse
    _counts, emails = run(sent, lapse)
    payment.refresh_from_db()
    assert payment.status == Status.CARD_SAVED
    assert sorted(email.to[0] for email in emails) == sorted([claire.user.email, patient.email])
    assert balances(payment) == {}


# --- Saved cards --------------------------------------------------------------------------------


def test_the_account_lists_adds_and_removes_cards(client, patient):
    client.force_login(patient)
    assert "no saved card" in client.get("/en/account/cards/").content.decode()
    refused = client.post(
        "/en/account/cards/",
        {"add": "1", "card_number": DECLINED, "expiry": "12/30", "security_code": "123"},
    )
    assert refused.status_code == 400 and "declined" in refused.content.decode()
    added = client.post(
        "/en/account/cards/",
        {"add": "1", "card_number": VISA, "expiry": "12/30", "security_code": "123"},
        follow=True,
    )
    page = added.content.decode()
    assert "Visa •••• 4242" in page and VISA not in page
    card = SavedCard.objects.get()
    someone = UserFactory(email="someone@example.test")
    client.force_login(someone)
    assert client.post(f"/en/account/cards/{card.pk}/remove/").status_code == 404
    client.force_login(patient)
    client.post(f"/en/account/cards/{card.pk}/remove/")
    card.refresh_from_db()
    assert card.removed_at is not None and OfflineCard.objects.get().detached
    assert "no saved card" in client.get("/en/account/cards/").content.decode()


def test_a_card_an_upcoming_session_waits_on_is_not_removed(client, consult, patient):
    _booking, payment = far_booking(consult, patient)
    client.force_login(patient)
    page = client.post(f"/en/account/cards/{payment.saved_card_id}/remove/", follow=True)
    assert "upcoming session will be paid with this card" in page.content.decode()
    assert SavedCard.objects.get().removed_at is None


def test_someone_elses_card_never_pays(consult, patient):
    card = cards.card_save_typed(patient=patient, number=VISA, remembered=True, now=NOW)
    other = UserFactory(email="other@example.test")
    booking = lifecycle.hold_create(session_type=consult, start=FAR, now=NOW)
    with pytest.raises(PaymentError):
        cards.payment_defer(booking=booking, patient=other, card=card, now=NOW)
    with pytest.raises(PaymentError):
        cards.saved_card_get(other, card.pk)
    with pytest.raises(PaymentError):
        cards.saved_card_get(other, "abc")


# --- Checkout ---------------------------------------------------------------------------------


@pytest.fixture
def at_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def hold(client, start):
    response = client.post(
        "/en/book/",
        {
            "practitioner": "claire-martin",
            "start": start.isoformat(),
            "tz": "Europe/Paris",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def test_checkout_pays_with_a_saved_card_in_one_step(
    client, consult, patient, at_now, django_capture_on_commit_callbacks
):
    card = cards.card_save_typed(patient=patient, number=VISA, remembered=True, now=NOW)
    client.force_login(patient)
    checkout = hold(client, paris(11, 10))
    page = client.get(checkout).content.decode()
    assert "Pay with a saved card" in page and "Visa •••• 4242" in page
    assert "Remember this card" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(checkout, {"use_card": card.pk})
    assert response.status_code == 302 and "/appointments/" in response["Location"]
    payment = Payment.objects.get()
    assert payment.status == Status.AUTHORISED and payment.saved_card == card
    assert payment.booking.state == Booking.State.CONFIRMED


def test_checkout_far_ahead_with_a_saved_card_saves_it_for_later(
    client, consult, patient, at_now, django_capture_on_commit_callbacks
):
    card = cards.card_save_typed(patient=patient, number=VISA, remembered=True, now=NOW)
    client.force_login(patient)
    checkout = hold(client, FAR)
    page = client.get(checkout).content.decode()
    assert "Nothing is taken today" in page and "Friday 18 December" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(checkout, {"use_card": card.pk})
    manage = client.get(response["Location"]).content.decode()
    assert "card saved (Visa •••• 4242)" in manage and "Friday 18 December" in manage
    assert Payment.objects.get().status == Status.CARD_SAVED


def test_checkout_remembers_a_new_card_when_asked(client, consult, patient, at_now):
    client.force_login(patient)
    checkout = hold(client, paris(11, 10))
    response = client.post(
        checkout,
        {
            "pay": "1",
            "card_number": "4242 4242 4242 4242",
            "expiry": "12/30",
            "security_code": "123",
            "remember": "on",
        },
    )
    assert response.status_code == 302
    assert list(cards.saved_cards(patient).values_list("last4", flat=True)) == ["4242"]
    assert Payment.objects.get().status == Status.AUTHORISED


def test_checkout_without_remembering_keeps_no_card(client, consult, patient, at_now):
    client.force_login(patient)
    checkout = hold(client, paris(11, 10))
    client.post(
        checkout,
        {"pay": "1", "card_number": VISA, "expiry": "12/30", "security_code": "123"},
    )
    assert not SavedCard.objects.exists()
    assert Payment.objects.get().status == Status.AUTHORISED


def test_a_tampered_saved_card_is_a_clear_error(client, consult, patient, at_now):
    client.force_login(patient)
    checkout = hold(client, paris(11, 10))
    for value in ("abc", "999999", "²", "9" * 30, "-1"):
        response = client.post(checkout, {"use_card": value})
        assert response.status_code == 400
        assert "no longer saved" in response.content.decode()


def test_a_hold_lapsed_before_the_card_is_saved_goes_back_to_the_times(
    client, consult, patient, at_now
):
    card = cards.card_save_typed(patient=patient, number=VISA, remembered=True, now=NOW)
    client.force_login(patient)
    checkout = hold(client, FAR)
    Booking.objects.update(hold_expires_at=NOW - timedelta(minutes=1))
    response = client.post(checkout, {"use_card": card.pk})
    assert response.status_code == 302 and "/book/claire-martin/" in response["Location"]
    assert Booking.objects.get().state != Booking.State.CONFIRMED
    services.payments_settle_due(now=NOW + timedelta(minutes=5))
    assert Payment.objects.get().status == Status.RELEASED
    assert not LedgerEntry.objects.exists()
