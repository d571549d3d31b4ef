"""Referrals: a patient shares their link (`?ref=CODE`); someone who signs up with it and
completes a first paid session earns the referrer a credit on their balance.

Contract:

* The link's code is kept in the visitor's session until signup (`ReferralLinkMiddleware`);
  an unknown code is said plainly and never blocks signing up. At signup the referral is
  recorded once per person (`Referral.referred` is unique), never for oneself: the same
  account, or the same email address written differently (case, `+tag`, Gmail's dots).
* The reward is decided once per referred person (`ReferralReward.referral` is unique), for
  their first completed session where money was actually taken (a card or the balance charged
  more than 0, or a credit of a package that cost something): free sessions do not count.
  The amount is the programme's at that moment (`ReferralSettings.credit_cents`; 0: the
  programme is off and nothing is given — the first paid session is then spent, no later
  session earns a credit).
* The credit is paid by the platform (`promotions` account) onto the referrer's balance, and
  the referrer gets a discreet email: an amount and a link, never who joined.
* Checked after each booking's settlement and by the periodic catch-up.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from payments import ledger
from payments.models import LedgerEntry, Referral, ReferralReward, ReferralSettings

logger = logging.getLogger(__name__)

SESSION_KEY = "referral_code"
_CODE = re.compile(r"^[A-Z0-9]{4,12}$")


class ReferralRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def normalised_email(email: str) -> str:
    """The mailbox an address reaches: lower case, without a `+tag`, without Gmail's dots."""
    local, _at, domain = (email or "").strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def clean_code(value: str) -> str:
    return "".join((value or "").split()).upper()[:20]


def referrer_for_code(code: str):
    from accounts.models import User

    code = clean_code(code)
    if not _CODE.match(code):
        return None
    return User.objects.filter(referral_code=code, is_active=True).first()


def referral_record(*, referred, code: str, now: datetime) -> Referral:
    """Record that `referred` signed up with `code`. Raises `ReferralRefused` with the reason
    (unknown code, oneself); a person already referred keeps their first referrer."""
    existing = Referral.objects.filter(referred=referred).first()
    if existing is not None:
        return existing
    referrer = referrer_for_code(code)
    if referrer is None:
        raise ReferralRefused(
            _("The invitation code “%(code)s” does not exist: your account was created without it.")
            % {"code": clean_code(code)}
        )
    if referrer.pk == referred.pk or normalised_email(referrer.email) == normalised_email(
        referred.email
    ):
        raise ReferralRefused(_("You cannot use your own invitation code."))
    try:
        with transaction.atomic():
            return Referral.objects.create(referrer=referrer, referred=referred, created_at=now)
    except IntegrityError:
        return Referral.objects.get(referred=referred)


def record_at_signup(sender, request, user, **kwargs) -> None:
    """allauth's `user_signed_up`: record the referral of the link the visitor came with."""
    record_from_session(request, user)


def record_from_session(request, user) -> None:
    """An account just created (signup, or the booking checkout's details): record the
    referral of the link the visitor came with, if any; say why when it is refused."""
    from django.utils import timezone

    code = request.session.pop(SESSION_KEY, "") if request is not None else ""
    if not code:
        return
    try:
        referral_record(referred=user, code=code, now=timezone.now())
    except ReferralRefused as refused:
        messages.warning(request, refused.message)


class ReferralLinkMiddleware:
    """Keeps the code of a referral link (`?ref=CODE`, on any page) in the visitor's session
    until they sign up; says so at once when the code is unknown."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = request.GET.get("ref") if request.method == "GET" else None
        if code and not request.user.is_authenticated:
            if referrer_for_code(code) is not None:
                request.session[SESSION_KEY] = clean_code(code)
            else:
                request.session.pop(SESSION_KEY, None)
                messages.warning(
                    request,
                    _(
                        "This invitation link is not valid (its code is unknown). You can "
                        "still sign up."
                    ),
                )
        return self.get_response(request)


# --- The reward --------------------------------------------------------------------------------


def first_paid_session(referred_id: int):
    """The referred person's first completed session where money was taken, if any."""
    from bookings.models import Booking

    return (
        Booking.objects.filter(patient_id=referred_id, state=Booking.State.COMPLETED)
        .filter(
            Q(payment__captured_cents__gt=0)
            | Q(
                package_use__settled_at__isnull=False,
                package_use__returned_at__isnull=True,
                package_use__package__price_cents__gt=0,
            )
        )
        .order_by("start", "pk")
        .first()
    )


