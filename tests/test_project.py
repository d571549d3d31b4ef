"""Project-wide guarantees: checks, migrations, health, error pages, production settings."""

import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_migrations_are_committed():
    out = StringIO()
    call_command("makemigrations", check=True, dry_run=True, stdout=out)


@pytest.mark.django_db
def test_the_suite_runs_on_the_expected_database():
    expected = os.environ.get("KHEPRI_EXPECT_DB")
    if expected:
        assert connection.vendor == expected
    else:
        assert connection.vendor == "sqlite"


@pytest.mark.django_db
def test_sqlite_is_tuned_for_concurrent_writers():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-specific settings")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0].lower() == "wal"
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": connection.vendor}


@pytest.mark.django_db
def test_unknown_page_gets_the_styled_404(client, home):
    response = client.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assert "Cette page est introuvable" in response.content.decode()


def test_500_page_renders_without_request_context(rf):
    from khepri.views import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert b"tel:3114" in response.content


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "khepri.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "khepri.example",
        "SQLITE_PATH": str(tmp_path / "deploy.sqlite3"),
        "BREVO_API_KEY": "a-key-for-the-check",  # email and SMS provider (never called here)
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for Playwright in tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_a_missing_secret(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "khepri.settings.production", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_site_never_calls_the_internet_from_the_admin(settings):
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
