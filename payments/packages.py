"""Packages (forfaits): N sessions bought in advance, used one per booking.

Contract:

* A credit is taken by one conditional UPDATE (`credits_remaining > 0`), in the transaction
  that confirms the booking: two bookings can never share the last credit, and a refused
  confirmation gives nothing back because nothing was taken.
* When the booking ends, its credit is settled: given back for a cancellation in time (or a
  forgiven late one, or anything the practitioner cancelled or declined), spent for a held
  session, a missed one or a late cancellation with a fee.
* Money: a package for one practitioner is theirs when bought (less the commission); a
  platform-wide package's money waits in `prepaid` and each used session moves its part (equal
  parts, exact to the cent) to the practitioner who held it.
* Bought online with the card (authorised and captured at once) or recorded by staff when
  bought at the centre.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from bookings.models import Booking, CancellationOutcome
from payments import ledger, signals
from payments.gateways import CardDeclined, GatewayError, IntentStatus, get_gateway
from payments.ledger import Account
from payments.models import LedgerEntry, Package, PackageOffer, PackageUse
from payments.services import PaymentError, commission_bp

State = Booking.State


def _write(
    entries, *, kind: str, package: Package, now: datetime, practitioner_id=None, booking=None
) -> None:
    movement = uuid.uuid4()
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            movement=movement,
            account=entry.account,
            amount_cents=entry.amount_cents,
            currency=package.currency,
            kind=kind,
            practitioner_id=practitioner_id or package.practitioner_id,
            booking=booking,
            at=now,
        )
        for entry in entries
    )


def usable_packages(*, patient, practitioner_id: int, now: datetime):
    """The patient's packages with a credit left, valid now, for this practitioner's sessions;
    the one expiring first first."""
    if patient is None or not patient.is_authenticated:
        return Package.objects.none()
    return (
        Package.objects.filter(patient=patient, credits_remaining__gt=0, expires_at__gt=now)
        .filter(Q(practitioner_id=practitioner_id) | Q(practitioner__isnull=True))
        .select_related("offer")
        .order_by("expires_at", "pk")
    )


def _create(*, offer: PackageOffer, patient, now, source, gateway="", reference="") -> Package:
    practitioner = offer.practitioner
    package = Package.objects.create(
        patient=patient,
        offer=offer,
        practitioner=practitioner,
        sessions_total=offer.sessions,
        credits_remaining=offer.sessions,
        price_cents=offer.price_cents,
        commission_bp=commission_bp(practitioner) if practitioner else commission_bp(None),
        source=source,
        gateway=gateway,
        gateway_reference=reference,
        bought_at=now,
        expires_at=now + timedelta(days=offer.validity_days),
    )
    money_in = Account.CENTRE if source == Package.Source.CENTRE else Account.GATEWAY
    _write(
        ledger.package_sale(
            package.price_cents,
            ledger.share(package.price_cents, package.commission_bp),
            source=money_in,
            prepaid=practitioner is None,
        ),
        kind="package_sale",
        package=package,
        now=now,
    )
    signals.send_after_commit(signals.package_bought, package_id=package.pk)
    return package


def package_buy(
    *, offer: PackageOffer, patient, card: str, now: datetime, request_key: str = ""
) -> Package:
    """Bought online: the card is authorised and captured at once, then the package is made.

    Card entry is the offline gateway's test form; with Stripe, packages are sold at the
    centre until the Payment Element flow covers them (see the issue's notes)."""
    if not offer.active:
        raise PaymentError(_("This package is no longer on sale."))
    gateway = get_gateway()
    if not hasattr(gateway, "confirm"):
        raise PaymentError(_("Packages are sold at the centre for now."))
    # The purchase form carries its own key: the same form sent twice pays once.
    key = f"khepri:package:{offer.pk}:{patient.pk}:{request_key or uuid.uuid4().hex}"
    try:
        intent = gateway.authorise(
            amount_cents=offer.price_cents,
            currency="EUR",
            idempotency_key=key,
            payment_method=card,
            metadata={"package_offer": str(offer.pk)},
        )
        if intent.status != IntentStatus.AUTHORISED:
            raise PaymentError(intent.error or _("The card was not authorised."))
    except (CardDeclined, GatewayError) as error:
        raise PaymentError(error.message) from error
    existing = Package.objects.filter(gateway_reference=intent.reference).first()
    if existing is not None:
        return existing  # this purchase was completed by an earlier submission
    try:
        gateway.capture(
            reference=intent.reference, amount_cents=offer.price_cents, idempotency_key=key + ":c"
        )
    except GatewayError as error:
        gateway.release(reference=intent.reference, idempotency_key=key + ":r")
        raise PaymentError(error.message) from error
    with transaction.atomic():
        return _create(
            offer=offer,
            patient=patient,
            now=now,
            source=Package.Source.ONLINE,
            gateway=gateway.name,
            reference=intent.reference,
        )


def package_record_at_centre(*, offer: PackageOffer, patient, now: datetime) -> Package:
    """Staff record a package paid at the physical centre; the patient continues online."""
    with transaction.atomic():
        return _create(offer=offer, patient=patient, now=now, source=Package.Source.CENTRE)


def package_take(*, package: Package, booking: Booking, patient, now: datetime) -> PackageUse:
    """Take one credit of `patient`'s package for `booking` (call inside the transaction that
    confirms it). Raises `PaymentError` when the package is someone else's, does not cover
    this booking, or has no credit left."""
    if package.patient_id != patient.pk:
        raise PaymentError(_("This package belongs to another account."))
    if package.practitioner_id not in (None, booking.practitioner_id):
        raise PaymentError(_("This package is for another practitioner's sessions."))
    taken = Package.objects.filter(
        pk=package.pk, credits_remaining__gt=0, expires_at__gt=now
    ).update(credits_remaining=F("credits_remaining") - 1)
    if not taken:
        raise PaymentError(
            _("This package has no session left (or has expired). Pay by card instead.")
        )
    return PackageUse.objects.create(package=package, booking=booking, used_at=now)


def booking_confirm_with_package(
    *, booking: Booking, package: Package, patient, now: datetime
) -> Booking:
    """Confirm a held booking paid by one credit of `patient`'s package: the credit and the
    confirmation commit together (a refused confirmation takes nothing). A card reserved on
    the way for this booking (the card form, then the package) is let go."""
    from bookings import lifecycle
    from payments.models import Payment
    from payments.services import payment_settle

    with transaction.atomic():
        booking = lifecycle.hold_for_payment(booking=booking)
        package_take(package=package, booking=booking, patient=patient, now=now)
        booking = lifecycle.hold_confirm(booking=booking, patient=patient, now=now)
    reserved = Payment.objects.filter(booking=booking).first()
    if reserved is not None:
        payment_settle(payment=reserved, now=now)
    return booking


def _spent(booking: Booking) -> bool | None:
    """Whether the booking's credit is spent (True), given back (False), or not decided yet."""
    if booking.state in (State.COMPLETED, State.NO_SHOW):
        return True
    if booking.state == State.CANCELLED_BY_PATIENT:
        return booking.cancellation_outcome == CancellationOutcome.FEE
    if booking.state in (State.CANCELLED_BY_PRACTITIONER, State.DECLINED, State.EXPIRED):
        return False
    return None


def package_settle(*, booking: Booking, now: datetime) -> PackageUse | None:
    """Give the credit back or spend it, as the booking's state says (once)."""
    with transaction.atomic():
        use = (
            PackageUse.objects.select_for_update()
            .select_related("package")
            .filter(booking=booking, returned_at__isnull=True, settled_at__isnull=True)
            .first()
        )
        if use is None:
            return None
        spent = _spent(booking)
        if spent is None:
            return use
        # The package row too: two settlements of one package count its spent credits in turn.
        package = Package.objects.select_for_update().get(pk=use.package_id)
        if not spent:
            Package.objects.filter(pk=package.pk).update(
                credits_remaining=F("credits_remaining") + 1
            )
            use.returned_at = now
            use.save(update_fields=["returned_at"])
            return use
        use.settled_at = now
        use.save(update_fields=["settled_at"])
        signals.send_after_commit(signals.package_credit_spent, use_id=use.pk)
        if package.practitioner_id is None:
            # A platform-wide package: this session's part goes to who held it.
            index = PackageUse.objects.filter(package=package, settled_at__isnull=False).count() - 1
            unit = ledger.unit_price(package.price_cents, package.sessions_total, index)
            rate = commission_bp(booking.practitioner)
            _write(
                ledger.package_session(unit, ledger.share(unit, rate)),
                kind="package_session",
                package=package,
                now=now,
                practitioner_id=booking.practitioner_id,
                booking=booking,
            )
        return use
