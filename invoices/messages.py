"""The messages of invoices, as templates staff can edit (`notifications.templating`),
registered when the app is ready:

* a company invoice overdue (to the company's billing contact, once): its number, dates and
  amounts and a link to the company's page — never an employee, a practitioner or a session.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notifications.templating import EMAIL, MessageKind, register


def overdue_sample_values() -> dict[str, str]:
    from bookings.notify import _absolute, _money

    return {
        "number": "KH-2026-00042",
        "issued_on": "07/12/2026",
        "due_on": "06/01/2027",
        "amount": _money(36000, "EUR"),
        "remaining": _money(12000, "EUR"),
        "invoices_url": _absolute("/company/"),
        "sender_name": settings.KHEPRI_SENDER_NAME,
    }


COMPANY_INVOICE_OVERDUE = MessageKind(
    event="invoice.company_overdue.company",
    channel=EMAIL,
    label=_("Company invoice overdue — company, email"),
    placeholders=(
        "number",
        "issued_on",
        "due_on",
        "amount",
        "remaining",
        "invoices_url",
        "sender_name",
    ),
    subject=_("{{ sender_name }}: invoice {{ number }} is overdue"),
    body=_(
        "Hello,\n\n"
        "Our invoice {{ number }} of {{ issued_on }} ({{ amount }}) was due on {{ due_on }}. "
        "{{ remaining }} is still to be paid, by bank transfer.\n\n"
        "If the transfer is already on its way, thank you, and please ignore this message.\n\n"
        "Your company's invoices: {{ invoices_url }}"
    ),
    sample=overdue_sample_values,
    action_label=_("See the invoices"),
    action="invoices_url",
)

register(COMPANY_INVOICE_OVERDUE)
