"""Payments and payouts in the Wagtail admin (see `payments.admin_views`)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from payments.admin_views import PaymentViewSet, PayoutViewSet, ReadOnlyPolicy
from payments.models import Payment, Payout

register_permission_policy(Payment, ReadOnlyPolicy(Payment))
register_permission_policy(Payout, ReadOnlyPolicy(Payout))


@hooks.register("register_admin_viewset")
def register_payments_viewset():
    return PaymentViewSet("payment")


@hooks.register("register_admin_viewset")
def register_payouts_viewset():
    return PayoutViewSet("payout")
