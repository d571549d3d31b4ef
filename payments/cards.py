"""Saved cards, and sessions authorised later than they were booked.

A card authorisation lasts about 7 days at the provider. A session starting more than
`KHEPRI_CARD_SAVE_BEYOND_DAYS` ahead therefore saves the patient's card at booking (Stripe: a
SetupIntent with `usage="off_session"` on the patient's Customer) and is confirmed with the
card saved (`Payment.Status.CARD_SAVED`, no money moved, so no ledger entry). From
`KHEPRI_CARD_AUTHORISE_DAYS_BEFORE` days before the session, the periodic job authorises it
without the patient (off-session), keyed through `GatewayCall` so two workers or a retry
authorise once.

When that fails:

* a card that needs its holder (3-D Secure: `authentication_required`), a card removed, or an
  expired card: nothing is retried automatically; the patient is told (a discreet email with
  the booking's link, where they enter a card: an on-session authorisation) and so is the
  practitioner, once;
* a decline that may pass later (insufficient funds, a generic decline): told the same way,
  and retried every `RETRY_AFTER` up to `MAX_ATTEMPTS` tries;
* the provider out of reach: retried in `PROVIDER_RETRY`, nobody told.

A last reminder goes to the patient about a day before the session if it is still not
authorised. What happens then is deliberate: the booking is never cancelled automatically.
The practitioner was told and sees "card not authorised" on the booking (bookings, agenda);
the patient can still enter a card on the booking's page until the session ends. When the
session is closed, one last off-session try is made; if it fails too the payment is marked
"card refused", nothing is charged, and the practitioner settles it with the patient.

An authorisation that lapses (or is about to, `LAPSE_MARGIN`) before it was captured is let go
and authorised again from the saved card, through the same path (and the same "tell them" on
failure when there is no saved card or it is refused).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from bookings.models import Booking
from khepri.parsing import plain_id
from payments import ledger
from payments.gateways import (
    CardDeclined,
    CardSetup,
    Gateway,
    GatewayError,
    IntentStatus,
    SetupStatus,
    get_gateway,
)
from payments.models import (
    GatewayCall,
    PackageUse,
    Payment,
    PaymentCustomer,
    SavedCard,
    ScheduledAuthorisation,
)
from payments.services import (
    BALANCE,
    PaymentError,
    _call,
    _locked,
    _write,
    authorisation_record,
    paid_otherwise_checks,
    payment_defaults,
    payment_sync,
)

logger = logging.getLogger(__name__)

Status = Payment.Status
Operation = GatewayCall.Operation
State = Booking.State

#: Bookings whose payment is still to be made.
WAITING = (State.REQUESTED, State.CONFIRMED)
#: Declines that only the patient can solve: not retried automatically.
NEEDS_THE_PATIENT = frozenset(
    {"authentication_required", "expired_card", "no_card", "invalid_number", "card_removed"}
)
MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(hours=12)
PROVIDER_RETRY = timedelta(minutes=15)
#: A worker's claim on an authorisation (a worker that died leaves it after this).
CLAIM = timedelta(minutes=5)
#: An authorisation this close to lapsing is renewed (the job runs every 15 minutes).
LAPSE_MARGIN = timedelta(hours=6)
#: The patient's last reminder, this long before the session.
LAST_REMINDER = timedelta(hours=24)


# --- When ----------------------------------------------------------------------------------------


def authorisation_deferred(booking: Booking, now: datetime) -> bool:
    """Whether the session starts too far ahead for an authorisation made now to last."""
    return booking.start - now > timedelta(days=settings.KHEPRI_CARD_SAVE_BEYOND_DAYS)


def authorisation_due_at(booking: Booking) -> datetime:
    return booking.start - timedelta(days=settings.KHEPRI_CARD_AUTHORISE_DAYS_BEFORE)


# --- Saved cards -------------------------------------------------------------------------------


def customer_for(*, patient, gateway: Gateway, now: datetime) -> str:
    """The patient's customer at the provider, created once (keyed by the patient)."""
    existing = PaymentCustomer.objects.filter(patient=patient, gateway=gateway.name).first()
    if existing is not None:
        return existing.reference
    reference = gateway.customer_create(
        idempotency_key=f"khepri:customer:{gateway.name}:{patient.pk}",
        metadata={"patient": str(patient.pk)},
    )
    try:
        with transaction.atomic():
            PaymentCustomer.objects.create(
                patient=patient, gateway=gateway.name, reference=reference, created_at=now
            )
    except IntegrityError:  # created meanwhile by a concurrent request (the same key)
        pass
    return PaymentCustomer.objects.get(patient=patient, gateway=gateway.name).reference


