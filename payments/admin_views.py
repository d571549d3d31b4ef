"""Payments in the Wagtail admin: payments (read-only, with "refund"), and monthly payouts
("prepare last month", "mark as paid"). Staff never edit money by hand: each action goes
through the services, which write the ledger."""

from __future__ import annotations

import uuid
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from payments.balance import topup_refund, topup_refundable_cents
from payments.connect import payout_method, payout_pay_by_transfer, payout_unanswered
from payments.forms import RefundAmountForm, TopUpRefundForm
from payments.gateways import GatewayError
from payments.models import (
    ConnectedAccount,
    Package,
    PackageOffer,
    PackagePurchase,
    Payment,
    Payout,
    TopUp,
)
from payments.packages import package_record_at_centre
from payments.services import PaymentError, payment_refund
from payments.statements import payout_mark_paid, payouts_prepare


def _money_staff(user) -> bool:
    return user.has_perm("payments.change_payment")


class MoneyStaffOnly:
    """A view only staff who may move money open (refunds, payouts, centre purchases)."""

    def dispatch(self, request, *args, **kwargs):
        if not _money_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ActionView(MoneyStaffOnly, View):
    """GET shows the form; POST runs the action and goes back to the listing."""

    template_name = "payments/admin/action.html"
    model = None
    form_class = None
    title = ""
    index_name = ""

    def render(self, request, obj, form, status=200):
        context = {
            "object": obj,
            "form": form,
            "title": self.title,
            "index_url": reverse(self.index_name),
            "summary": self.summary(obj),
        }
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request, pk):
        obj = get_object_or_404(self.model, pk=pk)
        return self.render(request, obj, self.form_class(initial=self.initial(obj)))

    def post(self, request, pk):
        obj = get_object_or_404(self.model, pk=pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                message = self.act(obj, form)
            except (PaymentError, GatewayError) as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, message)
                return redirect(self.index_name)
        return self.render(request, obj, form, status=400)


class RefundView(ActionView):
    model = Payment
    form_class = RefundAmountForm
    title = gettext_lazy("Refund a payment")
    index_name = "payment:index"

    def summary(self, payment):
        from site_pages.templatetags.khepri_tags import cents

        return _("Charged %(captured)s, refunded so far %(refunded)s.") % {
            "captured": cents(payment.captured_cents),
            "refunded": cents(payment.refunded_cents),
        }

    def initial(self, payment):
        from site_pages.templatetags.khepri_tags import cents_number

        return {
            "amount": cents_number(payment.captured_cents - payment.refunded_cents),
            "request_key": uuid.uuid4().hex,
        }

    def act(self, payment, form):
        from site_pages.templatetags.khepri_tags import cents

        payment_refund(
            payment=payment,
            amount_cents=form.cents,
            now=timezone.now(),
            request_key=form.cleaned_data["request_key"],
        )
        if payment.gateway == "balance":
            return _("%(amount)s refunded to the patient's balance.") % {
                "amount": cents(form.cents)
            }
        return _("%(amount)s refunded to the patient's card.") % {"amount": cents(form.cents)}


class PaidForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Bank transfer reference"), max_length=120, required=True
    )


class MarkPaidView(ActionView):
    model = Payout
    form_class = PaidForm
    title = gettext_lazy("Mark a payout as paid")
    index_name = "payout:index"

    def summary(self, payout):
        from site_pages.templatetags.khepri_tags import cents

        return _("%(amount)s to %(practitioner)s for %(month)s.") % {
            "amount": cents(payout.amount_cents),
            "practitioner": payout.practitioner,
            "month": payout.period.strftime("%m/%Y"),
        }

    def initial(self, payout):
        return {}

    def act(self, payout, form):
        # One way per payout: a bank transfer beside a Stripe one could pay twice.
        # (`payout_mark_paid` refuses it too while a Stripe transfer of it has no answer.)
        if (
            payout.status == Payout.Status.TO_PAY
            and payout_method(payout) == "transfer"
            and not payout_unanswered(payout)
        ):
            raise PaymentError(_("This payout is paid by Stripe transfer."))
        payout_mark_paid(
            payout=payout, reference=form.cleaned_data["reference"], now=timezone.now()
        )
        return _("Payout recorded as paid.")


