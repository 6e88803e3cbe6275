#!/usr/bin/env bash
# `pnpm bench [-- flags]`: builds through turbo, then runs `glassbox bench` with the flags
# (pnpm passes a literal `--` along; it is dropped here so `pnpm bench -- --json` works).
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
pnpm exec turbo run build --output-logs=errors-only >&2
args=()
for a in "$@"; do [ "$a" = "--" ] || args+=("$a"); done
exec node packages/cli/dist/main.js bench "${args[@]}"
