"""Invoicing documents in the Wagtail admin (see `invoices.admin_views`)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from invoices.admin_views import DocumentViewSet
from invoices.models import Document
from khepri.admin_policies import ReadOnlyPermissionPolicy

register_permission_policy(Document, ReadOnlyPermissionPolicy(Document))


@hooks.register("register_admin_viewset")
def register_documents_viewset():
    return DocumentViewSet("invoicing_document")
