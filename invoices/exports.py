"""The staff's accounting export: every document issued in a period, one row each; company
invoices also say where their payment stands (today)."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from invoices.models import Document
from khepri.spreadsheet import text_cell


def documents_csv(documents) -> str:
    """Amounts in euros with a dot; credit notes negative, so a column sums to the revenue."""
    from invoices.company_payments import company_invoice_states

    zone = ZoneInfo(settings.TIME_ZONE)
    documents = list(documents)
    company_ids = [d.pk for d in documents if d.kind == Document.Kind.COMPANY_INVOICE]
    states = {
        state.document.pk: state
        for state in company_invoice_states(
            today=timezone.localdate(), documents=Document.objects.filter(pk__in=company_ids)
        )
    }
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("number"),
            _("kind"),
            _("issued on"),
            _("issuer"),
            _("issuer's SIRET"),
            _("recipient"),
            _("paid with"),
            _("refers to"),
            _("amount"),
            _("of which VAT"),
            _("currency"),
            _("payment status"),
            _("paid"),
            _("still due"),
            _("due on"),
            _("paid on"),
        ]
    )
    for document in documents:
        sign = -1 if document.kind == Document.Kind.CREDIT_NOTE else 1
        writer.writerow(
            [
                document.number,
                document.get_kind_display(),
                document.issued_at.astimezone(zone).strftime("%Y-%m-%d"),
                text_cell(document.issuer.get("name", "")),
                document.issuer.get("siret", ""),
                text_cell(document.recipient_name),
                document.get_paid_with_display() if document.paid_with else "",
                document.refers_to.number if document.refers_to_id else "",
                f"{sign * document.total_cents / 100:.2f}",
                f"{sign * document.vat_cents / 100:.2f}",
                document.currency,
                *_payment_cells(states.get(document.pk)),
            ]
        )
    return out.getvalue()


def _payment_cells(state) -> list[str]:
    """Company invoices only: the rest is paid when issued (or settled with payouts)."""
    if state is None:
        return ["", "", "", "", ""]
    return [
        text_cell(state.status_label),
        f"{state.paid_cents / 100:.2f}",
        f"{state.remaining_cents / 100:.2f}",
        state.due_on.isoformat(),
        state.paid_on.isoformat() if state.paid_on else "",
    ]
