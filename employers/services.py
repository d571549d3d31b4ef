"""Writes of employer programmes: joining and leaving, taking a session of the quota in the
transaction that confirms a booking, and settling it (billing the company) when the booking
ends.

Contract:

* Enrolment needs either a *verified* address at one of the company's domains, or a valid
  invite code (not revoked, uses left: counted by one conditional UPDATE, so the last use
  cannot be taken twice). One programme at a time per account.
* A session of the quota is taken under a lock on the patient's enrolment row (PostgreSQL:
  `SELECT … FOR UPDATE`; SQLite: transactions start IMMEDIATE and so run one at a time), then
  counted: two bookings can never share the last unit. A refused confirmation takes nothing
  (same transaction).
* When the booking ends, the unit is given back (a cancellation in time, anything the
  practitioner cancelled or declined) or spent and billed to the company: the session's price
  when held, the policy's fee for a late cancellation or a missed session (what a card would
  have been charged; a forgiven late cancellation gives the unit back). Billing writes the
  ledger's `employer_session` movement: the company owes it, the practitioner is owed it less
  the commission, as for a card.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from bookings.models import Booking, CancellationOutcome
from employers import selectors
from employers.models import Company, CoveredSession, Enrolment, InviteCode
from payments import ledger
from payments.gateways import GatewayError
from payments.models import LedgerEntry
from payments.services import PaymentError, commission_bp

State = Booking.State
logger = logging.getLogger(__name__)


class EmployerError(PaymentError):
    """A programme operation that cannot be done, in words for the person who asked."""


# --- Joining and leaving ----------------------------------------------------------------------


def _enrol(*, user, company: Company, method: str, now: datetime) -> Enrolment:
    if selectors.active_enrolment(user) is not None:
        raise EmployerError(
            _("You are already in an employer programme. Leave it first to join another one.")
        )
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                user=user, company=company, method=method, joined_at=now
            )
    except IntegrityError as error:  # joined at the same moment from another tab
        raise EmployerError(_("You are already in an employer programme.")) from error


def enrol_by_domain(*, user, company: Company, now: datetime) -> Enrolment:
    """Join `company` because one of the account's verified addresses is at its domain."""
    if company not in selectors.companies_by_email(user, verified=True):
        raise EmployerError(
            _(
                "None of your confirmed email addresses belongs to this company. Confirm your "
                "work address first, or use the code your employer gave you."
            )
        )
    return _enrol(user=user, company=company, method="domain", now=now)


def normalise_code(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def enrol_by_code(*, user, code: str, now: datetime) -> Enrolment:
    """Join the company of an invite code; the code's use is counted once it succeeds."""
    invite = InviteCode.objects.filter(code=normalise_code(code)).select_related("company").first()
    if invite is None:
        raise EmployerError(_("This code is not valid. Check it with your employer."))
    if invite.revoked:
        raise EmployerError(_("This code is no longer valid. Ask your employer for a new one."))
    with transaction.atomic():
        taken = (
            InviteCode.objects.filter(pk=invite.pk, revoked=False)
            .filter(Q(max_uses__isnull=True) | Q(uses__lt=F("max_uses")))
            .update(uses=F("uses") + 1)
        )
        if not taken:
            raise EmployerError(
                _(
                    "This code has been used as many times as allowed. Ask your employer for a new one."
                )
            )
        return _enrol(user=user, company=invite.company, method="code", now=now)


def enrolment_leave(*, user, now: datetime) -> Enrolment | None:
    """Leave the programme; sessions already booked stay covered."""
    enrolment = selectors.active_enrolment(user)
    if enrolment is None:
        return None
    return enrolment_end(enrolment=enrolment, now=now)


def enrolment_end(*, enrolment: Enrolment, now: datetime) -> Enrolment:
    """End an enrolment (the employee left, or staff ended it: e.g. they left the company).
    Sessions already booked stay covered; ending twice keeps the first date."""
    Enrolment.objects.filter(pk=enrolment.pk, left_at__isnull=True).update(left_at=now)
    enrolment.refresh_from_db()
    return enrolment


# --- Taking a session of the quota ------------------------------------------------------------


def coverage_take(*, booking: Booking, patient, now: datetime) -> CoveredSession:
    """Take one session of the patient's quota for `booking` (call inside the transaction
    that confirms it). Raises `EmployerError` when nothing of the programme covers it."""
    if not transaction.get_connection().in_atomic_block:
        raise ValueError("coverage_take runs inside the confirming transaction")
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(user=patient, left_at__isnull=True)
        .select_related("company")
        .first()
    )
    if enrolment is None:
        raise EmployerError(_("You are not in an employer programme."))
    day = selectors.local_day(booking.start)
    agreement = selectors.agreement_on(enrolment.company_id, day)
    if agreement is None:
        raise EmployerError(_("Your employer's programme does not cover this date."))
    reason = selectors.not_covered_reason(agreement, booking)
    if reason:
        raise EmployerError(reason)
    year_start, _year_end = agreement.year_bounds(day)
    # Counted under the enrolment's lock: the next booking of this patient waits for this one.
    used = selectors.used_in_year(agreement=agreement, patient=patient, year_start=year_start)
    if used >= agreement.sessions_per_employee:
        raise EmployerError(
            _("You have used this year's sessions paid by your employer. Pay by card instead.")
        )
    return CoveredSession.objects.create(
        booking=booking,
        company=enrolment.company,
        agreement=agreement,
        patient=patient,
        year_start=year_start,
        taken_at=now,
    )


