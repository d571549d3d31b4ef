from django.urls import path

from pools import views

app_name = "pools"
urlpatterns = [
    path("services/<slug:slug>/", views.service_week, name="service_week"),
    path("services/<slug:slug>/book/", views.service_book, name="service_book"),
    path("pro/services/", views.services_list, name="services"),
    path("pro/services/<slug:slug>/", views.service_bookings, name="service_bookings"),
    path(
        "pro/services/<slug:slug>/bookings/<int:booking_id>/reassign/",
        views.service_reassign,
        name="service_reassign",
    ),
]
