# ruff: noqa: F811 - fixtures shared with the employers tests
"""Companies paying the platform's invoices: partial payments, refusals, reversals, the ledger
and each invoice's state."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import override_settings
from django.utils import translation

from bookings import lifecycle
from bookings.lifecycle import Acting
from employers.models import Company
from invoices import company_payments as company
from invoices import services as invoices
from invoices.company_payments import CompanyPaymentError, Status
from invoices.models import CompanyPayment, Document
from invoices.numbering import PLATFORM_SERIES
from payments.models import LedgerEntry
from tests.bookings.test_notify import NOW
from tests.employers.conftest import (  # noqa: F401 - fixtures
    acme,
    agreement,
    employee,
    sent,
)
from tests.factories import UserFactory

#: The invoice is issued on NOW (7 December 2026): due 30 days later.
ISSUED = NOW.date()
DUE = ISSUED + timedelta(days=30)


def company_invoice(acme_company, total_cents=12000, *, month="2026-11", now=NOW) -> Document:
    """A company invoice as `company_invoice_issue` writes it (without the sessions behind)."""
    return invoices.document_issue(
        kind=Document.Kind.COMPANY_INVOICE,
        series=PLATFORM_SERIES,
        issuer=invoices.platform_issuer(),
        recipient={"name": acme_company.name, "address": "", "vat_number": "", "payment_days": 30},
        lines=[invoices.Line(label="2 séances", label_en="2 sessions", amount_cents=total_cents)],
        source_key=f"company:{acme_company.pk}:{month}",
        now=now,
        period=date.fromisoformat(f"{month}-01"),
    )


@pytest.fixture(autouse=True)
def english():
    """These tests read the services' English refusals."""
    with translation.override("en"):
        yield


@pytest.fixture
def acme_company(db):
    return Company.objects.create(name="Acme", billing_email="billing@acme.example")


@pytest.fixture
def staff(db):
    return UserFactory(email="compta@khepri.example", is_staff=True)


def record(invoice, amount_cents, reference="VIR-001", *, by=None, received_on=ISSUED):
    return company.company_payment_record(
        document_id=invoice.pk,
        amount_cents=amount_cents,
        received_on=received_on,
        bank_reference=reference,
        recorded_by=by,
        now=NOW,
    )


def ledger_sums():
    rows = LedgerEntry.objects.values("account").annotate(total=Sum("amount_cents"))
    return {row["account"]: row["total"] for row in rows if row["total"]}


def movements_balance():
    for movement in LedgerEntry.objects.values_list("movement", flat=True).distinct():
        total = LedgerEntry.objects.filter(movement=movement).aggregate(t=Sum("amount_cents"))
        assert total["t"] == 0


def test_a_partial_then_the_last_payment(acme_company, staff):
    invoice = company_invoice(acme_company)
    state = company.invoice_state(invoice, today=ISSUED)
    assert state.status == Status.DUE and state.due_on == DUE and state.remaining_cents == 12000

    first = record(invoice, 5000, "VIR-001", by=staff)
    assert first.company == acme_company and first.recorded_by == staff
    state = company.invoice_state(invoice, today=ISSUED)
    assert state.status == Status.PARTLY_PAID
    assert (state.paid_cents, state.remaining_cents) == (5000, 7000)

    record(invoice, 7000, "VIR-002", received_on=ISSUED + timedelta(days=3))
    state = company.invoice_state(invoice, today=ISSUED + timedelta(days=60))
    assert state.status == Status.PAID and not state.overdue
    assert state.paid_on == ISSUED + timedelta(days=3)
    assert ledger_sums() == {"bank_received": 12000, "company": -12000}
    movements_balance()
    # Nothing changed the invoice itself.
    assert Document.objects.get(pk=invoice.pk).total_cents == 12000


def test_more_than_what_is_due_is_refused_and_nothing_is_written(acme_company):
    invoice = company_invoice(acme_company)
    record(invoice, 10000)
    with pytest.raises(CompanyPaymentError, match="more than what is still due"):
        record(invoice, 2001, "VIR-002")
    assert CompanyPayment.objects.count() == 1
    assert LedgerEntry.objects.count() == 2
    record(invoice, 2000, "VIR-002")
    with pytest.raises(CompanyPaymentError, match="already paid in full"):
        record(invoice, 1, "VIR-003")


@pytest.mark.parametrize("amount", [0, -500])
def test_an_amount_of_nothing_or_less_is_refused(acme_company, amount):
    invoice = company_invoice(acme_company)
    with pytest.raises(CompanyPaymentError, match="more than zero"):
        record(invoice, amount)
    assert not CompanyPayment.objects.exists()


