"""Invoicing documents in the Wagtail admin (see `invoices.admin_views`), and the company
invoices with the payments staff record on them."""

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from invoices.admin_views import DocumentViewSet
from invoices.models import Document
from khepri.admin_policies import ReadOnlyPermissionPolicy

register_permission_policy(Document, ReadOnlyPermissionPolicy(Document))


@hooks.register("register_admin_viewset")
def register_documents_viewset():
    return DocumentViewSet("invoicing_document")


class CompanyInvoicesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("invoices.view_document")


@hooks.register("register_admin_menu_item")
def register_company_invoices_menu_item():
    return CompanyInvoicesMenuItem(
        _("Company invoices"),
        reverse("invoicing_document:company_invoices"),
        name="company-invoices",
        icon_name="group",
        order=913,
    )


@hooks.register("register_permissions")
def register_company_payment_permission():
    """Recording (and reversing) a company's payment is a permission of its own, given to the
    groups that keep the books."""
    return Permission.objects.filter(
        content_type__app_label="invoices", codename="add_companypayment"
    )