def saved_cards(patient, *, gateway_name: str | None = None):
    """The cards the patient chose to keep, newest first."""
    return SavedCard.objects.filter(
        patient=patient,
        gateway=gateway_name or settings.KHEPRI_PAYMENT_GATEWAY,
        remembered=True,
        removed_at__isnull=True,
    )


def saved_card_get(patient, card_id) -> SavedCard:
    """One of the patient's saved cards (another's, or a removed one, is refused)."""
    card_id = plain_id(card_id)
    card = saved_cards(patient).filter(pk=card_id).first() if card_id is not None else None
    if card is None:
        raise PaymentError(_("This card is no longer saved: choose another one."))
    return card


def card_record(*, patient, setup: CardSetup, remembered: bool, now: datetime) -> SavedCard:
    """Keep what the patient needs to recognise a card the provider saved (no card data)."""
    gateway = get_gateway()
    customer = customer_for(patient=patient, gateway=gateway, now=now)
    if setup.status != SetupStatus.SUCCEEDED or setup.card is None:
        raise PaymentError(setup.error or _("The card was not saved. Please try again."))
    if setup.customer != customer:  # a setup of someone else's, replayed
        raise PaymentError(_("The card was not saved. Please try again."))
    card, created = SavedCard.objects.get_or_create(
        reference=setup.card.reference,
        defaults={
            "patient": patient,
            "gateway": gateway.name,
            "customer_reference": customer,
            "brand": setup.card.brand[:20],
            "last4": setup.card.last4[-4:],
            "exp_month": setup.card.exp_month,
            "exp_year": setup.card.exp_year,
            "remembered": remembered,
            "created_at": now,
        },
    )
    if not created and remembered and not card.remembered:
        SavedCard.objects.filter(pk=card.pk).update(remembered=True)
        card.remembered = True
    return card


def card_save_typed(*, patient, number: str, remembered: bool, now: datetime) -> SavedCard:
    """Save the card typed on the test-mode form (offline gateway: the provider's form stands
    for it). Raises `PaymentError` with the reason if the card is refused."""
    gateway = get_gateway()
    customer = customer_for(patient=patient, gateway=gateway, now=now)
    try:
        setup = gateway.card_setup(
            customer=customer,
            idempotency_key=f"khepri:setup:{customer}:{number}",
            payment_method=number,
        )
    except CardDeclined as declined:
        raise PaymentError(declined.message) from declined
    return card_record(patient=patient, setup=setup, remembered=remembered, now=now)


def card_setup_start(*, patient, now: datetime, purpose: str) -> CardSetup:
    """A SetupIntent the browser confirms with the provider's card form (Stripe's Payment
    Element); `purpose` names what it is for (the booking's reference, or "account")."""
    gateway = get_gateway()
    customer = customer_for(patient=patient, gateway=gateway, now=now)
    return gateway.card_setup(
        customer=customer,
        idempotency_key=f"khepri:setup:{customer}:{purpose}:{now:%Y%m%d%H%M%S%f}",
    )


def card_setup_finish(
    *, patient, setup_reference: str, remembered: bool, now: datetime
) -> SavedCard:
    """The browser came back from the provider's form: read the setup and keep the card."""
    setup = get_gateway().card_setup_retrieve(setup_reference)
    return card_record(patient=patient, setup=setup, remembered=remembered, now=now)


def card_remove(*, patient, card: SavedCard, now: datetime) -> None:
    """Forget a card (at the provider too). A card an upcoming session still waits on is
    kept: the patient is told which session needs it."""
    waiting = Payment.objects.filter(
        saved_card=card, status=Status.CARD_SAVED, booking__state__in=WAITING
    ).exists()
    if waiting:
        raise PaymentError(
            _(
                "An upcoming session will be paid with this card. Enter another card on that "
                "session's page first, or cancel it."
            )
        )
    get_gateway(card.gateway).card_detach(reference=card.reference)
    SavedCard.objects.filter(pk=card.pk, patient=patient).update(removed_at=now)


