"""Writes to people's accounts. Patients give as little as possible: see `User`."""

from __future__ import annotations

from datetime import datetime

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User


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
