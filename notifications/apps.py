from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from notifications import (
            checks,  # noqa: F401 - registers the system checks
            tracking,  # noqa: F401 - listens to the providers' reports
        )
