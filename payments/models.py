"""Payments: what a patient pays for a session, each call to the payment provider, the
append-only ledger, and the provider's webhook events.

Money is integer cents. A `Payment`'s amounts only grow (authorised ≥ captured ≥ refunded,
enforced by the database); every change of money writes balanced `LedgerEntry` rows in the same
transaction; ledger rows are never updated or deleted.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from payments.ledger import Account


class Payment(models.Model):
    """The payment of one booking by card (through a gateway)."""

    class Status(models.TextChoices):
        #: Created at the provider, waiting for the patient's card (or 3-D Secure).
        PENDING = "pending", _("Waiting for the card")
        #: A session far ahead: the card is saved, authorised a few days before (`cards`).
        CARD_SAVED = "card_saved", _("Card saved, authorised later")
        AUTHORISED = "authorised", _("Authorised")
        CAPTURED = "captured", _("Paid")
        #: The authorisation was let go (free cancellation, decline, expiry): nothing taken.
        RELEASED = "released", _("Released, nothing charged")
        FAILED = "failed", _("Card refused")
        REFUNDED = "refunded", _("Refunded")

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    booking = models.OneToOneField(
        "bookings.Booking", on_delete=models.PROTECT, related_name="payment"
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
    )
    practitioner = models.ForeignKey(
        "practitioners.Practitioner", on_delete=models.PROTECT, related_name="payments"
    )
    #: Which gateway holds the money ("stripe", "offline").
    gateway = models.CharField(_("gateway"), max_length=20)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    currency = models.CharField(max_length=3, default="EUR")
    amount_cents = models.PositiveIntegerField(_("price (cents)"))
    authorised_cents = models.PositiveIntegerField(default=0)
    captured_cents = models.PositiveIntegerField(default=0)
    refunded_cents = models.PositiveIntegerField(default=0)
    #: The amount the practitioner chose to capture after the session (default: all).
    capture_requested_cents = models.PositiveIntegerField(null=True, blank=True)
    #: The commission rate at booking time (basis points) and what was taken on the capture.
    commission_bp = models.PositiveIntegerField()
    commission_cents = models.PositiveIntegerField(default=0)
    #: The practitioner's connected account the charge goes to (Stripe Connect), if any.
    destination_account = models.CharField(max_length=64, blank=True)
    #: The provider's id of the payment (a PaymentIntent) and what the browser needs to confirm.
    gateway_reference = models.CharField(max_length=255, blank=True)
    client_secret = models.CharField(max_length=255, blank=True)
    #: Until when the provider keeps the authorisation.
    authorisation_expires_at = models.DateTimeField(null=True, blank=True)
    failure_message = models.CharField(max_length=300, blank=True)
    #: The patient's saved card this payment is (or will be) authorised on.
    saved_card = models.ForeignKey(
        "payments.SavedCard",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(authorised_cents__lte=F("amount_cents")),
                name="payment_authorised_within_price",
            ),
            models.CheckConstraint(
                condition=Q(captured_cents__lte=F("authorised_cents")),
                name="payment_captured_within_authorised",
            ),
            models.CheckConstraint(
                condition=Q(refunded_cents__lte=F("captured_cents")),
                name="payment_refunded_within_captured",
            ),
            models.CheckConstraint(
                condition=Q(commission_cents__lte=F("captured_cents")),
                name="payment_commission_within_captured",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.get_status_display()}"


class GatewayCall(models.Model):
    """One write to the payment provider, keyed by our own record: the same operation asked
    twice (a retry, a double click) reuses its key, so the provider never does it twice."""

    class Operation(models.TextChoices):
        AUTHORISE = "authorise", _("Authorise")
        CAPTURE = "capture", _("Capture")
        RELEASE = "release", _("Release")
        REFUND = "refund", _("Refund")

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="calls")
    operation = models.CharField(max_length=12, choices=Operation.choices)
    amount_cents = models.PositiveIntegerField(default=0)
    idempotency_key = models.CharField(max_length=120, unique=True)
    succeeded = models.BooleanField(null=True)
    gateway_reference = models.CharField(max_length=255, blank=True)
    error = models.CharField(max_length=300, blank=True)
    #: When its outcome was written to the payment and the ledger (refunds: once per request).
    recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["payment", "created_at", "pk"]

    def __str__(self):
        return f"{self.operation} {self.amount_cents} ({self.idempotency_key})"


class LedgerEntry(models.Model):
    """One line of a money movement. Rows of one `movement` sum to zero; none is ever changed
    or deleted (a correction is a new movement)."""

    movement = models.UUIDField(db_index=True)
    account = models.CharField(max_length=20, choices=[(a.value, a.value) for a in Account])
    amount_cents = models.BigIntegerField()
    currency = models.CharField(max_length=3, default="EUR")
    #: What the movement is (capture, refund, payout, ...), for statements.
    kind = models.CharField(max_length=30)
    practitioner = models.ForeignKey(
        "practitioners.Practitioner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    booking = models.ForeignKey(
        "bookings.Booking",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    payout = models.ForeignKey(
        "payments.Payout",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    #: The patient whose prepaid balance the movement concerns (balance accounts).
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [
            models.Index(fields=["practitioner", "account", "at"]),
            models.Index(fields=["patient", "account"]),
        ]

    def __str__(self):
        return f"{self.kind} {self.account} {self.amount_cents}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Ledger entries are never changed: write a new movement.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Ledger entries are never deleted: write a new movement.")


class WebhookEvent(models.Model):
    """A provider's event, stored by its id: each is processed once, however often it comes."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    received_at = models.DateTimeField()
    #: When a delivery took it for processing (another delivery then leaves it alone).
    claimed_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    #: Why it was ignored (unknown type, unknown payment), for staff.
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class OfflineIntent(models.Model):
    """The offline gateway's own books (what a provider would keep)."""

    reference = models.CharField(max_length=40, unique=True)
    status = models.CharField(max_length=12)
    amount_cents = models.PositiveIntegerField()
    captured_cents = models.PositiveIntegerField(default=0)
    refunded_cents = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3)
    expires_at = models.DateTimeField(null=True, blank=True)
    #: Answers already given, by idempotency key: a repeated call gets the same answer.
    answers = models.JSONField(default=dict)
    #: Refunds made on it: [{"id", "amount", "idempotency_key"}] (what Stripe lists).
    refunds = models.JSONField(default=list)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("offline payment (test mode)")

    def __str__(self):
        return f"{self.reference} {self.status}"


