#!/usr/bin/env bash
# The quick start: installs what is missing, builds dalgen, and runs it on the
# bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
./build/generator/dalgen schema --json examples/blog/schema.sql
