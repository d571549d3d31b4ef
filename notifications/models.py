"""The outbox: every email and text message the platform sends, as a record.

A message is written in the same transaction as the event that causes it (a rolled-back
booking leaves none), then sent by the task worker (`notifications.services.message_send`).
Its content never changes once queued; only its delivery fields move (status, attempts, the
next try, the error, the provider's id). A message to send again is a new record
(`message_resend`), so the history stays true.
"""

import base64

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin

#: Fields that sending may change; everything else is the message as it was queued.
DELIVERY_FIELDS = frozenset(
    {
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "last_error",
        "provider_message_id",
        "sent_at",
        "delivery_event",
        "delivery_event_at",
        "delivery_detail",
    }
)


class DeliveryEvent(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    DEFERRED = "deferred", _("Delayed by the provider")
    BOUNCED = "bounced", _("Bounced")
    REJECTED = "rejected", _("Rejected by the provider")
    COMPLAINED = "complained", _("Marked as spam")
    FAILED = "failed", _("Failed at the provider")


class OutboundMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    #: An email address or a phone number (E.164 once checked by the SMS layer).
    to = models.CharField(_("recipient"), max_length=254)
    language = models.CharField(_("language"), max_length=10, blank=True)
    #: What the message is about, for staff and tests (`booking.confirmed`, ...).
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    #: `[{"filename": ..., "content": <base64>, "mimetype": ...}]`
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    booking = models.ForeignKey(
        "bookings.Booking",
        verbose_name=_("booking"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outbound_messages",
    )
    #: The message this one sends again, when staff resent it.
    resent_from = models.ForeignKey(
        "self",
        verbose_name=_("resent from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resends",
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    #: When a worker took the message for sending (a message stuck in "sending" is found by it).
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    provider_message_id = models.CharField(_("provider's message id"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    #: What the email provider later reported (its tracking webhook): delivered, bounced...
    delivery_event = models.CharField(
        _("delivery"), max_length=12, choices=DeliveryEvent.choices, blank=True
    )
    delivery_event_at = models.DateTimeField(_("delivery reported at"), null=True, blank=True)
    delivery_detail = models.CharField(_("delivery detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.to} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        # Content is immutable once queued: later saves may only touch delivery fields.
        update_fields = kwargs.get("update_fields")
        changes_content = update_fields is None or not set(update_fields) <= DELIVERY_FIELDS
        if self.pk is not None and not self._state.adding and changes_content:
            raise ValueError("An outbound message's content cannot change once queued.")
        super().save(*args, **kwargs)

    def attachment_files(self) -> list[tuple[str, bytes, str]]:
        """The attachments as `(filename, content, mimetype)`."""
        return [
            (item["filename"], base64.b64decode(item["content"]), item["mimetype"])
            for item in self.attachments
        ]


def _message_kind_choices():
    from notifications.templating import kind_choices

    return kind_choices()


class MessageTemplate(PreviewableMixin, models.Model):
    """Staff's wording of one message in one language (`notifications.templating`).

    Checked at save (`clean`): a template that could not be rendered, names an unknown
    placeholder, is too long for a text message or names someone's care is refused with the
    reason. Without a row, the default wording of the message kind is used."""

    key = models.CharField(_("message"), max_length=80, choices=_message_kind_choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(
        _("subject"),
        max_length=200,
        blank=True,
        help_text=_("Emails only. Keep it discreet: “Your appointment”, never what it is for."),
    )
    body = models.TextField(
        _("text"),
        help_text=_(
            "Separate paragraphs with a blank line. Placeholders go between double braces, "
            "e.g. {{ when }}; a part shown only when a placeholder has a value goes between "
            "{% if fee %} and {% endif %}."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["key", "language"]
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="message_template_unique")
        ]

    def __str__(self):
        return f"{self.get_key_display()} ({self.get_language_display()})"

    @property
    def kind(self):
        from notifications.templating import kind_for

        return kind_for(self.key)

    def clean(self):
        from notifications.selectors import catalogue_words
        from notifications.templating import SMS, template_check

        if not self.key or not self.language:
            return
        if self.kind.channel == SMS:
            self.subject = ""
        # Example values as this template's readers get them; the problems in the editor's
        # own language.
        with translation.override(self.language):
            values = self.kind.sample()
        problems = template_check(
            self.kind, self.subject, self.body, sensitive_words=catalogue_words(), values=values
        )
        errors: dict[str, list[str]] = {}
        for field, message in problems:
            errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)

    # --- Preview in the Wagtail editor ---

    def get_preview_template(self, request, mode_name):
        return "notifications/admin/message_preview.html"

    def get_preview_context(self, request, mode_name):
        from notifications import sms
        from notifications.services import message_compose
        from notifications.templating import TemplateProblem

        context = super().get_preview_context(request, mode_name)
        with translation.override(self.language or settings.LANGUAGE_CODE):
            try:
                preview = message_compose(
                    self.kind, self.language, self.kind.sample(), sources=(self.subject, self.body)
                )
            except TemplateProblem as problem:
                context["problem"] = problem.message
            else:
                context.update(
                    preview=preview,
                    html=preview.html,
                    segments=sms.segments(preview.text),
                    limit=sms.max_segments(),
                )
        context["kind"] = self.kind
        return context
