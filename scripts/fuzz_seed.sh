#!/usr/bin/env bash
# Writes the seed corpora of tests/fuzz/corpus/<target>/ (docs/FUZZING.md):
#   fuzz_import_line   the first line of each command in fixtures/fij/history.jsonl, and edge cases
#   fuzz_money         amounts as French users type them, tricky forms included (the
#                      spaces in the 1 234 567,89 lines are U+0020, U+00A0 and U+202F)
#   fuzz_event_decode  for each event type of a store imported from the history, its stored
#                      envelope and its payload as a flat message, and its largest envelope
#                      (tests/fuzz/seed_events.cc)
# Event seeds need a fij binary and fuzz_seed_events (release or fuzz build; or FIJ=...,
# SEED_EVENTS=...). The long runs then grow the corpora and `-merge=1` minimises them;
# re-running this adds the seeds back (same names).
set -euo pipefail
cd "$(dirname "$0")/.."
fij="${FIJ:-build/release/cli/fij}"
seed_events="${SEED_EVENTS:-build/release/tests/fuzz/fuzz_seed_events}"
[ -x "$seed_events" ] || seed_events=build/fuzz/tests/fuzz/fuzz_seed_events
corpus=tests/fuzz/corpus
mkdir -p "$corpus"/fuzz_import_line "$corpus"/fuzz_money "$corpus"/fuzz_event_decode

python3 - "$corpus/fuzz_import_line" <<'PY'
import json, sys
out = sys.argv[1]
seen = {}
for line in open("fixtures/fij/history.jsonl", encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip() or line.lstrip().startswith("#"):
        continue
    words = json.loads(line)["cmd"].split()
    key = "-".join(words[:2] if len(words) > 1 and words[1].isalpha() else words[:1])
    seen.setdefault(key, line)
for key, line in seen.items():
    open(f"{out}/history-{key}", "w", encoding="utf-8").write(line + "\n")
edge = {
    "comment-and-blank": "# a comment\n\n   \t\r\n{\"cmd\": \"role grant x\", \"role\": \"member\"}\n",
    "quoted-words": '{"cmd": "partner add \\"la fruitiere\\" \\"\\"", "as": "secretariat"}',
    "array-flags": '{"cmd": "gift record g1", "flag": true, "off": false, "line": ["a=1", 2, true]}',
    "big-integers": '{"cmd": "x", "year": 9223372036854775807, "n": -9223372036854775808}',
    "unsigned-integer": '{"cmd": "x", "year": 18446744073709551615}',
    "float-refused": '{"cmd": "x", "amount": 12.5}',
    "null-refused": '{"cmd": "x", "partner": null}',
    "nested-refused": '{"cmd": "x", "partner": {"a": 1}}',
    "import-refused": '{"cmd": "import other.jsonl"}',
    "empty-cmd": '{"cmd": "   "}',
    "not-object": '["cmd", "x"]',
    "duplicate-keys": '{"cmd": "a", "cmd": "b", "as": "p", "as": "q"}',
    "unicode": '{"cmd": "partner add caf\\u00e9", "name": "Fruiti\u00e8re \u20ac \\ud83d\\ude00"}',
    "two-lines": '{"cmd": "a b", "as": "x"}\n{"cmd": "c"}',
}
for name, text in edge.items():
    open(f"{out}/edge-{name}", "w", encoding="utf-8").write(text)
PY

i=0
while IFS= read -r amount; do
  i=$((i + 1))
  printf '%s' "$amount" > "$(printf '%s/seed-%02d' "$corpus/fuzz_money" "$i")"
done <<'AMOUNTS'
1 234,56 €
1234,56
1234.56
1234
0,5
0
0,00
10 000,00
1 000 000 000 000,00 €
1 000 000 000 000,01
1000000000000
12,50 EUR
12,50eur
 7,05 € 
1 234 567,89
1 234 567,89 €
1 234 567,89
1.234,56
1,234.56
1.234
1,234
1.234.567
12,345
1e3
-12,50
+12,50
€ 12
EUR12
,50
12,
12, 5
1 2345
12 345 6
00000000000001
99999999999999,99
quatre-vingts
AMOUNTS

if [ -x "$fij" ] && [ -x "$seed_events" ]; then
  store=$(mktemp -d)
  trap 'rm -rf "$store"' EXIT
  "$fij" --store "$store/s" import fixtures/fij/history.jsonl >/dev/null
  "$seed_events" "$store/s" "$corpus/fuzz_event_decode"
else
  echo "fuzz_seed: no $fij or $seed_events: build the release preset for event seeds" >&2
fi
du -sh "$corpus"/*
