"""The outbox: written with the change, sent after commit, never twice, retried with backoff,
failed with a reason, resent by staff as a new message."""

import smtplib
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemEmailBackend
from django.db import connection, transaction
from django.utils import timezone

from notifications import services, sms, tasks
from notifications.models import OutboundMessage
from notifications.services import (
    MAX_ATTEMPTS,
    MessageError,
    message_queue,
    message_resend,
    message_send,
    messages_send_due,
)
from notifications.sms import SmsError, SmsResult

Status = OutboundMessage.Status
T0 = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
MOBILE = "+33612345678"


def email(**overrides) -> OutboundMessage:
    values = {
        "channel": "email",
        "to": "alice@example.test",
        "subject": "Rendez-vous confirmé",
        "body_text": "Votre rendez-vous est confirmé.",
        "body_html": "<p>Votre rendez-vous est confirmé.</p>",
        "language": "fr",
        "kind": "test.email",
        "now": T0,
    }
    return message_queue(**{**values, **overrides})


def text(**overrides) -> OutboundMessage:
    values = {"channel": "sms", "to": MOBILE, "body_text": "Khepri: RDV lun 7/12, 10:00"}
    return message_queue(**{**values, "kind": "test.sms", "now": T0, **overrides})


def reload(message: OutboundMessage) -> OutboundMessage:
    return OutboundMessage.objects.get(pk=message.pk)


# --- Written with the change, sent after commit ----------------------------------------------


