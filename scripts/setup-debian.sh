#!/usr/bin/env bash
# Installs what building and testing dalgen needs on Debian 12 (run as root,
# or with sudo available).  Installs nothing that is already there.
set -euo pipefail
pkgs=(build-essential cmake ninja-build pkg-config clang llvm-dev libclang-dev
      libsqlite3-dev sqlite3 libjansson-dev libyaml-dev nettle-dev libcmocka-dev valgrind python3
      postgresql-15 postgresql-client-15 libpq-dev libpg-query-dev pgbouncer
      python3-yaml python3-jsonschema)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
