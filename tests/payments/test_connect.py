# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Stripe Connect on the offline gateway (test mode): a practitioner opens their payment
account and fills it in; only an account that receives transfers is paid through; a package's
share is transferred once when the ledger makes it the practitioner's (at sale, or per session
held for a platform-wide package), exact to the cent, even retried or run at once; the payout
run pays ready accounts by transfer, the others by bank. The same against Stripe (localstripe)
is in test_connect_stripe.py."""

import threading
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone, translation

from bookings import lifecycle
from bookings.lifecycle import Acting
from payments import connect, packages, services
from payments.gateways import GatewayError
from payments.gateways.offline import OfflineGateway
from payments.models import (
    ConnectedAccount,
    ConnectTransfer,
    LedgerEntry,
    Package,
    Payout,
)
from payments.services import PaymentError
from payments.statements import monthly_statement, payout_mark_paid, payouts_prepare
from tests.bookings.test_delegation import delegate
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)
from tests.factories import PractitionerFactory, UserFactory, session_type, week
from tests.payments.test_packages import balances, book_with, offer
from tests.payments.test_views import staff  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
CARD = "4242 4242 4242 4242"


def ready(practitioner) -> ConnectedAccount:
    account = connect.connected_account_open(practitioner=practitioner, now=NOW)
    return connect.offline_onboarding_complete(account=account, now=NOW)


def ledger_sum() -> int:
    return LedgerEntry.objects.aggregate(total=Sum("amount_cents"))["total"] or 0


def transfer_movements(**filters) -> int:
    return (
        LedgerEntry.objects.filter(kind="transfer", **filters).values("movement").distinct().count()
    )


def bought_online(offer_, patient, at=NOW):
    """A package bought on the site with the test card (the offline gateway)."""
    purchase = packages.package_purchase_start(
        offer=offer_, patient=patient, request_key=uuid.uuid4().hex, now=at
    )
    purchase = packages.package_purchase_card_entered(purchase=purchase, card=CARD, now=at)
    return Package.objects.get(purchase=purchase)


@pytest.fixture(autouse=True)
def english():
    """These tests read the services' English messages."""
    with translation.override("en"):
        yield


@pytest.fixture
def at_the_provider(monkeypatch):
    """What really reaches connected accounts: {idempotency key: amount} of the transfers the
    offline provider made (a retry under the same key is the same transfer). `lose_answers`
    makes the next transfers go through but their answer get lost (a timeout)."""
    made: dict[str, int] = {}
    real = OfflineGateway.transfer
    lost = []

    def transfer(self, **kwargs):
        reference = real(self, **kwargs)
        made[kwargs["idempotency_key"]] = kwargs["amount_cents"]
        if lost:
            raise GatewayError("The payment service did not answer.", retryable=True)
        return reference

    monkeypatch.setattr(OfflineGateway, "transfer", transfer)
    made_ = type("AtTheProvider", (), {})()
    made_.made = made
    made_.lose_answers = lambda lose=True: lost.__setitem__(slice(None), [True] if lose else [])
    return made_


def buy(offer_, patient, commit):
    with commit(execute=True):
        return bought_online(offer_, patient)


# --- Accounts ------------------------------------------------------------------------------------


def test_opening_twice_opens_one_account_not_ready_until_filled_in(claire):
    first = connect.connected_account_open(practitioner=claire, now=NOW)
    again = connect.connected_account_open(practitioner=claire, now=NOW)
    assert first.pk == again.pk and ConnectedAccount.objects.count() == 1
    assert first.reference.startswith("acct_off") and first.gateway == "offline"
    assert connect.account_status(first) == "incomplete"
    assert first.requirements_due and not first.transfers_enabled
    claire.refresh_from_db()
    assert claire.stripe_account_id == first.reference, "staff see it in the admin"
    account = connect.offline_onboarding_complete(account=first, now=NOW)
    assert connect.account_status(account) == "ready"
    assert (account.details_submitted, account.payouts_enabled, account.transfers_enabled) == (
        True,
        True,
        True,
    )