class Payout(models.Model):
    """What the platform pays a practitioner for one month: prepared from the ledger, then
    marked paid (the ledger's payout movement is written then)."""

    class Status(models.TextChoices):
        TO_PAY = "to_pay", _("To pay")
        PAID = "paid", _("Paid")

    practitioner = models.ForeignKey(
        "practitioners.Practitioner", on_delete=models.PROTECT, related_name="payouts"
    )
    #: The first day of the month it pays for.
    period = models.DateField(_("month"))
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    currency = models.CharField(max_length=3, default="EUR")
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.TO_PAY
    )
    #: The bank transfer's reference (or the provider's payout id).
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["-period", "practitioner"]
        constraints = [
            models.UniqueConstraint(fields=["practitioner", "period"], name="payout_once_a_month")
        ]

    def __str__(self):
        return f"{self.practitioner} {self.period:%Y-%m} {self.amount_cents}"


class PackageOffer(models.Model):
    """A package patients may buy: N sessions at a price, valid for a period; for one
    practitioner's sessions, or platform-wide (any practitioner)."""

    name = models.CharField(_("name"), max_length=120, help_text=_("E.g. “5 sessions”."))
    practitioner = models.ForeignKey(
        "practitioners.Practitioner",
        verbose_name=_("practitioner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="package_offers",
        help_text=_("Empty: the package is valid with every practitioner."),
    )
    sessions = models.PositiveSmallIntegerField(_("sessions"))
    price_cents = models.PositiveIntegerField(_("price (cents)"))
    validity_days = models.PositiveSmallIntegerField(_("valid for (days)"), default=365)
    active = models.BooleanField(_("on sale"), default=True)

    class Meta:
        verbose_name = _("package offer")
        verbose_name_plural = _("package offers")
        ordering = ["practitioner_id", "sessions"]
        constraints = [
            models.CheckConstraint(condition=Q(sessions__gt=0), name="package_offer_sessions")
        ]

    def __str__(self):
        return self.name


class Package(models.Model):
    """A package a patient bought: its credits are used by bookings, one each."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Bought online")
        CENTRE = "centre", _("Bought at the centre")

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="packages"
    )
    offer = models.ForeignKey(PackageOffer, on_delete=models.PROTECT, related_name="packages")
    #: Copied from the offer when bought (the offer may change later).
    practitioner = models.ForeignKey(
        "practitioners.Practitioner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="packages_sold",
    )
    sessions_total = models.PositiveSmallIntegerField()
    credits_remaining = models.PositiveSmallIntegerField()
    price_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="EUR")
    commission_bp = models.PositiveIntegerField()
    source = models.CharField(max_length=8, choices=Source.choices)
    #: The card payment's reference at the gateway (bought online).
    gateway = models.CharField(max_length=20, blank=True)
    gateway_reference = models.CharField(max_length=255, blank=True)
    #: The online purchase that made it (one package per purchase, enforced here).
    purchase = models.OneToOneField(
        "payments.PackagePurchase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="package",
    )
    bought_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("package")
        verbose_name_plural = _("packages")
        ordering = ["-bought_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(credits_remaining__lte=F("sessions_total")),
                name="package_credits_within_total",
            ),
            # One card payment makes one package, whoever completes it first.
            models.UniqueConstraint(
                fields=["gateway", "gateway_reference"],
                condition=~Q(gateway_reference=""),
                name="package_once_per_card_payment",
            ),
        ]

    def __str__(self):
        return f"{self.offer} ({self.credits_remaining}/{self.sessions_total})"


class PackagePurchase(models.Model):
    """A package being bought online by card (`payments.packages`): started by the patient's
    form, completed once the provider says the card is authorised — by the page coming back,
    the provider's webhook or the periodic job, whichever comes first — which captures it and
    makes the `Package` (once: `Package.purchase` is unique)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the card")
        PAID = "paid", _("Paid, package ready")
        FAILED = "failed", _("Card refused")
        #: The offer was withdrawn (or changed) before the card was charged: released.
        CANCELLED = "cancelled", _("Cancelled, nothing charged")

    #: Our own reference; the package made from it gets the same one.
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("patient"),
        on_delete=models.PROTECT,
        related_name="package_purchases",
    )
    offer = models.ForeignKey(
        PackageOffer, on_delete=models.PROTECT, related_name="purchases", verbose_name=_("offer")
    )
    #: Copied from the offer at the start: the card is never charged another amount.
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    sessions = models.PositiveSmallIntegerField(_("sessions"))
    currency = models.CharField(max_length=3, default="EUR")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    #: Names the form submission (and the offer): the same form sent twice starts one purchase.
    request_key = models.CharField(max_length=64)
    gateway = models.CharField(_("gateway"), max_length=20)
    gateway_reference = models.CharField(max_length=255, blank=True)
    client_secret = models.CharField(max_length=255, blank=True)
    failure_message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))
    #: When the patient's browser came back from the card form (the payment is then being
    #: confirmed, and "My packages" says so until it is done).
    card_sent_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("package purchase")
        verbose_name_plural = _("package purchases")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "request_key"], name="package_purchase_once_per_submission"
            ),
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="package_purchase_positive"
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.get_status_display()}"


