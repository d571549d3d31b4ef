#!/usr/bin/env bash
# Every benchmark under benchmarks/, each printing its own figures.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
for bench in benchmarks/bench_*.py; do
  echo "== $bench"
  .venv/bin/python "$bench"
done
