"""Secretaries: a practitioner lets another account work on their agenda.

A delegate acts *as* the practitioner on the pages `practitioners.access.DELEGABLE_VIEWS`
lists (bookings, agenda, quick entry, availability) and nowhere else; what they do is recorded
with their own account (`BookingEvent.actor`) on behalf of the practitioner.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts import services as accounts
from accounts.models import User
from bookings.models import AgendaDelegation
from bookings.services import BookingError
from practitioners.models import Practitioner


class DelegationError(BookingError):
    pass


# --- Reading -----------------------------------------------------------------------------------


def delegations_of(*, practitioner: Practitioner):
    """The practitioner's current delegates, oldest first."""
    return (
        AgendaDelegation.objects.filter(practitioner=practitioner, revoked_at__isnull=True)
        .select_related("delegate")
        .order_by("created_at", "pk")
    )


def practitioners_delegating_to(*, user) -> list[Practitioner]:
    """The practitioners `user` may currently act for, by name."""
    if not user.is_authenticated:
        return []
    return list(
        Practitioner.objects.filter(
            delegations__delegate=user, delegations__revoked_at__isnull=True
        )
        .select_related("user")
        .order_by("legal_name", "pk")
        .distinct()
    )


def delegation_active(*, practitioner_id: int, user) -> bool:
    return AgendaDelegation.objects.filter(
        practitioner_id=practitioner_id, delegate=user, revoked_at__isnull=True
    ).exists()


# --- Writing -----------------------------------------------------------------------------------


def delegation_grant(
    *,
    practitioner: Practitioner,
    email: str,
    first_name: str = "",
    last_name: str = "",
    now: datetime,
) -> tuple[AgendaDelegation, bool]:
    """Let the account at `email` act on the practitioner's agenda; without an account there,
    one is made with the names given (no password: they choose one through "forgotten
    password", which also proves the address is theirs). Returns the delegation and whether an
    account was made."""
    email = User.objects.normalize_email(email).strip().lower()
    with transaction.atomic():
        delegate = User.objects.filter(email__iexact=email).first()
        created = False
        if delegate is None:
            if not (first_name.strip() and last_name.strip()):
                raise DelegationError(
                    _(
                        "No account uses this address yet: give their first and last name to "
                        "create one."
                    )
                )
            delegate = accounts.patient_create(
                first_name=first_name, last_name=last_name, email=email
            )
            created = True
        if delegate.pk == practitioner.user_id:
            raise DelegationError(_("This is your own account."))
        if AgendaDelegation.objects.filter(
            practitioner=practitioner, delegate=delegate, revoked_at__isnull=True
        ).exists():
            raise DelegationError(_("This person can already work on your agenda."))
        try:
            with transaction.atomic():
                delegation = AgendaDelegation.objects.create(
                    practitioner=practitioner, delegate=delegate, created_at=now
                )
        except IntegrityError:  # granted twice at the same instant
            raise DelegationError(_("This person can already work on your agenda.")) from None
    return delegation, created


def delegation_revoke(*, practitioner: Practitioner, delegation_id: int, now: datetime) -> None:
    """End a delegate's access at once (their next page is refused); the row stays for the
    history."""
    updated = AgendaDelegation.objects.filter(
        pk=delegation_id, practitioner=practitioner, revoked_at__isnull=True
    ).update(revoked_at=now)
    if not updated:
        raise DelegationError(_("This person no longer works on your agenda."))
