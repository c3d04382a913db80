#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (/usr/bin/chromium) through playwright-core; no browser
# is ever downloaded. Installs it from the system's packages when it is missing.
set -euo pipefail
if [ -x "${QUOTIENT_CHROMIUM:-/usr/bin/chromium}" ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "installing chromium for the browser tests (apt-get) …" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
