"""Reads about one person's account: everything Khepri holds about a patient (their copy,
GDPR art. 15 and 20), and what keeps their account from being erased now.

The export is one JSON document: times in UTC (ISO 8601, `Z`), with the patient's time zone at
the top and each session's local start beside its UTC one. It leaves out what is not theirs to
read here: practitioners' session notes (the practitioner's professional record, read by its
author alone), other people's names (who referred them, whom they referred), provider secrets,
and message bodies (they carry private links).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from bookings.models import Booking, BookingEvent
from employers.models import CoveredSession, Enrolment
from invoices.models import Document
from invoices.selectors import patient_documents
from notifications.models import OutboundMessage
from payments.balance import balance_for, balance_history, topup_refundable_cents
from payments.models import (
    GatewayCall,
    Package,
    PackagePurchase,
    PackageUse,
    Payment,
    Referral,
    ReferralReward,
    SavedCard,
    TopUp,
    TopUpRefund,
)

#: Version of the export's layout, raised when a key changes meaning.
EXPORT_FORMAT = 1

#: Sessions still to happen, or still being decided: they keep an account from being erased.
IN_FLIGHT_STATES = (Booking.State.HELD, Booking.State.REQUESTED, Booking.State.CONFIRMED)
#: Card payments whose money is not settled yet.
UNSETTLED_PAYMENTS = (Payment.Status.AUTHORISED, Payment.Status.CARD_SAVED)
#: How long a top-up or package purchase waiting for its card may still be completed
#: (`topups_complete_due`, `package_purchases_complete_due`).
TOPUP_CATCH_UP = timedelta(days=6)


def _utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _money(amount_cents: int, currency: str = "EUR") -> dict:
    return {"amount_cents": amount_cents, "currency": currency}


def verified_emails(user: User) -> list[str]:
    """The email addresses this person proved are theirs (lower case)."""
    rows = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return sorted({address.lower() for address in rows})


def patient_addresses(user: User) -> list[str]:
    """Where messages to this person went: the email addresses they confirmed, and their phone
    once verified. An address typed but never proved may be someone else's (anybody can put any
    phone on their account): what was sent there is not this person's to read or erase."""
    phone = str(user.phone) if user.phone and user.phone_verified else ""
    return verified_emails(user) + ([phone] if phone else [])


def messages_to(user: User):
    """The messages sent to this person: to their proven addresses, and those of their own
    bookings sent to their account's address or phone (proven or not: the booking is theirs)."""
    own_address = Q(to__iexact=user.email)
    if user.phone:
        own_address |= Q(to=str(user.phone))
    return OutboundMessage.objects.filter(
        Q(pk__in=patient_messages(user).values("pk")) | (Q(booking__patient=user) & own_address)
    )


def newsletter_subscriptions(user: User):
    """Newsletter subscriptions at an address this person proved is theirs."""
    from site_pages.models import NewsletterSubscriber

    query = Q(pk__in=[])
    for address in verified_emails(user):
        query |= Q(email__iexact=address)
    return NewsletterSubscriber.objects.filter(query)


def patient_messages(user: User):
    """The messages sent to this person (email or SMS), by their proven addresses."""
    addresses = patient_addresses(user)
    if not addresses:
        return OutboundMessage.objects.none()
    query = Q()
    for address in addresses:
        query |= Q(to__iexact=address)
    return OutboundMessage.objects.filter(query)


def _profile(user: User) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": str(user.phone) if user.phone else "",
        "phone_verified": user.phone_verified,
        "preferred_channel": user.preferred_channel,
        "language": user.language,
        "time_zone": str(user.time_zone),
        "sex": user.sex,
        "birth_date": _day(user.birth_date),
        "accessibility_needs": user.accessibility_needs,
        "about_needs": user.about_needs,
        "signed_up_at": _utc(user.date_joined),
        "last_login_at": _utc(user.last_login),
        "referral_code": user.referral_code,
    }


def _bookings(user: User, zone: ZoneInfo) -> list[dict]:
    bookings = Booking.objects.filter(patient=user).select_related("practitioner").order_by("start")
    events_by_booking: dict[int, list[dict]] = {}
    for event in BookingEvent.objects.filter(booking__patient=user).order_by("at", "pk"):
        events_by_booking.setdefault(event.booking_id, []).append(
            {
                "at": _utc(event.at),
                "from_state": event.from_state,
                "to_state": event.to_state,
                "by": event.actor_role,
                # Only the reason they wrote themselves: a practitioner's note is theirs.
                "reason": event.reason if event.actor_id == user.pk else "",
            }
        )
    return [
        {
            "reference": str(booking.reference),
            "practitioner": booking.practitioner.legal_name,
            "session": booking.title,
            "start": _utc(booking.start),
            "end": _utc(booking.end),
            "start_local": booking.start.astimezone(zone).isoformat(),
            "state": booking.state,
            "state_label": booking.get_state_display(),
            "price": _money(booking.price_cents, booking.currency),
            "cancellation_outcome": booking.cancellation_outcome,
            "cancellation_fee": _money(booking.cancellation_fee_cents, booking.currency),
            "booked_at": _utc(booking.created_at),
            "history": events_by_booking.get(booking.pk, []),
        }
        for booking in bookings
    ]