class PackageUse(models.Model):
    """One credit of a package used by a booking; given back (`returned_at`) when the booking
    is cancelled in time."""

    package = models.ForeignKey(Package, on_delete=models.PROTECT, related_name="uses")
    booking = models.OneToOneField(
        "bookings.Booking", on_delete=models.PROTECT, related_name="package_use"
    )
    used_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True, blank=True)
    #: Settled: the credit is spent for good (session held, or forfeited by a late cancellation).
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["used_at"]

    def __str__(self):
        return f"{self.package_id} → {self.booking_id}"


# --- Prepaid balance and referrals (payments.balance, payments.referrals) ------------------------


class TopUp(models.Model):
    """Money a patient puts on their prepaid balance, by card (captured at once). The balance
    itself is never stored: it is read from the ledger."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the card")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Card refused")

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("patient"),
        on_delete=models.PROTECT,
        related_name="topups",
    )
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    currency = models.CharField(max_length=3, default="EUR")
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    #: Names the form submission: the same form sent twice pays once.
    request_key = models.CharField(max_length=64)
    gateway = models.CharField(_("gateway"), max_length=20)
    gateway_reference = models.CharField(max_length=255, blank=True)
    client_secret = models.CharField(max_length=255, blank=True)
    failure_message = models.CharField(max_length=300, blank=True)
    #: Given back to the card by staff (at most the unspent balance).
    refunded_cents = models.PositiveIntegerField(_("refunded (cents)"), default=0)
    created_at = models.DateTimeField(_("created at"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("balance top-up")
        verbose_name_plural = _("balance top-ups")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "request_key"], name="topup_once_per_submission"
            ),
            models.CheckConstraint(
                condition=Q(refunded_cents__lte=F("amount_cents")),
                name="topup_refunded_within_amount",
            ),
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="topup_positive"),
        ]

    def __str__(self):
        return f"{self.patient} +{self.amount_cents} ({self.get_status_display()})"


class TopUpRefund(models.Model):
    """Staff giving back part of a top-up to the card. The balance is debited first (under the
    patient's lock), then the provider is called; a refusal credits it back."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being refunded")
        DONE = "done", _("Refunded")
        FAILED = "failed", _("Refused by the payment service")

    topup = models.ForeignKey(TopUp, on_delete=models.PROTECT, related_name="refunds")
    amount_cents = models.PositiveIntegerField()
    #: Names the staff form's submission: the same form sent twice refunds once.
    request_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="topup_refund_positive")
        ]

    def __str__(self):
        return f"{self.topup_id} -{self.amount_cents} {self.status}"


