from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolsConfig(AppConfig):
    name = "pools"
    verbose_name = _("Pooled services")

    def ready(self):
        from pools import messages  # noqa: F401 - registers the reassignment messages
        from pools.widget import ServiceWidgetKind
        from widget import kinds

        kinds.register("service", ServiceWidgetKind())