# --- Booking with a card saved ---------------------------------------------------------------


def payment_defer(*, booking: Booking, patient, card: SavedCard, now: datetime) -> Payment:
    """Pay a held session far ahead with a saved card: the card is kept, the authorisation
    scheduled, and the booking confirmed (or its request sent). Nothing moves in the ledger:
    a card saved is not money."""
    from bookings import lifecycle

    if card.patient_id != patient.pk or card.removed_at is not None:
        raise PaymentError(_("This card is no longer saved: choose another one."))
    gateway = get_gateway()
    with transaction.atomic():
        booking = lifecycle.hold_for_payment(booking=booking)
        payment, created = Payment.objects.get_or_create(
            booking=booking,
            defaults={
                **payment_defaults(booking, patient, gateway.name, now),
                "status": Status.CARD_SAVED,
                "saved_card": card,
            },
        )
        payment = _locked(payment)
        if not created:
            if payment.status not in (Status.PENDING, Status.CARD_SAVED):
                raise PaymentError(_("This session's payment has already been made."))
            stale_intent = payment.gateway_reference
            payment.status, payment.saved_card = Status.CARD_SAVED, card
            # Started before the patient logged in (the API's card step needs no account).
            payment.patient_id = payment.patient_id or patient.pk
            payment.gateway_reference = payment.client_secret = ""
            payment.failure_message, payment.updated_at = "", now
            payment.save()
        else:
            stale_intent = ""
        _schedule(payment, due_at=authorisation_due_at(booking))
    if stale_intent:  # an intent made for the card form, now unused: let it go
        _call(
            payment,
            Operation.RELEASE,
            ":deferred",
            0,
            now,
            lambda key: gateway.release(reference=stale_intent, idempotency_key=key),
        )
    lifecycle.hold_extend(booking=booking, now=now)
    lifecycle.hold_confirm(booking=booking, patient=patient, now=now)
    return payment


def payment_with_saved_card(
    *, booking: Booking, patient, card: SavedCard, deferred: bool, now: datetime
) -> Payment:
    """Pay a held session with one of the patient's saved cards (a checkout, site, widget or
    API): far ahead (`deferred`), the card is kept and the booking confirmed
    (`payment_defer`); otherwise the card is authorised now and the caller confirms."""
    from bookings import lifecycle

    if deferred:
        return payment_defer(booking=booking, patient=patient, card=card, now=now)
    payment, _created = Payment.objects.get_or_create(
        booking=booking, defaults=payment_defaults(booking, patient, card.gateway, now)
    )
    if payment.patient_id is None:  # started before the patient logged in (the API)
        Payment.objects.filter(pk=payment.pk, patient__isnull=True).update(patient=patient)
        payment.patient = patient
    lifecycle.hold_extend(booking=booking, now=now)
    return payment_authorise_now(payment=payment, card=card, now=now)


def payment_defer_after_setup(
    *, booking: Booking, patient, setup_reference: str, now: datetime
) -> Payment:
    """The provider's card form saved the card of a session far ahead (a SetupIntent made by
    `card_setup_start`): keep the card for this session and confirm the booking."""
    card = card_setup_finish(
        patient=patient, setup_reference=setup_reference, remembered=False, now=now
    )
    return payment_defer(booking=booking, patient=patient, card=card, now=now)


def _schedule(payment: Payment, *, due_at: datetime) -> ScheduledAuthorisation:
    scheduled, _created = ScheduledAuthorisation.objects.update_or_create(
        payment=payment,
        defaults={
            "due_at": due_at,
            "next_attempt_at": due_at,
            "attempts": 0,
            "claimed_until": None,
            "failure_code": "",
            "failed_at": None,
            "notified_at": None,
            "reminded_at": None,
            "authorised_at": None,
        },
    )
    return scheduled


