#!/bin/sh
# The dashboard's browser test drives Debian's chromium (no browser download works here). Installs it when the
# build runs as root on Debian and it is missing; otherwise says what to install.
set -e
if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the dashboard browser test..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }
  exit 0
fi
echo "The dashboard browser test needs chromium: apt-get install chromium (or set CHROMIUM to its path)." >&2
exit 1
