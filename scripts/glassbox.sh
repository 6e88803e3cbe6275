#!/usr/bin/env bash
# Sets everything up, then runs the glassbox CLI with the given arguments (`npm start` = demo).
source "$(dirname "$0")/bootstrap.sh"
exec node "$ROOT/packages/cli/dist/main.js" "$@"
