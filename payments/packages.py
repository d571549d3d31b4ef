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
* Bought online (`PackagePurchase`): the form starts a purchase (an intent waiting for the
  card, keyed by the form submission); the card is entered on the offline gateway's test form
  or Stripe's Payment Element; the page coming back, the webhook or the periodic job —
  whichever comes first — captures what was authorised and makes the package, once. An offer
  withdrawn (or repriced) meanwhile is refused and the card released. Or recorded by staff
  when bought at the centre.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.models import Booking, CancellationOutcome
from payments import ledger, signals
from payments.gateways import CardDeclined, GatewayError, IntentStatus, get_gateway
from payments.ledger import Account
from payments.models import LedgerEntry, Package, PackageOffer, PackagePurchase, PackageUse
from payments.services import PaymentError, commission_bp

logger = logging.getLogger(__name__)
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


def _create(
    *, offer: PackageOffer, patient, now, source, gateway="", reference="", purchase=None
) -> Package:
    practitioner = offer.practitioner
    # Bought online, the package takes its purchase's reference (and transfer group).
    extra = {"purchase": purchase, "reference": purchase.reference} if purchase else {}
    # What the card paid, not the offer as it reads now (staff may have edited it since).
    sessions = purchase.sessions if purchase else offer.sessions
    price_cents = purchase.amount_cents if purchase else offer.price_cents
    package = Package.objects.create(
        **extra,
        patient=patient,
        offer=offer,
        practitioner=practitioner,
        sessions_total=sessions,
        credits_remaining=sessions,
        price_cents=price_cents,
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


def package_transfer_group(reference) -> str:
    """What ties a package's card payment to the transfers that share it out (Stripe
    Connect): the same for the purchase and the package it makes (they share a reference)."""
    return f"package-{reference}"


def _purchase_key(purchase: PackagePurchase, operation: str) -> str:
    return f"khepri:package-purchase:{purchase.reference}:{operation}"


def _still_on_sale(purchase: PackagePurchase) -> bool:
    """The offer is on sale as the patient chose it (a price or a number of sessions changed
    meanwhile is another offer: the card is not charged for it)."""
    offer = PackageOffer.objects.get(pk=purchase.offer_id)
    return (
        offer.active
        and offer.price_cents == purchase.amount_cents
        and offer.sessions == purchase.sessions
    )


WITHDRAWN = gettext_lazy("This package is no longer on sale. Nothing was charged.")
BUYER_ERASED = gettext_lazy("The account was deleted. Nothing was charged.")


def package_purchase_start(
    *, offer: PackageOffer, patient, request_key: str, now: datetime
) -> PackagePurchase:
    """The purchase of this form submission, created at the provider if it is not yet (an
    intent waiting for the card). The same submission again returns the same purchase."""
    if not offer.active:
        raise PaymentError(str(WITHDRAWN))
    if offer.price_cents <= 0:
        raise PaymentError(_("This package is given at the centre, not bought online."))
    if not request_key:
        raise PaymentError(_("This form has expired: please open the page again."))
    gateway = get_gateway()
    # The offer is part of the key: the same form sent again with another package chosen
    # (after a declined card) is another purchase, never the first one's amount charged.
    purchase, _created = PackagePurchase.objects.get_or_create(
        patient=patient,
        request_key=f"{request_key[:50]}:{offer.pk}",
        defaults={
            "offer": offer,
            "amount_cents": offer.price_cents,
            "sessions": offer.sessions,
            "gateway": gateway.name,
            "created_at": now,
        },
    )
    if purchase.gateway_reference or purchase.status != PackagePurchase.Status.PENDING:
        return purchase
    try:
        # Only our reference: nothing sent to the provider names a therapy or the offer.
        intent = get_gateway(purchase.gateway).authorise(
            amount_cents=purchase.amount_cents,
            currency=purchase.currency,
            idempotency_key=_purchase_key(purchase, "authorise"),
            metadata={"package_purchase": str(purchase.reference)},
            transfer_group=package_transfer_group(purchase.reference),
        )
    except GatewayError as error:
        raise PaymentError(error.message) from error
    PackagePurchase.objects.filter(pk=purchase.pk, gateway_reference="").update(
        gateway_reference=intent.reference, client_secret=intent.client_secret
    )
    purchase.refresh_from_db()
    return purchase


def package_purchase_card_entered(
    *, purchase: PackagePurchase, card: str, now: datetime
) -> PackagePurchase:
    """The card typed on the test-mode form (offline gateway): authorised, then completed."""
    gateway = get_gateway(purchase.gateway)
    if not hasattr(gateway, "confirm"):
        raise PaymentError(_("This payment is made with the card form of the payment service."))
    if purchase.status != PackagePurchase.Status.PENDING:
        return purchase
    if not _still_on_sale(purchase):  # refused before the card is even authorised
        return package_purchase_complete(purchase=purchase, now=now)
    try:
        gateway.confirm(purchase.gateway_reference, card)
    except CardDeclined as declined:
        PackagePurchase.objects.filter(
            pk=purchase.pk, status=PackagePurchase.Status.PENDING
        ).update(failure_message=declined.message[:300])
        raise PaymentError(declined.message) from declined
    except GatewayError as error:
        raise PaymentError(error.message) from error
    return package_purchase_complete(purchase=purchase, now=now)


def package_purchase_card_sent(*, purchase: PackagePurchase, now: datetime) -> PackagePurchase:
    """The patient's browser came back from the card form: the payment is being confirmed
    (said on "My packages" until it is done); then completed if the provider already can."""
    # A card sent again after a refusal: the earlier refusal no longer says what is happening.
    PackagePurchase.objects.filter(pk=purchase.pk, status=PackagePurchase.Status.PENDING).update(
        card_sent_at=now, failure_message=""
    )
    return package_purchase_complete(purchase=purchase, now=now)


def _purchase_close(purchase: PackagePurchase, status: str, message, now: datetime):
    with transaction.atomic():
        locked = PackagePurchase.objects.select_for_update().get(pk=purchase.pk)
        if locked.status == PackagePurchase.Status.PENDING:
            locked.status = status
            locked.failure_message = str(message)[:300]
            locked.completed_at = now
            locked.save()
        return locked


def package_purchase_complete(*, purchase: PackagePurchase, now: datetime) -> PackagePurchase:
    """Read the provider: an authorised card is captured (the amount authorised, no more) and
    the package made, once — the return page, the webhook and the periodic job may all call
    this at the same time; the capture's idempotency key and the purchase's row lock (then
    `Package.purchase`, unique) leave one package. An offer withdrawn meanwhile releases the
    card instead."""
    purchase = PackagePurchase.objects.get(pk=purchase.pk)
    if purchase.status != PackagePurchase.Status.PENDING or not purchase.gateway_reference:
        return purchase
    gateway = get_gateway(purchase.gateway)
    try:
        intent = gateway.retrieve(purchase.gateway_reference)
        # Nothing is taken from, nor made for, an account erased since the card was given.
        erased = purchase.patient.erased_at is not None
        if intent.status in (IntentStatus.PENDING, IntentStatus.AUTHORISED) and (
            erased or not _still_on_sale(purchase)
        ):
            gateway.release(
                reference=purchase.gateway_reference,
                idempotency_key=_purchase_key(purchase, "release"),
            )
            reason = BUYER_ERASED if erased else WITHDRAWN
            return _purchase_close(purchase, PackagePurchase.Status.CANCELLED, reason, now)
        if intent.status == IntentStatus.AUTHORISED:
            if intent.amount_cents != purchase.amount_cents:
                raise PaymentError(_("The amount authorised is not the package's price."))
            intent = gateway.capture(
                reference=purchase.gateway_reference,
                amount_cents=purchase.amount_cents,
                idempotency_key=_purchase_key(purchase, "capture"),
            )
    except GatewayError as error:
        raise PaymentError(error.message) from error
    if intent.status in (IntentStatus.FAILED, IntentStatus.RELEASED):
        message = intent.error or _("The card was not authorised. Nothing was charged.")
        return _purchase_close(purchase, PackagePurchase.Status.FAILED, message, now)
    if intent.status != IntentStatus.CAPTURED:
        if intent.error:  # declined in the card form: the patient may try another card
            PackagePurchase.objects.filter(
                pk=purchase.pk, status=PackagePurchase.Status.PENDING
            ).update(failure_message=intent.error[:300])
        return PackagePurchase.objects.get(pk=purchase.pk)
    with transaction.atomic():
        purchase = PackagePurchase.objects.select_for_update().get(pk=purchase.pk)
        if purchase.status != PackagePurchase.Status.PENDING:
            return purchase
        _create(
            offer=purchase.offer,
            patient=purchase.patient,
            now=now,
            source=Package.Source.ONLINE,
            gateway=purchase.gateway,
            reference=purchase.gateway_reference,
            purchase=purchase,
        )
        purchase.status = PackagePurchase.Status.PAID
        purchase.failure_message = ""
        purchase.completed_at = now
        purchase.save()
    return purchase


#: A purchase whose card form is left this long is let go (the job stops asking for it).
PURCHASE_ABANDONED_AFTER = timedelta(hours=24)
ABANDONED = gettext_lazy("The card form was left unfinished. Nothing was charged.")


def _abandoned_close(purchase: PackagePurchase, now: datetime) -> None:
    """Still no card long after it began: cancelled at the provider, closed here — so it
    leaves the job's list (left open, such purchases would fill every batch)."""
    gateway = get_gateway(purchase.gateway)
    try:
        if gateway.retrieve(purchase.gateway_reference).status != IntentStatus.PENDING:
            return
        gateway.release(
            reference=purchase.gateway_reference,
            idempotency_key=_purchase_key(purchase, "release"),
        )
    except GatewayError as error:
        logger.warning("Letting go of package purchase %s failed: %s", purchase.pk, error)
        return
    _purchase_close(purchase, PackagePurchase.Status.CANCELLED, ABANDONED, now)


def package_purchases_complete_due(*, now: datetime, limit: int = 100) -> int:
    """Catch up purchases whose card was confirmed but whose page was closed before we read
    it (and no webhook came): captured while the authorisation still holds. Those still
    without a card after a day are let go. Newest first: a backlog never hides today's."""
    done = 0
    recent = PackagePurchase.objects.filter(
        status=PackagePurchase.Status.PENDING,
        created_at__gte=now - timedelta(days=6),
        created_at__lte=now - timedelta(minutes=2),
    ).exclude(gateway_reference="")
    for purchase in recent.order_by("-created_at", "-pk")[:limit]:
        try:
            purchase = package_purchase_complete(purchase=purchase, now=now)
        except PaymentError as error:
            logger.warning("Completing package purchase %s failed: %s", purchase.pk, error)
            continue
        if purchase.status == PackagePurchase.Status.PAID:
            done += 1
        elif (
            purchase.status == PackagePurchase.Status.PENDING
            and purchase.created_at < now - PURCHASE_ABANDONED_AFTER
        ):
            _abandoned_close(purchase, now)
    return done


def package_purchase_for_intent(reference: str) -> PackagePurchase | None:
    """The purchase a provider's event names (webhooks), if any."""
    if not reference:
        return None
    return PackagePurchase.objects.filter(gateway_reference=reference).first()


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
        if booking.state == State.COMPLETED:  # the end of the session: what is left, said
            from payments.package_notify import package_session_held

            package_session_held(booking=booking, package=package)
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