def test_the_status_says_ready_missing_or_restricted():
    account = ConnectedAccount(details_submitted=False, requirements_due=["external_account"])
    assert connect.account_status(None) == "none"
    assert connect.account_status(account) == "incomplete"
    account.details_submitted, account.requirements_due = True, []
    account.disabled_reason = "rejected.fraud"
    assert connect.account_status(account) == "restricted"
    account.transfers_enabled = account.payouts_enabled = True
    assert connect.account_status(account) == "ready"


def test_only_an_account_that_receives_transfers_is_a_charges_destination(claire, consult):
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    account = ConnectedAccount.objects.create(
        practitioner=claire, gateway="stripe", reference="acct_1", created_at=NOW, updated_at=NOW
    )
    claire.stripe_account_id = "acct_1"
    claire.save()

    def destination(gateway_name):
        booking.practitioner.refresh_from_db()
        return services.payment_defaults(booking, None, gateway_name, NOW)["destination_account"]

    assert destination("stripe") == "", "onboarding not finished: the platform keeps it"
    account.transfers_enabled = True
    account.save()
    assert destination("stripe") == "acct_1"
    assert destination("offline") == ""


# --- Packages: separate charges and transfers ---------------------------------------------------


def test_own_package_bought_online_sends_the_share_to_the_account_once(
    claire, patient, django_capture_on_commit_callbacks
):
    account = ready(claire)
    package = buy(offer(claire), patient, django_capture_on_commit_callbacks)
    transfer = ConnectTransfer.objects.get()
    assert (transfer.kind, transfer.amount_cents, transfer.destination) == (
        "package_sale",
        22000,
        account.reference,
    )
    assert transfer.gateway_reference.startswith("tr_off") and transfer.transferred_at
    assert transfer.idempotency_key == f"khepri:package:{package.reference}:transfer"
    # The platform owes her nothing more for it: the payout will not pay it again.
    assert balances(practitioner=claire) == {"commission": -5500, "gateway": 5500}
    assert ledger_sum() == 0
    # Retried (a task run twice): the same transfer, nothing written again.
    again = connect.package_sale_transfer(package_id=package.pk, now=NOW)
    assert again.pk == transfer.pk and transfer_movements() == 1
    # The statement of the month the transfer was made (the task runs on the real clock).
    month = timezone.localdate(transfer.transferred_at).replace(day=1)
    assert monthly_statement(claire.pk, month).transferred_cents == 22000
    assert monthly_statement(claire.pk, date(2026, 12, 1)).owed_at_end_cents == 0
    assert payouts_prepare(period=date(2026, 12, 1), now=NOW) == []


def test_without_a_ready_account_the_package_waits_for_the_payout(
    claire, patient, django_capture_on_commit_callbacks
):
    connect.connected_account_open(practitioner=claire, now=NOW)  # not filled in
    buy(offer(claire), patient, django_capture_on_commit_callbacks)
    assert not ConnectTransfer.objects.exists() and transfer_movements() == 0
    assert monthly_statement(claire.pk, date(2026, 12, 1)).owed_at_end_cents == 22000


def test_a_package_bought_at_the_centre_is_not_transferred(claire, patient, sent):
    ready(claire)
    sent(lambda: packages.package_record_at_centre(offer=offer(claire), patient=patient, now=NOW))
    assert not ConnectTransfer.objects.exists()


def test_a_platform_wide_package_sends_each_session_its_part_exactly(
    patient, sent, django_capture_on_commit_callbacks
):
    anywhere = buy(
        offer(None, sessions=3, price=10000), patient, django_capture_on_commit_callbacks
    )
    assert not ConnectTransfer.objects.exists(), "nobody's money yet"
    practitioners = []
    for index in range(3):
        practitioner = PractitionerFactory()
        ready(practitioner)
        practitioners.append(practitioner)
        consult = session_type(practitioner, min_notice_minutes=0)
        week(practitioner)
        booking = book_with(anywhere, consult, patient, paris(14, 9 + index))
        sent(
            lambda booking=booking, practitioner=practitioner: lifecycle.booking_complete(
                booking=booking, acting=Acting.practitioner(practitioner.user), now=booking.end
            )
        )
    sent_amounts = [
        ConnectTransfer.objects.get(practitioner=practitioner).amount_cents
        for practitioner in practitioners
    ]
    assert sent_amounts == [2667, 2666, 2666]
    for practitioner, transfer in zip(
        practitioners, ConnectTransfer.objects.order_by("pk"), strict=True
    ):
        assert (
            transfer.kind == "package_session"
            and transfer.package_use.booking.practitioner == practitioner
        )
        assert balances(practitioner=practitioner).get("practitioner", 0) == 0
    assert balances().get("prepaid", 0) == 0 and ledger_sum() == 0
    assert -balances()["commission"] == 10000 - sum(sent_amounts)


