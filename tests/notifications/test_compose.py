"""Composing messages from their templates: staff's wording or the default, the email's HTML
and text parts, a stored template that stopped rendering, and text messages kept short."""

import logging

import pytest
from django.utils import translation

from notifications import sms
from notifications.models import MessageTemplate, OutboundMessage
from notifications.services import email_queue, message_compose, sms_queue
from notifications.templating import TemplateProblem, kind_for

pytestmark = pytest.mark.django_db

CONFIRMED = kind_for("booking.confirmed.patient.email")
REMINDER = kind_for("booking.reminder.patient.email")
AGENDA = kind_for("agenda.tomorrow.practitioner.email")
REMINDER_SMS = kind_for("booking.reminder.patient.sms")
MANAGE_URL = "https://khepri.example/en/appointments/" + "t" * 32 + "/"


def values(**overrides):
    return {
        "when": "Tuesday 8 December 2026 at 10:00",
        "manage_url": MANAGE_URL,
        "video_url": "https://meet.example/khepri-abc",
        "policy": "Free cancellation until 24 hours before.",
        "sender_name": "Khepri",
        **overrides,
    }


def store(kind, language, subject, body):
    return MessageTemplate.objects.create(
        key=kind.key, language=language, subject=subject, body=body
    )


# --- Which wording ------------------------------------------------------------------------------


def test_the_default_wording_in_the_messages_language():
    english = message_compose(CONFIRMED, "en", values())
    assert english.subject == "Your appointment is confirmed"
    assert "Your appointment is booked." in english.text
    french = message_compose(CONFIRMED, "fr", values())
    with translation.override("fr"):
        assert french.subject == CONFIRMED.default_sources()[0] != english.subject
    assert '<html lang="fr">' in french.html


def test_the_stored_wording_is_used_in_its_language_only():
    store(CONFIRMED, "en", "All set", "See you {{ when }}.\n\n{{ policy }}")
    composed = message_compose(CONFIRMED, "en", values())
    assert composed.subject == "All set"
    assert "See you Tuesday 8 December 2026 at 10:00." in composed.text
    assert "Free cancellation until 24 hours before." in composed.text
    assert '<p style="margin:0 0 16px">See you Tuesday' in composed.html
    assert message_compose(CONFIRMED, "fr", values()).subject != "All set"


def test_sources_given_for_a_preview_win_over_the_stored_wording():
    store(CONFIRMED, "en", "All set", "See you {{ when }}.")
    composed = message_compose(CONFIRMED, "en", values(), sources=("Preview", "Just {{ when }}"))
    assert composed.subject == "Preview"
    with pytest.raises(TemplateProblem):
        message_compose(CONFIRMED, "en", values(), sources=("Preview", "{{ when|upper }}"))


def test_a_stored_template_broken_later_falls_back_to_the_default_and_is_logged(caplog):
    row = store(CONFIRMED, "en", "All set", "See you {{ when }}.")
    # Written straight to the database (as an older version's row would be): no `clean`.
    MessageTemplate.objects.filter(pk=row.pk).update(body="See you {{ when|date }}.")
    with caplog.at_level(logging.ERROR, logger="notifications.services"):
        message = email_queue(CONFIRMED, to="alice@example.test", language="en", values=values())
    assert message.status == OutboundMessage.Status.QUEUED
    assert message.subject == "Your appointment is confirmed"
    assert "Your appointment is booked." in message.body_text
    (record,) = [r for r in caplog.records if r.name == "notifications.services"]
    assert CONFIRMED.key in record.getMessage() and "default used" in record.getMessage()
    assert record.exc_info is not None


def test_a_stored_text_message_broken_later_falls_back_too(caplog):
    row = MessageTemplate.objects.create(
        key=REMINDER_SMS.key, language="en", body="{{ sender_name }}: {{ when }}"
    )
    MessageTemplate.objects.filter(pk=row.pk).update(body="{{ sender_name }}: {{ therapy }}")
    with caplog.at_level(logging.ERROR, logger="notifications.services"):
        message = sms_queue(REMINDER_SMS, to="+33612345678", language="en", values=values())
    assert message.body_text.startswith("Khepri: Reminder: appointment Tuesday")
    assert any(REMINDER_SMS.key in r.getMessage() for r in caplog.records)


# --- The email's parts --------------------------------------------------------------------------


