"""The messages sent when a service's manager gives a booking to another member: to the
patient (email, and a text for those who chose SMS) and to both practitioners.

As discreet as every booking message (`bookings.messages`): a date, a time, a name for the
practitioners, a link; never a therapy, a concern or the session's title.
"""

from django.utils.translation import gettext_lazy as _

from bookings.messages import _patient_email, _patient_sms, _practitioner_email
from notifications.templating import register

KINDS = [
    _patient_email(
        "reassigned",
        _("Booking given to another practitioner — patient, email"),
        _("Your appointment: a change of practitioner"),
        _(
            "Your appointment of {{ when }} will be held by another practitioner of the same "
            "service. The time does not change.\n\nThe link to join it is on your booking's "
            "page.\n\n{{ policy }}"
        ),
    ),
    _patient_sms(
        "reassigned",
        _("Booking given to another practitioner — patient, SMS"),
        _(
            "{{ sender_name }}: Your appointment of {{ when }} is now with another "
            "practitioner, same time. Details: {{ manage_url }}"
        ),
    ),
    _practitioner_email(
        "reassigned_away",
        _("Booking given to another member — previous practitioner, email"),
        _("Appointment given to a colleague"),
        _(
            "The session of {{ when }} with {{ patient_name }} has been given to another "
            "member of the service. It is no longer in your agenda."
        ),
    ),
    _practitioner_email(
        "reassigned_to",
        _("Booking given to you — new practitioner, email"),
        _("New appointment"),
        _(
            "The session of {{ when }} with {{ patient_name }} has been given to you by the "
            "service's manager. It is in your agenda."
        ),
    ),
]

register(*KINDS)
