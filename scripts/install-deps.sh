#!/usr/bin/env bash
# Installs what fij needs from Debian 12's packages (as root), only what is missing.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  librocksdb-dev libcapnp-dev capnproto libboost-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev libexpected-dev libcli11-dev libssl-dev nlohmann-json3-dev libjemalloc-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils
  hledger ledger jq
  clang clang-14 libclang-rt-14-dev llvm-14
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