def _payments(user: User) -> list[dict]:
    payments = Payment.objects.filter(patient=user).select_related("booking").order_by("created_at")
    refunds: dict[int, list[dict]] = {}
    calls = GatewayCall.objects.filter(
        payment__patient=user, operation=GatewayCall.Operation.REFUND, succeeded=True
    ).order_by("created_at", "pk")
    for call in calls:
        refunds.setdefault(call.payment_id, []).append(
            {"at": _utc(call.recorded_at or call.created_at), "amount_cents": call.amount_cents}
        )
    return [
        {
            "reference": str(payment.reference),
            "booking": str(payment.booking.reference),
            "status": payment.status,
            "price": _money(payment.amount_cents, payment.currency),
            "authorised_cents": payment.authorised_cents,
            "captured_cents": payment.captured_cents,
            "refunded_cents": payment.refunded_cents,
            "created_at": _utc(payment.created_at),
            "refunds": refunds.get(payment.pk, []),
        }
        for payment in payments
    ]


def _packages(user: User) -> list[dict]:
    packages = (
        Package.objects.filter(patient=user)
        .select_related("offer", "practitioner")
        .prefetch_related("uses__booking")
        .order_by("bought_at")
    )
    return [
        {
            "reference": str(package.reference),
            "name": package.offer.name,
            "practitioner": package.practitioner.legal_name if package.practitioner else None,
            "sessions_total": package.sessions_total,
            "credits_remaining": package.credits_remaining,
            "price": _money(package.price_cents, package.currency),
            "bought_at": _utc(package.bought_at),
            "expires_at": _utc(package.expires_at),
            "uses": [
                {
                    "booking": str(use.booking.reference),
                    "used_at": _utc(use.used_at),
                    "returned_at": _utc(use.returned_at),
                    "settled_at": _utc(use.settled_at),
                }
                for use in package.uses.all()
            ],
        }
        for package in packages
    ]


def _balance(user: User) -> dict:
    view = balance_for(user)
    topups = TopUp.objects.filter(patient=user).order_by("created_at")
    refunds = TopUpRefund.objects.filter(topup__patient=user, status=TopUpRefund.Status.DONE)
    return {
        "available_cents": view.available_cents,
        "reserved_cents": view.reserved_cents,
        "currency": "EUR",
        "history": [
            {
                "at": _utc(line.at),
                "kind": line.kind,
                "change_cents": line.change_cents,
                "taken_for_a_session_cents": line.taken_cents,
                "session_start": _utc(line.booking_start),
            }
            for line in balance_history(user, limit=10_000)
        ],
        "top_ups": [
            {
                "reference": str(topup.reference),
                "amount": _money(topup.amount_cents, topup.currency),
                "status": topup.status,
                "created_at": _utc(topup.created_at),
                "paid_at": _utc(topup.paid_at),
                "refunded_cents": topup.refunded_cents,
            }
            for topup in topups
        ],
        "refunds_to_card": [
            {"at": _utc(refund.created_at), "amount_cents": refund.amount_cents}
            for refund in refunds.order_by("created_at")
        ],
    }


def _cards(user: User) -> list[dict]:
    return [
        {
            "brand": card.brand,
            "last4": card.last4,
            "expires": f"{card.exp_year:04d}-{card.exp_month:02d}",
            "saved_at": _utc(card.created_at),
            "removed_at": _utc(card.removed_at),
        }
        for card in SavedCard.objects.filter(patient=user).order_by("created_at")
    ]


def _employer(user: User) -> dict:
    enrolments = Enrolment.objects.filter(user=user).select_related("company")
    covered = CoveredSession.objects.filter(patient=user).select_related("booking", "company")
    return {
        "enrolments": [
            {
                "company": enrolment.company.name,
                "joined_with": enrolment.method,
                "joined_at": _utc(enrolment.joined_at),
                "left_at": _utc(enrolment.left_at),
            }
            for enrolment in enrolments.order_by("joined_at")
        ],
        "covered_sessions": [
            {"booking": str(row.booking.reference), "company": row.company.name}
            for row in covered.order_by("pk")
        ],
    }


