from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _reinstall_overlap_guard(sender, using, **kwargs):
    """SQLite drops triggers when a migration rebuilds a table: put the guard back."""
    from django.db import connections

    from bookings.overlap_guard import install

    connection = connections[using]
    if "bookings_booking" in connection.introspection.table_names():
        install(connection)


class BookingsConfig(AppConfig):
    name = "bookings"
    verbose_name = _("Bookings")

    def ready(self):
        post_migrate.connect(_reinstall_overlap_guard, sender=self)
        from bookings import messages  # noqa: F401 - registers the booking messages
