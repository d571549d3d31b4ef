from django.urls import path

from widget import views

app_name = "widget"
urlpatterns = [
    # The frame's pages (embeddable): the flow of one hold (its token has a ":", so it never
    # reads as a kind and slug), then the booking pages by kind.
    path("widget/flow/<str:token>/", views.checkout, name="checkout"),
    path("widget/flow/<str:token>/confirm/", views.confirm, name="confirm"),
    path("widget/flow/<str:token>/release/", views.release, name="release"),
    path("widget/flow/<str:token>/done/", views.done, name="done"),
    path("widget/<slug:kind>/<slug:slug>/", views.entry, name="entry"),
    path("widget/<slug:kind>/<slug:slug>/hold/", views.hold, name="hold"),
    # The practitioner's own settings page (not embeddable).
    path("pro/widget/", views.widget_settings, name="settings"),
]