def test_a_transfer_not_answered_is_sent_again_with_its_key_until_made(
    claire, patient, django_capture_on_commit_callbacks, monkeypatch
):
    ready(claire)
    real = OfflineGateway.transfer

    def down(self, **kwargs):
        raise GatewayError("The payment service did not answer.", retryable=True)

    monkeypatch.setattr(OfflineGateway, "transfer", down)
    buy(offer(claire), patient, django_capture_on_commit_callbacks)
    transfer = ConnectTransfer.objects.get()
    assert transfer.transferred_at is None and "did not answer" in transfer.error
    assert transfer.refusals == 0, "not answered: the retry keeps the key (it may have been made)"
    assert transfer_movements() == 0
    monkeypatch.setattr(OfflineGateway, "transfer", real)
    assert connect.transfers_retry(now=NOW) == 1
    assert connect.transfers_retry(now=NOW) == 0
    transfer.refresh_from_db()
    assert transfer.transferred_at and transfer.error == "" and transfer_movements() == 1


def test_a_refused_transfer_is_left_to_the_payout(
    claire, patient, django_capture_on_commit_callbacks, monkeypatch
):
    ready(claire)
    monkeypatch.setattr(
        OfflineGateway, "transfer", lambda self, **kwargs: (_ for _ in ()).throw(GatewayError("x"))
    )
    buy(offer(claire), patient, django_capture_on_commit_callbacks)
    assert ConnectTransfer.objects.get().status == ConnectTransfer.Status.REFUSED
    (payout,) = payouts_prepare(period=date(2026, 12, 1), now=NOW)
    assert payout.amount_cents == 22000
    monkeypatch.undo()
    assert connect.transfers_retry(now=NOW) == 0, "the payout pays it: never both"
    assert transfer_movements() == 0


def test_a_transfer_made_whose_answer_was_lost_is_recorded_not_paid_again(
    claire, consult, patient, at_the_provider
):
    """Review finding: the provider made the transfer but its answer was lost; the payout
    prepared meanwhile left the share out, and the retry recorded the transfer made."""
    ready(claire)
    owed_for_a_session(claire, consult, patient, prepare=False)  # 4800 owed, by the payout
    package = bought_online(offer(claire), patient)
    at_the_provider.lose_answers()
    with pytest.raises(GatewayError):
        connect.package_sale_transfer(package_id=package.pk, now=NOW)
    row = ConnectTransfer.objects.get(kind="package_sale")
    assert row.status == ConnectTransfer.Status.PENDING and row.refusals == 0
    # A payout for an earlier month prepared after the transfer was due does not abandon it.
    Payout.objects.create(
        practitioner=claire,
        period=date(2026, 11, 1),
        amount_cents=100,
        status=Payout.Status.PAID,
        paid_at=NOW,
        created_at=NOW + timedelta(hours=1),
    )
    later = NOW + timedelta(days=25)
    (payout,) = payouts_prepare(period=date(2026, 12, 1), now=later)
    assert payout.amount_cents == 4800, "not the share with no answer: it may have been made"
    at_the_provider.lose_answers(False)
    connect.payout_pay_by_transfer(payout=payout, now=later)
    # A Stripe transfer leaves the provider's balance, not the platform's bank account.
    paid_from = LedgerEntry.objects.filter(kind="payout", payout=payout, amount_cents__lt=0)
    assert list(paid_from.values_list("account", "amount_cents")) == [("gateway", -4800)]
    assert connect.transfers_retry(now=later) == 1, "the same key: the provider replays it"
    assert connect.transfers_retry(now=later) == 0
    row.refresh_from_db()
    assert row.status == ConnectTransfer.Status.MADE and row.transferred_at == later
    assert transfer_movements() == 1
    assert sorted(at_the_provider.made.values()) == [4800, 22000], "each paid once"
    assert balances(practitioner=claire).get("practitioner", 0) == 0 and ledger_sum() == 0
    assert payouts_prepare(period=date(2027, 1, 1), now=later + timedelta(days=30)) == []


