from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def amount(cents):
    """Integer cents as documents print money: always two decimals ("60,00 €", "€60.00")."""
    if cents is None or cents == "":
        return ""
    cents = int(cents)
    if cents < 0:
        return "\u2212" + amount(-cents)
    value = number_format(Decimal(cents) / 100, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{value}\u00a0€" if get_language() == "fr" else f"€{value}"


@register.filter
def parse_date(value):
    """An ISO date copied in a document's lines, as a date for the `date` filter."""
    from datetime import date

    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.inclusion_tag("invoices/_billing_banner.html", takes_context=True)
def billing_details_banner(context):
    """Asks a practitioner for their billing details while they are missing (never shown to a
    secretary: the details and fee notes are the practitioner's own)."""
    request = context.get("request")
    practitioner = getattr(request, "practitioner", None)
    if practitioner is None or getattr(request, "delegating", None) is not None:
        return {"show": False}
    if context.get("space_section") == "invoices":
        return {"show": False}  # that page says it itself
    from invoices.selectors import billing_details_missing

    return {"show": billing_details_missing(practitioner=practitioner)}
