"""Background jobs of invoices. Tasks take ids and call a service; they decide nothing."""

import logging
from datetime import date, timedelta

from django.utils import timezone
from django_tasks import task

from invoices import services
from invoices.models import Document
from khepri.periodic import every

logger = logging.getLogger(__name__)


@task()
def issue_for_payment(payment_id: int) -> str | None:
    document = services.fee_note_for_payment(payment_id=payment_id, now=timezone.now())
    return document.number if document else None


@task()
def issue_for_refund(call_id: int) -> str | None:
    document = services.credit_note_for_refund(call_id=call_id, now=timezone.now())
    return document.number if document else None


@task()
def issue_for_package(package_id: int) -> str | None:
    document = services.receipt_for_package(package_id=package_id, now=timezone.now())
    return document.number if document else None


@task()
def issue_for_package_use(use_id: int) -> str | None:
    document = services.fee_note_for_package_use(use_id=use_id, now=timezone.now())
    return document.number if document else None


@task()
def render_document(document_id: int) -> int:
    """Render a new document's PDF in its language (the patient's)."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return 0
    return len(
        services.document_pdf(document=document, language=document.language, now=timezone.now())
    )


@every(minutes=15)
@task()
def catch_up_documents() -> int:
    """Documents a lost task or a missing detail left behind; last month's commission and
    company invoices once the month is over."""
    now = timezone.now()
    issued = services.documents_catch_up(now=now)
    last_month = (timezone.localdate(now).replace(day=1) - timedelta(days=1)).replace(day=1)
    period = date(last_month.year, last_month.month, 1)
    issued += services.commission_invoices_issue(period=period, now=now)
    issued += services.company_invoices_issue(period=period, now=now)
    return issued


@every(hours=6)
@task()
def remind_overdue_company_invoices() -> int:
    """Company invoices that became overdue: one reminder each, to the company."""
    from invoices.company_payments import overdue_reminders_send

    return overdue_reminders_send(now=timezone.now())
