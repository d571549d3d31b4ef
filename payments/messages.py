"""The messages of payments, as templates staff can edit (`notifications.templating`):
a session's card could not be authorised (to the patient and to the practitioner), and the
patient's last reminder the day before. Registered when the app is ready.

Discreet like every message: a date, a time and a link; never a therapy, an amount or why the
bank refused (the booking's page says what to do).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bookings.messages import (
    MANAGE,
    MY_BOOKINGS,
    PATIENT_EMAIL,
    PRACTITIONER_EMAIL,
    sample_values,
)
from notifications.templating import EMAIL, MessageKind, register

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
