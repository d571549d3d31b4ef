"""Money arithmetic and the chart of accounts, with no ORM: what each money movement writes to
the ledger. Amounts are integer cents; every movement's entries sum to zero (double entry).

Accounts (`Account`), from the platform's point of view:

* `card_authorised` / `authorisations`: the memo pair of an authorisation (money promised by
  a card, not moved yet). Capturing or releasing reverses it, so the open authorisations of a
  payment are always its authorised amount minus what was captured or released.
* `gateway`: money the payment provider holds for the platform (captures in, refunds out).
* `practitioner`: what the platform owes a practitioner (net of commission); payouts take it.
* `commission`: the platform's revenue.
* `bank`: money that left to a practitioner's bank account (payouts).
* `company`: what employers owe for their employees' sessions (billed monthly); a company
  paying its invoice takes it back towards zero.
* `bank_received`: money that came in on the platform's bank account by transfer (companies
  paying their invoices). Kept apart from `bank`, which only ever counts money paid out, so
  each account's sum still reads as one thing.
* `balance` / `balance_reserved` (per patient, `LedgerEntry.patient`): what the platform owes
  a patient on their prepaid balance, free to spend, and the part reserved by a booking (like
  a card's authorisation, but real money already held). A patient's balance is minus the sum
  of their `balance` entries; it is never stored.
* `promotions`: what the platform gives away (referral credits) — its expense.

A practitioner with a Stripe Connect account is paid by Stripe at capture (a destination
charge): the `transfer` movement settles what the platform owed them at once, and a refund
takes their share back from them (`transfer` of a negative amount).

The commission is taken on each capture (rounded half up to the cent, never more than the
amount) and given back in proportion on refunds, computed on the running totals so that after
any sequence of refunds the practitioner and the platform have each returned exactly their
share — to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

#: Commission rates are in basis points: 2000 = 20 %.
BASIS_POINTS = 10_000
DEFAULT_COMMISSION_BP = 2000


class Account(StrEnum):
    CARD_AUTHORISED = "card_authorised"
    AUTHORISATIONS = "authorisations"
    GATEWAY = "gateway"
    PRACTITIONER = "practitioner"
    COMMISSION = "commission"
    BANK = "bank"
    #: Money paid in advance for sessions of any practitioner (platform-wide packages): the
    #: platform holds it until each session is used.
    PREPAID = "prepaid"
    #: Money taken at the physical centre (packages bought there).
    CENTRE = "centre"
    #: What companies owe the platform for their employees' sessions (employer programmes).
    COMPANY = "company"
    #: Money received on the platform's bank account by transfer (company invoices paid).
    BANK_RECEIVED = "bank_received"
    #: A patient's prepaid balance, free to spend (per patient).
    BALANCE = "balance"
    #: The part of a patient's balance reserved by a booking until it is settled.
    BALANCE_RESERVED = "balance_reserved"
    #: What the platform gives away (referral credits).
    PROMOTIONS = "promotions"


@dataclass(frozen=True)
class Entry:
    account: Account
    amount_cents: int


def share(amount_cents: int, rate_bp: int) -> int:
    """`rate_bp` of `amount_cents`, rounded half up to the cent."""
    if amount_cents < 0 or not 0 <= rate_bp <= BASIS_POINTS:
        raise ValueError("share of a negative amount or a rate outside 0–100 %")
    return (amount_cents * rate_bp + BASIS_POINTS // 2) // BASIS_POINTS


def balanced(entries: list[Entry]) -> list[Entry]:
    if sum(entry.amount_cents for entry in entries) != 0:
        raise ValueError(f"unbalanced movement: {entries}")
    return [entry for entry in entries if entry.amount_cents]


def authorisation(amount_cents: int) -> list[Entry]:
    return balanced(
        [
            Entry(Account.CARD_AUTHORISED, amount_cents),
            Entry(Account.AUTHORISATIONS, -amount_cents),
        ]
    )


def authorisation_closed(amount_cents: int) -> list[Entry]:
    """The part of an authorisation that was captured or released is no longer open."""
    return balanced(
        [
            Entry(Account.CARD_AUTHORISED, -amount_cents),
            Entry(Account.AUTHORISATIONS, amount_cents),
        ]
    )


def capture(amount_cents: int, commission_cents: int) -> list[Entry]:
    """Money in from the card: the practitioner is owed the amount less the commission."""
    return balanced(
        [
            Entry(Account.GATEWAY, amount_cents),
            Entry(Account.PRACTITIONER, -(amount_cents - commission_cents)),
            Entry(Account.COMMISSION, -commission_cents),
        ]
    )


def refund(amount_cents: int, commission_cents: int) -> list[Entry]:
    """Money back to the card: practitioner and platform each give back their share."""
    return balanced(
        [
            Entry(Account.GATEWAY, -amount_cents),
            Entry(Account.PRACTITIONER, amount_cents - commission_cents),
            Entry(Account.COMMISSION, commission_cents),
        ]
    )


def transfer(amount_cents: int) -> list[Entry]:
    """The practitioner's share sent at once to their own payment account (Stripe Connect's
    destination charges): the platform no longer owes it. Negative: taken back on a refund."""
    return balanced(
        [Entry(Account.PRACTITIONER, amount_cents), Entry(Account.GATEWAY, -amount_cents)]
    )


def package_sale(price_cents: int, commission_cents: int, *, source: Account, prepaid: bool):
    """A package bought: for one practitioner, they are owed it at once (less commission); for
    any practitioner, the money waits in `prepaid` until each session is used."""
    if prepaid:
        return balanced([Entry(source, price_cents), Entry(Account.PREPAID, -price_cents)])
    return balanced(
        [
            Entry(source, price_cents),
            Entry(Account.PRACTITIONER, -(price_cents - commission_cents)),
            Entry(Account.COMMISSION, -commission_cents),
        ]
    )


def package_session(unit_cents: int, commission_cents: int) -> list[Entry]:
    """A platform-wide package's credit used with a practitioner: their share leaves `prepaid`."""
    return balanced(
        [
            Entry(Account.PREPAID, unit_cents),
            Entry(Account.PRACTITIONER, -(unit_cents - commission_cents)),
            Entry(Account.COMMISSION, -commission_cents),
        ]
    )


