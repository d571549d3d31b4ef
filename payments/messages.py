"""Messages the payments app sends (`notifications.templating`), registered when the app is
ready. Discreet: an amount and a link to the reader's balance; never who was referred, nor
anything about a session."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.templating import EMAIL, MessageKind, register


def sample_values() -> dict[str, str]:
    from bookings.notify import _absolute, _money

    return {
        "amount": _money(1000, "EUR"),
        "balance_url": _absolute(reverse("payments:my_balance")),
        "sender_name": settings.KHEPRI_SENDER_NAME,
    }


REFERRAL_CREDITED = MessageKind(
    event="referral.credited.referrer",
    channel=EMAIL,
    label=_("Referral credit — referrer, email"),
    placeholders=("amount", "balance_url", "sender_name"),
    subject=_("{{ sender_name }}: a credit on your balance"),
    body=_(
        "Hello,\n\n"
        "Thank you for recommending {{ sender_name }}: someone you invited has joined. "
        "{{ amount }} has been added to your balance. It pays for your next sessions "
        "automatically when you choose “Pay from my balance”.\n\n"
        "Your balance and its history: {{ balance_url }}"
    ),
    sample=sample_values,
    action_label=_("See my balance"),
    action="balance_url",
)

register(REFERRAL_CREDITED)
