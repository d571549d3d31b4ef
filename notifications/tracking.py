"""What email providers report after sending (anymail's tracking webhook): delivered, bounced,
marked as spam... recorded on the outbox message so staff see it next to the sending status.

Only delivery outcomes are kept; opens and clicks are ignored (nobody's reading habits are
recorded). Providers may deliver events late or twice: an event older than the one already
recorded changes nothing.
"""

from __future__ import annotations

import logging

from anymail.signals import EventType, tracking
from django.dispatch import receiver

from notifications.models import DeliveryEvent, OutboundMessage

logger = logging.getLogger(__name__)

OUTCOMES = {
    EventType.DELIVERED: DeliveryEvent.DELIVERED,
    EventType.DEFERRED: DeliveryEvent.DEFERRED,
    EventType.BOUNCED: DeliveryEvent.BOUNCED,
    EventType.REJECTED: DeliveryEvent.REJECTED,
    EventType.COMPLAINED: DeliveryEvent.COMPLAINED,
    EventType.FAILED: DeliveryEvent.FAILED,
}


def delivery_record(*, message_id: str, outcome: str, at, detail: str = "") -> int:
    """Record a provider's report on the messages it concerns; returns how many changed."""
    if not message_id:
        return 0
    changed = 0
    for message in OutboundMessage.objects.filter(provider_message_id=message_id):
        if at and message.delivery_event_at and at < message.delivery_event_at:
            continue  # a late report of an earlier step
        message.delivery_event = outcome
        message.delivery_event_at = at
        message.delivery_detail = (detail or "")[:300]
        message.save(update_fields=["delivery_event", "delivery_event_at", "delivery_detail"])
        changed += 1
    return changed


@receiver(tracking)
def on_tracking_event(sender, event, esp_name, **kwargs):
    outcome = OUTCOMES.get(event.event_type)
    if outcome is None:
        return  # opens, clicks and the like: not kept
    changed = delivery_record(
        message_id=event.message_id or "",
        outcome=outcome,
        at=event.timestamp,
        detail=event.mta_response or event.description or "",
    )
    if not changed:
        logger.info("%s reported %s for an unknown message.", esp_name, event.event_type)
