"""What payments tell other apps once a change of money has committed (invoices issue their
documents from these). Receivers get ids and must not fail the sender: they run after commit."""

from django.db import transaction
from django.dispatch import Signal

#: A card payment was captured: `payment_id`.
payment_captured = Signal()
#: A refund was recorded: `payment_id`, `call_id` (the refund's `GatewayCall`).
payment_refunded = Signal()
#: A package was bought (online or at the centre): `package_id`.
package_bought = Signal()
#: A package's credit was spent by a session: `use_id`.
package_credit_spent = Signal()


def send_after_commit(signal: Signal, **ids) -> None:
    transaction.on_commit(lambda: signal.send_robust(sender=None, **ids))
