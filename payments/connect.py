"""Stripe Connect: practitioners' own payment accounts, and the money sent to them.

Contract:

* A practitioner opens one connected account (Stripe Express, France; the idempotency key is
  derived from their record, so two clicks open one account) and fills it in at the provider
  (`onboarding_url`). Its state is read from the provider, never guessed: on their return and
  on each `account.updated` webhook (`connected_account_refresh`). Only an account that can
  receive transfers is paid through (`destination_for`); any other practitioner is paid by
  the monthly payout, by bank transfer.
* Sessions paid by card are destination charges (`payments.services`): the money goes to the
  account with the charge. A package is one charge on the platform that covers several
  sessions, so the practitioner's share is sent by a separate transfer when the ledger says it
  becomes theirs: at sale for their own package, per session held for a platform-wide one
  (`package_sale_transfer`, `package_session_transfer`), from the package's own charge
  (`source_transaction`) in its transfer group `package-<pk>`.
* A payout to a practitioner whose account receives transfers is one transfer of its amount
  (`payout_pay_by_transfer`).
* Each transfer is a `ConnectTransfer` row, one per thing paid (database-enforced), created
  before the provider is called; the provider call carries the row's idempotency key and is
  made with no lock held; its outcome is recorded under the row's lock, once, with the
  ledger's `transfer` movement (or the payout's). A retry or a second worker makes no second
  transfer and writes nothing twice.
* A share is sent by its transfer or paid by the monthly payout, never both. Its row is
  claimed under the practitioner's lock (`statements.practitioner_lock`), the one preparing a
  payout takes: a share a payout has counted already is not sent (`by_payout`), and a payout
  does not count a share whose transfer has no answer yet or was made after the month's end.
* A transfer with no answer (the provider down, a lost reply) may have been made: it is sent
  again with the same key until the provider answers (`transfers_retry`; the provider replays
  the first answer). Only a definite refusal, recorded on the row, hands a share to the
  payout; a payout whose transfer has no answer cannot be marked paid by bank.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from payments import ledger
from payments.gateways import ConnectedAccountState, GatewayError, get_gateway
from payments.ledger import Account
from payments.models import (
    ConnectedAccount,
    ConnectTransfer,
    LedgerEntry,
    Package,
    PackageUse,
    Payout,
)
from payments.packages import package_transfer_group
from payments.services import PaymentError
from payments.statements import month_of, payout_mark_paid, practitioner_lock

logger = logging.getLogger(__name__)

Kind = ConnectTransfer.Kind
Status = ConnectTransfer.Status


# --- Accounts ------------------------------------------------------------------------------------


class AccountStatus:
    """How the practitioner's page describes the account."""

    NONE = "none"
    READY = "ready"
    INCOMPLETE = "incomplete"
    RESTRICTED = "restricted"


def account_status(account: ConnectedAccount | None) -> str:
    if account is None:
        return AccountStatus.NONE
    if account.receives_transfers and account.payouts_enabled and not account.requirements_due:
        return AccountStatus.READY
    if not account.details_submitted or account.requirements_due:
        return AccountStatus.INCOMPLETE
    return AccountStatus.RESTRICTED


def _record(account: ConnectedAccount, state: ConnectedAccountState, now: datetime) -> None:
    account.details_submitted = state.details_submitted
    account.charges_enabled = state.charges_enabled
    account.payouts_enabled = state.payouts_enabled
    account.transfers_enabled = state.transfers_enabled
    account.requirements_due = list(state.requirements_due)
    account.disabled_reason = state.disabled_reason[:100]
    account.updated_at = now
    account.save()


def _account_key(practitioner) -> str:
    # The record's creation time too: a database restored or reset reuses primary keys, and
    # the provider must not answer a new practitioner with someone else's account.
    return f"khepri:connect-account:{practitioner.pk}:{practitioner.created_at.timestamp():.6f}"


