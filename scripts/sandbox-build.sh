#!/usr/bin/env bash
# `npm run sandbox:build`: builds the sandbox image unless the tag for sandbox-images/ exists.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v debootstrap >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; } || true
exec npx --no-install tsx scripts/sandbox-build.ts
