#!/bin/sh
# bench-dossier.sh LEDGER SCOPE LIMIT: `jindu dossier` timed by /usr/bin/time -v
# (docs/contract.md §7b). SCOPE is "all" (everyone under community measures) or
# "largest-village" (the village that manages the most persons today). Prints the
# wall time (and the CPU time, which a loaded machine does not stretch), the pages and the
# peak resident memory; fails when the wall time is over LIMIT seconds.
# LEDGER is made (township demo) when it is missing and its name holds "township".
set -eu
ledger=$1 scope=$2 limit=$3
today=2025-06-30
: "${JINDU:?JINDU names the jindu executable}"
if [ ! -e "$ledger" ]; then
  case $ledger in
    *township*) "$JINDU" demo --db "$ledger" --scale township --today $today >/dev/null ;;
    *) echo "bench-dossier: $ledger is missing (a city ledger: run an indicators benchmark first)" >&2
       exit 77 ;;
  esac
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
if [ "$scope" = all ]; then
  set -- --all
else
  code=$(/usr/bin/python3 - "$ledger" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(db.execute("SELECT v.code FROM person p JOIN village v ON v.id = p.village_id"
                 " GROUP BY v.id ORDER BY count(*) DESC LIMIT 1").fetchone()[0])
PY
)
  set -- --village "$code"
fi
/usr/bin/time -v -o "$dir/time" "$JINDU" dossier --db "$ledger" --today $today "$@" \
  --out "$dir/out.pdf" --mask
seconds=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time" \
  | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time")
cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$dir/time" | awk '{ s += $1 } END { print s }')
pages=$(pdfinfo "$dir/out.pdf" | sed -n 's/^Pages: *//p')
persons=$(pdftotext -f 1 -l 1 "$dir/out.pdf" - | sed -n 's/.*the help files of the \([0-9]*\) persons.*/\1/p')
echo "dossier $* on $(basename "$ledger"): ${seconds} s (CPU ${cpu} s), $pages pages, ${persons:-?} persons, peak RSS $((rss / 1024)) MB (limit ${limit} s)"
awk -v s="$seconds" -v l="$limit" 'BEGIN { exit !(s <= l) }'
