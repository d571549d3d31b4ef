"""Periodic background jobs, run by the task worker — no cron to remember.

An app declares a periodic job in its `tasks.py` by putting `@every(...)` above a
django-tasks `@task()`::

    @every(minutes=15)
    @task()
    def refresh_external_calendars(): ...

`manage.py run_worker` (what `make run` starts) runs the database task worker and, in the
same process, a scheduler that enqueues each periodic job when it is due. Run the scheduler
in one process only (extra workers: `run_worker --no-scheduler`); the jobs themselves must be
idempotent, since a restart may run one early.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class PeriodicJob:
    task: object  # django_tasks.Task
    interval: timedelta

    @property
    def name(self) -> str:
        return self.task.module_path


_registry: dict[str, PeriodicJob] = {}


def every(*, seconds: int = 0, minutes: int = 0, hours: int = 0):
    interval = timedelta(seconds=seconds, minutes=minutes, hours=hours)
    if interval <= timedelta(0):
        raise ValueError("A periodic job needs a positive interval.")

    def register(task):
        job = PeriodicJob(task=task, interval=interval)
        _registry[job.name] = job
        return task

    return register


def periodic_jobs() -> list[PeriodicJob]:
    """Every registered job, after importing each installed app's `tasks` module."""
    autodiscover_modules("tasks")
    return sorted(_registry.values(), key=lambda job: job.name)


def due_jobs(
    *, jobs: list[PeriodicJob], last_run: dict[str, datetime], now: datetime
) -> list[PeriodicJob]:
    """Jobs never run by this scheduler, or whose interval has elapsed since their last run."""
    return [
        job for job in jobs if job.name not in last_run or now - last_run[job.name] >= job.interval
    ]
