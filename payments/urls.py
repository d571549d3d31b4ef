from django.urls import path

from payments import balance_views, card_views, connect_views, views

app_name = "payments"
urlpatterns = [
    path("book/<slug:slug>/packages/", views.packages_page, name="packages"),
    path("account/packages/", views.my_packages, name="my_packages"),
    path(
        "account/packages/purchase/<uuid:reference>/",
        views.package_purchase,
        name="package_purchase",
    ),
    path(
        "account/packages/purchase/<uuid:reference>/done/",
        views.package_purchase_done,
        name="package_purchase_done",
    ),
    path("account/balance/", balance_views.my_balance, name="my_balance"),
    path("account/balance/top-up/<uuid:reference>/", balance_views.topup_done, name="topup_done"),
    path("account/cards/", card_views.my_cards, name="my_cards"),
    path("account/cards/added/", card_views.my_card_added, name="my_card_added"),
    path("account/cards/<int:card_id>/remove/", card_views.my_card_remove, name="my_card_remove"),
    path("appointments/<str:token>/card/", card_views.booking_card, name="booking_card"),
    path("pro/earnings/", views.earnings, name="earnings"),
    path("pro/earnings/<int:year>-<int:month>.csv", views.earnings_csv, name="earnings_csv"),
    path("pro/payments-account/", connect_views.payments_account, name="payments_account"),
    path(
        "pro/payments-account/continue/",
        connect_views.payments_account_continue,
        name="payments_account_continue",
    ),
    path(
        "pro/payments-account/test-onboarding/",
        connect_views.payments_account_test_onboarding,
        name="payments_account_test_onboarding",
    ),
]
