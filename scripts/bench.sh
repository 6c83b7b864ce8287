#!/usr/bin/env bash
# `npm run bench`: sets up the machine like the tests do, then prints every benchmark table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
npx --no-install tsx bench/sandbox.ts
npx --no-install tsx bench/languages.ts
[ -f .next/BUILD_ID ] || npx --no-install next build >/tmp/caisson-next-build.log 2>&1
npx --no-install tsx bench/chat.ts
