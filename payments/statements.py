"""Monthly statements and payouts, read from the ledger (balances are never stored).

A month is a calendar month in the platform's time zone (`TIME_ZONE`). A practitioner's
statement lists each session charged that month (gross, commission, net), the refunds made
that month, what was already transferred to their own payment account (Stripe Connect), and
what the platform owes them at the month's end; the payout run pays that.

A payout pays what the ledger owes at the month's end, less what is paid otherwise: payouts
not in the books then, and package shares sent to the practitioner's own account (Stripe
Connect) — those with no answer yet (they may have been made) and those made after the month's
end for money owed before it. Never more than is owed now (less unpaid payouts and unanswered
transfers). The practitioner's row is the lock that orders this against the decisions and
records of their transfers (`payments.connect`): a share is the payout's or its transfer's,
never both.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from khepri.spreadsheet import text_cell
from payments import ledger
from payments.ledger import Account
from payments.models import ConnectTransfer, LedgerEntry, Payout
from payments.services import PaymentError

#: Where the money of a statement line comes from: the card, the centre's till, a
#: platform-wide package's prepaid money, a patient's prepaid balance (a session paid from
#: it: taken from its reservation; refunded: back to the balance), or the patient's employer.
MONEY_IN = (
    Account.GATEWAY,
    Account.CENTRE,
    Account.PREPAID,
    Account.BALANCE_RESERVED,
    Account.BALANCE,
    Account.COMPANY,
)
#: The ledger's kinds that make a statement line, and those that count as a session.
LINE_KINDS = ("capture", "refund", "package_sale", "package_session", "employer_session")
SESSION_KINDS = ("capture", "package_session", "employer_session")


def month_bounds(period: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    first = period.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (
        datetime.combine(first, time(0), tzinfo=zone),
        datetime.combine(following, time(0), tzinfo=zone),
    )


def month_of(at: datetime) -> date:
    """The first day of the month `at` falls in, in the platform's time zone."""
    return timezone.localtime(at, ZoneInfo(settings.TIME_ZONE)).date().replace(day=1)


def practitioner_lock(practitioner_id: int) -> None:
    """Lock the practitioner's row until the transaction ends: what is owed to them is read
    and decided under it (a payout prepared, a share's transfer claimed or recorded)."""
    from practitioners.models import Practitioner

    list(Practitioner.objects.select_for_update().filter(pk=practitioner_id).values("pk"))


@dataclass
class StatementLine:
    at: datetime
    kind: str  # one of LINE_KINDS
    booking_start: datetime | None
    patient: str
    gross_cents: int
    commission_cents: int

    @property
    def net_cents(self) -> int:
        return self.gross_cents - self.commission_cents


@dataclass
class Statement:
    practitioner_id: int
    period: date
    lines: list[StatementLine] = field(default_factory=list)
    transferred_cents: int = 0
    paid_out_cents: int = 0
    owed_at_end_cents: int = 0

    @property
    def sessions(self) -> int:
        return sum(1 for line in self.lines if line.kind in SESSION_KINDS)

    @property
    def gross_cents(self) -> int:
        return sum(line.gross_cents for line in self.lines if line.kind != "refund")

    @property
    def refunds_cents(self) -> int:
        return -sum(line.gross_cents for line in self.lines if line.kind == "refund")

    @property
    def commission_cents(self) -> int:
        return sum(line.commission_cents for line in self.lines)

    @property
    def net_cents(self) -> int:
        return sum(line.net_cents for line in self.lines)


def _owed(practitioner_id: int, before: datetime) -> int:
    total = LedgerEntry.objects.filter(
        practitioner_id=practitioner_id, account=Account.PRACTITIONER, at__lt=before
    ).aggregate(total=Sum("amount_cents"))["total"]
    return -(total or 0)


def monthly_statement(practitioner_id: int, period: date) -> Statement:
    start, end = month_bounds(period)
    statement = Statement(practitioner_id=practitioner_id, period=start.date())
    entries = (
        LedgerEntry.objects.filter(practitioner_id=practitioner_id, at__gte=start, at__lt=end)
        .select_related("booking__patient")
        .order_by("at", "pk")
    )
    movements: dict[uuid.UUID, dict] = {}
    for entry in entries:
        if entry.kind in LINE_KINDS:
            line = movements.setdefault(
                entry.movement,
                {
                    "at": entry.at,
                    "kind": entry.kind,
                    "booking": entry.booking,
                    "gross": 0,
                    "commission": 0,
                },
            )
            if entry.account in MONEY_IN:
                line["gross"] += entry.amount_cents
            elif entry.account == Account.COMMISSION:
                line["commission"] -= entry.amount_cents
        elif entry.kind == "transfer" and entry.account == Account.PRACTITIONER:
            statement.transferred_cents += entry.amount_cents
        elif entry.kind == "payout" and entry.account == Account.PRACTITIONER:
            statement.paid_out_cents += entry.amount_cents
    for line in movements.values():
        booking = line["booking"]
        statement.lines.append(
            StatementLine(
                at=line["at"],
                kind=line["kind"],
                booking_start=booking.start if booking else None,
                patient=booking.patient.get_full_name() if booking and booking.patient else "",
                gross_cents=line["gross"],
                commission_cents=line["commission"],
            )
        )
    statement.owed_at_end_cents = _owed(practitioner_id, end)
    return statement


def monthly_totals(practitioner_id: int, periods: list[date]) -> list[tuple[date, int, int]]:
    """(month, net earned, sessions) for each month of `periods`: the earnings chart."""
    return [
        (period, statement.net_cents, statement.sessions)
        for period in periods
        for statement in [monthly_statement(practitioner_id, period)]
    ]


