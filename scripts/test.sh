#!/usr/bin/env bash
# Sets everything up, then runs every test: the vitest suites of all four packages, including
# the headless-Chromium tests of the web app, then scale/'s Python tests (PyTorch's torchrun and
# DDP against glassbox). Ends with one line: `N passed, N failed`.
source "$(dirname "$0")/bootstrap.sh"

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "glassbox: installing Debian's Chromium for the browser tests…" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium >/dev/null
fi

# scale/ trains with Debian's PyTorch (OpenBLAS makes it ~15x faster than its reference BLAS).
if ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  echo "glassbox: installing Debian's PyTorch for scale/'s tests…" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    python3-torch python3-numpy libopenblas0-pthread >/dev/null
fi

rm -f packages/*/test-results/vitest.json scale/test-results/unittest.json
status=0
pnpm exec turbo run test --continue --output-logs=full || status=$?
echo "== scale/ (Python: torchrun + DDP against glassbox)" >&2
/usr/bin/python3 scale/tests/run.py || status=$?
node scripts/test-summary.mjs || status=$?
exit "$status"