def _referrals(user: User) -> dict:
    # Counts and dates only: the other person's identity is theirs, not part of this copy.
    referred = Referral.objects.filter(referred=user).first()
    made = Referral.objects.filter(referrer=user).order_by("created_at")
    rewards = ReferralReward.objects.filter(referral__referrer=user).order_by("created_at")
    return {
        "signed_up_with_a_referral_link_at": _utc(referred.created_at) if referred else None,
        "people_who_signed_up_with_your_link": [{"at": _utc(r.created_at)} for r in made],
        "credits_received": [
            {"at": _utc(reward.created_at), "amount_cents": reward.amount_cents}
            for reward in rewards
        ],
    }


def _documents(user: User) -> list[dict]:
    return [
        {
            "number": document.number,
            "kind": document.kind,
            "issued_at": _utc(document.issued_at),
            "issuer": document.issuer.get("name", ""),
            "total": _money(document.total_cents, document.currency),
            "pdf": reverse(
                "invoices:my_document_pdf",
                kwargs={"pk": document.pk, "language": document.language},
            ),
        }
        for document in patient_documents(user=user)
    ]


def _messages(user: User) -> list[dict]:
    messages = messages_to(user).order_by("created_at", "pk")
    return [
        {
            "kind": message.kind,
            "channel": message.channel,
            "created_at": _utc(message.created_at),
            "sent_at": _utc(message.sent_at),
            "status": message.status,
        }
        for message in messages
    ]


