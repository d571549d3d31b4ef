"""The ledger's arithmetic: every movement balances, the commission rule holds to the cent,
and over any sequence of refunds practitioner and platform give back exactly their share."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from payments import ledger
from payments.ledger import Account


def test_twenty_percent_of_sixty_euros():
    assert ledger.share(6000, 2000) == 1200
    entries = ledger.capture(6000, 1200)
    amounts = {entry.account: entry.amount_cents for entry in entries}
    assert amounts == {
        Account.GATEWAY: 6000,
        Account.PRACTITIONER: -4800,
        Account.COMMISSION: -1200,
    }


def test_shares_round_half_up_to_the_cent():
    assert ledger.share(1, 5000) == 1  # 0.5 cent → 1
    assert ledger.share(3, 2000) == 1  # 0.6 cent → 1
    assert ledger.share(2, 2000) == 0  # 0.4 cent → 0
    with pytest.raises(ValueError):
        ledger.share(100, 10_001)


def test_an_unbalanced_movement_is_refused():
    with pytest.raises(ValueError):
        ledger.balanced([ledger.Entry(Account.GATEWAY, 1)])


def test_a_refund_beyond_the_capture_is_refused():
    with pytest.raises(ValueError):
        ledger.refund_commission(
            captured_cents=1000, commission_cents=200, refunded_before_cents=900, refund_cents=200
        )


@given(
    price=st.integers(min_value=1, max_value=500_000),
    rate=st.integers(min_value=0, max_value=10_000),
    capture_part=st.floats(min_value=0.01, max_value=1.0),
    refunds=st.lists(st.floats(min_value=0.0, max_value=1.0), max_size=8),
)
def test_any_sequence_balances_to_the_cent(price, rate, capture_part, refunds):
    """Authorise, capture part of it, refund in random slices: each movement sums to zero, the
    commission taken is the rule's, and after a full refund everyone is back to zero."""
    books: dict[Account, int] = dict.fromkeys(Account, 0)

    def post(entries):
        assert sum(entry.amount_cents for entry in entries) == 0
        for entry in entries:
            books[entry.account] += entry.amount_cents

    captured = max(1, int(price * capture_part))
    commission = ledger.share(captured, rate)
    post(ledger.authorisation(price))
    post(ledger.authorisation_closed(price))
    post(ledger.capture(captured, commission))
    assert books[Account.CARD_AUTHORISED] == 0
    assert -books[Account.COMMISSION] == commission
    assert -books[Account.PRACTITIONER] == captured - commission

    refunded = 0
    for part in [*refunds, 1.0]:  # the last slice refunds whatever is left
        amount = int((captured - refunded) * part)
        if not amount:
            continue
        back = ledger.refund_commission(
            captured_cents=captured,
            commission_cents=commission,
            refunded_before_cents=refunded,
            refund_cents=amount,
        )
        assert 0 <= back <= amount
        refunded += amount
        post(ledger.refund(amount, back))
        # The platform has given back exactly its share of everything refunded so far.
        given_back = commission + books[Account.COMMISSION]
        assert abs(given_back * captured - commission * refunded) <= captured
        assert books[Account.PRACTITIONER] <= 0 and books[Account.COMMISSION] <= 0
    assert refunded == captured
    assert all(balance == 0 for balance in books.values())