class Referral(models.Model):
    """Who invited whom: recorded at signup from the referral link's code, once per person
    (a person is referred by at most one account, never by themselves)."""

    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referrals_made"
    )
    referred = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral"
    )
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(referrer=F("referred")), name="referral_never_oneself"
            )
        ]

    def __str__(self):
        return f"{self.referrer_id} → {self.referred_id}"


class ReferralReward(models.Model):
    """The referrer's credit for a referred person's first paid session: decided once per
    referred person (unique), with the amount the programme gave then (0: programme off)."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="reward")
    booking = models.ForeignKey(
        "bookings.Booking",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referral_rewards",
    )
    amount_cents = models.PositiveIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.referral} {self.amount_cents}"


@register_setting(icon="group")
class ReferralSettings(BaseGenericSetting):
    """The referral programme, set by staff in the Wagtail admin (Settings → Referrals)."""

    credit_cents = models.PositiveIntegerField(
        _("credit for the referrer (cents)"),
        default=0,
        help_text=_(
            "Added to the referrer's balance when someone who signed up with their link "
            "completes a first paid session. 0 turns the programme off. Example: 1000 = 10 €."
        ),
    )

    class Meta:
        verbose_name = _("referrals")


# --- Saved cards and authorisations made later (payments.cards) -------------------------------


class PaymentCustomer(models.Model):
    """The patient as a customer of the provider (Stripe Customer): saved cards hang on it."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payment_customers"
    )
    gateway = models.CharField(max_length=20)
    reference = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "gateway"], name="one_customer_per_gateway")
        ]

    def __str__(self):
        return self.reference


class SavedCard(models.Model):
    """A card saved at the provider for later payments. Only the provider's ids and what the
    patient needs to recognise it (brand, last 4 digits, expiry): no card data here."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_cards"
    )
    gateway = models.CharField(max_length=20)
    customer_reference = models.CharField(max_length=255)
    #: The provider's payment method id.
    reference = models.CharField(max_length=255, unique=True)
    brand = models.CharField(max_length=20)
    last4 = models.CharField(max_length=4)
    exp_month = models.PositiveSmallIntegerField()
    exp_year = models.PositiveSmallIntegerField()
    #: Kept for the patient's next bookings ("remember this card"); a card saved only for one
    #: session far ahead is not offered again.
    remembered = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("saved card")
        verbose_name_plural = _("saved cards")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.brand.title()} •••• {self.last4}"


class ScheduledAuthorisation(models.Model):
    """A session booked further ahead than an authorisation lasts: its saved card is
    authorised without the patient (off-session) from `due_at`, retried, and the patient and
    the practitioner are told once if it fails."""

    payment = models.OneToOneField(Payment, on_delete=models.CASCADE, related_name="scheduled")
    due_at = models.DateTimeField(db_index=True)
    #: The next try (None: waiting for the patient to enter a card).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    #: A worker took it until then (two workers never authorise the same payment twice).
    claimed_until = models.DateTimeField(null=True, blank=True)
    #: Why the last try failed (the provider's code: authentication_required, card_declined...).
    failure_code = models.CharField(max_length=60, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    #: When the patient and the practitioner were told (once), and the last reminder.
    notified_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    authorised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]

    def __str__(self):
        return f"{self.payment_id} from {self.due_at:%Y-%m-%d %H:%M}"


class OfflineCard(models.Model):
    """The offline gateway's saved cards (what a provider would keep): test numbers only."""

    reference = models.CharField(max_length=40, unique=True)
    customer = models.CharField(max_length=40)
    number = models.CharField(max_length=19)
    detached = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    def __str__(self):
        return self.reference


