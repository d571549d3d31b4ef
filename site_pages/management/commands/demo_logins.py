from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.demo import demo_logins


class Command(BaseCommand):
    help = "Print the demo accounts (development only)."

    def handle(self, *args, **options):
        if not settings.KHEPRI_ALLOW_DEMO:
            return
        self.stdout.write("\nDemo logins (development only):")
        for role, email, password in demo_logins():
            self.stdout.write(f"  {role:<13} {email:<34} {password}")
        self.stdout.write("  Wagtail admin: http://127.0.0.1:8000/admin/\n")
