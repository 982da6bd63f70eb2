#!/usr/bin/env bash
# Installs what the client-library compatibility tests (ClientLibrariesTest) need besides the JVM
# libraries Maven fetches: python3 and the redis-py client, as the Debian packages python3 and
# python3-redis. Idempotent: does nothing when a python3 that can `import redis` is present.
# Uses apt-get, through sudo unless already root (scripts/lib/apt.sh).
#
# The Debian package installs redis-py for the system interpreter (/usr/bin/python3). When
# `python3` on the PATH is another interpreter (pyenv, a virtualenv), it may still lack the
# module; the test then uses /usr/bin/python3, and so should you: /usr/bin/python3 app_workload.py.
set -euo pipefail
# shellcheck source=lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

PACKAGES=(python3 python3-redis)

# Prints the first interpreter (python3 on the PATH, then /usr/bin/python3) that imports redis.
python_with_redis() {
  local py
  for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import redis' >/dev/null 2>&1; then
      command -v "$py"
      return 0
    fi
  done
  return 1
}

describe() {
  "$1" -c 'import sys, redis; print("python %s, redis-py %s" % (sys.version.split()[0], redis.__version__))'
}

if py="$(python_with_redis)"; then
  echo "install-test-clients: already installed: $py ($(describe "$py"))"
  exit 0
fi

# sudo -n: never wait for a password, a test runs this without a terminal
apt_install --sudo-no-prompt --by-hand "Install python3 and redis-py by hand
  (e.g. 'pip install redis' for the python3 on your PATH, or your distribution's python3-redis)
  and run the tests again." \
  install-test-clients "${PACKAGES[@]}"

if ! py="$(python_with_redis)"; then
  echo "install-test-clients: apt-get finished but neither python3 nor /usr/bin/python3 can import redis" >&2
  exit 1
fi
echo "install-test-clients: installed: $py ($(describe "$py"))"