def test_a_share_with_no_answer_is_the_payouts_only_once_refused(claire, patient, monkeypatch):
    ready(claire)
    package = bought_online(offer(claire), patient)

    def down(self, **kwargs):
        raise GatewayError("The payment service did not answer.", retryable=True)

    monkeypatch.setattr(OfflineGateway, "transfer", down)
    with pytest.raises(GatewayError):
        connect.package_sale_transfer(package_id=package.pk, now=NOW)
    assert payouts_prepare(period=date(2026, 12, 1), now=NOW + timedelta(days=25)) == []

    def refused(self, **kwargs):
        raise GatewayError("Stripe refused the operation on the payment account.")

    monkeypatch.setattr(OfflineGateway, "transfer", refused)
    assert connect.transfers_retry(now=NOW + timedelta(days=26)) == 0
    row = ConnectTransfer.objects.get()
    assert (row.status, row.refusals, row.transferred_at) == ("refused", 1, None)
    assert connect.transfers_retry(now=NOW + timedelta(days=27)) == 0
    (january,) = payouts_prepare(period=date(2027, 1, 1), now=NOW + timedelta(days=56))
    assert january.amount_cents == 22000 and transfer_movements() == 0


def test_a_transfer_made_after_the_months_end_is_not_in_its_payout(claire, consult, patient):
    """Review finding: sold on 30 November 23:30 in Paris, its transfer made at 00:10 on
    1 December (dated December in the ledger): November's payout does not pay it again."""
    ready(claire)
    sale = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)
    package = bought_online(offer(claire), patient, at=sale)
    row = connect.package_sale_transfer(
        package_id=package.pk, now=datetime(2026, 11, 30, 23, 10, tzinfo=UTC)
    )
    assert row.status == ConnectTransfer.Status.MADE
    owed_for_a_session(claire, consult, patient, prepare=False)  # December's, 4800
    assert monthly_statement(claire.pk, date(2026, 11, 1)).owed_at_end_cents == 22000
    assert payouts_prepare(period=date(2026, 11, 1), now=datetime(2026, 12, 8, tzinfo=UTC)) == []
    assert monthly_statement(claire.pk, date(2026, 12, 1)).transferred_cents == 22000
    (december,) = payouts_prepare(period=date(2026, 12, 1), now=datetime(2027, 1, 2, tzinfo=UTC))
    assert december.amount_cents == 4800


def test_a_share_a_payout_counted_already_is_not_transferred(claire, patient, at_the_provider):
    """Review finding: the sale's transfer task runs after November's payout was prepared
    (and paid): the share is the payout's, nothing is sent."""
    sale = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)
    package = bought_online(offer(claire), patient, at=sale)
    ready(claire)
    (november,) = payouts_prepare(period=date(2026, 11, 1), now=datetime(2026, 12, 2, tzinfo=UTC))
    assert november.amount_cents == 22000
    connect.payout_pay_by_transfer(payout=november, now=datetime(2026, 12, 2, 9, tzinfo=UTC))
    row = connect.package_sale_transfer(package_id=package.pk, now=NOW)
    assert (row.status, row.gateway_reference) == (ConnectTransfer.Status.BY_PAYOUT, "")
    assert connect.package_sale_transfer(package_id=package.pk, now=NOW).pk == row.pk
    assert connect.transfers_retry(now=NOW) == 0
    assert list(at_the_provider.made.values()) == [22000], "the payout's transfer only"
    assert transfer_movements() == 0
    assert balances(practitioner=claire).get("practitioner", 0) == 0 and ledger_sum() == 0
    assert payouts_prepare(period=date(2026, 12, 1), now=NOW + timedelta(days=26)) == []