# --- Stripe Connect: practitioners' own payment accounts (payments.connect) ------------------------


class ConnectedAccount(models.Model):
    """A practitioner's own account at the payment provider (Stripe Connect, Express), and its
    state as the provider last told it (on return from its onboarding form and by the
    `account.updated` webhook). Only an account that can receive transfers is paid through."""

    practitioner = models.OneToOneField(
        "practitioners.Practitioner", on_delete=models.PROTECT, related_name="connected_account"
    )
    gateway = models.CharField(max_length=20)
    reference = models.CharField(_("account"), max_length=64, unique=True)
    details_submitted = models.BooleanField(default=False)
    charges_enabled = models.BooleanField(default=False)
    payouts_enabled = models.BooleanField(default=False)
    transfers_enabled = models.BooleanField(default=False)
    #: What the provider still asks for (its own field names, e.g. "external_account").
    requirements_due = models.JSONField(default=list, blank=True)
    disabled_reason = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("connected payment account")
        verbose_name_plural = _("connected payment accounts")

    def __str__(self):
        return f"{self.practitioner} {self.reference}"

    @property
    def receives_transfers(self) -> bool:
        return self.transfers_enabled


class ConnectTransfer(models.Model):
    """Money sent to a practitioner's connected account: their share of a package (at sale for
    their own package, per session held for a platform-wide one), or a monthly payout. One row
    per thing paid (database-enforced), so the transfer is made once; its idempotency key is
    derived from that row's source."""

    class Kind(models.TextChoices):
        PACKAGE_SALE = "package_sale", _("package sold")
        PACKAGE_SESSION = "package_session", _("session paid by a package")
        PAYOUT = "payout", _("payout")

    class Status(models.TextChoices):
        #: Not sent yet, or sent with no answer (it may have been made): sent again with the
        #: same key until the provider answers.
        PENDING = "pending", _("no answer yet")
        MADE = "made", _("made")
        #: Refused for good under its current key, nothing sent. A package's share is then the
        #: monthly payout's; a payout may be sent again (under a key of its own).
        REFUSED = "refused", _("refused")
        #: A package's share a payout had already counted when its transfer was due: never sent.
        BY_PAYOUT = "by_payout", _("paid by the payout")

    practitioner = models.ForeignKey(
        "practitioners.Practitioner", on_delete=models.PROTECT, related_name="connect_transfers"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    package = models.ForeignKey(
        Package, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers"
    )
    package_use = models.OneToOneField(
        PackageUse, on_delete=models.PROTECT, null=True, blank=True, related_name="transfer"
    )
    payout = models.OneToOneField(
        Payout, on_delete=models.PROTECT, null=True, blank=True, related_name="transfer"
    )
    amount_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="EUR")
    destination = models.CharField(max_length=64)
    idempotency_key = models.CharField(max_length=120, unique=True)
    #: Attempts the provider refused for good (nothing was sent): the next one needs a key of
    #: its own, since the provider answers a key it refused with the same refusal.
    refusals = models.PositiveSmallIntegerField(default=0)
    gateway = models.CharField(max_length=20)
    #: The transfer at the provider (`tr_…`), once made.
    gateway_reference = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    #: The last failure, in words fit to show staff (empty once made).
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    #: When it was last sent (the catch-up job sends the longest-waiting first).
    attempted_at = models.DateTimeField(null=True, blank=True)
    transferred_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("transfer to a connected account")
        verbose_name_plural = _("transfers to connected accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["package"],
                condition=Q(kind="package_sale"),
                name="connect_transfer_package_sale_once",
            ),
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="connect_transfer_positive"
            ),
            models.CheckConstraint(
                condition=Q(status="made", transferred_at__isnull=False)
                | (~Q(status="made") & Q(transferred_at__isnull=True)),
                name="connect_transfer_made_when_transferred",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.amount_cents} → {self.destination}"

    @property
    def attempt_key(self) -> str:
        return self.idempotency_key + (f":{self.refusals}" if self.refusals else "")


class OfflineConnectedAccount(models.Model):
    """The offline gateway's connected accounts (test mode): onboarding is a button."""

    reference = models.CharField(max_length=40, unique=True)
    details_submitted = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("offline connected account (test mode)")

    def __str__(self):
        return self.reference
