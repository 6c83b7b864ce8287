#!/usr/bin/env bash
# `npm test`: sets up the machine (scripts/setup.sh), then runs every test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

# Browser tests use Debian's Chromium (Playwright cannot download its own here).
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then apt_install chromium; fi

npx --no-install tsc --noEmit
npx --no-install vitest run
say "building the app for the browser tests"
npx --no-install next build >/tmp/caisson-next-build.log 2>&1 || { tail -40 /tmp/caisson-next-build.log; die "next build failed"; }
mkdir -p test-results/screenshots
npx --no-install playwright test