class PayByTransferView(ActionView):
    """The payout run through Stripe Connect: one transfer of the payout's amount to the
    practitioner's account; marked paid with the transfer's id."""

    model = Payout
    form_class = forms.Form
    title = gettext_lazy("Pay a payout by Stripe transfer")
    index_name = "payout:index"

    def summary(self, payout):
        from site_pages.templatetags.khepri_tags import cents

        return _(
            "%(amount)s to %(practitioner)s for %(month)s, sent now by a Stripe transfer to "
            "their payment account. Stripe then pays it to their bank."
        ) % {
            "amount": cents(payout.amount_cents),
            "practitioner": payout.practitioner,
            "month": payout.period.strftime("%m/%Y"),
        }

    def initial(self, payout):
        return {}

    def act(self, payout, form):
        payout = payout_pay_by_transfer(payout=payout, now=timezone.now())
        return _("Payout sent by Stripe transfer %(reference)s.") % {"reference": payout.reference}


def _payment_way(payout: Payout) -> str:
    """What the payout run does with this row, said to staff."""
    if payout.status == Payout.Status.PAID:
        return _("Paid")
    if payout_unanswered(payout):
        return _("Stripe transfer with no answer yet: send it again")
    if payout_method(payout) == "transfer":
        return _("Stripe transfer to their payment account")
    return _("Bank transfer, then mark as paid")


def _last_month() -> date:
    today = timezone.localdate()
    return date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)


class PrepareView(MoneyStaffOnly, View):
    """Prepare the payouts of last month (once: preparing again adds nothing)."""

    def get(self, request):
        context = {
            "form": forms.Form(),
            "title": _("Prepare last month's payouts"),
            "index_url": reverse("payout:index"),
            "summary": _(
                "A payout is prepared for each practitioner the platform owes money at the end "
                "of %(month)s. Nothing is sent yet: each is then paid by a Stripe transfer "
                "(practitioners whose payment account is ready) or marked paid once you have "
                "made the bank transfer."
            )
            % {"month": _last_month().strftime("%m/%Y")},
        }
        return TemplateResponse(request, "payments/admin/action.html", context)

    def post(self, request):
        last_month = _last_month()
        prepared = payouts_prepare(period=last_month, now=timezone.now())
        messages.success(
            request,
            _("%(count)s payouts prepared for %(month)s.")
            % {"count": len(prepared), "month": last_month.strftime("%m/%Y")},
        )
        return redirect("payout:index")


class PaymentIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.captured_cents > instance.refunded_cents and _money_staff(self.request.user):
            buttons.append(
                MenuItem(
                    _("Refund"),
                    url=reverse("payment:refund", args=[quote(instance.pk)]),
                    icon_name="undo",
                    priority=30,
                )
            )
        return buttons


class PaymentViewSet(ModelViewSet):
    model = Payment
    icon = "tag"
    menu_label = gettext_lazy("Payments")
    add_to_admin_menu = True
    menu_order = 910
    index_view_class = PaymentIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["status", "gateway"]
    search_fields = None
    list_display = [
        "reference",
        "practitioner",
        "status",
        Column("amount_cents", label=gettext_lazy("Price (cents)")),
        Column("captured_cents", label=gettext_lazy("Charged (cents)")),
        Column("refunded_cents", label=gettext_lazy("Refunded (cents)")),
        DateColumn("created_at", label=gettext_lazy("Created at")),
    ]
    inspect_view_fields = [
        "reference",
        "booking",
        "practitioner",
        "gateway",
        "status",
        "amount_cents",
        "authorised_cents",
        "captured_cents",
        "refunded_cents",
        "commission_bp",
        "commission_cents",
        "gateway_reference",
        "destination_account",
        "failure_message",
        "created_at",
        "updated_at",
    ]
    form_fields = ["status"]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep] + [
            path("refund/<int:pk>/", RefundView.as_view(), name="refund")
        ]


class PayoutIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Prepare last month's payouts"),
                url=reverse("payout:prepare"),
                icon_name="plus",
            )
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        by_transfer = payout_method(instance) == "transfer"
        if instance.status == Payout.Status.TO_PAY and _money_staff(self.request.user):
            if by_transfer:
                buttons.append(
                    MenuItem(
                        _("Pay by Stripe transfer"),
                        url=reverse("payout:pay_by_transfer", args=[quote(instance.pk)]),
                        icon_name="success",
                        priority=30,
                    )
                )
                return buttons
            buttons.append(
                MenuItem(
                    _("Mark as paid"),
                    url=reverse("payout:mark_paid", args=[quote(instance.pk)]),
                    icon_name="success",
                    priority=30,
                )
            )
        return buttons


class PayoutViewSet(ModelViewSet):
    model = Payout
    icon = "date"
    menu_label = gettext_lazy("Payouts")
    add_to_admin_menu = True
    menu_order = 911
    index_view_class = PayoutIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = ["status", "period"]
    search_fields = None
    list_display = [
        "practitioner",
        "period",
        Column("amount_cents", label=gettext_lazy("Amount (cents)")),
        "status",
        Column("way", label=gettext_lazy("How it is paid"), accessor=_payment_way),
        "reference",
        DateColumn("paid_at", label=gettext_lazy("Paid at")),
    ]
    form_fields = ["reference"]

    def get_urlpatterns(self):
        keep = {"index", "index_results"}
        return [p for p in super().get_urlpatterns() if p.name in keep] + [
            path("paid/<int:pk>/", MarkPaidView.as_view(), name="mark_paid"),
            path("transfer/<int:pk>/", PayByTransferView.as_view(), name="pay_by_transfer"),
            path("prepare/", PrepareView.as_view(), name="prepare"),
        ]


# --- Packages ---------------------------------------------------------------------------------


class PackageOfferViewSet(ModelViewSet):
    model = PackageOffer
    icon = "list-ul"
    menu_label = gettext_lazy("Package offers")
    add_to_admin_menu = True
    menu_order = 912
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", "practitioner", "sessions", "price_cents", "validity_days", "active"]
    list_filter = ["active"]
    search_fields = None
    form_fields = ["name", "practitioner", "sessions", "price_cents", "validity_days", "active"]


class CentrePurchaseForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Patient's email address"))
    offer = forms.ModelChoiceField(
        label=gettext_lazy("Package"), queryset=PackageOffer.objects.filter(active=True)
    )

    def clean_email(self):
        from accounts.models import User

        patient = User.objects.filter(email__iexact=self.cleaned_data["email"]).first()
        if patient is None:
            raise forms.ValidationError(
                _("No account uses this address: the patient signs up first (or books once).")
            )
        self.patient = patient
        return self.cleaned_data["email"]


class CentrePurchaseView(MoneyStaffOnly, View):
    """Staff record a package paid at the physical centre."""

    def render(self, request, form, status=200):
        context = {
            "form": form,
            "title": _("Record a package bought at the centre"),
            "index_url": reverse("package:index"),
            "summary": _(
                "The patient then uses it online when booking; the payment is recorded as taken "
                "at the centre."
            ),
        }
        return TemplateResponse(request, "payments/admin/action.html", context, status=status)

    def get(self, request):
        return self.render(request, CentrePurchaseForm())

    def post(self, request):
        form = CentrePurchaseForm(request.POST)
        if not form.is_valid():
            return self.render(request, form, status=400)
        package_record_at_centre(
            offer=form.cleaned_data["offer"], patient=form.patient, now=timezone.now()
        )
        messages.success(request, _("Package recorded."))
        return redirect("package:index")


class PackageIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        if not _money_staff(self.request.user):
            return []
        return [
            HeaderButton(
                _("Record a package bought at the centre"),
                url=reverse("package:record"),
                icon_name="plus",
            )
        ]


class PackageViewSet(ModelViewSet):
    model = Package
    icon = "tasks"
    menu_label = gettext_lazy("Packages")
    add_to_admin_menu = True
    menu_order = 913
    index_view_class = PackageIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "patient",
        "offer",
        "credits_remaining",
        "sessions_total",
        "source",
        DateColumn("expires_at", label=gettext_lazy("Valid until")),
    ]
    list_filter = ["source"]
    search_fields = None
    form_fields = ["offer"]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep] + [
            path("record/", CentrePurchaseView.as_view(), name="record")
        ]