def payment_authorise_now(*, payment: Payment, card: SavedCard, now: datetime) -> Payment:
    """Authorise the session now with a saved card, the patient there (checkout with a saved
    card, or the booking's page after a failed authorisation). Raises `PaymentError` with the
    reason on refusal."""
    if card.patient_id != payment.patient_id or card.removed_at is not None:
        raise PaymentError(_("This card is no longer saved: choose another one."))
    if payment.status == Status.AUTHORISED:
        return payment
    if payment.status not in (Status.PENDING, Status.CARD_SAVED, Status.FAILED):
        raise PaymentError(_("This session's payment has already been made."))
    Payment.objects.filter(pk=payment.pk).update(saved_card=card)
    payment.saved_card = card
    # A new key per try (a refused try replays its refusal); a double click shares one.
    tries = GatewayCall.objects.filter(payment=payment, operation=Operation.AUTHORISE).count()
    return _authorise(payment, card, now=now, off_session=False, suffix=f":card:{tries}")


def payment_authorise_typed(*, payment: Payment, number: str, now: datetime) -> Payment:
    """The booking's page after a failed authorisation, a card typed on the test-mode form:
    saved for this session only (not remembered), then authorised with the patient there."""
    card = card_save_typed(patient=payment.patient, number=number, remembered=False, now=now)
    return payment_authorise_now(payment=payment, card=card, now=now)


def payment_intent_on_session(*, payment: Payment, now: datetime) -> str:
    """After the later authorisation failed, an intent the patient confirms in the provider's
    card form on the booking's page (Stripe's Payment Element: 3-D Secure is done there);
    returns its client secret. The job stops trying meanwhile: the patient is on it."""
    if payment.status != Status.CARD_SAVED:
        raise PaymentError(_("This session's payment has already been made."))
    if payment.gateway_reference and payment.client_secret:
        return payment.client_secret
    gateway = get_gateway(payment.gateway)
    tries = GatewayCall.objects.filter(payment=payment, operation=Operation.AUTHORISE).count()
    intent = _call(
        payment,
        Operation.AUTHORISE,
        f":onsession:{tries}",
        payment.amount_cents,
        now,
        lambda key: gateway.authorise(
            amount_cents=payment.amount_cents,
            currency=payment.currency,
            idempotency_key=key,
            destination=payment.destination_account,
            application_fee_cents=ledger.share(payment.amount_cents, payment.commission_bp),
            metadata={"payment": str(payment.reference)},
        ),
    )
    Payment.objects.filter(pk=payment.pk, status=Status.CARD_SAVED).update(
        gateway_reference=intent.reference, client_secret=intent.client_secret, updated_at=now
    )
    ScheduledAuthorisation.objects.filter(payment=payment).update(next_attempt_at=None)
    return intent.client_secret


def _authorise(
    payment: Payment, card: SavedCard, *, now: datetime, off_session: bool, suffix: str
) -> Payment:
    """One authorisation on `card` (a new intent at the provider), recorded once.
    Raises `PaymentError` (a refusal, with `code`) or `GatewayError`."""
    gateway = get_gateway(payment.gateway)
    try:
        intent = _call(
            payment,
            Operation.AUTHORISE,
            suffix,
            payment.amount_cents,
            now,
            lambda key: gateway.authorise(
                amount_cents=payment.amount_cents,
                currency=payment.currency,
                idempotency_key=key,
                payment_method=card.reference,
                customer=card.customer_reference,
                off_session=off_session,
                destination=payment.destination_account,
                application_fee_cents=ledger.share(payment.amount_cents, payment.commission_bp),
                metadata={"payment": str(payment.reference)},
            ),
        )
    except CardDeclined as declined:
        Payment.objects.filter(pk=payment.pk).update(
            failure_message=declined.message[:300], updated_at=now
        )
        raise CardRefused(declined.message, code=declined.code) from declined
    if intent.status != IntentStatus.AUTHORISED:
        # On-session, a card asking for 3-D Secure with Stripe: the intent waits for it.
        raise CardRefused(
            _("Your bank asks you to confirm this payment yourself. Nothing was charged."),
            code="authentication_required",
        )
    stray = False
    with transaction.atomic():
        payment = _locked(payment)
        if payment.status in (Status.PENDING, Status.CARD_SAVED, Status.FAILED):
            payment.gateway_reference, payment.client_secret = intent.reference, ""
            authorisation_record(payment, intent, now)
            ScheduledAuthorisation.objects.filter(payment=payment).update(
                authorised_at=now, claimed_until=None, next_attempt_at=None
            )
        else:
            stray = payment.gateway_reference != intent.reference
    if stray:  # the booking ended meanwhile (or another card won): let this one go
        _call(
            payment,
            Operation.RELEASE,
            f":stray:{intent.reference}",
            intent.amount_cents,
            now,
            lambda key: gateway.release(reference=intent.reference, idempotency_key=key),
        )
    return payment


