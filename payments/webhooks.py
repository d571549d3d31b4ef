"""Stripe's webhook: the signature is checked on the raw body; each event is stored by its id
and processed once, in the transaction that marks it processed, and answered 2xx only after
that commits (a failure answers 500 and Stripe sends it again).

Out-of-order safe: an event only says which payment (or connected account) to look at; its
state is read afresh from Stripe (`payment_sync`, `connected_account_refresh`), so an old event
can never take a payment or an account back to an earlier state.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from payments import services
from payments.models import Payment, WebhookEvent
from payments.packages import package_purchase_complete, package_purchase_for_intent

logger = logging.getLogger(__name__)

#: Events that may change a payment; any other is stored and ignored.
PAYMENT_EVENTS = frozenset(
    {
        "payment_intent.amount_capturable_updated",
        "payment_intent.succeeded",
        "payment_intent.payment_failed",
        "payment_intent.canceled",
        "payment_intent.requires_action",
        "charge.refunded",
    }
)


#: A practitioner's connected account changed (Stripe Connect).
ACCOUNT_EVENTS = frozenset({"account.updated"})


def _intent_id(event: dict) -> str:
    obj = (event.get("data") or {}).get("object") or {}
    if obj.get("object") == "charge":
        return obj.get("payment_intent") or ""
    return obj.get("id") or ""


#: A claim older than this was left by a worker that died: the event may be processed again.
STALE_CLAIM = timedelta(minutes=5)


def event_process(event: dict, *, now) -> str:
    """Store `event` and act on it once; returns what was done ("processed", "duplicate",
    "ignored").

    The event is claimed by one conditional UPDATE, then processed with no lock held (the
    provider is called over the network), then marked processed. A delivery that finds it
    claimed or processed is a duplicate. Processing that fails releases the claim and raises:
    the webhook answers 500 and the provider's retry processes it."""
    with contextlib.suppress(IntegrityError), transaction.atomic():
        WebhookEvent.objects.create(
            event_id=event["id"], type=event.get("type", ""), payload=event, received_at=now
        )
    claimed = (
        WebhookEvent.objects.filter(event_id=event["id"], processed_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM))
        .update(claimed_at=now)
    )
    if not claimed:
        return "duplicate"
    stored = WebhookEvent.objects.get(event_id=event["id"])
    outcome, note = "ignored", ""
    try:
        if stored.type in ACCOUNT_EVENTS:
            from payments.connect import account_updated

            reference = ((event.get("data") or {}).get("object") or {}).get("id") or ""
            if account_updated(reference=reference, now=now):
                outcome = "processed"
            else:
                note = "no connected account with this id"
                logger.warning("Stripe event %s names an unknown account.", stored.event_id)
        elif stored.type not in PAYMENT_EVENTS:
            note = "event type not handled"
            logger.info("Stripe event %s (%s) ignored.", stored.event_id, stored.type)
        else:
            payment = Payment.objects.filter(gateway_reference=_intent_id(event)).first()
            purchase = None if payment else package_purchase_for_intent(_intent_id(event))
            if purchase is not None and stored.type == "charge.refunded":
                # Package refunds are not built: made in Stripe's dashboard, staff must take
                # the package's credits back by hand — say so loudly rather than nothing.
                note = "package purchase refunded at the provider: adjust its package by hand"
                logger.error(
                    "Stripe event %s: package purchase %s refunded in Stripe's dashboard; "
                    "its package's credits and ledger are unchanged.",
                    stored.event_id,
                    purchase.reference,
                )
            elif purchase is not None:  # a package bought online, the page perhaps closed
                package_purchase_complete(purchase=purchase, now=now)
                outcome = "processed"
            elif payment is None:
                note = "no payment with this intent"
                logger.warning("Stripe event %s names an unknown payment.", stored.event_id)
            else:
                if stored.type == "charge.refunded":  # perhaps from Stripe's dashboard
                    from payments.provider_refunds import refunds_read_back

                    refunds_read_back(payment=payment, now=now)
                services.payment_after_provider(payment=payment, now=now)
                outcome = "processed"
    except Exception:
        WebhookEvent.objects.filter(pk=stored.pk).update(claimed_at=None)
        raise
    WebhookEvent.objects.filter(pk=stored.pk).update(processed_at=now, note=note)
    return outcome


@csrf_exempt
@require_POST
def stripe_webhook(request):
    from payments.gateways.stripe import webhook_event

    try:
        event = webhook_event(request.body, request.headers.get("Stripe-Signature", ""))
    except ValueError:
        return HttpResponse("invalid signature", status=400, content_type="text/plain")
    if not event.get("id"):
        return HttpResponse("event without id", status=400, content_type="text/plain")
    outcome = event_process(event, now=timezone.now())
    return JsonResponse({"received": True, "outcome": outcome})