def test_the_same_bank_reference_twice_is_refused(acme_company):
    invoice = company_invoice(acme_company)
    record(invoice, 1000, "VIR 2026/11  ACME")
    with pytest.raises(CompanyPaymentError, match="already recorded"):
        record(invoice, 1000, " VIR 2026/11 ACME ")  # the same, spaced differently
    assert CompanyPayment.objects.count() == 1
    # Another invoice may carry the same reference (one transfer paying two months).
    other = company_invoice(acme_company, month="2026-10")
    record(other, 1000, "VIR 2026/11 ACME")


def test_the_database_refuses_a_second_row_with_the_same_reference(acme_company):
    from django.db import IntegrityError, transaction

    invoice = company_invoice(acme_company)
    payment = record(invoice, 1000)
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyPayment.objects.create(
            document=invoice,
            company=acme_company,
            amount_cents=1000,
            received_on=ISSUED,
            bank_reference=payment.bank_reference,
            recorded_at=NOW,
            movement="00000000-0000-0000-0000-000000000001",
        )


def test_a_mistaken_record_is_reversed_not_deleted(acme_company, staff):
    invoice = company_invoice(acme_company)
    wrong = record(invoice, 9000, "VIR-001")
    with pytest.raises(CompanyPaymentError, match="Say why"):
        company.company_payment_reverse(
            payment_id=wrong.pk, reason="  ", recorded_by=staff, now=NOW
        )
    reversal = company.company_payment_reverse(
        payment_id=wrong.pk, reason="Typed 90 € for 9 €", recorded_by=staff, now=NOW
    )
    assert reversal.amount_cents == -9000 and reversal.reverses == wrong
    assert reversal.reason == "Typed 90 € for 9 €"
    with pytest.raises(CompanyPaymentError, match="already reversed"):
        company.company_payment_reverse(
            payment_id=wrong.pk, reason="again", recorded_by=staff, now=NOW
        )
    with pytest.raises(CompanyPaymentError, match="does not exist"):
        company.company_payment_reverse(
            payment_id=reversal.pk, reason="a reversal of a reversal", recorded_by=staff, now=NOW
        )
    state = company.invoice_state(invoice, today=ISSUED)
    assert state.status == Status.DUE and state.remaining_cents == 12000
    assert ledger_sums() == {}  # the movement and its reversal cancel out
    movements_balance()
    # The same transfer, recorded again with the right amount, is accepted once.
    again = record(invoice, 900, "VIR-001")
    assert again.attempt == 1
    with pytest.raises(CompanyPaymentError, match="already recorded"):
        record(invoice, 900, "VIR-001")
    # Rows are never changed nor deleted.
    with pytest.raises(ValueError):
        wrong.delete()
    with pytest.raises(ValueError):
        CompanyPayment.objects.all().delete()
    with pytest.raises(ValueError):
        CompanyPayment.objects.filter(pk=again.pk).update(amount_cents=1)


def test_a_payment_on_another_kind_of_document_is_refused(acme_company):
    commission = invoices.document_issue(
        kind=Document.Kind.COMMISSION_INVOICE,
        series=PLATFORM_SERIES,
        issuer=invoices.platform_issuer(),
        recipient={"name": "Claire Martin"},
        lines=[invoices.Line(label="Commission", amount_cents=1200)],
        source_key="commission:1:2026-11",
        now=NOW,
    )
    with pytest.raises(CompanyPaymentError, match="does not exist"):
        record(commission, 100)
    assert not CompanyPayment.objects.exists()


def test_overdue_after_the_term_and_the_list_puts_it_first(acme_company):
    late = company_invoice(acme_company, 5000, month="2026-09", now=NOW - timedelta(days=61))
    partly = company_invoice(acme_company, 6000, month="2026-10", now=NOW - timedelta(days=20))
    paid = company_invoice(acme_company, 7000, month="2026-11")
    record(partly, 1000)
    record(paid, 7000)
    today = ISSUED
    states = company.company_invoice_states(today=today)
    assert [s.document for s in states] == [late, partly, paid]
    assert [s.status for s in states] == [Status.OVERDUE, Status.PARTLY_PAID, Status.PAID]
    assert [s.document for s in company.company_invoice_states(today=today, status="unpaid")] == [
        late,
        partly,
    ]
    assert company.company_invoice_states(today=today, status=Status.PAID)[0].document == paid
    assert company.company_invoice_states(today=today, company_id=acme_company.pk + 1) == []
    # Due on its last day, overdue the day after.
    last_day = company.invoice_state(paid, today=today).due_on
    assert company.invoice_state(late, today=today).due_on == late.issued_at.date() + timedelta(30)
    fresh = company_invoice(acme_company, 100, month="2026-08")
    assert company.invoice_state(fresh, today=last_day).status == Status.DUE
    assert company.invoice_state(fresh, today=last_day + timedelta(days=1)).overdue