class CardRefused(PaymentError):
    def __init__(self, message: str, *, code: str = ""):
        super().__init__(message)
        self.code = code


# --- The periodic job ----------------------------------------------------------------------------


def _paid_otherwise(booking: Booking) -> bool:
    """A package's credit or an employer pays the session: its card is never authorised."""
    if PackageUse.objects.filter(booking=booking, returned_at__isnull=True).exists():
        return True
    return any(check(booking) for check in paid_otherwise_checks)


def scheduled_authorise(*, scheduled_id: int, now: datetime, force: bool = False) -> str:
    """Try the off-session authorisation of one scheduled payment, if no other worker holds
    it. Returns what happened: "authorised", "refused", "retry", "busy" or "skipped"."""
    due = Q(next_attempt_at__lte=now) if not force else Q()
    claimed = (
        ScheduledAuthorisation.objects.filter(pk=scheduled_id, authorised_at__isnull=True)
        .filter(due)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + CLAIM)
    )
    if not claimed:
        return "busy"
    scheduled = ScheduledAuthorisation.objects.select_related(
        "payment__saved_card", "payment__booking"
    ).get(pk=scheduled_id)
    payment = scheduled.payment
    # Forced: the session was closed (done, missed, cancelled late) and its amount is due.
    if (
        payment.status != Status.CARD_SAVED
        or (not force and payment.booking.state not in WAITING)
        or _paid_otherwise(payment.booking)
    ):
        ScheduledAuthorisation.objects.filter(pk=scheduled.pk).update(
            claimed_until=None, next_attempt_at=None
        )
        return "skipped"
    card = payment.saved_card
    attempt = scheduled.attempts + 1
    if card is None or card.removed_at is not None:
        _failed(scheduled, code="no_card", now=now, attempt=attempt)
        return "refused"
    try:
        _authorise(payment, card, now=now, off_session=True, suffix=f":offsession:{attempt}")
    except CardRefused as refused:
        _failed(scheduled, code=refused.code, now=now, attempt=attempt)
        return "refused"
    except GatewayError as error:
        if not error.retryable:
            _failed(scheduled, code=error.code or "refused", now=now, attempt=attempt)
            return "refused"
        logger.warning("Authorising payment %s later: %s", payment.pk, error)
        ScheduledAuthorisation.objects.filter(pk=scheduled.pk).update(
            claimed_until=None, next_attempt_at=now + PROVIDER_RETRY
        )
        return "retry"
    return "authorised"


def _failed(scheduled: ScheduledAuthorisation, *, code: str, now: datetime, attempt: int) -> None:
    """Record a refusal; retry later if it may pass; tell the patient and the practitioner
    once (in the same transaction: the messages leave only if it commits)."""
    from payments import card_notify

    retry = code not in NEEDS_THE_PATIENT and attempt < MAX_ATTEMPTS
    with transaction.atomic():
        scheduled = ScheduledAuthorisation.objects.select_for_update().get(pk=scheduled.pk)
        scheduled.attempts = attempt
        scheduled.failure_code = code[:60]
        scheduled.failed_at = now
        scheduled.claimed_until = None
        scheduled.next_attempt_at = now + RETRY_AFTER if retry else None
        tell = scheduled.notified_at is None
        if tell:
            scheduled.notified_at = now
        scheduled.save()
        if code == "no_card":
            Payment.objects.filter(pk=scheduled.payment_id).update(
                failure_message=_("No card is saved for this session: please enter one."),
                updated_at=now,
            )
        if tell:
            card_notify.authorisation_failed(scheduled.payment.booking)


def payment_authorise_at_settling(*, payment: Payment, now: datetime) -> Payment:
    """The session was closed and its card was never authorised: one last off-session try;
    if it fails, the payment is marked refused (nothing charged) for the practitioner."""
    scheduled = ScheduledAuthorisation.objects.filter(payment=payment).first()
    if scheduled is None:
        scheduled = _schedule(payment, due_at=now)
    outcome = scheduled_authorise(scheduled_id=scheduled.pk, now=now, force=True)
    payment.refresh_from_db()
    if outcome == "refused" and payment.status == Status.CARD_SAVED:
        Payment.objects.filter(pk=payment.pk, status=Status.CARD_SAVED).update(
            status=Status.FAILED, updated_at=now
        )
        payment.refresh_from_db()
    return payment