@pytest.mark.django_db(transaction=True)
def test_eight_workers_at_once_make_one_transfer(site_tree, claire, patient):
    ready(claire)
    package = bought_online(offer(claire), patient)
    # The sale's task ran already (after commit, immediate tasks): start from no transfer.
    ConnectTransfer.objects.all().delete()
    LedgerEntry.objects.filter(kind="transfer").delete()
    calls = []
    real = OfflineGateway.transfer

    def counted(self, **kwargs):
        calls.append(kwargs["idempotency_key"])
        return real(self, **kwargs)

    OfflineGateway.transfer = counted
    barrier = threading.Barrier(8)
    errors = []

    def run():
        try:
            barrier.wait()
            connect.package_sale_transfer(package_id=package.pk, now=NOW)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=run) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        OfflineGateway.transfer = real
    assert errors == []
    assert ConnectTransfer.objects.count() == 1
    assert set(calls) == {f"khepri:package:{package.reference}:transfer"}, "one key: one transfer"
    assert transfer_movements() == 1
    assert balances(practitioner=claire).get("practitioner", 0) == 0 and ledger_sum() == 0


@pytest.mark.django_db(transaction=True)
def test_a_payout_prepared_as_the_share_is_sent_pays_it_once(site_tree, claire, patient):
    """The payout run and the sale's transfer task at once, month after month: each share is
    paid by one of them, never both, never neither."""
    account = ready(claire)
    made = []
    real = OfflineGateway.transfer

    def counted(self, **kwargs):
        made.append(kwargs["amount_cents"])
        return real(self, **kwargs)

    OfflineGateway.transfer = counted
    outcomes = []
    try:
        for month in range(1, 7):
            period = date(2026, month, 1)
            end = datetime(2026, month + 1, 1, tzinfo=UTC)
            # Bought while her account could not receive (its task sent nothing): now it can.
            account.transfers_enabled = False
            account.save()
            package = bought_online(offer(claire), patient, at=end - timedelta(hours=2))
            account.transfers_enabled = True
            account.save()
            barrier = threading.Barrier(2)
            errors = []

            def run(action, errors=errors, barrier=barrier):
                try:
                    barrier.wait()
                    action()
                except Exception as error:
                    errors.append(error)
                finally:
                    connection.close()

            threads = [
                threading.Thread(
                    target=run,
                    args=(lambda period=period, end=end: payouts_prepare(period=period, now=end),),
                ),
                threading.Thread(
                    target=run,
                    args=(
                        lambda package=package, end=end: connect.package_sale_transfer(
                            package_id=package.pk, now=end + timedelta(minutes=1)
                        ),
                    ),
                ),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert errors == []
            row = ConnectTransfer.objects.get(package=package)
            payout = Payout.objects.filter(practitioner=claire, period=period).first()
            outcomes.append(row.status)
            if row.status == ConnectTransfer.Status.MADE:
                assert payout is None
            else:
                assert row.status == ConnectTransfer.Status.BY_PAYOUT
                assert payout.amount_cents == 22000
                payout_mark_paid(payout=payout, reference=f"VIR-{month}", now=end)
    finally:
        OfflineGateway.transfer = real
    paid_out = sum(
        Payout.objects.filter(practitioner=claire).values_list("amount_cents", flat=True)
    )
    assert sum(made) + paid_out == 6 * 22000, outcomes
    assert len(made) == transfer_movements()
    assert balances(practitioner=claire).get("practitioner", 0) == 0 and ledger_sum() == 0


# --- Payouts -------------------------------------------------------------------------------------


def owed_for_a_session(claire, consult, patient, prepare=True):
    """A card session captured with no destination (before her account was ready)."""
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    services.payment_card_entered(payment=payment, card=CARD, now=NOW)
    payment.refresh_from_db()
    services.payment_capture(payment=payment, now=NOW)
    if not prepare:
        return None
    (payout,) = payouts_prepare(period=date(2026, 12, 1), now=NOW)
    return payout


def test_a_payout_to_a_ready_account_is_one_transfer(claire, consult, patient):
    payout = owed_for_a_session(claire, consult, patient)
    with pytest.raises(PaymentError, match="pay by bank"):
        connect.payout_pay_by_transfer(payout=payout, now=NOW)
    payout.refresh_from_db()
    assert payout.status == Payout.Status.TO_PAY and connect.payout_method(payout) == "bank"
    ready(claire)
    assert connect.payout_method(payout) == "transfer"
    paid = connect.payout_pay_by_transfer(payout=payout, now=NOW)
    assert paid.status == Payout.Status.PAID and paid.reference.startswith("tr_off")
    transfer = ConnectTransfer.objects.get(payout=payout)
    assert transfer.idempotency_key == f"khepri:payout:{payout.pk}"
    assert transfer.amount_cents == payout.amount_cents == 4800
    again = connect.payout_pay_by_transfer(payout=paid, now=NOW)
    assert again.reference == paid.reference
    assert LedgerEntry.objects.filter(kind="payout").count() == 2, "one movement"
    assert balances(practitioner=claire).get("practitioner", 0) == 0 and ledger_sum() == 0


def test_the_admin_says_how_each_payout_is_paid_and_pays_it(
    client, staff, claire, consult, patient
):
    payout = owed_for_a_session(claire, consult, patient)
    other = PractitionerFactory(legal_name="Bruno Bank")
    bank = Payout.objects.create(
        practitioner=other, period=date(2026, 12, 1), amount_cents=100, created_at=NOW
    )
    ready(claire)
    listing = client.get("/admin/payout/").content.decode()
    assert "Stripe transfer to their payment account" in listing
    assert "Bank transfer, then mark as paid" in listing
    assert f"/admin/payout/transfer/{payout.pk}/" in listing
    assert f"/admin/payout/paid/{bank.pk}/" in listing
    assert f"/admin/payout/paid/{payout.pk}/" not in listing
    refused = client.post(f"/admin/payout/paid/{payout.pk}/", {"reference": "VIR-1"})
    assert refused.status_code == 400 and "paid by Stripe transfer" in refused.content.decode()
    form = client.get(f"/admin/payout/transfer/{payout.pk}/").content.decode()
    assert "sent now by a Stripe transfer" in form
    done = client.post(f"/admin/payout/transfer/{payout.pk}/")
    assert done.status_code == 302
    payout.refresh_from_db()
    assert payout.status == "paid" and payout.reference.startswith("tr_off")
    accounts = client.get("/admin/connectedaccount/").content.decode()
    assert claire.connected_account.reference in accounts and "Ready" in accounts
    assert client.get("/admin/connectedaccount/edit/1/").status_code == 404


def test_a_failed_payout_transfer_leaves_it_to_pay_with_the_reason(
    client, staff, claire, consult, patient, monkeypatch
):
    payout = owed_for_a_session(claire, consult, patient)
    ready(claire)

    def refused(self, **kwargs):
        raise GatewayError("Stripe refused the operation on the payment account: no funds.")

    monkeypatch.setattr(OfflineGateway, "transfer", refused)
    answer = client.post(f"/admin/payout/transfer/{payout.pk}/")
    assert answer.status_code == 400 and "no funds" in answer.content.decode()
    payout.refresh_from_db()
    assert payout.status == Payout.Status.TO_PAY
    assert not LedgerEntry.objects.filter(kind="payout").exists()
    transfer = ConnectTransfer.objects.get(payout=payout)
    assert transfer.refusals == 1, "refused for good: the next attempt has a key of its own"
    monkeypatch.undo()
    client.post(f"/admin/payout/transfer/{payout.pk}/")
    payout.refresh_from_db()
    transfer.refresh_from_db()
    assert payout.status == Payout.Status.PAID
    assert transfer.attempt_key == f"khepri:payout:{payout.pk}:1"
    assert LedgerEntry.objects.filter(kind="payout").count() == 2


def test_a_payout_transfer_with_no_answer_cannot_be_paid_by_bank(
    client, staff, claire, consult, patient, at_the_provider
):
    """Review finding: its Stripe transfer got no answer, then her account stopped receiving
    transfers: staff are not offered the bank (it may have been made); sending it again (the
    same key, to the same account) tells, and pays it once."""
    payout = owed_for_a_session(claire, consult, patient)
    ready(claire)
    at_the_provider.lose_answers()
    answer = client.post(f"/admin/payout/transfer/{payout.pk}/")
    assert answer.status_code == 400 and "did not answer" in answer.content.decode()
    ConnectedAccount.objects.filter(practitioner=claire).update(transfers_enabled=False)
    assert connect.payout_method(payout) == "transfer"
    listing = client.get("/admin/payout/").content.decode()
    assert "Stripe transfer with no answer yet: send it again" in listing
    assert f"/admin/payout/transfer/{payout.pk}/" in listing
    assert f"/admin/payout/paid/{payout.pk}/" not in listing
    refused = client.post(f"/admin/payout/paid/{payout.pk}/", {"reference": "VIR-1"})
    assert refused.status_code == 400 and "got no answer" in refused.content.decode()
    # (The admin's request left its user's language active: English, said again here.)
    with translation.override("en"), pytest.raises(PaymentError, match="got no answer"):
        payout_mark_paid(payout=payout, reference="VIR-1", now=NOW)
    payout.refresh_from_db()
    assert (
        payout.status == Payout.Status.TO_PAY
        and not LedgerEntry.objects.filter(kind="payout").exists()
    )
    at_the_provider.lose_answers(False)
    assert client.post(f"/admin/payout/transfer/{payout.pk}/").status_code == 302
    payout.refresh_from_db()
    assert payout.status == Payout.Status.PAID and payout.reference.startswith("tr_off")
    assert at_the_provider.made == {f"khepri:payout:{payout.pk}": 4800}, "one transfer"
    assert balances(practitioner=claire).get("practitioner", 0) == 0 and ledger_sum() == 0


def test_a_payout_transfer_refused_after_no_answer_is_then_paid_by_bank(
    client, staff, claire, consult, patient, monkeypatch
):
    payout = owed_for_a_session(claire, consult, patient)
    ready(claire)

    def down(self, **kwargs):
        raise GatewayError("The payment service did not answer.", retryable=True)

    monkeypatch.setattr(OfflineGateway, "transfer", down)
    with pytest.raises(PaymentError):
        connect.payout_pay_by_transfer(payout=payout, now=NOW)
    ConnectedAccount.objects.filter(practitioner=claire).update(transfers_enabled=False)

    def refused(self, **kwargs):
        raise GatewayError("Stripe refused the operation: the account cannot receive it.")

    monkeypatch.setattr(OfflineGateway, "transfer", refused)
    with pytest.raises(PaymentError, match="cannot receive it"):
        connect.payout_pay_by_transfer(payout=payout, now=NOW)
    transfer = ConnectTransfer.objects.get(payout=payout)
    assert transfer.status == ConnectTransfer.Status.REFUSED
    assert connect.payout_method(payout) == "bank"
    paid = client.post(f"/admin/payout/paid/{payout.pk}/", {"reference": "VIR-1"})
    assert paid.status_code == 302
    payout.refresh_from_db()
    assert (payout.status, payout.reference) == (Payout.Status.PAID, "VIR-1")
    # A late click on "Pay by Stripe transfer" once the account is ready again sends nothing.
    monkeypatch.undo()
    ConnectedAccount.objects.filter(practitioner=claire).update(transfers_enabled=True)
    assert connect.payout_pay_by_transfer(payout=payout, now=NOW).reference == "VIR-1"
    transfer.refresh_from_db()
    assert transfer.status == ConnectTransfer.Status.REFUSED and not transfer.gateway_reference
    assert LedgerEntry.objects.filter(kind="payout").count() == 2 and ledger_sum() == 0


@pytest.mark.django_db(transaction=True)
def test_six_clicks_at_once_pay_a_payout_once(site_tree, claire, consult, patient):
    payout = owed_for_a_session(claire, consult, patient)
    ready(claire)
    barrier = threading.Barrier(6)
    references, errors = [], []

    def pay():
        try:
            barrier.wait()
            references.append(connect.payout_pay_by_transfer(payout=payout, now=NOW).reference)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=pay) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(references)) == 1 and ConnectTransfer.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="payout").values("movement").distinct().count() == 1
    assert balances(practitioner=claire).get("practitioner", 0) == 0 and ledger_sum() == 0


