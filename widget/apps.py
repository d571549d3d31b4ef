from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WidgetConfig(AppConfig):
    name = "widget"
    verbose_name = _("Booking widget")