class PackagePurchaseViewSet(ModelViewSet):
    """Packages bought online, read-only: one still waiting for its card or its bank, or
    refused, is found here (the purchase that made a package is on the package)."""

    model = PackagePurchase
    icon = "tasks"
    menu_label = gettext_lazy("Package purchases")
    add_to_admin_menu = True
    menu_order = 913
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["status", "gateway"]
    search_fields = None
    list_display = [
        "patient",
        "offer",
        Column("amount_cents", label=gettext_lazy("Amount (cents)")),
        "status",
        DateColumn("created_at", label=gettext_lazy("Created at")),
    ]
    form_fields = ["status"]
    # Never the provider's client secret (it lets a browser act on the payment).
    inspect_view_fields = [
        "reference",
        "patient",
        "offer",
        "amount_cents",
        "sessions",
        "currency",
        "status",
        "gateway",
        "gateway_reference",
        "failure_message",
        "created_at",
        "card_sent_at",
        "completed_at",
    ]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep]


# --- Prepaid balance top-ups ----------------------------------------------------------------------


class TopUpRefundView(ActionView):
    """Give (part of) a top-up back to its card: at most what is left of it and unspent."""

    model = TopUp
    form_class = TopUpRefundForm
    title = gettext_lazy("Refund a top-up to the card")
    index_name = "topup:index"

    def summary(self, topup):
        from site_pages.templatetags.khepri_tags import cents

        return _(
            "Top-up of %(amount)s, refunded so far %(refunded)s. The patient's unspent balance "
            "allows giving back at most %(refundable)s."
        ) % {
            "amount": cents(topup.amount_cents),
            "refunded": cents(topup.refunded_cents),
            "refundable": cents(topup_refundable_cents(topup)),
        }

    def initial(self, topup):
        from site_pages.templatetags.khepri_tags import cents_number

        return {
            "amount": cents_number(topup_refundable_cents(topup)),
            "request_key": uuid.uuid4().hex,
        }

    def act(self, topup, form):
        from site_pages.templatetags.khepri_tags import cents

        topup_refund(
            topup=topup,
            amount_cents=form.cents,
            request_key=form.cleaned_data["request_key"],
            now=timezone.now(),
        )
        return _("%(amount)s given back to the patient's card.") % {"amount": cents(form.cents)}


class TopUpIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if (
            instance.status == TopUp.Status.PAID
            and instance.refunded_cents < instance.amount_cents
            and _money_staff(self.request.user)
        ):
            buttons.append(
                MenuItem(
                    _("Refund to the card"),
                    url=reverse("topup:refund", args=[quote(instance.pk)]),
                    icon_name="undo",
                    priority=30,
                )
            )
        return buttons


class TopUpViewSet(ModelViewSet):
    model = TopUp
    icon = "plus-inverse"
    menu_label = gettext_lazy("Balance top-ups")
    add_to_admin_menu = True
    menu_order = 914
    index_view_class = TopUpIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["status"]
    search_fields = None
    list_display = [
        "patient",
        Column("amount_cents", label=gettext_lazy("Amount (cents)")),
        Column("refunded_cents", label=gettext_lazy("Refunded (cents)")),
        "status",
        DateColumn("created_at", label=gettext_lazy("Created at")),
    ]
    form_fields = ["status"]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep] + [
            path("refund/<int:pk>/", TopUpRefundView.as_view(), name="refund")
        ]


# --- Connected accounts (Stripe Connect) -------------------------------------------------------


def _account_state(account) -> str:
    from payments.connect import account_status

    return {
        "ready": _("Ready"),
        "incomplete": _("Information missing"),
        "restricted": _("Restricted"),
    }[account_status(account)]


class ConnectedAccountViewSet(ModelViewSet):
    """Read-only: practitioners open and fill in their account themselves; its state comes
    from Stripe."""

    model = ConnectedAccount
    icon = "user"
    menu_label = gettext_lazy("Payment accounts")
    add_to_admin_menu = True
    menu_order = 915
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["transfers_enabled", "gateway"]
    search_fields = None
    list_display = [
        "practitioner",
        "reference",
        Column("state", label=gettext_lazy("State"), accessor=_account_state),
        "gateway",
        DateColumn("updated_at", label=gettext_lazy("Read from Stripe at")),
    ]
    form_fields = ["reference"]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep]
