from django.urls import path

from employers import views

app_name = "employers"
urlpatterns = [
    path("account/employer/", views.my_programme, name="mine"),
    path("company/", views.hr_home, name="hr_home"),
    path("company/<int:pk>/", views.hr_dashboard, name="hr_dashboard"),
    path(
        "company/<int:pk>/invoices/<int:document_pk>/<str:language>.pdf",
        views.hr_invoice_pdf,
        name="hr_invoice_pdf",
    ),
]
