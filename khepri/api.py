"""The JSON API (django-ninja) under /api/v1/.

Each app that exposes endpoints has an `api.py` with a `router`; they are mounted here in a
fixed order so the OpenAPI document is stable.
"""

from importlib import import_module

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

API_APPS = ["practitioners", "bookings", "payments", "invoices", "accounts"]

api = NinjaAPI(
    title="Khepri API",
    version="1",
    description=str(_("Availability and booking API of Khepri.")),
    urls_namespace="api-v1",
)


def _mount_routers() -> None:
    for app in API_APPS:
        try:
            module = import_module(f"{app}.api")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.api":
                raise
            continue
        api.add_router("/", module.router)


_mount_routers()
