"""Load the demo site: content tree in French and English, demo accounts, practitioners...

Idempotent: running it again updates what it created and keeps everything else.
Refused where `KHEPRI_ALLOW_DEMO` is false (production).
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

#: Each app that contributes demo data has a `demo` module with `load(*, stdout)`;
#: they run in dependency order.
DEMO_MODULES = [
    "accounts.demo",
    "site_pages.demo",
    "therapies.demo",
    "practitioners.demo",
    "site_pages.demo_navigation",
    "bookings.demo",
    "pools.demo",
    "payments.demo",
    "employers.demo",
    "invoices.demo",
]


def refresh_planner_statistics() -> None:
    """PostgreSQL plans from table statistics; after a bulk load they still describe empty
    tables, and wagtail-localize's deletes of old segments turn into quadratic nested loops
    (minutes per page). ANALYZE is cheap on tables this size and allowed in a transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = "Load (or refresh) the demo content and demo accounts."

    def handle(self, *args, **options):
        if not settings.KHEPRI_ALLOW_DEMO:
            raise CommandError("Demo data is disabled by settings (KHEPRI_ALLOW_DEMO is false).")
        for module_name in DEMO_MODULES:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            self.stdout.write(f"Demo: {module_name}")
            module.load(stdout=self.stdout)
            refresh_planner_statistics()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
