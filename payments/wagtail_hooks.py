"""Payments and payouts in the Wagtail admin (see `payments.admin_views`)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from khepri.admin_policies import ReadOnlyPermissionPolicy
from payments.admin_views import (
    ConnectedAccountViewSet,
    PackageOfferViewSet,
    PackagePurchaseViewSet,
    PackageViewSet,
    PaymentViewSet,
    PayoutViewSet,
    TopUpViewSet,
)
from payments.models import ConnectedAccount, Package, PackagePurchase, Payment, Payout, TopUp

register_permission_policy(Payment, ReadOnlyPermissionPolicy(Payment))
register_permission_policy(Payout, ReadOnlyPermissionPolicy(Payout))
register_permission_policy(Package, ReadOnlyPermissionPolicy(Package))
register_permission_policy(TopUp, ReadOnlyPermissionPolicy(TopUp))
register_permission_policy(ConnectedAccount, ReadOnlyPermissionPolicy(ConnectedAccount))
register_permission_policy(PackagePurchase, ReadOnlyPermissionPolicy(PackagePurchase))


@hooks.register("register_admin_viewset")
def register_payments_viewset():
    return PaymentViewSet("payment")


@hooks.register("register_admin_viewset")
def register_payouts_viewset():
    return PayoutViewSet("payout")


@hooks.register("register_admin_viewset")
def register_package_offers_viewset():
    return PackageOfferViewSet("packageoffer")


@hooks.register("register_admin_viewset")
def register_packages_viewset():
    return PackageViewSet("package")


@hooks.register("register_admin_viewset")
def register_package_purchases_viewset():
    return PackagePurchaseViewSet("packagepurchase")


@hooks.register("register_admin_viewset")
def register_topups_viewset():
    return TopUpViewSet("topup")


@hooks.register("register_admin_viewset")
def register_connected_accounts_viewset():
    return ConnectedAccountViewSet("connectedaccount")