def statement_csv(statement: Statement, *, zone: ZoneInfo) -> str:
    """The statement's lines for a spreadsheet (amounts in euros with a dot)."""
    out = io.StringIO()
    writer = csv.writer(out)
    kinds = {
        "capture": _("session"),
        "refund": _("refund"),
        "package_sale": _("package sold"),
        "package_session": _("session paid by a package"),
        "employer_session": _("session paid by an employer"),
    }
    writer.writerow(
        [_("date"), _("kind"), _("session"), _("patient"), _("gross"), _("commission"), _("net")]
    )
    for line in statement.lines:
        writer.writerow(
            [
                line.at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                kinds.get(line.kind, line.kind),
                line.booking_start.astimezone(zone).strftime("%Y-%m-%d %H:%M")
                if line.booking_start
                else "",
                text_cell(line.patient),
                f"{line.gross_cents / 100:.2f}",
                f"{line.commission_cents / 100:.2f}",
                f"{line.net_cents / 100:.2f}",
            ]
        )
    return out.getvalue()


# --- Payouts ---------------------------------------------------------------------------------


def _total(queryset: QuerySet) -> int:
    return queryset.aggregate(total=Sum("amount_cents"))["total"] or 0


def payout_due(practitioner_id: int, end: datetime) -> int:
    """What the payout of the month ending at `end` pays (read under `practitioner_lock`)."""
    payouts = Payout.objects.filter(practitioner_id=practitioner_id)
    unpaid = _total(payouts.filter(status=Payout.Status.TO_PAY))
    shares = ConnectTransfer.objects.filter(practitioner_id=practitioner_id).exclude(
        kind=ConnectTransfer.Kind.PAYOUT
    )
    unanswered = shares.filter(status=ConnectTransfer.Status.PENDING)
    owed_before_end = Q(kind=ConnectTransfer.Kind.PACKAGE_SALE, package__bought_at__lt=end) | Q(
        kind=ConnectTransfer.Kind.PACKAGE_SESSION, package_use__settled_at__lt=end
    )
    # Owed at the month's end but sent otherwise: no answer yet, or made after the end (its
    # ledger movement is dated then).
    sent_for_the_month = shares.filter(owed_before_end).filter(
        Q(status=ConnectTransfer.Status.PENDING)
        | Q(status=ConnectTransfer.Status.MADE, transferred_at__gte=end)
    )
    at_end = (
        _owed(practitioner_id, end)
        - unpaid
        # Paid after the month's end: its ledger movement is not before it.
        - _total(payouts.filter(status=Payout.Status.PAID, paid_at__gte=end))
        - _total(sent_for_the_month)
    )
    owed_now = -_total(
        LedgerEntry.objects.filter(practitioner_id=practitioner_id, account=Account.PRACTITIONER)
    )
    return min(at_end, owed_now - unpaid - _total(unanswered))


def payouts_prepare(*, period: date, now: datetime) -> list[Payout]:
    """A payout for each practitioner the platform owes money at the end of `period` (once per
    month: preparing again adds nothing)."""
    from practitioners.models import Practitioner

    start, end = month_bounds(period)
    prepared = []
    owing = (
        LedgerEntry.objects.filter(account=Account.PRACTITIONER, at__lt=end)
        .values("practitioner_id")
        .annotate(total=Sum("amount_cents"))
        .filter(total__lt=0)
        .order_by("practitioner_id")
    )
    for row in owing:
        practitioner_id = row["practitioner_id"]
        with transaction.atomic():
            practitioner_lock(practitioner_id)
            if Payout.objects.filter(practitioner_id=practitioner_id, period=start.date()).exists():
                continue  # prepared already for this month
            amount = payout_due(practitioner_id, end)
            if amount <= 0:
                continue
            prepared.append(
                Payout.objects.create(
                    practitioner=Practitioner.objects.get(pk=practitioner_id),
                    period=start.date(),
                    amount_cents=amount,
                    created_at=now,
                )
            )
    return prepared


def payout_mark_paid(
    *, payout: Payout, reference: str, now: datetime, by_provider: bool = False
) -> Payout:
    """Record it paid (by bank transfer, or by the Stripe transfer `payments.connect` made),
    and the ledger's payout movement, once. Refused while a Stripe transfer of it has no
    answer: it may have been made, and a bank transfer beside it would pay twice. Raises
    `PaymentError`."""
    with transaction.atomic():
        practitioner_lock(payout.practitioner_id)
        payout = Payout.objects.select_for_update().get(pk=payout.pk)
        if payout.status == Payout.Status.PAID:
            return payout
        if ConnectTransfer.objects.filter(
            payout=payout, status=ConnectTransfer.Status.PENDING
        ).exists():
            raise PaymentError(
                _(
                    "A Stripe transfer of this payout got no answer: it may have been made. "
                    "Send it again by Stripe transfer (the same transfer, never a second one) "
                    "to learn its outcome; pay by bank only if Stripe refuses it."
                )
            )
        payout.status = Payout.Status.PAID
        payout.reference = reference[:120]
        payout.paid_at = now
        payout.save()
        movement = uuid.uuid4()
        LedgerEntry.objects.bulk_create(
            LedgerEntry(
                movement=movement,
                account=entry.account,
                amount_cents=entry.amount_cents,
                currency=payout.currency,
                kind="payout",
                practitioner_id=payout.practitioner_id,
                payout=payout,
                at=now,
            )
            for entry in ledger.payout(
                payout.amount_cents, source=Account.GATEWAY if by_provider else Account.BANK
            )
        )
    return payout
