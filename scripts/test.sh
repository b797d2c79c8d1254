#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds dalgen and libdal,
# and runs ctest twice: a plain build (gcc), then a build under
# AddressSanitizer + UndefinedBehaviorSanitizer (clang), then the fuzz
# harnesses under libFuzzer for a fixed slice.
#   scripts/test.sh            everything
#   JOBS=4 scripts/test.sh     parallelism (default: nproc)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
jobs=${JOBS:-$(nproc)}

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=gcc
cmake --build build -j "$jobs"
(cd build && ctest --output-on-failure -j "$jobs")

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DDALGEN_SANITIZE=ON
cmake --build build-asan -j "$jobs"
# intercept_tls_get_addr=0: the sanitizer runtime of clang 14 can mistake
# glibc's dynamic TLS blocks (libclang's, dlopened by the api diff) for an
# old glibc's layout, and LeakSanitizer then crashes at exit ("Tracer caught
# signal 11", google/sanitizers#1322), depending on where the blocks land.
# dalgen keeps none of its memory in dynamic TLS, so no leak goes unseen.
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:intercept_tls_get_addr=0 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --output-on-failure -j "$jobs")

# The fuzz harnesses (tests/fuzz) as libFuzzer programs: a 10-second
# fixed-seed slice of each (docs/migrations.md, "Fuzzing"); fuzz_all is every
# harness that ctest runs.
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
    -DDALGEN_FUZZ=ON -DDALGEN_SANITIZE=ON -DDALGEN_BUILD_EXAMPLES=OFF -DDALGEN_BUILD_BENCH=OFF
cmake --build build-fuzz -j "$jobs" --target fuzz_all
(cd build-fuzz && ctest --output-on-failure -j "$jobs" -R '^fuzz\.')
