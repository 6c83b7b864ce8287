#!/usr/bin/env bash
# `npm run up`: everything a fresh machine needs, then the app on $PORT (default 3000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
say "building the app"
npx --no-install next build >/tmp/caisson-next-build.log 2>&1 || { tail -40 /tmp/caisson-next-build.log; die "next build failed (full log: /tmp/caisson-next-build.log)"; }
# No sign-in yet: listen on this machine only unless HOST says otherwise (HOST=0.0.0.0 for a team).
say "starting Caisson on http://${HOST:-127.0.0.1}:${PORT:-3000}"
exec node_modules/.bin/next start -H "${HOST:-127.0.0.1}" -p "${PORT:-3000}"