# --- The practitioner's page ---------------------------------------------------------------------


def test_the_practitioner_opens_and_fills_in_their_account(client, claire, site_tree):
    client.force_login(claire.user)
    earnings = client.get("/en/pro/earnings/").content.decode()
    assert (
        "/en/pro/payments-account/" in earnings
        and "until you open your payment account" in earnings
    )
    page = client.get("/en/pro/payments-account/").content.decode()
    assert "Not opened yet." in page and "Test mode" in page and "Open my payment account" in page
    opened = client.post("/en/pro/payments-account/")
    assert opened.status_code == 302
    assert opened["Location"] == "/en/pro/payments-account/test-onboarding/"
    test_form = client.get(opened["Location"]).content.decode()
    assert "stands for Stripe's form" in test_form
    missing = client.get("/en/pro/payments-account/").content.decode()
    assert "Some information is still missing." in missing and "Continue at Stripe" in missing
    back = client.post("/en/pro/payments-account/test-onboarding/")
    assert back["Location"] == "/en/pro/payments-account/?back=1"
    done = client.get(back["Location"]).content.decode()
    assert "Ready: your payments are sent to it." in done and "Continue at Stripe" not in done
    assert "Your payment account is ready." in client.get("/en/pro/earnings/").content.decode()


def test_an_expired_link_gives_a_new_one(client, claire, site_tree):
    client.force_login(claire.user)
    assert (
        client.get("/en/pro/payments-account/continue/")["Location"] == "/en/pro/payments-account/"
    )
    client.post("/en/pro/payments-account/")
    again = client.get("/en/pro/payments-account/continue/")
    assert again["Location"] == "/en/pro/payments-account/test-onboarding/"


