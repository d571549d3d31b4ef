"""Writing to the outbox and sending what it holds.

Contract:

* `message_queue(...)` writes the message in the caller's transaction and, once that
  transaction commits, hands its id to the task worker. Call it inside the transaction that
  makes the change the message tells of: if that transaction rolls back, nothing is sent.
* `message_send(message_id=..., now=...)` first claims the message with one conditional
  UPDATE (queued and due → sending). Only the worker whose UPDATE changed the row sends it;
  every other caller (a second worker, the periodic pick-up, a repeated task) returns without
  sending. So a message is never sent twice by the outbox.
* A provider error that a later try may fix puts the message back in the queue with an
  exponential backoff (1, 5, 25, 125 minutes), enqueued for that time (the periodic pick-up
  catches it if the task backend cannot defer); after `MAX_ATTEMPTS` tries, or for an error
  no retry can fix, it is failed with a reason staff can read.
* Emails and texts are composed from templates staff may edit (`message_compose`,
  `email_queue`, `sms_queue`; see `notifications.templating`).
* A message left "sending" (a worker that died mid-send) is never retried automatically: it
  may have gone out. It is marked failed after `STALE_AFTER`, and staff may resend it.
"""

from __future__ import annotations

import base64
import logging
import smtplib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from anymail.exceptions import AnymailAPIError, AnymailError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications import sms
from notifications.models import OutboundMessage
from notifications.templating import SMS, MessageKind, TemplateProblem, render_message

logger = logging.getLogger(__name__)

Status = OutboundMessage.Status
Channel = OutboundMessage.Channel

#: Tries before a message is failed for good.
MAX_ATTEMPTS = 5
#: Wait before try n + 1 is `BACKOFF_BASE * BACKOFF_FACTOR ** (n - 1)`.
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_FACTOR = 5
#: A message "sending" for longer than this was interrupted.
STALE_AFTER = timedelta(minutes=30)


