"""Writes to people's accounts. Patients give as little as possible: see `User`."""

from __future__ import annotations

import logging
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User

logger = logging.getLogger(__name__)


class AccountError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class EmailTaken(AccountError):
    """The address belongs to an account: its owner must log in (nobody books in their name)."""


def patient_create(
    *,
    first_name: str,
    last_name: str,
    email: str,
    phone="",
    language: str = "fr",
    time_zone: str = "Europe/Paris",
) -> User:
    """A patient account made while booking: no password yet (they may choose one later through
    "forgotten password", which also proves the address is theirs)."""
    email = User.objects.normalize_email(email).lower()
    taken = EmailTaken(_("An account already uses this email address. Please log in to continue."))
    if User.objects.filter(email__iexact=email).exists():
        raise taken
    try:
        with transaction.atomic():
            user = User(
                email=email,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                phone=phone or "",
                language=language,
                time_zone=time_zone,
            )
            user.set_unusable_password()
            user.save()
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    except IntegrityError:
        # The same address signed up at the same instant (the check above could not see it).
        if User.objects.filter(email__iexact=email).exists():
            raise taken from None
        raise
    return user


def guardian_consent_record(*, user: User, name: str, contact: str, now: datetime) -> User:
    """A patient under 18: their guardian's name, contact and consent, given now."""
    user.is_minor = True
    user.guardian_name = name.strip()
    user.guardian_contact = contact.strip()
    user.guardian_consent_at = now
    user.save(
        update_fields=["is_minor", "guardian_name", "guardian_contact", "guardian_consent_at"]
    )
    return user


# --- Erasure (GDPR art. 17) ---------------------------------------------------------------------


class ErasureRefused(AccountError):
    """Something is still in flight (a session, a payment, money): the reasons are listed."""

    def __init__(self, blockers):
        super().__init__(blockers[0].message)
        self.blockers = blockers


#: What the erased account is called wherever a record still points to it.
ERASED_EMAIL = "erased-{pk}@invalid"


def _sessions_end(user_id: int, now: datetime) -> None:
    """Log the person out everywhere (the unusable password already invalidates the sessions'
    hash; deleting them also drops what they held)."""
    from django.contrib.sessions.models import Session

    for session in Session.objects.filter(expire_date__gt=now).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            session.delete()


def _messages_scrub(user: User) -> None:
    """The message log keeps that a message of some kind was sent, never to whom or what it
    said (bodies carry the name and private links). Messages to this person not sent yet never
    will be. Chosen by address and booking, never by name: a name is not unique, and a short
    one is found in everybody's messages."""
    from accounts.selectors import messages_to
    from notifications.models import OutboundMessage

    Status = OutboundMessage.Status
    to_them = messages_to(user)
    # Bulk updates on purpose: the model refuses content changes through `save()`.
    to_them.exclude(status=Status.SENT).update(
        status=Status.FAILED, last_error="The recipient's account was deleted."
    )
    blank = {
        "subject": "",
        "body_text": "",
        "body_html": "",
        "attachments": [],
        "delivery_detail": "",
    }
    to_them.update(to="", **blank)
    # About their sessions, to someone else (their practitioner): what went out loses its
    # words; what is still to go is the other person's message and leaves as written.
    OutboundMessage.objects.filter(booking__patient=user).exclude(
        status__in=(Status.QUEUED, Status.SENDING)
    ).update(**blank)


def _webhooks_scrub(user: User) -> None:
    """Provider events about this person's payments, top-ups, package purchases, cards or
    customer record — or carrying their proven address or phone — keep their id and type (each
    is processed once) and lose their payload: a card form's billing details may hold a name,
    another address or a phone."""
    from django.db.models import Q, TextField
    from django.db.models.functions import Cast

    from accounts.selectors import patient_addresses
    from payments.models import (
        PackagePurchase,
        Payment,
        PaymentCustomer,
        SavedCard,
        TopUp,
        WebhookEvent,
    )

    references = set()
    for model in (Payment, TopUp, PackagePurchase):
        references |= set(
            model.objects.filter(patient=user).values_list("gateway_reference", flat=True)
        )
    references |= set(
        PaymentCustomer.objects.filter(patient=user).values_list("reference", flat=True)
    )
    for card, customer in SavedCard.objects.filter(patient=user).values_list(
        "reference", "customer_reference"
    ):
        references |= {card, customer}
    query = Q()
    for reference in references - {""}:
        query |= Q(text__contains=f'"{reference}"')  # the whole id, as a JSON string
    for address in patient_addresses(user):
        query |= Q(text__icontains=address)
    if not query:
        return
    matching = WebhookEvent.objects.annotate(text=Cast("payload", TextField())).filter(query)
    WebhookEvent.objects.filter(pk__in=list(matching.values_list("pk", flat=True))).update(
        payload={"erased": True}
    )


