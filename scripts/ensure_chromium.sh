#!/usr/bin/env bash
# Install Debian's chromium when it is missing: the browser tests and the PNG/SVG exports (kaleido) need it.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
echo "== installing Debian's chromium (browser tests and image exports)"
if [[ $(id -u) -eq 0 ]]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "ERROR: chromium is missing and this user cannot run apt-get; install it: apt-get install chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null 2>&1 || { echo "ERROR: chromium is still missing after apt-get" >&2; exit 1; }
