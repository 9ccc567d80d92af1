#!/usr/bin/env bash
# Set up (first time) and run the dashboard: bash scripts/run.sh  -> http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
bash scripts/ensure_chromium.sh || echo "WARNING: without chromium the dashboard runs, but PNG/SVG exports are unavailable" >&2
if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
exec .venv/bin/python -m streamlit run dashboard/app.py "$@"
