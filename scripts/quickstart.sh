#!/usr/bin/env bash
# The quick start: installs what is missing, builds dalgen and libdal, lets
# dalgen generate the blog example's data layer (examples/blog/schema.sql ->
# build/examples/blog-gen/blog.h and blog.c), builds the example program
# against it, and runs it on a fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target dalgen blog_example
echo "== generated: build/examples/blog-gen/blog.h, blog.c"
rm -f build/examples/quickstart.db build/examples/quickstart.db-wal build/examples/quickstart.db-shm
./build/examples/blog_example build/examples/quickstart.db
