#!/usr/bin/env bash
# Set up (first time) and run the dashboard: bash scripts/run.sh  -> http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
exec .venv/bin/python -m streamlit run dashboard/app.py "$@"
