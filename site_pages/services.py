"""Writes of the site pages app: newsletter subscriptions and the page cache."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from site_pages.errors import NewsletterLinkInvalid
from site_pages.models import NewsletterSubscriber, _new_token


def _absolute(path: str) -> str:
    return settings.KHEPRI_SITE_URL.rstrip("/") + path


def newsletter_subscribe(*, email: str, language: str) -> NewsletterSubscriber:
    """Record a pending subscription and email the confirmation link (double opt-in).

    Subscribing an address again sends a fresh link; an address already confirmed stays
    confirmed. Nothing tells the form whether the address was known (no address probing).
    """
    email = email.strip().lower()
    with transaction.atomic():
        subscriber, _created = NewsletterSubscriber.objects.get_or_create(
            email=email, defaults={"language": language}
        )
        if subscriber.status == NewsletterSubscriber.Status.CONFIRMED:
            return subscriber
        subscriber.status = NewsletterSubscriber.Status.PENDING
        subscriber.language = language
        subscriber.token = _new_token()
        subscriber.save()
    transaction.on_commit(lambda: _send_confirmation(subscriber))
    return subscriber


def _send_confirmation(subscriber: NewsletterSubscriber) -> None:
    with translation.override(subscriber.language):
        context = {
            "confirm_url": _absolute(
                reverse("site_pages:newsletter_confirm", args=[subscriber.token])
            ),
        }
        send_mail(
            subject=_("Please confirm your subscription"),
            message=render_to_string("site_pages/emails/newsletter_confirm.txt", context),
            from_email=None,
            recipient_list=[subscriber.email],
        )


def _subscriber_for_token(token: str) -> NewsletterSubscriber:
    subscriber = NewsletterSubscriber.objects.filter(token=token).first()
    if subscriber is None:
        raise NewsletterLinkInvalid(_("This link is no longer valid. You can subscribe again."))
    return subscriber


def newsletter_confirm(*, token: str) -> NewsletterSubscriber:
    subscriber = _subscriber_for_token(token)
    if subscriber.status == NewsletterSubscriber.Status.UNSUBSCRIBED:
        raise NewsletterLinkInvalid(_("This link is no longer valid. You can subscribe again."))
    if subscriber.status == NewsletterSubscriber.Status.PENDING:
        subscriber.status = NewsletterSubscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


def newsletter_unsubscribe(*, token: str) -> NewsletterSubscriber:
    subscriber = _subscriber_for_token(token)
    if subscriber.status != NewsletterSubscriber.Status.UNSUBSCRIBED:
        subscriber.status = NewsletterSubscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
    return subscriber


def newsletter_unsubscribe_url(*, subscriber: NewsletterSubscriber) -> str:
    """The one-click unsubscribe link every newsletter email carries."""
    return _absolute(reverse("site_pages:newsletter_unsubscribe", args=[subscriber.token]))
