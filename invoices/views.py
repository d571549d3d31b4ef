"""Fee notes in the patient's account, the practitioner's documents and billing details in
their space (never delegable to a secretary), PDF downloads."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from invoices import selectors, services
from invoices.forms import BillingDetailsForm
from practitioners.access import practitioner_required

LANGUAGES = ("fr", "en")


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _language(value: str) -> str:
    if value not in LANGUAGES:
        raise Http404
    return value


def _filename(document, language: str) -> str:
    return f"{document.kind.replace('_', '-')}-{document.number}-{language}.pdf"


# --- The patient -------------------------------------------------------------------------------


@login_required
@require_safe
@never_cache
def my_documents(request):
    years = selectors.patient_documents_by_year(user=request.user)
    return render(
        request,
        "invoices/my_documents.html",
        {"years": years, "language": get_language() if get_language() in LANGUAGES else "fr"},
    )


@login_required
@require_safe
def my_document_pdf(request, pk: int, language: str):
    document = selectors.patient_document(user=request.user, pk=pk)
    if document is None:
        raise Http404
    content = services.document_pdf(
        document=document, language=_language(language), now=timezone.now()
    )
    return _pdf(content, _filename(document, language))


@login_required
@require_safe
def my_recap_pdf(request, year: int, language: str):
    from invoices.rendering import render_recap_pdf

    documents = [d for d in selectors.patient_documents(user=request.user) if d.year == year]
    documents = [d for d in documents if d.kind != "package_receipt"]
    if not documents:
        raise Http404
    documents.sort(key=lambda d: (d.issued_at, d.pk))
    name = documents[-1].recipient_name
    content = render_recap_pdf(
        patient_name=name, year=year, documents=documents, language=_language(language)
    )
    return _pdf(content, f"fee-notes-{year}-{language}.pdf")


# --- The practitioner --------------------------------------------------------------------------


def _months(practitioner, count: int = 12) -> list[date]:
    today = timezone.now().astimezone(ZoneInfo(str(practitioner.time_zone))).date()
    months, year, month = [], today.year, today.month
    for _index in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


@practitioner_required
@require_safe
@never_cache
def pro_documents(request):
    practitioner = request.practitioner
    documents = list(selectors.practitioner_documents(practitioner=practitioner)[:200])
    context = {
        "space_section": "invoices",
        "documents": documents,
        "invoices": selectors.practitioner_invoices(practitioner=practitioner),
        "months": _months(practitioner),
        "details_missing": selectors.billing_details_missing(practitioner=practitioner),
        "waiting": selectors.documents_waiting(practitioner=practitioner),
        "language": get_language() if get_language() in LANGUAGES else "fr",
    }
    return render(request, "invoices/pro_documents.html", context)


@practitioner_required
@require_safe
def pro_document_pdf(request, pk: int, language: str):
    document = selectors.practitioner_document(practitioner=request.practitioner, pk=pk)
    if document is None:
        raise Http404
    content = services.document_pdf(
        document=document, language=_language(language), now=timezone.now()
    )
    return _pdf(content, _filename(document, language))


@practitioner_required
@require_safe
def pro_statement_pdf(request, year: int, month: int, language: str):
    from invoices.rendering import render_statement_pdf

    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404
    period = date(year, month, 1)
    if period not in _months(request.practitioner, count=36):
        raise Http404
    language = _language(language)
    statement = selectors.monthly_statement(
        practitioner=request.practitioner, period=period, language=language
    )
    content = render_statement_pdf(statement=statement, language=language)
    return _pdf(content, f"statement-{period:%Y-%m}-{language}.pdf")


@practitioner_required
@require_http_methods(["GET", "POST"])
@never_cache
def billing_details(request):
    practitioner = request.practitioner
    if request.method == "POST":
        form = BillingDetailsForm(request.POST)
        if form.is_valid():
            waiting = selectors.documents_waiting(practitioner=practitioner)
            services.billing_details_save(
                practitioner=practitioner, now=timezone.now(), **form.values()
            )
            if waiting:
                messages.success(
                    request,
                    _("Billing details saved. The fee notes that were waiting have been issued."),
                )
            else:
                messages.success(request, _("Billing details saved."))
            return redirect("invoices:pro_documents")
    else:
        form = BillingDetailsForm(initial=BillingDetailsForm.initial_for(practitioner))
    return render(
        request,
        "invoices/billing_details.html",
        {"space_section": "invoices", "form": form},
        status=400 if form.is_bound else 200,
    )