def connected_account_open(*, practitioner, now: datetime) -> ConnectedAccount:
    """The practitioner's connected account, opened at the provider if they have none (an
    account staff entered by hand in `stripe_account_id` is read instead). Raises
    `PaymentError`."""
    existing = ConnectedAccount.objects.filter(practitioner=practitioner).first()
    if existing is not None:
        return existing
    gateway = get_gateway()
    try:
        if gateway.name == "stripe" and practitioner.stripe_account_id:
            state = gateway.connected_account_retrieve(practitioner.stripe_account_id)
        else:
            # No health data: the provider learns who the practitioner is, nothing more.
            state = gateway.connected_account_create(
                idempotency_key=_account_key(practitioner),
                email=getattr(practitioner.user, "email", "") or "",
                metadata={"practitioner": str(practitioner.pk)},
            )
    except GatewayError as error:
        raise PaymentError(error.message) from error
    try:
        with transaction.atomic():
            account = ConnectedAccount.objects.create(
                practitioner=practitioner,
                gateway=gateway.name,
                reference=state.reference,
                created_at=now,
                updated_at=now,
            )
            _record(account, state, now)
            # Staff see the account on the practitioner's record in the admin.
            type(practitioner).objects.filter(pk=practitioner.pk).update(
                stripe_account_id=state.reference
            )
    except IntegrityError:  # opened by a second click meanwhile: the same account
        account = ConnectedAccount.objects.get(practitioner=practitioner)
    return account


def onboarding_url(*, account: ConnectedAccount, refresh_url: str, return_url: str) -> str:
    try:
        return get_gateway(account.gateway).onboarding_link(
            account=account.reference, refresh_url=refresh_url, return_url=return_url
        )
    except GatewayError as error:
        raise PaymentError(error.message) from error


def connected_account_refresh(*, account: ConnectedAccount, now: datetime) -> ConnectedAccount:
    """Read the account's state from the provider (out-of-order safe: always the latest)."""
    try:
        state = get_gateway(account.gateway).connected_account_retrieve(account.reference)
    except GatewayError as error:
        raise PaymentError(error.message) from error
    with transaction.atomic():
        account = ConnectedAccount.objects.select_for_update().get(pk=account.pk)
        _record(account, state, now)
    return account


def account_updated(*, reference: str, now: datetime) -> bool:
    """The provider says an account changed (webhook): False when it is none of ours."""
    account = ConnectedAccount.objects.filter(reference=reference).first()
    if account is None:
        return False
    connected_account_refresh(account=account, now=now)
    return True


def offline_onboarding_complete(*, account: ConnectedAccount, now: datetime) -> ConnectedAccount:
    """Test mode only: the offline gateway's stand-in for the provider's form was filled."""
    gateway = get_gateway(account.gateway)
    if not hasattr(gateway, "onboarding_complete"):
        raise PaymentError(_("This account is completed at the payment service."))
    try:
        gateway.onboarding_complete(account.reference)
    except GatewayError as error:
        raise PaymentError(error.message) from error
    return connected_account_refresh(account=account, now=now)


def receiving_account(practitioner_id: int | None, gateway_name: str) -> ConnectedAccount | None:
    """The practitioner's account if money may be sent to it through `gateway_name`."""
    if practitioner_id is None:
        return None
    return ConnectedAccount.objects.filter(
        practitioner_id=practitioner_id, gateway=gateway_name, transfers_enabled=True
    ).first()


def destination_for(practitioner, gateway_name: str) -> str:
    """Where a session's destination charge sends the practitioner's share: their account
    if it can receive transfers, else nowhere (the platform keeps it for the payout)."""
    account = receiving_account(getattr(practitioner, "pk", None), gateway_name)
    return account.reference if account else ""


# --- Transfers -----------------------------------------------------------------------------------


def _share_row(*, owed_at: datetime, **fields) -> ConnectTransfer:
    """A package share's row, created once (the key is derived from what it pays: a retry or
    another worker gets the first one's row). Under the practitioner's lock, which preparing a
    payout takes too: a share owed before the end of a month whose payout is prepared already
    was counted by it, so it is the payout's and is never sent."""
    with transaction.atomic():
        practitioner_lock(fields["practitioner_id"])
        row = ConnectTransfer.objects.filter(idempotency_key=fields["idempotency_key"]).first()
        if row is not None:
            return row
        counted = Payout.objects.filter(
            practitioner_id=fields["practitioner_id"], period__gte=month_of(owed_at)
        ).exists()
        return ConnectTransfer.objects.create(
            **fields, status=Status.BY_PAYOUT if counted else Status.PENDING
        )


