"""Invoicing documents in the Wagtail admin: a read-only listing (documents are never edited)
and the accounting export as CSV for a period."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from invoices import company_payments
from invoices.company_payments import STATUS_LABELS, CompanyPaymentError
from invoices.exports import documents_csv
from invoices.forms import CompanyPaymentForm, CompanyPaymentReverseForm
from invoices.models import CompanyPayment, Document
from invoices.selectors import staff_export_rows
from payments.statements import month_bounds


def _may_export(user) -> bool:
    return user.has_perm("invoices.view_document")


def may_record_company_payments(user) -> bool:
    return user.has_perm("invoices.view_document") and user.has_perm("invoices.add_companypayment")


class ExportForm(forms.Form):
    first_month = forms.CharField(
        label=gettext_lazy("From (month)"),
        help_text=gettext_lazy("YYYY-MM, e.g. 2026-01."),
        max_length=7,
    )
    last_month = forms.CharField(
        label=gettext_lazy("To (month, included)"),
        help_text=gettext_lazy("YYYY-MM, e.g. 2026-12."),
        max_length=7,
    )

    @staticmethod
    def _month(value: str) -> date:
        try:
            year, month = (int(part) for part in value.strip().split("-"))
            return date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(_("Write a month as YYYY-MM, e.g. 2026-01.")) from None

    def clean_first_month(self):
        return self._month(self.cleaned_data["first_month"])

    def clean_last_month(self):
        return self._month(self.cleaned_data["last_month"])

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_month"), cleaned.get("last_month")
        if first and last and last < first:
            raise forms.ValidationError(_("The last month comes before the first one."))
        return cleaned


class ExportView(View):
    """The CSV of every document issued from the first month to the last one (included)."""

    def dispatch(self, request, *args, **kwargs):
        if not _may_export(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form, status=200):
        context = {
            "form": form,
            "title": _("Export invoicing documents (CSV)"),
            "index_url": reverse("invoicing_document:index"),
            "summary": _(
                "Every fee note, receipt, credit note and platform invoice issued in the months "
                "chosen, for the accountants. Credit notes count negative."
            ),
        }
        return TemplateResponse(request, "payments/admin/action.html", context, status=status)

    def get(self, request):
        this_month = f"{timezone.localdate():%Y-%m}"
        return self.render(
            request, ExportForm(initial={"first_month": this_month, "last_month": this_month})
        )

    def post(self, request):
        form = ExportForm(request.POST)
        if not form.is_valid():
            return self.render(request, form, status=400)
        start, _end = month_bounds(form.cleaned_data["first_month"])
        _start, end = month_bounds(form.cleaned_data["last_month"])
        response = HttpResponse(
            documents_csv(staff_export_rows(start=start, end=end)), content_type="text/csv"
        )
        name = f"documents-{form.cleaned_data['first_month']:%Y-%m}-{form.cleaned_data['last_month']:%Y-%m}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class DocumentPdfView(View):
    """A document's PDF for staff (accounting, a company's invoice), in French or English."""

    def get(self, request, pk: int, language: str):
        if not _may_export(request.user):
            raise PermissionDenied
        from invoices.services import document_pdf

        document = Document.objects.filter(pk=pk).first()
        if document is None or language not in ("fr", "en"):
            raise Http404
        content = document_pdf(document=document, language=language, now=timezone.now())
        response = HttpResponse(content, content_type="application/pdf")
        name = f"{document.kind.replace('_', '-')}-{document.number}-{language}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class PdfColumn(Column):
    cell_template_name = "invoices/admin/pdf_cell.html"


class DocumentIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Export as CSV"), url=reverse("invoicing_document:export"), icon_name="download"
            ),
            HeaderButton(
                _("Company invoices and payments"),
                url=reverse("invoicing_document:company_invoices"),
                icon_name="group",
            ),
        ]


# --- Company invoices: their state and the payments received ------------------------------------

STATUS_FILTERS = [
    ("", gettext_lazy("All")),
    ("unpaid", gettext_lazy("Not paid in full")),
    *STATUS_LABELS.items(),
]


class CompanyInvoicesView(View):
    """Every company invoice with its state, overdue first; filters by state and company."""

    def get(self, request):
        if not _may_export(request.user):
            raise PermissionDenied
        from employers.models import Company

        status = request.GET.get("status", "")
        if status not in dict(STATUS_FILTERS):
            status = ""
        companies = list(Company.objects.order_by("name"))
        company_id = next(
            (c.pk for c in companies if str(c.pk) == request.GET.get("company", "")), None
        )
        states = company_payments.company_invoice_states(
            today=timezone.localdate(), company_id=company_id, status=status or None
        )
        context = {
            "title": _("Company invoices"),
            "states": states,
            "status_filters": STATUS_FILTERS,
            "status": status,
            "companies": companies,
            "company_id": company_id,
            "index_url": reverse("invoicing_document:index"),
        }
        return TemplateResponse(request, "invoices/admin/company_invoices.html", context)


class CompanyInvoiceView(View):
    """One company invoice: its state, the payments recorded, and the form to record one."""

    def dispatch(self, request, *args, **kwargs):
        if not _may_export(request.user):
            raise PermissionDenied
        if request.method == "POST" and not may_record_company_payments(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, document, form, status=200):
        today = timezone.localdate()
        state = company_payments.invoice_state(document, today=today)
        payments = list(
            CompanyPayment.objects.filter(document=document)
            .select_related("recorded_by", "reverses")
            .order_by("recorded_at", "pk")
        )
        reversed_ids = {p.reverses_id for p in payments if p.reverses_id}
        context = {
            "title": _("Company invoice %(number)s") % {"number": document.number},
            "document": document,
            "state": state,
            "payments": payments,
            "reversed_ids": reversed_ids,
            "form": form if state.remaining_cents > 0 else None,
            "may_record": may_record_company_payments(request.user),
            "list_url": reverse("invoicing_document:company_invoices"),
        }
        return TemplateResponse(
            request, "invoices/admin/company_invoice.html", context, status=status
        )

    def _document(self, pk):
        return get_object_or_404(Document, pk=pk, kind=Document.Kind.COMPANY_INVOICE)

    def get(self, request, pk):
        document = self._document(pk)
        form = CompanyPaymentForm(today=timezone.localdate())
        return self.render(request, document, form)

    def post(self, request, pk):
        document = self._document(pk)
        form = CompanyPaymentForm(request.POST, today=timezone.localdate())
        if not form.is_valid():
            return self.render(request, document, form, status=400)
        try:
            company_payments.company_payment_record(
                document_id=document.pk,
                amount_cents=form.cleaned_data["amount"],
                received_on=form.cleaned_data["received_on"],
                bank_reference=form.cleaned_data["bank_reference"],
                recorded_by=request.user,
                now=timezone.now(),
            )
        except CompanyPaymentError as refused:
            form.add_error(None, refused.message)
            return self.render(request, document, form, status=400)
        messages.success(request, _("Payment recorded."))
        return redirect("invoicing_document:company_invoice", pk=document.pk)


class CompanyPaymentReverseView(View):
    """Staff reverse a payment recorded by mistake, saying why (never a deletion)."""

    def dispatch(self, request, *args, **kwargs):
        if not may_record_company_payments(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, payment, form, status=200):
        from site_pages.templatetags.khepri_tags import cents

        context = {
            "form": form,
            "title": _("Reverse a payment record"),
            "index_url": reverse("invoicing_document:company_invoice", args=[payment.document_id]),
            "summary": _(
                "The payment of %(amount)s (bank reference %(reference)s) on invoice %(number)s "
                "will be cancelled by a reversing record: the amount is due again. Both records "
                "stay in the history."
            )
            % {
                "amount": cents(payment.amount_cents),
                "reference": payment.bank_reference,
                "number": payment.document.number,
            },
        }
        return TemplateResponse(request, "payments/admin/action.html", context, status=status)

    def _payment(self, pk):
        return get_object_or_404(
            CompanyPayment.objects.select_related("document"), pk=pk, reverses__isnull=True
        )

    def get(self, request, pk):
        return self.render(request, self._payment(pk), CompanyPaymentReverseForm())

    def post(self, request, pk):
        payment = self._payment(pk)
        form = CompanyPaymentReverseForm(request.POST)
        if not form.is_valid():
            return self.render(request, payment, form, status=400)
        try:
            company_payments.company_payment_reverse(
                payment_id=payment.pk,
                reason=form.cleaned_data["reason"],
                recorded_by=request.user,
                now=timezone.now(),
            )
        except CompanyPaymentError as refused:
            form.add_error(None, refused.message)
            return self.render(request, payment, form, status=400)
        messages.success(request, _("Payment record reversed."))
        return redirect("invoicing_document:company_invoice", pk=payment.document_id)


class DocumentViewSet(ModelViewSet):
    model = Document
    icon = "doc-full"
    menu_label = gettext_lazy("Invoicing documents")
    add_to_admin_menu = True
    menu_order = 912
    index_view_class = DocumentIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["kind", "year"]
    search_fields = None
    list_display = [
        "number",
        "kind",
        "recipient_name",
        Column("total_cents", label=gettext_lazy("Amount (cents)")),
        DateColumn("issued_at", label=gettext_lazy("Issued at")),
        PdfColumn("pdf", label=gettext_lazy("Document"), accessor="pk"),
    ]
    inspect_view_fields = [
        "kind",
        "number",
        "issued_at",
        "recipient_name",
        "total_cents",
        "vat_cents",
        "paid_with",
        "refers_to",
        "source_key",
    ]
    form_fields = ["kind"]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep] + [
            path("export/", ExportView.as_view(), name="export"),
            path("<int:pk>/<str:language>.pdf", DocumentPdfView.as_view(), name="pdf"),
            path("company/", CompanyInvoicesView.as_view(), name="company_invoices"),
            path("company/<int:pk>/", CompanyInvoiceView.as_view(), name="company_invoice"),
            path(
                "company/payment/<int:pk>/reverse/",
                CompanyPaymentReverseView.as_view(),
                name="company_payment_reverse",
            ),
        ]
