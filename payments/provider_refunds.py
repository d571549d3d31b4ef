"""Refunds made at the provider (Stripe's dashboard), read back when it says a charge was
refunded (`charge.refunded`): each is recorded once, in the payment and the ledger, with the
commission given back on running totals as `payment_refund` does.

Our own refunds carry the idempotency key they were made with (Stripe: in the refund's
metadata), so the event of one of ours finds its `GatewayCall` and is not recorded twice,
even when it arrives before our own request finished; a refund made from the dashboard gets a
`GatewayCall` of its own, keyed by the provider's refund id (delivered twice, or by two
workers at once: recorded once, under the call's row lock).
"""

from __future__ import annotations

import logging
from datetime import datetime

from payments.gateways import get_gateway
from payments.models import GatewayCall, Payment
from payments.services import refund_record

logger = logging.getLogger(__name__)


def refunds_read_back(*, payment: Payment, now: datetime) -> int:
    """Record the provider's refunds of `payment` not recorded yet; returns how many were
    found unrecorded (a concurrent delivery may have recorded some of them meanwhile)."""
    if not payment.gateway_reference:
        return 0
    recorded = 0
    for refund in get_gateway(payment.gateway).refunds(payment.gateway_reference):
        call = None
        if refund.idempotency_key:
            call = GatewayCall.objects.filter(
                payment=payment, idempotency_key=refund.idempotency_key
            ).first()
        if call is None:
            call = GatewayCall.objects.filter(
                payment=payment,
                operation=GatewayCall.Operation.REFUND,
                gateway_reference=refund.reference,
            ).first()
        if call is None:
            call, _created = GatewayCall.objects.get_or_create(
                idempotency_key=f"khepri:{payment.reference}:refund:provider:{refund.reference}",
                defaults={
                    "payment": payment,
                    "operation": GatewayCall.Operation.REFUND,
                    "amount_cents": refund.amount_cents,
                    "gateway_reference": refund.reference,
                    "succeeded": True,
                    "created_at": now,
                },
            )
        elif not call.gateway_reference:
            GatewayCall.objects.filter(pk=call.pk).update(gateway_reference=refund.reference)
        if call.recorded_at is not None:
            continue
        current = Payment.objects.get(pk=payment.pk)
        if current.refunded_cents + call.amount_cents > current.captured_cents:
            # The provider never refunds beyond the capture: our books are behind (a capture
            # not read back yet); the next event or sync records it.
            logger.warning(
                "Refund %s of payment %s exceeds what is recorded as captured.",
                refund.reference,
                payment.pk,
            )
            continue
        refund_record(call=call, now=now)  # once, under the call's lock
        recorded += 1
    return recorded
