from django.urls import path

from site_pages import views

app_name = "site_pages"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        views.newsletter_unsubscribe,
        name="newsletter_unsubscribe",
    ),
]