def account_erase(*, user: User, now: datetime, by: User | None = None) -> User:
    """Erase a patient's personal data, keeping the records others rely on.

    Kept, with nothing personal: the bookings (the practitioner's agenda and accounting; they
    now read "Deleted account"), payments, packages, the ledger (amounts only) and the account
    row they all point to. Kept as issued: invoicing documents, which copied the name (the law
    asks for ten years); fee notes still owed are issued first, in the name still there.
    Deleted or blanked: name, email, phone, optional details, guardian and under-18 mark, email
    addresses, newsletter subscriptions at them, sessions, saved cards (detached at the
    provider after commit), the message log's addresses and bodies (of messages to them or
    about their sessions), provider events about their payments. Enrolments end; the referral
    code stops working.

    Raises `ErasureRefused` while something is in flight (`selectors.erasure_blockers`).
    """
    from allauth.account.models import EmailAddress
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from accounts.selectors import erasure_blockers, newsletter_subscriptions
    from accounts.tasks import erased_cards_detach
    from bookings.models import Booking, BookingEvent, new_booking_token
    from employers.models import Enrolment
    from employers.services import enrolment_end
    from invoices import services as invoices
    from payments.models import PackagePurchase, Payment, PaymentCustomer, SavedCard, TopUp

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        blockers = erasure_blockers(user=user, now=now)
        if blockers:
            raise ErasureRefused(blockers)
        # What is owed a document and can be issued is issued now, in the name still there
        # (the blockers refused what cannot be).
        invoices.documents_catch_up(now=now, patient_id=user.pk)
        _messages_scrub(user)
        _webhooks_scrub(user)

        for booking_id in Booking.objects.filter(patient=user).values_list("pk", flat=True):
            # A new key: the links in old emails no longer open the booking.
            Booking.objects.filter(pk=booking_id).update(token=new_booking_token(), client_key="")
        BookingEvent.objects.filter(booking__patient=user, actor=user).update(reason="")
        Payment.objects.filter(patient=user).update(client_secret="", failure_message="")
        TopUp.objects.filter(patient=user).update(client_secret="", failure_message="")
        PackagePurchase.objects.filter(patient=user).update(client_secret="", failure_message="")

        card_ids = list(SavedCard.objects.filter(patient=user).values_list("pk", flat=True))
        SavedCard.objects.filter(pk__in=card_ids, removed_at__isnull=True).update(removed_at=now)
        PaymentCustomer.objects.filter(patient=user).delete()
        for enrolment in Enrolment.objects.filter(user=user, left_at__isnull=True):
            enrolment_end(enrolment=enrolment, now=now)

        # Newsletter subscriptions at a proven address are this person's too.
        newsletter_subscriptions(user).delete()
        EmailAddress.objects.filter(user=user).delete()
        user_type = ContentType.objects.get_for_model(User)
        ModelLogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
            label=ERASED_EMAIL.format(pk=user.pk), data={}
        )
        LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
            object_repr=ERASED_EMAIL.format(pk=user.pk), change_message=""
        )

        user.email = ERASED_EMAIL.format(pk=user.pk)
        user.first_name = user.last_name = ""
        user.phone = ""
        user.phone_verified = False
        user.preferred_channel = User.Channel.EMAIL
        user.sex = ""
        user.birth_date = None
        user.accessibility_needs = user.about_needs = ""
        user.guardian_name = user.guardian_contact = ""
        user.guardian_consent_at = None
        user.is_minor = False
        user.is_active = False
        user.set_unusable_password()
        user.referral_code = new_referral_code_unused()
        user.erased_at = now
        user.save()
        _sessions_end(user.pk, now)
        if card_ids:
            transaction.on_commit(lambda: erased_cards_detach.enqueue(card_ids))
    logger.info("Account %s erased (by %s).", user.pk, by.pk if by else "its owner")
    return user


def new_referral_code_unused() -> str:
    """A fresh code nobody holds: the erased account's old links lead nowhere."""
    from accounts.models import new_referral_code

    while True:
        code = new_referral_code()
        if not User.objects.filter(referral_code=code).exists():
            return code


def erased_cards_forget(*, card_ids: list[int] | None = None) -> int:
    """Detach the saved cards of erased accounts at the provider, then delete them. Safe to
    run again: a card the provider could not detach stays and is tried at the next run."""
    from payments.gateways import GatewayError, get_gateway
    from payments.models import Payment, SavedCard

    cards = SavedCard.objects.filter(patient__erased_at__isnull=False)
    if card_ids is not None:
        cards = cards.filter(pk__in=card_ids)
    forgotten = 0
    for card in cards.order_by("pk"):
        try:
            get_gateway(card.gateway).card_detach(reference=card.reference)
        except GatewayError as error:
            logger.warning("Detaching the erased account's card %s failed: %s", card.pk, error)
            continue
        with transaction.atomic():
            # Past payments keep their amounts; which card paid them is nobody's business now.
            Payment.objects.filter(saved_card=card).update(saved_card=None)
            card.delete()
        forgotten += 1
    return forgotten