def booking_confirm_covered(*, booking: Booking, patient, now: datetime) -> Booking:
    """Confirm a held booking paid by the patient's employer: the unit and the confirmation
    commit together. A card reserved on the way for this booking is let go."""
    from bookings import lifecycle
    from payments.models import Payment
    from payments.services import payment_release

    with transaction.atomic():
        booking = lifecycle.hold_for_payment(booking=booking)
        coverage_take(booking=booking, patient=patient, now=now)
        booking = lifecycle.hold_confirm(booking=booking, patient=patient, now=now)
    reserved = Payment.objects.filter(booking=booking).first()
    if reserved is not None:
        try:
            payment_release(payment=reserved, now=now)
        except GatewayError:
            # The booking is confirmed; the card is released when the session ends (a card
            # never pays what the employer pays: payments.services.paid_otherwise_checks).
            logger.warning("Releasing the card of covered booking %s failed.", booking.pk)
    return booking


# --- Settling ---------------------------------------------------------------------------------


def billed_amount(booking: Booking) -> int | None:
    """What the company is billed for the booking as it stands: None while it is not decided,
    0 for a unit given back (see `spent`)."""
    if booking.state == State.COMPLETED:
        return booking.price_cents
    if booking.state == State.NO_SHOW:
        # As the card path computes a missed session's fee (payments.services.amount_due).
        return booking.price_cents * booking.practitioner.late_cancellation_fee_percent // 100
    if booking.state == State.CANCELLED_BY_PATIENT:
        if booking.cancellation_outcome == CancellationOutcome.FEE:
            return booking.cancellation_fee_cents
        return 0
    if booking.state in (State.CANCELLED_BY_PRACTITIONER, State.DECLINED, State.EXPIRED):
        return 0
    return None


def spent(booking: Booking) -> bool | None:
    """Whether the unit is used for good (True), given back (False), or not decided yet."""
    if booking.state in (State.COMPLETED, State.NO_SHOW):
        return True
    if booking.state == State.CANCELLED_BY_PATIENT:
        return booking.cancellation_outcome == CancellationOutcome.FEE
    if booking.state in (State.CANCELLED_BY_PRACTITIONER, State.DECLINED, State.EXPIRED):
        return False
    return None


def covered_settle(*, booking: Booking, now: datetime) -> CoveredSession | None:
    """Give the unit back, or spend it and bill the company, as the booking's state says
    (once: a second call finds it settled)."""
    with transaction.atomic():
        covered = (
            CoveredSession.objects.select_for_update()
            .filter(booking=booking, returned_at__isnull=True, settled_at__isnull=True)
            .first()
        )
        if covered is None:
            return None
        booking = Booking.objects.select_related("practitioner").get(pk=booking.pk)
        used = spent(booking)
        if used is None:
            return covered
        if not used:
            covered.returned_at = now
            covered.save(update_fields=["returned_at"])
            return covered
        amount = billed_amount(booking) or 0
        covered.settled_at = now
        covered.billed_cents = amount
        covered.save(update_fields=["settled_at", "billed_cents"])
        if amount:
            movement = uuid.uuid4()
            rate = commission_bp(booking.practitioner)
            LedgerEntry.objects.bulk_create(
                LedgerEntry(
                    movement=movement,
                    account=entry.account,
                    amount_cents=entry.amount_cents,
                    currency=booking.currency,
                    kind="employer_session",
                    practitioner_id=booking.practitioner_id,
                    booking=booking,
                    at=now,
                )
                for entry in ledger.employer_session(amount, ledger.share(amount, rate))
            )
        return covered


def covered_settle_due(*, now: datetime, limit: int = 500) -> int:
    """The periodic catch-up: settle every covered session whose booking has ended."""
    pending = (
        CoveredSession.objects.filter(returned_at__isnull=True, settled_at__isnull=True)
        .exclude(booking__state__in=(State.HELD, State.REQUESTED, State.CONFIRMED))
        .select_related("booking")
        .order_by("pk")[:limit]
    )
    return sum(covered_settle(booking=c.booking, now=now) is not None for c in pending)