def test_neither_a_secretary_nor_a_patient_reaches_it(client, claire, patient, site_tree):
    anna = UserFactory(email="anna@example.org")
    delegate(claire, anna)
    for user in (anna, patient):
        client.force_login(user)
        for url in ("/en/pro/payments-account/", "/en/pro/payments-account/continue/"):
            assert client.get(url).status_code == 403
        assert client.post("/en/pro/payments-account/").status_code == 403
    assert not ConnectedAccount.objects.exists()


def test_the_test_page_is_only_for_an_offline_account(client, claire, site_tree):
    client.force_login(claire.user)
    assert client.get("/en/pro/payments-account/test-onboarding/").status_code == 404
    ConnectedAccount.objects.create(
        practitioner=claire, gateway="stripe", reference="acct_real", created_at=NOW, updated_at=NOW
    )
    assert client.post("/en/pro/payments-account/test-onboarding/").status_code == 404


def test_a_late_refusal_under_an_older_key_does_not_move_the_key_on(claire, monkeypatch):
    """Only a refusal of the current key gives the next attempt a new key: otherwise a late
    caller could open a second key while the current one is being paid."""
    account = ready(claire)
    row = ConnectTransfer.objects.create(
        practitioner=claire,
        kind="payout",
        amount_cents=100,
        destination=account.reference,
        idempotency_key="khepri:test:1",
        gateway="offline",
        refusals=1,
        created_at=NOW,
    )
    stale = ConnectTransfer.objects.get(pk=row.pk)
    stale.refusals = 0  # read before the first refusal
    monkeypatch.setattr(
        OfflineGateway, "transfer", lambda self, **kwargs: (_ for _ in ()).throw(GatewayError("no"))
    )
    with pytest.raises(GatewayError):
        connect._send(stale, now=NOW)
    row.refresh_from_db()
    assert row.refusals == 1 and row.error == "no"
    with pytest.raises(GatewayError):
        connect._send(row, now=NOW)
    row.refresh_from_db()
    assert row.refusals == 2
