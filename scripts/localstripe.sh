#!/usr/bin/env bash
# localstripe (a fake Stripe server, for the Stripe gateway's tests) in its own venv under var/:
# its dependencies clash with the project's. Installs it when missing, then prints the path of
# its executable. Exits non-zero when it cannot be installed: the tests then fail, never skip.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.15.10
VENV=var/localstripe-venv
PYTHON=${PYTHON:-python3}
mkdir -p var
if [ ! -f "$VENV/.installed-$VERSION" ]; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "localstripe==$VERSION" >&2
  touch "$VENV/.installed-$VERSION"
fi
test -x "$VENV/bin/localstripe"
echo "$(pwd)/$VENV/bin/localstripe"
