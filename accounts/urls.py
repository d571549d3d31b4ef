from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("account/profile/", views.profile, name="profile"),
    path("account/data/", views.my_data, name="my_data"),
    path("account/data/download.json", views.my_data_download, name="my_data_download"),
    path("account/data/delete/", views.account_delete, name="account_delete"),
    path("account/deleted/", views.goodbye, name="goodbye"),
]
