"""The outbox in the Wagtail admin (see `notifications.admin_views`)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from notifications.admin_views import OutboundMessagePermissionPolicy, OutboundMessageViewSet
from notifications.models import OutboundMessage

register_permission_policy(OutboundMessage, OutboundMessagePermissionPolicy(OutboundMessage))


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboundMessageViewSet("outboundmessage")
