#!/usr/bin/env bash
# Starts the built app for the e2e run on a fresh database: e2e/start-app.sh NAME PORT
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rm -f ".caisson/$1.db" ".caisson/$1.db-journal"
npx --no-install prisma migrate deploy >/dev/null
exec node_modules/.bin/next start -H 127.0.0.1 -p "$2"
