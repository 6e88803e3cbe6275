# Sourced by the entry scripts: on a machine with only Node 20 and npm, get pnpm (the pinned
# version), install the workspace and build it. Safe to repeat: each step is quick when done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 NO_UPDATE_NOTIFIER=1

PNPM_VERSION=12.4.2
if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  # Global install when allowed; otherwise a project-local copy under .tools/.
  if ! npm install -g --silent --allow-scripts=pnpm "pnpm@$PNPM_VERSION" >/dev/null 2>&1 ||
    [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    npm install --silent --prefix "$ROOT/.tools" --allow-scripts=pnpm "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
  fi
fi

echo "glassbox: installing dependencies (pnpm $PNPM_VERSION)…" >&2
pnpm install --frozen-lockfile --reporter=silent
echo "glassbox: building…" >&2
pnpm exec turbo run build --output-logs=errors-only >&2
