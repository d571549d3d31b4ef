"""The outbox in the Wagtail admin: a read-only listing for staff, and "resend".

Discretion: the listing and the detail show who a message went to, what it was about (its
kind), and what happened to it; never its body, which may tell of someone's care.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from khepri.admin_policies import ReadOnlyPermissionPolicy
from notifications.models import OutboundMessage
from notifications.services import MessageError, message_resend

RESENDABLE = (OutboundMessage.Status.SENT, OutboundMessage.Status.FAILED)


def can_resend(user) -> bool:
    return user.has_perm("notifications.change_outboundmessage")


class OutboundMessagePermissionPolicy(ReadOnlyPermissionPolicy):
    """Read-only: messages are written by the platform and never edited or deleted by hand
    (a message to send again is a new one, see `message_resend`)."""


class OutboundMessageIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status in RESENDABLE and can_resend(self.request.user):
            buttons.append(
                MenuItem(
                    _("Resend"),
                    url=reverse("outboundmessage:resend", args=[quote(instance.pk)]),
                    icon_name="redo",
                    priority=30,
                )
            )
        return buttons


class OutboundMessageInspectView(InspectView):
    @cached_property
    def header_buttons(self):
        buttons = []
        if self.object.status in RESENDABLE and can_resend(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Resend"),
                    url=reverse("outboundmessage:resend", args=[quote(self.object.pk)]),
                    icon_name="redo",
                    priority=20,
                )
            )
        return buttons


class ResendView(View):
    """GET asks for confirmation; POST queues a copy of the message."""

    template_name = "notifications/admin/resend_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_resend(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        message = get_object_or_404(OutboundMessage, pk=pk)
        return TemplateResponse(
            request,
            self.template_name,
            {"message": message, "index_url": reverse("outboundmessage:index")},
        )

    def post(self, request, pk):
        get_object_or_404(OutboundMessage, pk=pk)
        try:
            copy = message_resend(message_id=pk)
        except MessageError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The message to %(to)s is queued again (message %(id)s).")
                % {"to": copy.to, "id": copy.pk},
            )
        return redirect("outboundmessage:index")


class OutboundMessageViewSet(ModelViewSet):
    model = OutboundMessage
    icon = "mail"
    menu_label = gettext_lazy("Outbox")
    add_to_settings_menu = False
    add_to_admin_menu = True
    menu_order = 900
    index_view_class = OutboundMessageIndexView
    inspect_view_class = OutboundMessageInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["status", "delivery_event", "channel", "kind"]
    search_fields = None
    list_display = [
        "to",
        "kind",
        "channel",
        "status",
        "delivery_event",
        "attempts",
        Column("last_error", label=gettext_lazy("Last error")),
        DateColumn("sent_at", label=gettext_lazy("Sent at")),
        DateColumn("created_at", label=gettext_lazy("Created at")),
    ]
    #: Never the body or the attachments: see the module's docstring.
    inspect_view_fields = [
        "channel",
        "to",
        "language",
        "kind",
        "subject",
        "booking",
        "resent_from",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "provider_message_id",
        "sent_at",
        "delivery_event",
        "delivery_event_at",
        "delivery_detail",
        "created_at",
    ]
    # Required by ModelViewSet; the policy above refuses every add or edit.
    form_fields = ["to"]

    def get_urlpatterns(self):
        from django.urls import path

        keep = {"index", "index_results", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in keep] + [
            path("resend/<int:pk>/", ResendView.as_view(), name="resend")
        ]
