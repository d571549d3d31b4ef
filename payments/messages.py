"""The messages of payments, as templates staff can edit (`notifications.templating`),
registered when the app is ready:

* a session's card could not be authorised (to the patient and to the practitioner), and the
  patient's last reminder the day before — a date, a time and a link; never a therapy, an amount
  or why the bank refused (the booking's page says what to do);
* a referral credit (to the referrer) — an amount and a link to their balance; never who was
  referred;
* a session paid by a package was held (to the patient, at the end of the session) — its date,
  the sessions left and until when; never the package's name (staff may have named a therapy
  in it) nor the session's title.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bookings.messages import (
    MANAGE,
    MY_BOOKINGS,
    PATIENT_EMAIL,
    PRACTITIONER_EMAIL,
    sample_values,
)
from notifications.templating import EMAIL, MessageKind, register


def referral_sample_values() -> dict[str, str]:
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
    sample=referral_sample_values,
    action_label=_("See my balance"),
    action="balance_url",
)

register(REFERRAL_CREDITED)


KINDS = [
    MessageKind(
        event="payment.card_failed.patient",
        channel=EMAIL,
        label=_("Card not authorised — patient, email"),
        placeholders=PATIENT_EMAIL,
        subject=_("Your appointment: a card is needed"),
        body=_(
            "We could not reserve the payment of your appointment of {{ when }} on your saved "
            "card. Nothing was charged.\n\n"
            "To keep your appointment, please enter a card on its page."
        ),
        sample=sample_values,
        action_label=MANAGE,
        action="manage_url",
    ),
    MessageKind(
        event="payment.card_reminder.patient",
        channel=EMAIL,
        label=_("Card still needed, last reminder — patient, email"),
        placeholders=PATIENT_EMAIL,
        subject=_("Reminder: a card is needed for your appointment"),
        body=_(
            "The payment of your appointment of {{ when }} is still not reserved. Nothing "
            "was charged.\n\n"
            "Please enter a card on its page before the appointment."
        ),
        sample=sample_values,
        action_label=MANAGE,
        action="manage_url",
    ),
    MessageKind(
        event="payment.card_failed.practitioner",
        channel=EMAIL,
        label=_("Card not authorised — practitioner, email"),
        placeholders=PRACTITIONER_EMAIL,
        subject=_("Appointment not paid yet"),
        body=_(
            "The card of {{ patient_name }} could not be authorised for the appointment of "
            "{{ when }}. They were asked to enter another card. The appointment is kept; "
            "your bookings show when it is paid."
        ),
        sample=sample_values,
        action_label=MY_BOOKINGS,
        action="bookings_url",
    ),
]

register(*KINDS)


def package_sample_values() -> dict[str, str]:
    from django.utils import formats

    from bookings.notify import _absolute

    values = sample_values()
    values.update(
        credits_left="3",
        sessions_total="5",
        valid_until=formats.date_format(datetime(2027, 11, 30).date(), "j F Y"),
        packages_url=_absolute(reverse("payments:my_packages")),
    )
    return values


PACKAGE_SESSION_HELD = MessageKind(
    event="package.session_held.patient",
    channel=EMAIL,
    label=_("Session held with a package — patient, email"),
    placeholders=(
        "when",
        "credits_left",
        "sessions_total",
        "valid_until",
        "packages_url",
        "sender_name",
    ),
    subject=_("Sessions left in your package: {{ credits_left }}"),
    body=_(
        "Your appointment of {{ when }} has taken place. It used one session of your "
        "package.\n\n"
        "Sessions left: {{ credits_left }} of {{ sessions_total }}, to use by {{ valid_until }}."
    ),
    sample=package_sample_values,
    action_label=_("See my packages"),
    action="packages_url",
)

register(PACKAGE_SESSION_HELD)
