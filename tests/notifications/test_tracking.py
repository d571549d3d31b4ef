"""Providers' delivery reports (anymail's tracking webhook) recorded on outbox messages."""

import base64
import json
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from notifications.models import OutboundMessage
from notifications.tracking import delivery_record

pytestmark = pytest.mark.django_db
SECRET = "brevo:a-long-webhook-secret"


@pytest.fixture
def sent_message():
    now = timezone.now()
    message = OutboundMessage.objects.create(
        channel=OutboundMessage.Channel.EMAIL,
        to="zoe@example.org",
        subject="Your appointment is confirmed",
        body_text="…",
        status=OutboundMessage.Status.SENT,
        provider_message_id="<202611231200.1234@smtp-relay.mailin.fr>",
        sent_at=now,
        next_attempt_at=now,
        created_at=now,
    )
    return message


def brevo(client, settings, payload):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": SECRET}
    token = base64.b64encode(SECRET.encode()).decode()
    return client.post(
        "/anymail/brevo/tracking/",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {token}",
    )


def test_a_bounce_reported_by_brevo_is_recorded(client, settings, sent_message):
    response = brevo(
        client,
        settings,
        {
            "event": "hard_bounce",
            "email": "zoe@example.org",
            "message-id": sent_message.provider_message_id,
            "ts_epoch": 1795000000000,
            "reason": "550 5.1.1 mailbox unknown",
        },
    )
    assert response.status_code == 200
    sent_message.refresh_from_db()
    assert sent_message.delivery_event == "bounced"
    assert sent_message.delivery_detail == "550 5.1.1 mailbox unknown"
    assert sent_message.status == OutboundMessage.Status.SENT  # sending itself did happen


def test_the_webhook_needs_the_secret(client, settings, sent_message):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": SECRET}
    response = client.post(
        "/anymail/brevo/tracking/",
        data=json.dumps({"event": "spam", "message-id": sent_message.provider_message_id}),
        content_type="application/json",
    )
    assert response.status_code == 400
    sent_message.refresh_from_db()
    assert sent_message.delivery_event == ""


def test_opens_and_clicks_are_not_kept(client, settings, sent_message):
    brevo(
        client,
        settings,
        {"event": "opened", "message-id": sent_message.provider_message_id, "ts_epoch": 1},
    )
    sent_message.refresh_from_db()
    assert sent_message.delivery_event == ""


def test_a_late_report_of_an_earlier_step_changes_nothing(sent_message):
    later = datetime(2026, 11, 23, 12, 5, tzinfo=UTC)
    earlier = datetime(2026, 11, 23, 12, 1, tzinfo=UTC)
    id_ = sent_message.provider_message_id
    assert delivery_record(message_id=id_, outcome="complained", at=later) == 1
    assert delivery_record(message_id=id_, outcome="delivered", at=earlier) == 0
    sent_message.refresh_from_db()
    assert sent_message.delivery_event == "complained"
    assert delivery_record(message_id="<unknown>", outcome="bounced", at=later) == 0
