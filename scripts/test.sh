#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every test (release build), then
# the same tests under AddressSanitizer + UndefinedBehaviorSanitizer (soak runs excluded: they
# are on demand, `FIJ_SOAK=1 ctest --preset release -L slow`), then under ThreadSanitizer
# (FIJ_SKIP_TSAN=1 skips it), then a short run of each fuzz target (scripts/fuzz.sh, clang;
# FIJ_SKIP_FUZZ=1 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release
ctest --preset release
if [ "${FIJ_SKIP_ASAN:-0}" != "1" ]; then
  bash scripts/build.sh asan
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan
fi
if [ "${FIJ_SKIP_TSAN:-0}" != "1" ]; then
  # ThreadSanitizer over the same tests (decision 68): fij's own threads (the append's second
  # half, a scan's reading thread, verify's chain pass) and the readers beside a writer. The
  # crash test forks writers from a threaded process, which ThreadSanitizer cannot follow.
  bash scripts/build.sh tsan
  tsan_tests=(ctest --preset tsan)
  # gcc 12's ThreadSanitizer cannot lay out its shadow memory when the kernel randomizes mmap
  # with more than 28 bits (the default of newer kernels is 32): there, the tests run without
  # address randomization (setarch -R, inherited by every process they start).
  if [ "$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 28)" -gt 28 ] &&
     setarch "$(uname -m)" -R true 2>/dev/null; then
    tsan_tests=(setarch "$(uname -m)" -R "${tsan_tests[@]}")
  fi
  "${tsan_tests[@]}"
fi
if [ "${FIJ_SKIP_FUZZ:-0}" != "1" ]; then
  bash scripts/fuzz.sh 20
fi
