#!/usr/bin/env bash
# `npm test`: sets up the machine (scripts/setup.sh), then runs every test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
npx --no-install tsc --noEmit
npx --no-install vitest run "$@"
