"""Employer programmes in the Wagtail admin: companies, their agreements, email domains and
invite codes (edited by staff), enrolments (read-only: employees join and leave themselves),
and each company's monthly statement (aggregated, with CSV)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from employers.models import Agreement, Company, CompanyDomain, Enrolment, InviteCode
from employers.reports import company_statement, company_statement_csv
from employers.services import enrolment_end


def parse_month(value: str | None, *, default: date) -> date:
    """ "2026-11" → 1 November 2026; anything else → `default` (never an error page)."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return default


class StatementView(View):
    """A company's statement for one month (`?month=YYYY-MM`), as a page or CSV."""

    def get(self, request, pk):
        if not request.user.has_perm("employers.view_company"):
            raise PermissionDenied
        company = get_object_or_404(Company, pk=pk)
        today = timezone.localdate()
        period = parse_month(request.GET.get("month"), default=today.replace(day=1))
        statement = company_statement(company, period)
        if request.GET.get("format") == "csv":
            response = HttpResponse(
                company_statement_csv(statement), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = (
                f'attachment; filename="company-{company.pk}-{period:%Y-%m}.csv"'
            )
            return response
        context = {
            "title": _("Statement of %(company)s") % {"company": company.name},
            "company": company,
            "statement": statement,
            "month_value": f"{period:%Y-%m}",
            "index_url": reverse("employer_company:index"),
        }
        return TemplateResponse(request, "employers/admin/statement.html", context)


class KeepHistoryDeleteView(DeleteView):
    """A company or agreement that enrolments or sessions refer to is kept (its history is
    billed from it): refused with a message instead of an error page."""

    def form_valid(self, form):
        try:  # Wagtail deletes (and logs) in its own transaction: a refusal leaves nothing
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "“%(object)s” has enrolments or sessions and is kept for their history. "
                    "End its agreement instead (its end date)."
                )
                % {"object": self.object},
            )
            return HttpResponseRedirect(self.get_success_url())


class CompanyIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Monthly statement"),
                url=reverse("employer_company:statement", args=[instance.pk]),
                icon_name="table",
                priority=30,
            )
        )
        return buttons


class CompanyViewSet(ModelViewSet):
    model = Company
    icon = "group"
    menu_label = gettext_lazy("Companies")
    index_view_class = CompanyIndexView
    delete_view_class = KeepHistoryDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", "billing_email"]
    search_fields = None
    form_fields = [
        "name",
        "billing_name",
        "billing_address",
        "vat_number",
        "billing_email",
        "hr_contacts",
    ]

    def get_urlpatterns(self):
        statement = path("statement/<int:pk>/", StatementView.as_view(), name="statement")
        return [*super().get_urlpatterns(), statement]


class AgreementViewSet(ModelViewSet):
    model = Agreement
    icon = "doc-full"
    menu_label = gettext_lazy("Agreements")
    delete_view_class = KeepHistoryDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "company",
        "sessions_per_employee",
        DateColumn("starts_on", label=gettext_lazy("Valid from")),
        DateColumn("ends_on", label=gettext_lazy("Valid until")),
        "max_duration_minutes",
        Column("price_cap_cents", label=gettext_lazy("Price cap (cents)")),
    ]
    list_filter = ["company"]
    search_fields = None
    form_fields = [
        "company",
        "sessions_per_employee",
        "starts_on",
        "ends_on",
        "max_duration_minutes",
        "price_cap_cents",
    ]


class DomainViewSet(ModelViewSet):
    model = CompanyDomain
    icon = "mail"
    menu_label = gettext_lazy("Email domains")
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["domain", "company"]
    search_fields = None
    form_fields = ["company", "domain"]


class InviteCodeViewSet(ModelViewSet):
    model = InviteCode
    icon = "key"
    menu_label = gettext_lazy("Invite codes")
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["code", "company", "uses", "max_uses", "revoked"]
    list_filter = ["company", "revoked"]
    search_fields = None
    form_fields = ["company", "max_uses", "revoked"]


class EndEnrolmentView(View):
    """Staff end an enrolment (the employee left the company); GET asks, POST ends it."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("employers.change_company"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        enrolment = get_object_or_404(Enrolment, pk=pk, left_at__isnull=True)
        context = {
            "form": forms.Form(),
            "title": _("End an enrolment"),
            "index_url": reverse("employer_enrolment:index"),
            "summary": _(
                "%(user)s will no longer have sessions paid by %(company)s. Sessions already "
                "booked stay covered."
            )
            % {"user": enrolment.user, "company": enrolment.company},
        }
        return TemplateResponse(request, "payments/admin/action.html", context)

    def post(self, request, pk):
        enrolment = get_object_or_404(Enrolment, pk=pk)
        enrolment_end(enrolment=enrolment, now=timezone.now())
        messages.success(request, _("Enrolment ended."))
        return redirect("employer_enrolment:index")


class EnrolmentIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.left_at is None and self.request.user.has_perm("employers.change_company"):
            buttons.append(
                MenuItem(
                    _("End enrolment"),
                    url=reverse("employer_enrolment:end", args=[instance.pk]),
                    icon_name="cross",
                    priority=30,
                )
            )
        return buttons


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    icon = "user"
    menu_label = gettext_lazy("Enrolments")
    index_view_class = EnrolmentIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "user",
        "company",
        "method",
        DateColumn("joined_at", label=gettext_lazy("Joined")),
        DateColumn("left_at", label=gettext_lazy("Left")),
    ]
    list_filter = ["company"]
    search_fields = None
    form_fields = ["left_at"]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep] + [
            path("end/<int:pk>/", EndEnrolmentView.as_view(), name="end")
        ]


class EmployerViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Employer programmes")
    menu_icon = "group"
    menu_order = 915
    items = (
        CompanyViewSet("employer_company"),
        AgreementViewSet("employer_agreement"),
        DomainViewSet("employer_domain"),
        InviteCodeViewSet("employer_code"),
        EnrolmentViewSet("employer_enrolment"),
    )
