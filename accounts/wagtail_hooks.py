"""Staff's way to erase an account in the Wagtail admin: a button on each row of the user
listing, a confirmation page, and the log entry it writes."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from accounts.admin_views import AccountEraseView, staff_may_erase


@hooks.register("register_admin_urls")
def register_erase_urls():
    return [
        path("accounts/<int:user_id>/erase/", AccountEraseView.as_view(), name="accounts_erase")
    ]


@hooks.register("register_user_listing_buttons")
def user_erase_button(user, request_user):
    if user.erased_at is None and user.pk != request_user.pk and staff_may_erase(request_user):
        yield ListingButton(
            _("Erase personal data"),
            reverse("accounts_erase", args=[user.pk]),
            priority=90,
            icon_name="bin",
        )


@hooks.register("register_log_actions")
def register_erase_log_action(actions):
    actions.register_action(
        "khepri.account.erase", _("Personal data erased"), _("Personal data erased")
    )
