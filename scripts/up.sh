#!/usr/bin/env bash
# `npm run up`: everything a fresh machine needs, then the app on $PORT (default 3000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
say "building the app"
npx --no-install next build >/tmp/caisson-next-build.log 2>&1 || { tail -40 /tmp/caisson-next-build.log; die "next build failed (full log: /tmp/caisson-next-build.log)"; }
say "starting Caisson on http://localhost:${PORT:-3000}"
exec node_modules/.bin/next start -p "${PORT:-3000}"
