"""The patient's employer programme (join with a work address or a code, see what is left)
and the HR contacts' dashboard (aggregated numbers only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from employers import reports, selectors, services
from employers.forms import InviteCodeForm
from employers.models import Company


def _join_by_domain(request, now) -> None:
    matching = selectors.companies_by_email(request.user, verified=True)
    company = next((c for c in matching if str(c.pk) == request.POST.get("company")), None)
    if company is None:  # a tampered form, or the address is no longer confirmed
        raise services.EmployerError(
            _("None of your confirmed email addresses belongs to this company.")
        )
    services.enrol_by_domain(user=request.user, company=company, now=now)


@login_required
@require_http_methods(["GET", "POST"])
def my_programme(request):
    now = timezone.now()
    action = request.POST.get("action")
    code_form = InviteCodeForm(request.POST if action == "code" else None)
    error = ""
    if request.method == "POST":
        try:
            if action == "domain":
                _join_by_domain(request, now)
            elif action == "code":
                if code_form.is_valid():
                    services.enrol_by_code(
                        user=request.user, code=code_form.cleaned_data["code"], now=now
                    )
            elif action == "leave":
                services.enrolment_leave(user=request.user, now=now)
                messages.success(request, _("You have left your employer's programme."))
                return redirect("employers:mine")
            else:
                raise services.EmployerError(_("Choose what to do."))
        except services.EmployerError as refused:
            if action == "code":
                code_form.add_error("code", refused.message)
            else:
                error = refused.message
        else:
            if not code_form.errors:
                messages.success(request, _("You have joined your employer's programme."))
                return redirect("employers:mine")
    enrolment = selectors.active_enrolment(request.user)
    context = {
        "enrolment": enrolment,
        "quota": selectors.quota_on(request.user, selectors.local_day(now)),
        "code_form": code_form,
        "error": error,
        "matching": [] if enrolment else selectors.companies_by_email(request.user, verified=True),
        "unverified": []
        if enrolment
        else selectors.companies_by_email(request.user, verified=False),
        "hr_companies": request.user.hr_companies.all(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "employers/my_programme.html", context, status=status)


@login_required
@require_safe
def hr_dashboard(request, pk: int):
    """Only the company's HR contacts: anyone else gets 404 (not even whether it exists)."""
    company = Company.objects.filter(pk=pk, hr_contacts=request.user).first()
    if company is None:
        raise Http404
    from invoices.company_payments import company_invoice_states

    today = timezone.localdate()
    dashboard = reports.hr_dashboard(company, today=today)
    return render(
        request,
        "employers/hr_dashboard.html",
        {
            "dashboard": dashboard,
            "threshold": reports.SUPPRESS_BELOW,
            "invoices": company_invoice_states(today=today, company_id=company.pk),
        },
    )


@login_required
@require_safe
def hr_invoice_pdf(request, pk: int, document_pk: int, language: str):
    """One of the company's invoices as PDF, for its HR contacts only (404 for anyone else, and
    for a document that is not this company's invoice)."""
    from invoices.company_payments import company_invoices
    from invoices.services import document_pdf

    company = Company.objects.filter(pk=pk, hr_contacts=request.user).first()
    if company is None or language not in ("fr", "en"):
        raise Http404
    document = company_invoices(company.pk).filter(pk=document_pk).first()
    if document is None:
        raise Http404
    content = document_pdf(document=document, language=language, now=timezone.now())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="invoice-{document.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def hr_home(request):
    """An HR contact's way in: their company's dashboard (or the list when several)."""
    companies = list(Company.objects.filter(hr_contacts=request.user))
    if len(companies) == 1:
        return redirect("employers:hr_dashboard", pk=companies[0].pk)
    if not companies:
        raise Http404
    return render(request, "employers/hr_home.html", {"companies": companies})
