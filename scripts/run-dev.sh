#!/usr/bin/env bash
# Runs the demo site: migrate, load demo content, start the task worker and the web server.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-${PORT:-8000}}"
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-khepri.settings.dev}"
mkdir -p var
$PY manage.py migrate --no-input
$PY manage.py compilemessages --ignore=.venv >/dev/null
$PY manage.py load_demo
$PY manage.py demo_logins
$PY manage.py run_worker --interval 1 > var/worker.log 2>&1 &
WORKER_PID=$!
trap 'kill $WORKER_PID 2>/dev/null || true' EXIT INT TERM
echo "Background task worker started (pid $WORKER_PID, log: var/worker.log)."
echo "Khepri runs at http://127.0.0.1:${PORT}/ (English: http://127.0.0.1:${PORT}/en/) — Ctrl+C to stop."
$PY manage.py runserver "127.0.0.1:${PORT}"
