#!/usr/bin/env bash
# Extract and compile the gettext catalogues. Each app keeps its own catalogue in
# <app>/locale (its Python code and its own templates); the project catalogue in locale/
# covers khepri/ and the shared templates/.
set -euo pipefail
cd "$(dirname "$0")/.."
DJANGO_ADMIN="$(pwd)/.venv/bin/django-admin"
export DJANGO_SETTINGS_MODULE=khepri.settings.dev PYTHONPATH="$(pwd)"
APPS="site_pages therapies practitioners bookings payments invoices accounts pools employers widget"
for app in $APPS; do
  mkdir -p "$app/locale"
  (cd "$app" && "$DJANGO_ADMIN" makemessages -l fr -l en --no-obsolete --no-location >/dev/null)
  if ls "$app"/static/*/js/*.js >/dev/null 2>&1; then
    (cd "$app" && "$DJANGO_ADMIN" makemessages -d djangojs -l fr -l en --no-obsolete --no-location >/dev/null)
  fi
done
ignores=()
for app in $APPS; do ignores+=(--ignore="$app/*"); done
"$DJANGO_ADMIN" makemessages -l fr -l en --no-obsolete --no-location --ignore=.venv --ignore=var \
  --ignore=tests --ignore=benchmarks "${ignores[@]}" >/dev/null
.venv/bin/python manage.py compilemessages --ignore=.venv >/dev/null
echo "Catalogues updated. Untranslated French entries:"
for po in locale/fr/LC_MESSAGES/*.po */locale/fr/LC_MESSAGES/*.po; do
  [ -f "$po" ] || continue
  n=$(.venv/bin/python -c "import polib,sys; print(len(polib.pofile(sys.argv[1]).untranslated_entries()))" "$po")
  echo "  $po: $n"
done
