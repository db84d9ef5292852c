#!/usr/bin/env bash
# Short fuzzing run (CI): builds the libFuzzer targets (preset `fuzz`, clang) and runs each for
# SECONDS (default 20), one after another, from its committed corpus (tests/fuzz/corpus/<target>,
# read only: new inputs go to build/fuzz/runs). Fails if a target crashes or breaks a property;
# the input that did is kept as build/fuzz/runs/<target>/crash-*. docs/FUZZING.md has the long runs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
failed=()
for target in fuzz_import_line fuzz_money fuzz_event_decode; do
  run="build/fuzz/runs/$target"
  rm -rf "$run"
  mkdir -p "$run/corpus"
  echo "fuzz: $target for ${seconds}s"
  if ! "build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$run/" "$run/corpus" "tests/fuzz/corpus/$target" \
      >"$run/log" 2>&1; then
    tail -n 40 "$run/log" >&2
    failed+=("$target")
  fi
  grep -E "^#[0-9]+[[:space:]]+DONE" "$run/log" || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in build/fuzz/runs/<target>/crash-*)" >&2
  exit 1
fi
echo "fuzz: all targets ran ${seconds}s without a finding"
