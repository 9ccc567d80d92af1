#!/usr/bin/env bash
# Set up (first time) and run every test: bash scripts/test.sh [pytest args]
# Installs the Python packages into .venv and Debian's chromium (for browser tests) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium for the browser tests"
  if [[ $(id -u) -eq 0 ]]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ERROR: chromium is missing and this user cannot run apt-get; install it: apt-get install chromium" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi
command -v chromium >/dev/null 2>&1 || { echo "ERROR: chromium is still missing after apt-get" >&2; exit 1; }

if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt

echo "== validating the curated tables"
.venv/bin/python dashboard/validate.py
echo "== running the tests"
exec .venv/bin/python -m pytest "$@"