def employer_session(amount_cents: int, commission_cents: int) -> list[Entry]:
    """A session (or its late fee) billed to the patient's employer: the company owes the
    amount, the practitioner is owed it less the commission, exactly as for a card."""
    return balanced(
        [
            Entry(Account.COMPANY, amount_cents),
            Entry(Account.PRACTITIONER, -(amount_cents - commission_cents)),
            Entry(Account.COMMISSION, -commission_cents),
        ]
    )


def company_payment(amount_cents: int) -> list[Entry]:
    """A company's bank transfer for its invoice: the money is in the platform's bank
    account, the company owes that much less. Negative: a mistaken record reversed."""
    return balanced(
        [Entry(Account.BANK_RECEIVED, amount_cents), Entry(Account.COMPANY, -amount_cents)]
    )


def unit_price(price_cents: int, sessions: int, index: int) -> int:
    """The price of the `index`-th (0-based) session of a package: equal parts, the cents that
    do not divide evenly on the first sessions, so the parts add up exactly."""
    base, extra = divmod(price_cents, sessions)
    return base + (1 if index < extra else 0)


def payout(amount_cents: int, *, source: Account = Account.BANK) -> list[Entry]:
    """What the platform owed a practitioner leaves: from its bank (a bank transfer), or from
    the provider's balance (`GATEWAY`: a Stripe transfer to their connected account)."""
    return balanced([Entry(Account.PRACTITIONER, amount_cents), Entry(source, -amount_cents)])


def refund_commission(
    *, captured_cents: int, commission_cents: int, refunded_before_cents: int, refund_cents: int
) -> int:
    """The platform's part of a refund of `refund_cents`, after `refunded_before_cents` were
    already refunded from a capture of `captured_cents` that carried `commission_cents`.

    Computed on running totals: the commission given back over all refunds is exactly
    `share` of the total refunded, so a full refund returns the whole commission."""
    total = refunded_before_cents + refund_cents
    if refund_cents < 0 or total > captured_cents:
        raise ValueError("refund beyond what was captured")
    if captured_cents == 0:
        return 0

    def back(refunded: int) -> int:
        # Half up, like `share`, but proportional to the capture's own commission.
        return (commission_cents * refunded * 2 + captured_cents) // (2 * captured_cents)

    return back(total) - back(refunded_before_cents)


# --- Prepaid balance (per patient) ---------------------------------------------------------------


def topup(amount_cents: int) -> list[Entry]:
    """A card payment credited to the patient's balance."""
    return balanced([Entry(Account.GATEWAY, amount_cents), Entry(Account.BALANCE, -amount_cents)])


def topup_refund(amount_cents: int) -> list[Entry]:
    """Unspent balance given back to the card it came from (negative: the refund failed and
    the balance gets it back)."""
    return balanced([Entry(Account.BALANCE, amount_cents), Entry(Account.GATEWAY, -amount_cents)])


def balance_reserve(amount_cents: int) -> list[Entry]:
    """A booking reserves its price from the balance (spendable no more, not taken yet)."""
    return balanced(
        [Entry(Account.BALANCE, amount_cents), Entry(Account.BALANCE_RESERVED, -amount_cents)]
    )


def balance_release(amount_cents: int) -> list[Entry]:
    """A reservation (or what was not taken of it) goes back to the spendable balance."""
    return balanced(
        [Entry(Account.BALANCE_RESERVED, amount_cents), Entry(Account.BALANCE, -amount_cents)]
    )


def balance_capture(amount_cents: int, commission_cents: int) -> list[Entry]:
    """Taken from a reservation for a session: shared as a card capture is."""
    return balanced(
        [
            Entry(Account.BALANCE_RESERVED, amount_cents),
            Entry(Account.PRACTITIONER, -(amount_cents - commission_cents)),
            Entry(Account.COMMISSION, -commission_cents),
        ]
    )


def balance_refund(amount_cents: int, commission_cents: int) -> list[Entry]:
    """A session paid from the balance refunded to the balance: practitioner and platform give
    back their shares, as for a card."""
    return balanced(
        [
            Entry(Account.BALANCE, -amount_cents),
            Entry(Account.PRACTITIONER, amount_cents - commission_cents),
            Entry(Account.COMMISSION, commission_cents),
        ]
    )


def promotion_credit(amount_cents: int) -> list[Entry]:
    """A credit the platform gives a patient (a referral reward), paid by the platform."""
    return balanced(
        [Entry(Account.PROMOTIONS, amount_cents), Entry(Account.BALANCE, -amount_cents)]
    )


@dataclass(frozen=True)
class BalanceView:
    available_cents: int
    reserved_cents: int


def balance_of(entries) -> BalanceView:
    """A patient's balance from their ledger entries (anything with `account` and
    `amount_cents`): what they may spend, and what bookings reserve."""
    available = reserved = 0
    for entry in entries:
        if entry.account == Account.BALANCE:
            available -= entry.amount_cents
        elif entry.account == Account.BALANCE_RESERVED:
            reserved -= entry.amount_cents
    return BalanceView(available_cents=available, reserved_cents=reserved)


def can_spend(available_cents: int, amount_cents: int) -> bool:
    return 0 < amount_cents <= available_cents
