import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from khepri.periodic import due_jobs, periodic_jobs


class Command(BaseCommand):
    help = "Run the background task worker, with the scheduler of periodic jobs."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Only run tasks; another process schedules."
        )
        parser.add_argument("--interval", type=float, default=1.0, help="Polling interval (s).")

    def handle(self, *args, no_scheduler=False, interval=1.0, **options):
        if not no_scheduler:
            thread = threading.Thread(target=self.schedule_forever, name="scheduler", daemon=True)
            thread.start()
        call_command("db_worker", interval=interval)

    def schedule_forever(self, tick: float = 5.0) -> None:
        jobs = periodic_jobs()
        self.stdout.write(
            f"Scheduler: {len(jobs)} periodic job(s): " + ", ".join(j.name for j in jobs)
        )
        last_run = {}
        while True:
            now = timezone.now()
            for job in due_jobs(jobs=jobs, last_run=last_run, now=now):
                try:
                    job.task.enqueue()
                    last_run[job.name] = now
                except Exception as error:  # a bad job must not stop the others
                    self.stderr.write(f"Scheduler: could not enqueue {job.name}: {error!r}")
            close_old_connections()
            time.sleep(tick)
