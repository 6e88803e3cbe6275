#!/usr/bin/env bash
# Sets everything up, then runs every test: the vitest suites of all four packages, including
# the headless-Chromium tests of the web app. Ends with one line: `N passed, N failed`.
source "$(dirname "$0")/bootstrap.sh"

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "glassbox: installing Debian's Chromium for the browser tests…" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium >/dev/null
fi

rm -f packages/*/test-results/vitest.json
status=0
pnpm exec turbo run test --continue --output-logs=full || status=$?
node scripts/test-summary.mjs || status=$?
exit "$status"
