"""Demo invoicing: Claire Martin's billing details (invented, like every demo identifier), so
the demo patient's paid session last week has its fee note (FR or EN) in "My fee notes", and
the platform's commission invoice for last month when there was a commission."""

from datetime import timedelta

from django.utils import timezone

from invoices.models import VatRegime

CLAIRE_DETAILS = {
    "legal_name": "Claire Martin",
    "profession": "Sophrologue",
    "address": "14 rue Victor Hugo\n69002 Lyon",
    "siret": "84215397500011",
    "adeli": "",
    "rpps": "",
    "vat_regime": VatRegime.FRANCHISE,
    "vat_rate_bp": 0,
}


def load(*, stdout) -> None:
    from invoices.models import Document
    from invoices.services import billing_details_save, commission_invoices_issue
    from practitioners.models import Practitioner

    now = timezone.now()
    claire = Practitioner.objects.filter(slug="claire-martin").first()
    if claire is not None:
        # Saving the details issues whatever waited for them (the session paid last week).
        billing_details_save(practitioner=claire, now=now, **CLAIRE_DETAILS)
    last_month = (timezone.localdate(now).replace(day=1) - timedelta(days=1)).replace(day=1)
    commission_invoices_issue(period=last_month, now=now)
    stdout.write(f"  {Document.objects.count()} invoicing documents")
