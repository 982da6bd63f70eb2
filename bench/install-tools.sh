#!/usr/bin/env bash
# Installs the tools `./lockstep bench` compares against: the Debian packages redis-server and
# redis-tools (redis-benchmark, redis-cli). Idempotent: does nothing when both are present.
# Uses apt-get, through sudo unless already root (scripts/lib/apt.sh). Nothing else in Lockstep
# assumes they exist.
set -euo pipefail
# shellcheck source=../scripts/lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/apt.sh"

PACKAGES=(redis-server redis-tools)

have_tools() {
  command -v redis-server >/dev/null 2>&1 && command -v redis-benchmark >/dev/null 2>&1
}

if have_tools; then
  echo "install-tools: redis-server and redis-benchmark already installed ($(redis-server --version | head -n 1))"
  exit 0
fi

apt_install --by-hand "Install Redis by hand (redis-server and redis-benchmark,
  version 7 or newer, e.g. your distribution's redis package) and run ./lockstep bench again." \
  install-tools "${PACKAGES[@]}"

# The package starts a system-wide redis-server on port 6379 where an init system runs; the
# benchmark starts its own instance (own port, own temp dir) and does not need it.
if ! have_tools; then
  echo "install-tools: apt-get finished but redis-server/redis-benchmark are still not on PATH" >&2
  exit 1
fi
echo "install-tools: installed $(redis-server --version | head -n 1)"