@pytest.mark.django_db
def test_a_rolled_back_transaction_queues_and_sends_nothing(
    django_capture_on_commit_callbacks, mailoutbox
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        email()
        raise RuntimeError("the booking failed")
    assert not OutboundMessage.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_committed_message_is_sent_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = email(
            attachments=[("invite.ics", b"BEGIN:VCALENDAR", "text/calendar")],
            now=timezone.now(),  # the task sends at the real time
        )
    assert mailoutbox == [] and reload(message).status == Status.QUEUED
    for callback in callbacks:
        callback()  # enqueues the task; the test settings run it at once
    sent = reload(message)
    assert sent.status == Status.SENT and sent.attempts == 1 and sent.sent_at is not None
    [mail_sent] = mailoutbox
    assert mail_sent.to == ["alice@example.test"]
    assert mail_sent.subject == "Rendez-vous confirmé"
    assert mail_sent.alternatives[0][1] == "text/html"
    assert mail_sent.attachments == [("invite.ics", "BEGIN:VCALENDAR", "text/calendar")]


@pytest.mark.django_db
def test_an_sms_keeps_the_provider_id():
    message = text()
    assert message_send(message_id=message.pk, now=T0) == Status.SENT
    assert reload(message).provider_message_id.startswith("locmem-")
    assert [m["to"] for m in sms.outbox] == [MOBILE]


@pytest.mark.django_db
def test_a_message_is_sent_once_however_often_it_is_asked(mailoutbox):
    message = email()
    assert message_send(message_id=message.pk, now=T0) == Status.SENT
    assert message_send(message_id=message.pk, now=T0) is None
    assert messages_send_due(now=T0 + timedelta(hours=1)) == 0
    assert len(mailoutbox) == 1 and reload(message).attempts == 1


@pytest.mark.django_db
def test_a_message_is_not_sent_before_it_is_due(mailoutbox):
    message = email(now=T0 + timedelta(minutes=5))
    assert message_send(message_id=message.pk, now=T0) is None
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_periodic_job_sends_what_was_never_enqueued(mailoutbox):
    email(to="a@example.test", now=timezone.now())
    email(to="b@example.test", now=timezone.now())
    assert tasks.send_due_messages.call() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.test", "b@example.test"]
    assert tasks.send_due_messages.call() == 0


@pytest.mark.django_db
def test_content_cannot_change_once_queued():
    message = email()
    message.body_text = "autre chose"
    with pytest.raises(ValueError):
        message.save()
    message.refresh_from_db()
    message.last_error = "noted"
    message.save(update_fields=["last_error"])  # delivery fields may move


# --- Two workers, 500 messages ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_500_messages_exactly_once():
    mail.outbox = []
    OutboundMessage.objects.bulk_create(
        [
            OutboundMessage(
                channel="email",
                to=f"patient{i}@example.test",
                subject="Rappel de votre rendez-vous",
                body_text=f"Message {i}",
                kind="test.reminder",
                next_attempt_at=T0,
                created_at=T0,
            )
            for i in range(250)
        ]
        + [
            OutboundMessage(
                channel="sms",
                to=f"+336{i:08d}",
                body_text=f"Khepri: rappel {i}",
                kind="test.reminder",
                next_attempt_at=T0,
                created_at=T0,
            )
            for i in range(10_000_000, 10_000_250)
        ]
    )
    ids = list(OutboundMessage.objects.values_list("pk", flat=True))
    start = threading.Barrier(4)
    counts, errors = [], []

    def periodic_worker():
        try:
            start.wait()
            counts.append(messages_send_due(now=T0 + timedelta(seconds=1)))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    def task_worker(order):
        # As the task worker does for each enqueued id, in its own order.
        try:
            start.wait()
            counts.append(sum(message_send(message_id=pk, now=T0) == Status.SENT for pk in order))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=periodic_worker),
        threading.Thread(target=periodic_worker),
        threading.Thread(target=task_worker, args=(ids,)),
        threading.Thread(target=task_worker, args=(ids[::-1],)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(counts) == 500
    sent_to = [m.to[0] for m in mail.outbox] + [m["to"] for m in sms.outbox]
    assert len(sent_to) == 500 and len(set(sent_to)) == 500
    assert OutboundMessage.objects.filter(status=Status.SENT, attempts=1).count() == 500


# --- Retries, failures ------------------------------------------------------------------------


class FlakySmsBackend(sms.BaseSmsBackend):
    """Fails with the errors queued in `failures`, then sends."""

    failures: list[Exception] = []

    def send(self, *, to, text, sender, info):
        if self.failures:
            raise self.failures.pop(0)
        sms.outbox.append({"to": to, "text": text})
        return SmsResult(message_id="flaky-1", segments=info.segments)


class FlakyEmailBackend(LocmemEmailBackend):
    failures: list[Exception] = []

    def send_messages(self, messages):
        if self.failures:
            raise self.failures.pop(0)
        return super().send_messages(messages)


@pytest.fixture
def flaky_sms(settings):
    settings.KHEPRI_SMS_BACKEND = "tests.notifications.test_outbox.FlakySmsBackend"
    FlakySmsBackend.failures = []
    return FlakySmsBackend.failures


@pytest.fixture
def flaky_email(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.FlakyEmailBackend"
    FlakyEmailBackend.failures = []
    return FlakyEmailBackend.failures


@pytest.mark.django_db
def test_a_retryable_sms_error_is_retried_with_backoff_then_sent(flaky_sms):
    flaky_sms.extend(
        [
            SmsError("Provider down", retryable=True, status=503),
            SmsError("Provider down", retryable=True, status=503),
        ]
    )
    message = text()
    assert message_send(message_id=message.pk, now=T0) == Status.QUEUED
    waiting = reload(message)
    assert waiting.attempts == 1 and waiting.last_error == "Provider down"
    assert waiting.next_attempt_at == T0 + timedelta(minutes=1)
    # Not yet due: the periodic job leaves it alone.
    assert messages_send_due(now=T0 + timedelta(seconds=59)) == 0
    assert messages_send_due(now=T0 + timedelta(minutes=1)) == 0  # second failure
    assert reload(message).next_attempt_at == T0 + timedelta(minutes=1 + 5)
    assert messages_send_due(now=T0 + timedelta(minutes=6)) == 1
    sent = reload(message)
    assert (sent.status, sent.attempts, sent.last_error) == (Status.SENT, 3, "")
    assert sent.provider_message_id == "flaky-1"
    assert len(sms.outbox) == 1


@pytest.mark.django_db
def test_a_temporary_smtp_error_is_retried_then_sent(flaky_email, mailoutbox):
    flaky_email.append(smtplib.SMTPResponseException(451, b"Greylisted, try later"))
    message = email()
    assert message_send(message_id=message.pk, now=T0) == Status.QUEUED
    assert "Greylisted" in reload(message).last_error
    assert mailoutbox == []
    assert message_send(message_id=message.pk, now=T0 + timedelta(minutes=1)) == Status.SENT
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_an_unreachable_mail_server_is_retried(flaky_email):
    flaky_email.append(ConnectionRefusedError("Connection refused"))
    message = email()
    assert message_send(message_id=message.pk, now=T0) == Status.QUEUED


@pytest.mark.django_db
def test_a_permanent_smtp_error_fails_with_its_reason(flaky_email, mailoutbox):
    flaky_email.append(smtplib.SMTPResponseException(550, b"Mailbox unavailable"))
    message = email()
    assert message_send(message_id=message.pk, now=T0) == Status.FAILED
    failed = reload(message)
    assert "Mailbox unavailable" in failed.last_error and "550" in failed.last_error
    assert messages_send_due(now=T0 + timedelta(days=1)) == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_non_retryable_sms_error_fails_with_its_reason(flaky_sms):
    flaky_sms.append(SmsError("The SMS account has no credits left", retryable=False))
    message = text()
    assert message_send(message_id=message.pk, now=T0) == Status.FAILED
    assert reload(message).last_error == "The SMS account has no credits left"


@pytest.mark.django_db
def test_a_number_that_cannot_receive_texts_fails_at_once():
    message = text(to="+33142345678")  # a landline
    assert message_send(message_id=message.pk, now=T0) == Status.FAILED
    assert "mobile" in reload(message).last_error and sms.outbox == []


@pytest.mark.django_db
def test_retries_stop_after_the_last_attempt(flaky_sms):
    flaky_sms.extend(SmsError("Provider down", retryable=True) for _ in range(MAX_ATTEMPTS))
    message = text()
    now = T0
    for attempt in range(1, MAX_ATTEMPTS + 1):
        status = message_send(message_id=message.pk, now=now)
        assert status == (Status.QUEUED if attempt < MAX_ATTEMPTS else Status.FAILED)
        now = reload(message).next_attempt_at
    failed = reload(message)
    assert (failed.status, failed.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    assert [services.backoff(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=m) for m in (1, 5, 25, 125)
    ]


@pytest.mark.django_db
def test_a_message_stuck_sending_is_failed_not_sent_again(mailoutbox):
    message = email()
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=Status.SENDING, attempts=1, claimed_at=T0
    )
    assert messages_send_due(now=T0 + timedelta(minutes=10)) == 0
    assert reload(message).status == Status.SENDING
    messages_send_due(now=T0 + services.STALE_AFTER + timedelta(seconds=1))
    stuck = reload(message)
    assert stuck.status == Status.FAILED and stuck.last_error
    assert mailoutbox == []


# --- Resend -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_resending_queues_a_new_copy(flaky_email, mailoutbox):
    flaky_email.append(smtplib.SMTPResponseException(550, b"Mailbox unavailable"))
    original = email(attachments=[("invite.ics", b"BEGIN:VCALENDAR", "text/calendar")])
    message_send(message_id=original.pk, now=T0)
    copy = message_resend(message_id=original.pk, now=T0 + timedelta(hours=1))
    assert copy.pk != original.pk and copy.resent_from_id == original.pk
    assert copy.status == Status.QUEUED and copy.attempts == 0
    for field in ("channel", "to", "subject", "body_text", "body_html", "attachments", "kind"):
        assert getattr(copy, field) == getattr(original, field)
    assert message_send(message_id=copy.pk, now=T0 + timedelta(hours=1)) == Status.SENT
    assert reload(original).status == Status.FAILED  # its history stays as it was
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_queued_message_cannot_be_resent():
    message = email()
    with pytest.raises(MessageError):
        message_resend(message_id=message.pk)
    assert OutboundMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_retry_is_enqueued_for_its_own_time(
    flaky_sms, settings, django_capture_on_commit_callbacks
):
    """Where the task backend can defer, the retry runs at its time rather than waiting for the
    periodic pick-up (which still catches it where it cannot)."""
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    assert backend.supports_defer
    flaky_sms.append(SmsError("Provider down", retryable=True, status=503))
    message = text()
    backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert message_send(message_id=message.pk, now=T0) == Status.QUEUED
    (retry,) = backend.results
    assert retry.task.name.endswith("send_message") and retry.args == [message.pk]
    assert retry.task.run_after == T0 + timedelta(minutes=1) == reload(message).next_attempt_at
