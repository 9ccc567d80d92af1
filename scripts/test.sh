#!/usr/bin/env bash
# Set up (first time) and run every test: bash scripts/test.sh [pytest args]
# Installs the Python packages into .venv and Debian's chromium (for browser tests) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

bash scripts/ensure_chromium.sh

if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt

echo "== validating the curated tables"
.venv/bin/python dashboard/validate.py
echo "== running the tests"
exec .venv/bin/python -m pytest "$@"