def personal_data_export(*, user: User, now: datetime) -> dict:
    """Everything Khepri holds about `user` as a patient, machine-readable."""
    zone = ZoneInfo(str(user.time_zone))
    return {
        "format": EXPORT_FORMAT,
        "exported_at": _utc(now),
        "time_zone": str(user.time_zone),
        "about": _(
            "Your data held by Khepri. Times are in UTC; 'start_local' is in your time zone. "
            "Session notes are not included: they are your practitioner's professional record, "
            "readable by its author alone (ask your practitioner for them)."
        ),
        "profile": _profile(user),
        "email_addresses": [
            {"email": row.email, "primary": row.primary, "verified": row.verified}
            for row in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "consents": {
            "under_18": user.is_minor,
            "guardian_name": user.guardian_name,
            "guardian_contact": user.guardian_contact,
            "guardian_consent_at": _utc(user.guardian_consent_at),
        },
        "bookings": _bookings(user, zone),
        "payments": _payments(user),
        "packages": _packages(user),
        "balance": _balance(user),
        "saved_cards": _cards(user),
        "employer": _employer(user),
        "referrals": _referrals(user),
        "fee_notes": _documents(user),
        "messages_sent_to_you": _messages(user),
        "newsletter": [
            {
                "email": row.email,
                "status": row.status,
                "language": row.language,
                "subscribed_at": _utc(row.created_at),
                "confirmed_at": _utc(row.confirmed_at),
                "unsubscribed_at": _utc(row.unsubscribed_at),
            }
            for row in newsletter_subscriptions(user).order_by("pk")
        ],
    }


# --- What keeps an account from being erased now ----------------------------------------------


@dataclass(frozen=True)
class Blocker:
    """A reason the account cannot be erased yet, and where the patient settles it."""

    message: str
    url: str = ""
    link_text: str = ""


def erasure_blockers(*, user: User, now: datetime) -> list[Blocker]:
    """Why `user` cannot be erased now (empty: it can). Erasing must not leave a session, a
    payment or money half-way: the practitioner would wait for someone who no longer exists."""
    if user.erased_at is not None:
        return [Blocker(_("This account was already deleted."))]
    # Editors and moderators of the site get their access through groups, not `is_staff`.
    works_here = user.groups.exists() or user.user_permissions.exists()
    if user.is_staff or user.is_superuser or hasattr(user, "practitioner") or works_here:
        return [
            Blocker(
                _(
                    "This account is used to work on Khepri, not only to book: write to us and "
                    "we will close it with you."
                )
            )
        ]
    if (
        user.agenda_delegations.exists()
        or user.hr_companies.exists()
        or user.managed_services.exists()
    ):
        return [
            Blocker(
                _(
                    "This account manages an agenda or a company's programme: write to us and "
                    "we will close it with you."
                )
            )
        ]
    blockers = []
    bookings = reverse("bookings:my_bookings")
    upcoming = Booking.objects.filter(patient=user, state__in=IN_FLIGHT_STATES, end__gt=now)
    if upcoming.exists():
        blockers.append(
            Blocker(
                _("You have a session still planned. Cancel it first (or wait until it is over)."),
                bookings,
                _("My appointments"),
            )
        )
    unsettled = Payment.objects.filter(patient=user).filter(
        Q(status__in=UNSETTLED_PAYMENTS)
        | Q(
            status=Payment.Status.PENDING, booking__state__in=IN_FLIGHT_STATES, booking__end__gt=now
        )
    )
    if unsettled.exists():
        blockers.append(
            Blocker(
                _(
                    "A card payment is not settled yet: it is settled automatically after the "
                    "session. Try again once it shows as paid or released."
                ),
                bookings,
                _("My appointments"),
            )
        )
    balance = reverse("payments:my_balance")
    topups_pending = TopUp.objects.filter(
        patient=user, status=TopUp.Status.PENDING, created_at__gte=now - TOPUP_CATCH_UP
    ).exclude(gateway_reference="")
    refund_pending = TopUpRefund.objects.filter(
        topup__patient=user, status=TopUpRefund.Status.PENDING
    )
    if topups_pending.exists() or refund_pending.exists():
        blockers.append(
            Blocker(
                _("A balance top-up or refund is being confirmed. Try again in a few minutes."),
                balance,
                _("My balance"),
            )
        )
    # Like top-ups: a card may be confirmed in the provider's form with the page closed before
    # coming back (no `card_sent_at`); the periodic job would still complete it.
    purchases_pending = PackagePurchase.objects.filter(
        patient=user, status=PackagePurchase.Status.PENDING, created_at__gte=now - TOPUP_CATCH_UP
    ).exclude(gateway_reference="")
    if purchases_pending.exists():
        blockers.append(
            Blocker(
                _("A package purchase is being confirmed. Try again in a few minutes."),
                reverse("payments:my_packages"),
                _("My packages"),
            )
        )
    if _documents_waiting(user):
        blockers.append(
            Blocker(
                _(
                    "A fee note for one of your sessions or packages cannot be issued yet (it "
                    "is issued in your name once your practitioner's billing details are in, "
                    "or once the session is settled). Try again once it is in your fee notes."
                ),
                reverse("invoices:my_documents"),
                _("My fee notes"),
            )
        )
    if own_balance_cents(user) > 0:
        blockers.append(
            Blocker(
                _(
                    "Your balance still holds money you paid in. Ask us to refund it to your "
                    "card (or use it for a session) before deleting your account."
                ),
                balance,
                _("My balance"),
            )
        )
    return blockers


def _documents_waiting(user: User) -> bool:
    """A document owed to this patient that cannot be issued now: its practitioner's billing
    details are missing, or its session's credit (package, employer) is not settled yet.
    Issued after the erasure, it would bear no name; what can be issued now is issued by the
    erasure itself, in the patient's name."""
    from invoices.models import BillingDetails
    from invoices.services import pending_sources

    unsettled = Q(settled_at__isnull=True, returned_at__isnull=True)
    if (
        PackageUse.objects.filter(unsettled, package__patient=user).exists()
        or CoveredSession.objects.filter(unsettled, patient=user).exists()
    ):
        return True
    pending = pending_sources(patient_id=user.pk)
    issuers = (
        set(
            Payment.objects.filter(pk__in=pending["payments"]).values_list(
                "practitioner_id", flat=True
            )
        )
        | set(
            GatewayCall.objects.filter(pk__in=pending["refunds"]).values_list(
                "payment__practitioner_id", flat=True
            )
        )
        | set(
            PackageUse.objects.filter(pk__in=pending["package_uses"]).values_list(
                "booking__practitioner_id", flat=True
            )
        )
        | set(
            CoveredSession.objects.filter(pk__in=pending["covered"]).values_list(
                "booking__practitioner_id", flat=True
            )
        )
        # A package valid with every practitioner is the platform's to receipt: always possible.
        | set(
            Package.objects.filter(pk__in=pending["packages"]).values_list(
                "practitioner_id", flat=True
            )
        )
    ) - {None}
    with_details = set(
        BillingDetails.objects.filter(practitioner_id__in=issuers).values_list(
            "practitioner_id", flat=True
        )
    )
    return bool(issuers - with_details)


def own_balance_cents(user: User) -> int:
    """The part of the balance that is money the patient paid in (refundable to their card);
    credits Khepri gave (referrals) are not."""
    topups = TopUp.objects.filter(patient=user, status=TopUp.Status.PAID)
    return sum(topup_refundable_cents(topup) for topup in topups)


@dataclass(frozen=True)
class ErasureLosses:
    """What an erasure gives up, told before the patient confirms."""

    package_credits: int
    gift_balance_cents: int
    documents_kept: int


def erasure_losses(*, user: User, now: datetime) -> ErasureLosses:
    credits = sum(
        Package.objects.filter(patient=user, expires_at__gt=now).values_list(
            "credits_remaining", flat=True
        )
    )
    return ErasureLosses(
        package_credits=credits,
        gift_balance_cents=max(0, balance_for(user).available_cents - own_balance_cents(user)),
        documents_kept=Document.objects.filter(patient=user).count(),
    )