class MessageError(Exception):
    """A request about a message that cannot be granted (staff-readable)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DeliveryError(Exception):
    """Why a message was not sent, and whether a later try may succeed."""

    def __init__(self, message: str, *, retryable: bool):
        super().__init__(message)
        self.message = message
        self.retryable = retryable


# --- Queueing --------------------------------------------------------------------------------


def message_queue(
    *,
    channel: str,
    to: str,
    body_text: str,
    subject: str = "",
    body_html: str = "",
    language: str = "",
    kind: str = "",
    attachments: Sequence[tuple[str, bytes, str]] = (),
    booking=None,
    resent_from: OutboundMessage | None = None,
    now: datetime | None = None,
) -> OutboundMessage:
    """Write a message to the outbox; it is sent once the current transaction commits.

    A message to an erased account (`accounts.services.account_erase`) is only logged, as
    failed, with nothing in it: that person asked to be forgotten."""
    now = now or timezone.now()
    if _recipient_erased(channel, to):
        return OutboundMessage.objects.create(
            channel=channel,
            to="",
            language=language,
            kind=kind,
            body_text="",
            booking=booking,
            resent_from=resent_from,
            next_attempt_at=now,
            created_at=now,
            status=OutboundMessage.Status.FAILED,
            last_error="The recipient's account was deleted.",
        )
    message = OutboundMessage.objects.create(
        channel=channel,
        to=to,
        language=language,
        kind=kind,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=[
            {
                "filename": filename,
                "content": base64.b64encode(content).decode("ascii"),
                "mimetype": mimetype,
            }
            for filename, content, mimetype in attachments
        ],
        booking=booking,
        resent_from=resent_from,
        next_attempt_at=now,
        created_at=now,
    )
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def _recipient_erased(channel: str, to: str) -> bool:
    """`to` is the address an erased account was given in place of its own (its phone is
    blank, so only email is asked)."""
    from django.contrib.auth import get_user_model

    if channel != Channel.EMAIL or not to:
        return False
    return get_user_model().objects.filter(email__iexact=to, erased_at__isnull=False).exists()


def _enqueue(message_id: int, *, run_after: datetime | None = None) -> None:
    """Hand the message to the task worker, now or at `run_after` (a retry's time)."""
    from notifications.tasks import send_message

    try:
        if run_after is None:
            send_message.enqueue(message_id)
        elif send_message.get_backend().supports_defer:
            send_message.using(run_after=run_after).enqueue(message_id)
        # else: the periodic pick-up sends it within a minute of its time.
    except Exception:  # the periodic pick-up sends it within a minute
        logger.exception("Could not enqueue outbound message %s.", message_id)


# --- Composing from templates ----------------------------------------------------------------


@dataclass(frozen=True)
class Composed:
    """A message ready for the outbox: `text` is the whole plain text (an email's text part
    or the SMS), `html` the email's HTML part."""

    subject: str
    text: str
    html: str = ""


def message_compose(
    kind: MessageKind,
    language: str,
    values: Mapping[str, str],
    *,
    links: Sequence[tuple[str, str]] = (),
    sources: tuple[str, str] | None = None,
) -> Composed:
    """Render `kind` in `language` with `values`: staff's wording if there is one (or
    `sources`, for a preview), else the default; emails inside the common layout.

    A stored template that no longer renders (a placeholder a later version took away) falls
    back to the default wording and is logged: a message is never lost to its wording."""
    from notifications.selectors import template_sources

    with translation.override(language):
        stored = sources if sources is not None else template_sources(kind, language)
        try:
            rendered = render_message(kind, *(stored or kind.default_sources()), values)
        except TemplateProblem:
            if stored is None or sources is not None:
                raise
            logger.exception(
                "Template %s (%s) cannot be rendered; default used.", kind.key, language
            )
            rendered = render_message(kind, *kind.default_sources(), values)
        if kind.channel == SMS:
            return Composed(subject="", text=rendered.body)
        context = {
            "language": language,
            "subject": rendered.subject,
            "paragraphs": rendered.paragraphs,
            "when": values.get("when", "") if "when" in kind.placeholders else "",
            "action_url": values.get(kind.action, "") if kind.action else "",
            "action_label": kind.action_label,
            "links": links,
            "sender_name": settings.KHEPRI_SENDER_NAME,
        }
        return Composed(
            subject=rendered.subject,
            text=render_to_string("notifications/email/message.txt", context),
            html=render_to_string("notifications/email/message.html", context),
        )


def email_queue(
    kind: MessageKind,
    *,
    to: str,
    language: str,
    values: Mapping[str, str],
    links: Sequence[tuple[str, str]] = (),
    attachments: Sequence[tuple[str, bytes, str]] = (),
    booking=None,
) -> OutboundMessage:
    """Compose `kind` and write it to the outbox (in the caller's transaction)."""
    composed = message_compose(kind, language, values, links=links)
    return message_queue(
        channel=Channel.EMAIL,
        to=to,
        language=language,
        kind=kind.event,
        subject=composed.subject,
        body_text=composed.text,
        body_html=composed.html,
        attachments=attachments,
        booking=booking,
    )


def sms_queue(
    kind: MessageKind,
    *,
    to: str,
    language: str,
    values: Mapping[str, str],
    booking=None,
    optional: Sequence[str] = (),
) -> OutboundMessage:
    """Compose the text message `kind` and write it to the outbox.

    `optional`: placeholders to leave empty, in order, while the text is over the SMS limit
    (a reminder's manage link matters less than the video link two hours before)."""
    values = dict(values)
    composed = message_compose(kind, language, values)
    for name in optional:
        if sms.segments(composed.text).segments <= sms.max_segments():
            break
        values[name] = ""
        composed = message_compose(kind, language, values)
    return message_queue(
        channel=Channel.SMS,
        to=to,
        language=language,
        kind=kind.event,
        body_text=composed.text,
        booking=booking,
    )


def message_resend(*, message_id: int, now: datetime | None = None) -> OutboundMessage:
    """Queue a copy of a sent or failed message (staff's "resend")."""
    original = OutboundMessage.objects.get(pk=message_id)
    if original.status not in (Status.SENT, Status.FAILED):
        raise MessageError(_("Only a sent or failed message can be sent again."))
    if not original.to:
        # Its recipient's account was erased (`accounts.services.account_erase`).
        raise MessageError(_("Its recipient deleted their account: it cannot be sent again."))
    return message_queue(
        channel=original.channel,
        to=original.to,
        body_text=original.body_text,
        subject=original.subject,
        body_html=original.body_html,
        language=original.language,
        kind=original.kind,
        attachments=original.attachment_files(),
        booking=original.booking,
        resent_from=original,
        now=now,
    )


# --- Sending ---------------------------------------------------------------------------------


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed try."""
    return BACKOFF_BASE * BACKOFF_FACTOR ** (attempts - 1)


def message_send(*, message_id: int, now: datetime) -> str | None:
    """Send one message if it is queued and due; returns its new status, or None when it was
    not this caller's to send."""
    claimed = OutboundMessage.objects.filter(
        pk=message_id, status=Status.QUEUED, next_attempt_at__lte=now
    ).update(status=Status.SENDING, attempts=F("attempts") + 1, claimed_at=now)
    if not claimed:
        return None  # sent, failed, not due, or another worker has it
    message = OutboundMessage.objects.get(pk=message_id)
    sending = OutboundMessage.objects.filter(pk=message_id, status=Status.SENDING)
    try:
        provider_id = _deliver(message)
    except Exception as exc:  # every failure is recorded on the message
        error = _delivery_error(exc)
        logger.warning(
            "Outbound message %s (%s) not sent, try %s: %s",
            message.pk,
            message.kind,
            message.attempts,
            error.message,
        )
        if error.retryable and message.attempts < MAX_ATTEMPTS:
            retry_at = now + backoff(message.attempts)
            sending.update(status=Status.QUEUED, next_attempt_at=retry_at, last_error=error.message)
            # At its own time, not at the next periodic pick-up.
            transaction.on_commit(lambda: _enqueue(message.pk, run_after=retry_at))
            return Status.QUEUED
        sending.update(status=Status.FAILED, last_error=error.message)
        return Status.FAILED
    sending.update(
        status=Status.SENT,
        provider_message_id=provider_id[:255],
        sent_at=timezone.now(),
        last_error="",
    )
    return Status.SENT


def messages_send_due(*, now: datetime, limit: int = 1000) -> int:
    """Send every queued message that is due (lost enqueues, retries); returns how many were
    sent by this caller. Safe to run in several workers at once."""
    _messages_fail_stale(now=now)
    due = list(
        OutboundMessage.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(message_send(message_id=pk, now=now) == Status.SENT for pk in due)


def _messages_fail_stale(*, now: datetime) -> int:
    return OutboundMessage.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - STALE_AFTER
    ).update(
        status=Status.FAILED,
        last_error=_(
            "Sending was interrupted: the message may not have gone out. Resend it if needed."
        ),
    )


def _deliver(message: OutboundMessage) -> str:
    """Hand the message to its provider; returns the provider's id for it ('' if none)."""
    if message.channel == Channel.SMS:
        from notifications.sms import send_sms

        return send_sms(to=message.to, text=message.body_text).message_id
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for filename, content, mimetype in message.attachment_files():
        email.attach(filename, content, mimetype)
    email.send()
    status = getattr(email, "anymail_status", None)  # set by anymail's backends
    return str(getattr(status, "message_id", None) or "")


def _delivery_error(exc: Exception) -> DeliveryError:
    """What went wrong, in words staff can read, and whether to try again."""
    from notifications.sms import SmsError, SmsRefused

    if isinstance(exc, SmsRefused):
        return DeliveryError(exc.message, retryable=False)
    if isinstance(exc, SmsError):
        return DeliveryError(exc.message, retryable=exc.retryable)
    values = {"error": type(exc).__name__, "detail": " ".join(str(exc).split())[:300] or "-"}
    if isinstance(exc, (AnymailRecipientsRefused, smtplib.SMTPRecipientsRefused)):
        return DeliveryError(
            _("The mail provider refused the recipient (%(error)s): %(detail)s") % values,
            retryable=False,
        )
    if isinstance(exc, AnymailAPIError):
        status = getattr(exc, "status_code", None)
        retryable = status is None or status in (408, 429) or status >= 500
        return DeliveryError(
            _("The mail provider could not send the message (%(error)s): %(detail)s") % values,
            retryable=retryable,
        )
    if isinstance(exc, AnymailError):
        return DeliveryError(
            _("Email sending is misconfigured (%(error)s): %(detail)s") % values,
            retryable=False,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        # 4xx: temporary (greylisting, mailbox busy); 5xx: permanent.
        return DeliveryError(
            _("The mail server refused the message (%(error)s): %(detail)s") % values,
            retryable=400 <= exc.smtp_code < 500,
        )
    if isinstance(exc, (smtplib.SMTPException, OSError)):
        return DeliveryError(
            _("The mail server could not be reached (%(error)s): %(detail)s") % values,
            retryable=True,
        )
    return DeliveryError(
        _("Unexpected error while sending (%(error)s): %(detail)s") % values, retryable=True
    )