def lapsed_renew(*, payment: Payment, now: datetime) -> Payment:
    """An authorisation that lapsed (or is about to) before capture: let it go and authorise
    again from the saved card (or tell the patient and the practitioner)."""
    gateway = get_gateway(payment.gateway)
    if payment.status == Status.AUTHORISED:
        payment = payment_sync(payment=payment, now=now)  # lapsed at the provider?
    if payment.status == Status.AUTHORISED:
        renewal = GatewayCall.objects.filter(payment=payment, operation=Operation.AUTHORISE)
        reference = payment.gateway_reference
        _call(
            payment,
            Operation.RELEASE,
            f":renew:{renewal.count()}",
            payment.authorised_cents,
            now,
            lambda key: gateway.release(reference=reference, idempotency_key=key),
        )
    with transaction.atomic():
        payment = _locked(payment)
        if payment.status not in (Status.AUTHORISED, Status.RELEASED):
            return payment
        if payment.status == Status.AUTHORISED:
            _write(
                ledger.authorisation_closed(payment.authorised_cents),
                kind="authorisation_closed",
                payment=payment,
                now=now,
            )
        payment.status = Status.CARD_SAVED
        payment.gateway_reference = payment.client_secret = ""
        payment.authorised_cents = 0
        payment.authorisation_expires_at = None
        payment.updated_at = now
        payment.save()
        scheduled = _schedule(payment, due_at=now)
    scheduled_authorise(scheduled_id=scheduled.pk, now=now)
    payment.refresh_from_db()
    return payment


def authorisations_run(*, now: datetime, limit: int = 200) -> dict[str, int]:
    """The periodic job: authorise what is due, renew lapsing authorisations, send the last
    reminders. Safe to run by several workers at once."""
    counts: dict[str, int] = {}
    due = (
        ScheduledAuthorisation.objects.filter(
            authorised_at__isnull=True,
            next_attempt_at__lte=now,
            payment__status=Status.CARD_SAVED,
            payment__booking__state__in=WAITING,
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for scheduled_id in list(due):
        outcome = scheduled_authorise(scheduled_id=scheduled_id, now=now)
        counts[outcome] = counts.get(outcome, 0) + 1
    package_paid = PackageUse.objects.filter(booking=OuterRef("booking"), returned_at__isnull=True)
    lapsing = (
        Payment.objects.filter(booking__state__in=WAITING)
        .filter(
            Q(status=Status.AUTHORISED, authorisation_expires_at__lte=now + LAPSE_MARGIN)
            | Q(status=Status.RELEASED)
        )
        .exclude(Exists(package_paid))
        .exclude(gateway=BALANCE)
        .order_by("pk")[:limit]
    )
    for payment in list(lapsing):
        if _paid_otherwise(payment.booking):
            continue  # paid another way (an employer): the card was let go on purpose
        try:
            lapsed_renew(payment=payment, now=now)
            counts["renewed"] = counts.get("renewed", 0) + 1
        except (GatewayError, PaymentError) as error:
            logger.warning("Renewing the authorisation of payment %s failed: %s", payment.pk, error)
    counts["reminded"] = reminders_send(now=now)
    return counts


def reminders_send(*, now: datetime) -> int:
    """The patient's last reminder, about a day before a session still not authorised after
    they were told; once."""
    from payments import card_notify

    sent = 0
    waiting = ScheduledAuthorisation.objects.filter(
        authorised_at__isnull=True,
        notified_at__isnull=False,
        reminded_at__isnull=True,
        payment__status=Status.CARD_SAVED,
        payment__booking__state__in=WAITING,
        payment__booking__start__gt=now,
        payment__booking__start__lte=now + LAST_REMINDER,
    ).select_related("payment__booking")
    for scheduled in waiting:
        with transaction.atomic():
            marked = ScheduledAuthorisation.objects.filter(
                pk=scheduled.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if marked:
                card_notify.authorisation_reminder(scheduled.payment.booking)
                sent += 1
    return sent