def test_the_html_escapes_values_and_the_text_keeps_them_as_they_are():
    store(CONFIRMED, "en", "For {{ when }}", "Hello {{ when }}.\n\n{{ policy }}")
    composed = message_compose(
        CONFIRMED,
        "en",
        values(when="<b>soon</b>", policy="Tom & Jerry's <script>alert(1)</script>"),
    )
    assert "<script>" not in composed.html and "<b>soon" not in composed.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in composed.html
    assert "Tom &amp; Jerry&#x27;s" in composed.html  # escaped once, not twice
    assert "Tom & Jerry's <script>alert(1)</script>" in composed.text
    assert "Hello <b>soon</b>." in composed.text
    assert composed.subject == "For <b>soon</b>"
    assert "<title>For &lt;b&gt;soon&lt;/b&gt;</title>" in composed.html


def test_the_html_links_addresses_and_keeps_line_breaks():
    composed = message_compose(REMINDER, "en", values())
    link = 'href="https://meet.example/khepri-abc"'
    assert link in composed.html
    assert f'href="{MANAGE_URL}"' in composed.html  # the "Manage my booking" button
    assert "Manage my booking" in composed.html
    store(AGENDA, "en", "Tomorrow", "Your sessions on {{ day }}:\n{{ sessions }}")
    agenda = message_compose(
        AGENDA, "en", {"day": "Tuesday", "sessions": "09:00 A\n10:00 B", "bookings_url": "x"}
    )
    assert "Your sessions on Tuesday:<br>09:00 A<br>10:00 B" in agenda.html


def test_the_text_part_has_the_when_line_only_for_messages_with_a_time():
    composed = message_compose(CONFIRMED, "en", values())
    assert "When: Tuesday 8 December 2026 at 10:00" in composed.text
    assert "When:" in composed.html
    agenda = message_compose(
        AGENDA,
        "en",
        values(day="Tuesday 8 December 2026", sessions="09:00 A", bookings_url="https://k/pro/"),
    )
    assert "When:" not in agenda.text and "When:" not in agenda.html
    assert "Open my bookings: https://k/pro/" in agenda.text


def test_the_text_part_reads_as_a_letter():
    composed = message_compose(CONFIRMED, "en", values(), links=[("Add it", "https://cal/x")])
    text = composed.text
    assert text.startswith("Hello,\n\nYour appointment is booked.\n\n")
    assert f"Manage my booking: {MANAGE_URL}" in text
    assert "Add it: https://cal/x" in text
    assert text.rstrip().endswith("Khepri")
    assert "{{" not in text and "{%" not in text and "&amp;" not in text


def test_email_queue_writes_the_composed_message_to_the_outbox():
    message = email_queue(
        CONFIRMED,
        to="alice@example.test",
        language="en",
        values=values(),
        attachments=[("invite.ics", b"BEGIN:VCALENDAR", "text/calendar; method=REQUEST")],
    )
    message.refresh_from_db()
    assert message.channel == "email" and message.kind == "booking.confirmed.patient"
    assert message.language == "en"
    assert message.subject == "Your appointment is confirmed"
    assert message.body_html.startswith("<!doctype html>")
    assert message.attachment_files() == [
        ("invite.ics", b"BEGIN:VCALENDAR", "text/calendar; method=REQUEST")
    ]


# --- Text messages ------------------------------------------------------------------------------


def test_a_text_message_has_no_layout():
    message = sms_queue(REMINDER_SMS, to="+33612345678", language="en", values=values())
    assert message.channel == "sms" and message.kind == "booking.reminder.patient"
    assert message.subject == "" and message.body_html == ""
    assert message.body_text == (
        "Khepri: Reminder: appointment Tuesday 8 December 2026 at 10:00. "
        f"Video: https://meet.example/khepri-abc Manage it: {MANAGE_URL}"
    )


def test_an_optional_link_is_kept_when_the_text_fits():
    message = sms_queue(
        REMINDER_SMS,
        to="+33612345678",
        language="en",
        values=values(),
        optional=("manage_url",),
    )
    assert MANAGE_URL in message.body_text


def test_an_optional_link_is_dropped_only_when_the_text_is_too_long():
    long_video = "https://meet.example/" + "v" * 180
    full = values(video_url=long_video)
    kept = sms_queue(REMINDER_SMS, to="+33612345678", language="en", values=full)
    assert sms.segments(kept.body_text).segments > sms.max_segments()  # without `optional`
    dropped = sms_queue(
        REMINDER_SMS, to="+33612345678", language="en", values=full, optional=("manage_url",)
    )
    assert long_video in dropped.body_text
    assert MANAGE_URL not in dropped.body_text and "Manage it" not in dropped.body_text
    assert sms.segments(dropped.body_text).segments <= sms.max_segments()
