"""Project-wide periodic jobs."""

from django.db import connection
from django_tasks import task

from khepri.periodic import every


@every(hours=6)
@task()
def database_optimize() -> str:
    """Keep the query planner's statistics fresh on SQLite (`PRAGMA optimize` runs ANALYZE
    only where tables changed enough). PostgreSQL's autovacuum does this on its own."""
    if connection.vendor != "sqlite":
        return "skipped"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize")
    return "optimized"
