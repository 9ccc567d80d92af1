#!/usr/bin/env bash
# Set up (first time) and run the dashboard: bash scripts/run.sh  -> http://localhost:8501
#   bash scripts/run.sh [streamlit flags]                        a reader's server
#   DASHBOARD_CURATOR=1 bash scripts/run.sh [streamlit flags]    the curator's server: on 127.0.0.1
#       unless --server.address is given, uploads of up to 20 MB, sign-in with the curator token
# Both run dashboard/server.py (app.py behind the middleware of dashboard/web); docs/production.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
bash scripts/ensure_chromium.sh || echo "WARNING: without chromium the dashboard runs, but PNG/SVG exports are unavailable" >&2
if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt

args=("$@")
curator=0
case "${DASHBOARD_CURATOR:-}" in
  1|[Tt][Rr][Uu][Ee]|[Yy][Ee][Ss]|[Oo][Nn]) curator=1 ;;  # as core/curation/mode.py reads it
esac
for arg in "$@"; do [[ "$arg" == "--curator" ]] && curator=1; done
if [[ $curator == 1 ]]; then
  given() { for arg in "${args[@]}"; do [[ "$arg" == "$1"* ]] && return 0; done; return 1; }
  given --server.address || args=(--server.address=127.0.0.1 "${args[@]}")  # this machine only, unless told
  given --server.maxUploadSize || args=(--server.maxUploadSize=20 "${args[@]}")  # core.curation.register.MAX_FILE_MB
fi
exec .venv/bin/python -m streamlit run dashboard/server.py "${args[@]}"
