#!/usr/bin/env bash
# Set up (first time) and run the tests:
#   bash scripts/test.sh [pytest args]         the default suite (what CI runs), on 2 workers
#   bash scripts/test.sh --all [pytest args]   also the long soaks marked `slow` (thousands of links
#                                              through AppTest, 20 browser sessions at once)
# Installs the Python packages into .venv and Debian's chromium (for browser tests) when missing.
# TEST_WORKERS=1 runs in one process (no pytest-xdist); the default is 2 (this machine's cores).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
WORKERS=${TEST_WORKERS:-2}

args=()
for arg in "$@"; do
  if [[ "$arg" == "--all" ]]; then
    args+=(-m "slow or not slow")   # overrides the `-m "not slow"` in pyproject.toml
  else
    args+=("$arg")
  fi
done
if [[ "$WORKERS" != "1" ]]; then
  args=(-n "$WORKERS" --dist worksteal "${args[@]}")  # browser tests start one server per worker
fi

bash scripts/ensure_chromium.sh

if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt

echo "== validating the curated tables"
.venv/bin/python dashboard/validate.py
echo "== running the tests"
exec .venv/bin/python -m pytest "${args[@]}"
