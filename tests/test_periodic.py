from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import task

from khepri.periodic import PeriodicJob, due_jobs, every, periodic_jobs

CALLS = []


@task()
def _record_call():
    CALLS.append("ran")


def test_due_jobs_respects_each_interval():
    now = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    fast = PeriodicJob(task=_record_call, interval=timedelta(minutes=1))
    slow = PeriodicJob(task=type("T", (), {"module_path": "slow"})(), interval=timedelta(hours=1))
    last_run = {fast.name: now - timedelta(seconds=61), "slow": now - timedelta(minutes=10)}

    assert due_jobs(jobs=[fast, slow], last_run=last_run, now=now) == [fast]
    assert due_jobs(jobs=[fast, slow], last_run={}, now=now) == [fast, slow]


def test_every_refuses_a_zero_interval():
    with pytest.raises(ValueError):
        every(minutes=0)


def test_periodic_jobs_discovers_registered_tasks():
    every(minutes=5)(_record_call)

    assert any(job.task is _record_call for job in periodic_jobs())


@pytest.mark.django_db(transaction=True)
def test_an_enqueued_periodic_job_is_run_by_the_database_worker():
    CALLS.clear()
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        result = _record_call.enqueue()
        call_command("db_worker", batch=True, interval=0, verbosity=0)
        result.refresh()

    assert CALLS == ["ran"]
    assert result.status.name == "SUCCESSFUL"


@pytest.mark.django_db
def test_database_statistics_are_refreshed_periodically():
    from django.db import connection

    from khepri.periodic import periodic_jobs
    from khepri.tasks import database_optimize

    assert "khepri.tasks.database_optimize" in {job.name for job in periodic_jobs()}
    expected = "optimized" if connection.vendor == "sqlite" else "skipped"
    assert database_optimize.call() == expected
