from django.urls import path, register_converter

from invoices import views


class LanguageConverter:
    regex = "fr|en"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(LanguageConverter, "lang")

app_name = "invoices"
urlpatterns = [
    path("account/fee-notes/", views.my_documents, name="my_documents"),
    path(
        "account/fee-notes/<int:pk>/<lang:language>.pdf",
        views.my_document_pdf,
        name="my_document_pdf",
    ),
    path(
        "account/fee-notes/<int:year>/recap-<lang:language>.pdf",
        views.my_recap_pdf,
        name="my_recap_pdf",
    ),
    path("pro/fee-notes/", views.pro_documents, name="pro_documents"),
    path(
        "pro/fee-notes/<int:pk>/<lang:language>.pdf",
        views.pro_document_pdf,
        name="pro_document_pdf",
    ),
    path(
        "pro/fee-notes/statement-<int:year>-<int:month>-<lang:language>.pdf",
        views.pro_statement_pdf,
        name="pro_statement_pdf",
    ),
    path("pro/billing-details/", views.billing_details, name="billing_details"),
]
