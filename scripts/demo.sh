#!/usr/bin/env bash
# The main job: installs what is missing, builds, then runs `fij demo`: a fresh store from the
# bundled FIJ history 2022-2025 (embedded in the binary), the 2023 partner tiers, the 2024
# budget plan vs actual, the per-experiment costs, the loan book and `fij verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release >/dev/null
exec ./build/release/cli/fij demo "$@"