def _send(
    row: ConnectTransfer, *, now: datetime, source_transaction: str = "", transfer_group: str = ""
) -> str:
    """Call the provider for `row` (no lock held); the error is kept on the row."""
    ConnectTransfer.objects.filter(pk=row.pk).update(attempted_at=now)
    try:
        reference = get_gateway(row.gateway).transfer(
            amount_cents=row.amount_cents,
            currency=row.currency,
            destination=row.destination,
            idempotency_key=row.attempt_key,
            source_transaction=source_transaction,
            transfer_group=transfer_group,
            metadata={"khepri_transfer": str(row.pk)},
        )
    except GatewayError as error:
        # Not answered (retryable): it stays pending, sent again with the same key (it may
        # have been made). Refused for good, nothing sent under this key: recorded — only if
        # this was the current key (a late caller with an older key must not overrule the
        # current one, which may be succeeding).
        unsettled = ConnectTransfer.objects.filter(pk=row.pk, transferred_at__isnull=True)
        unsettled.update(error=error.message[:300])
        if not error.retryable:
            unsettled.filter(status=Status.PENDING, refusals=row.refusals).update(
                status=Status.REFUSED, refusals=F("refusals") + 1
            )
        raise
    return reference


def _record_transfer(row: ConnectTransfer, reference: str, *, booking_id, now) -> bool:
    """Mark `row` made and write the ledger's `transfer` movement, once. True if this call
    recorded it."""
    with transaction.atomic():
        practitioner_lock(row.practitioner_id)
        row = ConnectTransfer.objects.select_for_update().get(pk=row.pk)
        if row.status != Status.PENDING:
            return False  # made already (a share's transfer is only sent while pending)
        row.status = Status.MADE
        row.gateway_reference = reference
        row.transferred_at = now
        row.error = ""
        row.save()
        movement = uuid.uuid4()
        LedgerEntry.objects.bulk_create(
            LedgerEntry(
                movement=movement,
                account=entry.account,
                amount_cents=entry.amount_cents,
                currency=row.currency,
                kind="transfer",
                practitioner_id=row.practitioner_id,
                booking_id=booking_id,
                at=now,
            )
            for entry in ledger.transfer(row.amount_cents)
        )
    return True


def _paid_through_gateway(package: Package, account: ConnectedAccount) -> bool:
    return bool(
        package.source == Package.Source.ONLINE
        and package.gateway == account.gateway
        and package.gateway_reference
    )


def _package_transfer(row: ConnectTransfer, package: Package, *, booking_id, now):
    """Send a share's transfer while it is pending (no answer yet); made, refused (the
    payout's) or the payout's from the start, it is left as it is."""
    if row.status != Status.PENDING:
        return row
    reference = _send(
        row,
        now=now,
        source_transaction=package.gateway_reference,
        transfer_group=package_transfer_group(package.reference),
    )
    _record_transfer(row, reference, booking_id=booking_id, now=now)
    row.refresh_from_db()
    return row


def package_sale_transfer(*, package_id: int, now: datetime) -> ConnectTransfer | None:
    """A practitioner's own package bought online: their share (the price less the
    commission, as the ledger's sale wrote it) to their account. None when it is not for a
    connected account (it then waits for the payout). Raises `GatewayError`."""
    package = Package.objects.filter(pk=package_id).first()
    if package is None or package.practitioner_id is None:
        return None
    account = receiving_account(package.practitioner_id, package.gateway)
    if account is None or not _paid_through_gateway(package, account):
        return None
    amount = package.price_cents - ledger.share(package.price_cents, package.commission_bp)
    if amount <= 0:
        return None
    row = _share_row(
        owed_at=package.bought_at,
        practitioner_id=package.practitioner_id,
        kind=Kind.PACKAGE_SALE,
        package=package,
        amount_cents=amount,
        currency=package.currency,
        destination=account.reference,
        idempotency_key=f"khepri:package:{package.reference}:transfer",
        gateway=account.gateway,
        created_at=now,
    )
    return _package_transfer(row, package, booking_id=None, now=now)


