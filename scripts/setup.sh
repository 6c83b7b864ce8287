#!/usr/bin/env bash
# Prepares this machine for Caisson: npm dependencies, a running Docker engine, the sandbox image.
# As root on Debian it installs what is missing; elsewhere it says exactly what to install.
# Sourced by scripts/test.sh, scripts/bench.sh and scripts/up.sh; safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }
have() { command -v "$1" >/dev/null 2>&1; }

apt_updated=0
apt_install() {
  is_root && have apt-get || die "Missing: $*. Install them (on Debian as root: apt-get install -y $*) and run again."
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
    apt_updated=1
  fi
  say "installing $* (apt)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- Node dependencies -------------------------------------------------------------------------
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 20 ] || die "Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

# --- Database: the Prisma client and the migrations (SQLite file by default) ----------------------
export DATABASE_URL="${DATABASE_URL:-file:./.caisson/caisson.db}"
npx --no-install prisma generate >/dev/null
npx --no-install prisma migrate deploy >/dev/null
say "database ready (${DATABASE_URL})"

# --- Docker engine -----------------------------------------------------------------------------
engine_up() { have docker && docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
if ! engine_up; then
  if ! have dockerd; then
    is_root || die "No Docker engine answers and this is not root. Install and start Docker (Debian: sudo apt-get install -y docker.io && sudo dockerd &), or set DOCKER_HOST, then run again."
    apt_install docker.io iptables
  fi
  if ! engine_up; then
    is_root || die "dockerd is installed but not running, and starting it needs root: sudo dockerd &"
    say "starting dockerd (log: /var/log/caisson-dockerd.log)"
    nohup dockerd >/var/log/caisson-dockerd.log 2>&1 &
    for _ in $(seq 1 60); do engine_up && break; sleep 0.5; done
    engine_up || die "dockerd did not come up in 30 s; see /var/log/caisson-dockerd.log"
  fi
fi
say "Docker engine $(docker version --format '{{.Server.Version}}')"

# --- Host tools the sandboxes need (loop-mounted storage, firewall) ------------------------------
is_root || die "Caisson's sandboxes need root on this host (per-chat loop-mounted storage and the host firewall rule). Run as root."
for tool in mkfs.ext4:e2fsprogs losetup:mount iptables:iptables; do
  have "${tool%%:*}" || apt_install "${tool##*:}"
done

# --- Sandbox image (cached by the content hash of sandbox-images/) -------------------------------
tag=$(npx --no-install tsx -e 'Promise.all([import("./lib/sandbox/image.ts"), import("./lib/sandbox/config.ts")]).then(([i, c]) => console.log(i.sandboxImageTag(c.sandboxConfigFromEnv().variant)))')
if ! docker image inspect "$tag" >/dev/null 2>&1; then
  # Without Docker Hub the base comes from debootstrap and the host's apt mirror.
  have debootstrap || apt_install debootstrap
  say "building the sandbox image $tag (full: about 5 minutes and 5 GB the first time; CAISSON_SANDBOX_VARIANT=slim: 2 minutes)"
  npx --no-install tsx scripts/sandbox-build.ts
fi
say "sandbox image $tag"
