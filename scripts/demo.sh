#!/usr/bin/env bash
# The main job: installs what is missing, builds, then runs the coordinator's job on a fresh
# temporary store: a fund, partners, a pledge, gifts, receipts (one cancelled and reissued), a
# refusal, the declaration and `fij verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release >/dev/null
FIJ="$PWD/build/release/cli/fij"
STORE="$(mktemp -d /tmp/fij-demo-XXXXXX)"
trap 'rm -rf "$STORE"' EXIT
export FIJ_STORE="$STORE/store"
run() { echo "\$ fij $*"; "$FIJ" "$@"; echo; }
try() { echo "\$ fij $*"; set +e; "$FIJ" "$@"; echo "(exit code $?)"; set -e; echo; }

run init --fund-name "Fonds d'Impulsion Jurassien" --siren 732829320 \
  --address "Clus'Ter Jura, 39000 Lons-le-Saunier" \
  --object "Aides financières et accompagnement de projets coopératifs (art. 238 bis 4 CGI)" \
  --signer "Présidence du FIJ, président" --agrement AG-238BIS4-2023 \
  --agrement-from 2023-01-01 --agrement-to 2025-12-31 --date 2023-01-05
run partner add morteau --kind company --name "Morteau Saucisse" --siren 552100554 \
  --legal-form SAS --address "Zone artisanale, 25500 Morteau"
run partner add gache --kind individual --name "Patrick Gaché" --address "12 rue du Jura, 39000 Lons-le-Saunier"
run pledge add morteau-2023 --partner morteau --amount "10 000" --years 3 --from 2023 --renewable --date 2023-02-01
run gift record g-morteau-2023 --partner morteau --amount "10 000,00 €" --date 2023-03-15 --method transfer --pledge morteau-2023 --counterparts 500
run gift record g-morteau-2023 --partner morteau --amount "10 000,00 €" --date 2023-03-15 --method transfer --pledge morteau-2023 --counterparts 500
try gift record g-morteau-2023 --partner morteau --amount "12 000,00 €" --date 2023-03-15 --method transfer --pledge morteau-2023
run gift record g-gache-2023 --partner gache --amount 1000 --date 2023-06-02 --method cheque
try receipt issue --gift g-gache-2023 --date 2023-06-01
run receipt issue --gift g-morteau-2023 --date 2023-03-20
run receipt issue --gift g-gache-2023 --date 2023-06-10
run receipt cancel 2023-0002 --reason "Adresse du donateur erronée" --reissue --date 2023-06-12
run receipt list
run receipt show 2023-0003
run pledge list
run declaration --year 2023
run verify
echo "The store was at $FIJ_STORE (removed on exit). Try: fij --help"
