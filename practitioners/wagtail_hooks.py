"""The staff's review queue in the Wagtail admin: a menu item, its URLs, the permission it
needs in the group editor, and the names of the log entries the onboarding writes.

Access: Wagtail requires `wagtailadmin.access_admin` for every admin URL; the queue then
requires `practitioners.change_practitioner` (see `onboarding.reviewer_allowed`). Superusers
hold every permission; give it to the "Moderators" group (Settings → Groups, "Practitioner:
Can change practitioner") so that moderators review practitioners as they review pages.
"""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from practitioners import onboarding, onboarding_views


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return onboarding.reviewer_allowed(user=request.user)


@hooks.register("register_admin_urls")
def register_review_urls():
    urls = [
        path("", onboarding_views.ReviewQueueView.as_view(), name="queue"),
        path(
            "<int:practitioner_id>/approve/",
            onboarding_views.ReviewApproveView.as_view(),
            name="approve",
        ),
        path(
            "<int:practitioner_id>/send-back/",
            onboarding_views.ReviewSendBackView.as_view(),
            name="send_back",
        ),
        path(
            "credentials/<int:credential_id>/",
            onboarding_views.credential_download,
            name="credential",
        ),
    ]
    return [
        path(
            "practitioner-reviews/",
            include((urls, "practitioner_reviews"), namespace="practitioner_reviews"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        _("Practitioner reviews"),
        reverse("practitioner_reviews:queue"),
        name="practitioner-reviews",
        icon_name="user",
        order=250,
    )


@hooks.register("register_permissions")
def register_review_permission():
    return Permission.objects.filter(
        content_type__app_label="practitioners", codename="change_practitioner"
    )


@hooks.register("register_log_actions")
def register_onboarding_log_actions(actions):
    actions.register_action(
        "khepri.practitioner.signup", _("Practitioner signup"), _("Signed up as a practitioner")
    )
    actions.register_action(
        "khepri.practitioner.guide", _("Guide acknowledged"), _("Acknowledged the guide")
    )
    actions.register_action(
        "khepri.practitioner.submit", _("Submit for review"), _("Submitted for review")
    )
    actions.register_action(
        "khepri.practitioner.approve", _("Approve practitioner"), _("Practitioner approved")
    )
    actions.register_action(
        "khepri.practitioner.send_back", _("Send back for changes"), _("Sent back for changes")
    )
    actions.register_action("khepri.practitioner.pause", _("Pause listing"), _("Listing paused"))
    actions.register_action("khepri.practitioner.resume", _("Resume listing"), _("Listing resumed"))