def referral_reward(*, referred_id: int | None, now: datetime) -> ReferralReward | None:
    """Reward the referrer of `referred_id` if their first paid session is done (once)."""
    if referred_id is None:
        return None
    referral = Referral.objects.filter(referred_id=referred_id, reward__isnull=True).first()
    if referral is None or referral.referrer_id == referral.referred_id:
        return None
    booking = first_paid_session(referred_id)
    if booking is None:
        return None
    return referral_credit_grant(referral=referral, booking=booking, now=now)


def referral_credit_grant(*, referral: Referral, booking, now: datetime) -> ReferralReward:
    """Decide the referral's reward now, with the programme's amount (once: a second call
    returns the first decision). A referrer whose account was erased is decided nothing (no
    credit on an account nobody can use, no email to it), so the catch-up stops asking."""
    from accounts.models import User

    amount = ReferralSettings.load().credit_cents
    if User.objects.filter(pk=referral.referrer_id, erased_at__isnull=False).exists():
        amount = 0
    try:
        with transaction.atomic():
            reward = ReferralReward.objects.create(
                referral=referral, booking=booking, amount_cents=amount, created_at=now
            )
            if amount > 0:
                movement = uuid.uuid4()
                LedgerEntry.objects.bulk_create(
                    LedgerEntry(
                        movement=movement,
                        account=entry.account,
                        amount_cents=entry.amount_cents,
                        kind="referral_credit",
                        patient_id=referral.referrer_id,
                        at=now,
                    )
                    for entry in ledger.promotion_credit(amount)
                )
                _tell_referrer(referral, amount)
    except IntegrityError:
        return ReferralReward.objects.filter(referral=referral).first()  # decided meanwhile
    return reward


def _tell_referrer(referral: Referral, amount_cents: int) -> None:
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from bookings.notify import _absolute, _money
    from notifications.services import email_queue
    from payments.messages import REFERRAL_CREDITED

    referrer = referral.referrer
    language = referrer.language or settings.LANGUAGE_CODE
    with translation.override(language):
        email_queue(
            REFERRAL_CREDITED,
            to=referrer.email,
            language=language,
            values={
                "amount": _money(amount_cents, "EUR"),
                "balance_url": _absolute(reverse("payments:my_balance")),
                "sender_name": settings.KHEPRI_SENDER_NAME,
            },
        )


def referral_rewards_due(*, now: datetime, limit: int = 500) -> int:
    """Catch up: referred people with a completed session and no decision yet."""
    from bookings.models import Booking

    waiting = (
        Referral.objects.filter(reward__isnull=True)
        .filter(referred__bookings__state=Booking.State.COMPLETED)
        .values_list("referred_id", flat=True)
        .distinct()[:limit]
    )
    return sum(referral_reward(referred_id=pk, now=now) is not None for pk in list(waiting))


@dataclass
class ReferralSummary:
    #: People who signed up with the link (a count: never who).
    joined: int
    #: Credits received, and their total.
    credits: int
    credited_cents: int
    #: The programme's current credit (0: off).
    credit_cents: int


def referral_summary(user) -> ReferralSummary:
    made = Referral.objects.filter(referrer=user).aggregate(
        joined=Count("pk"),
        credits=Count("reward", filter=Q(reward__amount_cents__gt=0)),
        credited=Sum("reward__amount_cents"),
    )
    return ReferralSummary(
        joined=made["joined"],
        credits=made["credits"],
        credited_cents=made["credited"] or 0,
        credit_cents=ReferralSettings.load().credit_cents,
    )