@override_settings(KHEPRI_COMPANY_INVOICE_PAYMENT_DAYS=45)
def test_an_invoice_issued_before_the_term_was_copied_takes_the_setting(acme_company):
    invoice = invoices.document_issue(
        kind=Document.Kind.COMPANY_INVOICE,
        series=PLATFORM_SERIES,
        issuer=invoices.platform_issuer(),
        recipient={"name": "Acme"},  # issued before the term was copied: the setting applies
        lines=[invoices.Line(label="1 séance", label_en="1 session", amount_cents=100)],
        source_key=f"company:{acme_company.pk}:2026-07",
        now=NOW,
    )
    assert company.invoice_state(invoice, today=ISSUED).due_on == ISSUED + timedelta(days=45)


@pytest.mark.django_db(transaction=True)
def test_two_staff_recording_the_last_payment_at_once_record_it_once():
    acme_company = Company.objects.create(name="Acme")
    invoice = company_invoice(acme_company, 6000)
    record(invoice, 1000, "VIR-000")
    outcomes = []
    start = threading.Barrier(2)

    def work(reference):
        try:
            start.wait()
            with translation.override("en"):  # a thread starts in the default language
                record(invoice, 5000, reference)
            outcomes.append("recorded")
        except CompanyPaymentError as refused:
            outcomes.append(refused.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(ref,)) for ref in ("VIR-A", "VIR-B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("recorded") == 1
    assert "already paid in full" in next(o for o in outcomes if o != "recorded")
    assert company.invoice_state(invoice, today=ISSUED).status == Status.PAID
    assert ledger_sums() == {"bank_received": 6000, "company": -6000}


@pytest.mark.django_db(transaction=True)
def test_a_double_click_records_once():
    acme_company = Company.objects.create(name="Acme")
    invoice = company_invoice(acme_company, 6000)
    outcomes = []
    start = threading.Barrier(2)

    def work():
        try:
            start.wait()
            record(invoice, 2000, "VIR-SAME")
            outcomes.append("recorded")
        except CompanyPaymentError as refused:
            outcomes.append(refused.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("recorded") == 1
    assert CompanyPayment.objects.count() == 1 and LedgerEntry.objects.count() == 2


def test_sessions_billed_then_paid_leave_the_company_account_at_zero(
    db, claire, consult, employee, acme, sent
):
    from tests.bookings.test_notify import paris
    from tests.employers.test_settlement import covered, settled_month

    for day in (8, 9):
        booking = covered(consult, employee, paris(day, 9))
        sent(
            lambda booking=booking: lifecycle.booking_complete(
                booking=booking, acting=Acting.practitioner(claire.user), now=booking.end
            )
        )
    invoice = invoices.company_invoice_issue(company_id=acme.pk, period=settled_month(), now=NOW)
    assert invoice.total_cents == ledger_sums()["company"] == 12000
    assert invoice.recipient["payment_days"] == 30  # the term, copied as it was printed
    record(invoice, 4000, "VIR-1")
    record(invoice, 8000, "VIR-2")
    sums = ledger_sums()
    assert "company" not in sums and sums["bank_received"] == 12000
    assert sums["commission"] == -2400 and sums["practitioner"] == -9600
    assert sum(sums.values()) == 0
    movements_balance()


def test_an_overdue_invoice_is_reminded_once_and_discreetly(acme_company):
    from notifications.models import OutboundMessage

    hr = UserFactory(email="rh@acme.example", first_name="Rita", last_name="Hamon")
    acme_company.hr_contacts.add(hr)
    invoice = company_invoice(acme_company, 12000)
    paid = company_invoice(acme_company, 5000, month="2026-10")
    record(invoice, 2000)
    record(paid, 5000)
    assert company.overdue_reminders_send(now=NOW + timedelta(days=30)) == 0  # due that day
    later = NOW + timedelta(days=31)
    assert company.overdue_reminders_send(now=later) == 1
    assert company.overdue_reminders_send(now=later + timedelta(days=1)) == 0  # once
    message = OutboundMessage.objects.get()
    assert (
        message.to == "billing@acme.example" and message.kind == "invoice.company_overdue.company"
    )
    text = message.subject + message.body_text
    assert invoice.number in message.subject
    assert "100,00" in text or "100.00" in text  # what remains
    for private in ("Rita", "Hamon", "séance", "session"):
        assert private not in text


def test_without_a_billing_address_the_hr_contact_is_reminded(acme_company):
    from notifications.models import OutboundMessage

    acme_company.billing_email = ""
    acme_company.save()
    hr = UserFactory(email="rh@acme.example")
    acme_company.hr_contacts.add(hr)
    company_invoice(acme_company, 12000)
    assert company.overdue_reminders_send(now=NOW + timedelta(days=40)) == 1
    assert OutboundMessage.objects.get().to == "rh@acme.example"
