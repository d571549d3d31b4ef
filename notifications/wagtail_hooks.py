"""The outbox and the message templates in the Wagtail admin (`notifications.admin_views`,
`notifications.template_admin`)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from notifications.admin_views import OutboundMessagePermissionPolicy, OutboundMessageViewSet
from notifications.models import OutboundMessage
from notifications.template_admin import MessageTemplateViewSet

register_permission_policy(OutboundMessage, OutboundMessagePermissionPolicy(OutboundMessage))


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboundMessageViewSet("outboundmessage")


register_snippet(MessageTemplateViewSet)