def package_session_transfer(*, use_id: int, now: datetime) -> ConnectTransfer | None:
    """A platform-wide package's credit spent on a session: the part the ledger moved to the
    practitioner who held it goes to their account. None when nothing is to send."""
    use = PackageUse.objects.select_related("package", "booking").filter(pk=use_id).first()
    if use is None or use.settled_at is None or use.package.practitioner_id is not None:
        return None
    package, booking = use.package, use.booking
    account = receiving_account(booking.practitioner_id, package.gateway)
    if account is None or not _paid_through_gateway(package, account):
        return None
    owed = -(
        LedgerEntry.objects.filter(
            kind="package_session", booking=booking, account=Account.PRACTITIONER
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )
    if owed <= 0:
        return None
    row = _share_row(
        owed_at=use.settled_at,
        practitioner_id=booking.practitioner_id,
        kind=Kind.PACKAGE_SESSION,
        package=package,
        package_use=use,
        amount_cents=owed,
        currency=package.currency,
        destination=account.reference,
        idempotency_key=f"khepri:package-use:{use.pk}:transfer",
        gateway=account.gateway,
        created_at=now,
    )
    return _package_transfer(row, package, booking_id=booking.pk, now=now)


def transfers_retry(*, now: datetime, limit: int = 200) -> int:
    """Send again the package transfers with no answer yet (the longest-waiting first), with
    their own key: one the provider made but whose answer was lost is recorded from the
    replayed answer. Returns how many were recorded made."""
    made = 0
    pending = (
        ConnectTransfer.objects.filter(status=Status.PENDING)
        .exclude(kind=Kind.PAYOUT)
        .select_related("package", "package_use")
        .order_by(F("attempted_at").asc(nulls_first=True), "pk")[:limit]
    )
    for row in pending:
        booking_id = row.package_use.booking_id if row.package_use else None
        with contextlib.suppress(GatewayError):
            if _package_transfer(row, row.package, booking_id=booking_id, now=now).transferred_at:
                made += 1
    return made


# --- Payouts -------------------------------------------------------------------------------------


def payout_unanswered(payout: Payout) -> bool:
    """A Stripe transfer of `payout` was sent and got no answer: it may have been made."""
    return ConnectTransfer.objects.filter(payout=payout, status=Status.PENDING).exists()


def payout_method(payout: Payout) -> str:
    """ "transfer" when the payout run pays it to the practitioner's account (or its transfer
    has no answer yet: only sending it again tells), "bank" when staff pay it by bank
    transfer."""
    if payout.status == Payout.Status.TO_PAY and payout_unanswered(payout):
        return "transfer"
    gateway_name = get_gateway().name
    return "transfer" if receiving_account(payout.practitioner_id, gateway_name) else "bank"


def _payout_row(payout: Payout, now: datetime) -> ConnectTransfer | None:
    """The payout's transfer row, ready to send; None once the payout is paid. A transfer with
    no answer is sent again as it was (the same key, to the same account, whatever the
    account's state now); a refused one under a key of its own, to the account as it is."""
    with transaction.atomic():
        practitioner_lock(payout.practitioner_id)
        locked = Payout.objects.select_for_update().get(pk=payout.pk)
        if locked.status == Payout.Status.PAID:
            return None
        row = ConnectTransfer.objects.filter(payout=locked).first()
        if row is not None and row.status in (Status.PENDING, Status.MADE):
            return row
        account = receiving_account(locked.practitioner_id, get_gateway().name)
        if account is None:
            raise PaymentError(
                _("This practitioner's payment account cannot receive transfers: pay by bank.")
            )
        if row is None:
            return ConnectTransfer.objects.create(
                practitioner_id=locked.practitioner_id,
                kind=Kind.PAYOUT,
                payout=locked,
                amount_cents=locked.amount_cents,
                currency=locked.currency,
                destination=account.reference,
                idempotency_key=f"khepri:payout:{locked.pk}",
                gateway=account.gateway,
                created_at=now,
            )
        row.status, row.destination, row.gateway = (
            Status.PENDING,
            account.reference,
            account.gateway,
        )
        row.save(update_fields=["status", "destination", "gateway"])
        return row


def payout_pay_by_transfer(*, payout: Payout, now: datetime):
    """Pay `payout` by one transfer to the practitioner's account, then mark it paid with the
    transfer's id (the ledger's payout movement is written once). Raises `PaymentError`: the
    payout stays to pay."""
    row = _payout_row(payout, now)
    if row is None:
        return Payout.objects.get(pk=payout.pk)
    try:
        reference = row.gateway_reference or _send(
            row, now=now, transfer_group=f"payout-{payout.pk}"
        )
    except GatewayError as error:
        raise PaymentError(error.message) from error
    with transaction.atomic():
        practitioner_lock(row.practitioner_id)
        Payout.objects.select_for_update().get(pk=payout.pk)
        locked = ConnectTransfer.objects.select_for_update().get(pk=row.pk)
        if locked.status == Status.PENDING:
            locked.status = Status.MADE
            locked.gateway_reference = reference
            locked.transferred_at = now
            locked.error = ""
            locked.save()
        return payout_mark_paid(
            payout=payout, reference=locked.gateway_reference, now=now, by_provider=True
        )
