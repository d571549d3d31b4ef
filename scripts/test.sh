#!/usr/bin/env bash
# The whole suite: checks, then pytest on SQLite, then again on a throwaway PostgreSQL
# cluster when PostgreSQL's server binaries are installed. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=khepri.settings.test
export DJANGO_ALLOW_ASYNC_UNSAFE=true  # Playwright's sync API inside live-server tests
export PYTHONDONTWRITEBYTECODE=1
mkdir -p var
status=0

bash scripts/system-deps.sh || status=1
bash scripts/localstripe.sh >/dev/null || status=1  # the fake Stripe server, own venv
$PY manage.py compilemessages --ignore=.venv >/dev/null || status=1
.venv/bin/ruff check . || status=1
.venv/bin/ruff format --check . >/dev/null || { echo "ruff format: files need formatting"; status=1; }

echo "== pytest on SQLite"
$PY -m pytest "$@" || status=1

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ]; then
  echo "== pytest on PostgreSQL ($PG_BIN)"
  source scripts/pg-cluster.sh
  if pg_cluster_start "$PG_BIN"; then
    DATABASE_URL="$PG_URL" KHEPRI_EXPECT_DB=postgresql $PY -m pytest "$@" || status=1
  else
    echo "Could not start a PostgreSQL cluster"; status=1
  fi
  pg_cluster_stop
else
  echo "== PostgreSQL binaries not found: the PostgreSQL run is skipped (CI installs them)"
fi

if [ $status -eq 0 ]; then echo "ALL GREEN"; else echo "FAILURES (see above)"; fi
exit $status
