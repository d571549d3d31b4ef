"""Background jobs of the site pages, run by the task worker."""

from django.core.management import call_command
from django_tasks import task

from khepri.periodic import every


@every(minutes=1)
@task()
def publish_scheduled_pages() -> None:
    """Publish pages (and snippets) whose go-live time has come, unpublish expired ones.

    Wagtail's own command does the work; it is idempotent, so an early run is harmless.
    """
    call_command("publish_scheduled", verbosity=0)
