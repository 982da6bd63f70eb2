# shellcheck shell=bash
# Sourced, not run: the apt-get part of Lockstep's install scripts (bench/install-tools.sh,
# scripts/install-test-clients.sh). Source it by a path relative to the sourcing script, e.g.
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

# apt_install [--sudo-no-prompt] [--by-hand TEXT] TAG PACKAGE...
#
# Installs the Debian packages PACKAGE... (apt-get update, then apt-get install -y
# --no-install-recommends, with DEBIAN_FRONTEND=noninteractive), as root or else through sudo.
# Its messages start with "TAG: ". It exits the calling script with status 2 when apt-get is missing
# (printing "TAG: apt-get not found. TEXT", TEXT saying how to install by hand; it may span lines)
# or when not root and sudo is missing. When apt-get fails it returns apt-get's status (which ends
# a script running under set -e). --sudo-no-prompt runs sudo -n: it fails instead of waiting for a
# password, for runs without a terminal.
apt_install() {
  local sudo_options=() by_hand=""
  while [[ $# -gt 0 && "$1" == --* ]]; do
    case "$1" in
      --sudo-no-prompt) sudo_options=(-n); shift ;;
      --by-hand) by_hand="$2"; shift 2 ;;
      *) echo "apt_install: unknown option $1" >&2; return 2 ;;
    esac
  done
  if [[ $# -lt 2 ]]; then
    echo "usage: apt_install [--sudo-no-prompt] [--by-hand TEXT] TAG PACKAGE..." >&2
    return 2
  fi
  local tag="$1"
  shift
  local packages=("$@")

  if ! command -v apt-get >/dev/null 2>&1; then
    printf '%s: apt-get not found. %s\n' "$tag" "${by_hand:-Install ${packages[*]} by hand.}" >&2
    exit 2
  fi

  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "$tag: not root and sudo is not available; run as root: apt-get install ${packages[*]}" >&2
      exit 2
    fi
    sudo=(sudo "${sudo_options[@]}")
  fi

  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q || return
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}" || return
}
