#!/usr/bin/env bash
# `kefu import purchases` of a generated file (gen-purchases.py: every row valid, purchases of one to
# four lines) into a fresh, migrated database that holds the customers of gen-customers.py, timed from
# start to exit of the command, as rows/s. Everything runs in a temporary directory removed on exit.
#
#   scripts/bench/purchases-import.sh                                   # SQLite, 1,000,000 rows
#   KEFU_BENCH_POSTGRES_URL=postgres scripts/bench/purchases-import.sh  # + a private PostgreSQL 15 cluster
#   KEFU_BENCH_ROWS=20000 KEFU_BIN=.build/debug/kefu scripts/bench/purchases-import.sh  # a quick check
#
# Environment (all optional):
#   KEFU_BENCH_ROWS          purchase rows to generate (default 1000000)
#   KEFU_BENCH_CUSTOMERS     customers to generate and import first (default 100000)
#   KEFU_BENCH_REPEAT        imports per engine, each into a fresh database (default 1)
#   KEFU_BENCH_POSTGRES_URL  also import into PostgreSQL: `postgres` for a private cluster
#                            (scripts/lib/postgres.sh), or the URL of an empty database to throw away
#   KEFU_BIN                 use this kefu binary instead of building `swift build -c release --product kefu`
#   KEFU_BENCH_BUILD_TIMEOUT seconds allowed for the build (default 3600)
#
# Each import ends with a line `KEFU_BENCH purchases-import engine=… rows=… purchases=… seconds=…
# rows_per_s=…`; the seconds are the wall time of the whole command (reading, validating, writing the
# purchases and their timeline events, recomputing the customers' stages, committing), measured while
# whatever else runs on the machine runs too: `uptime` is printed before each run. A second import of
# the same file follows each, which must skip every purchase (`reimport_seconds=…`).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/postgres.sh
source scripts/lib/postgres.sh
# shellcheck source=../lib/bench.sh
source scripts/lib/bench.sh

ROWS=${KEFU_BENCH_ROWS:-1000000}
CUSTOMERS=${KEFU_BENCH_CUSTOMERS:-100000}
REPEAT=${KEFU_BENCH_REPEAT:-1}
POSTGRES=${KEFU_BENCH_POSTGRES_URL:-}

kefu_bench_traps

kefu_bench_binary

kefu_tmpdir WORK kefu-purchases-bench
started=$SECONDS
kefu_run timeout 1800 python3 scripts/bench/gen-customers.py "$CUSTOMERS" >"$WORK/customers.csv"
kefu_run timeout 1800 python3 scripts/bench/gen-purchases.py "$ROWS" --customers "$CUSTOMERS" >"$WORK/purchases.csv"
PURCHASES=$(cut -d, -f5 "$WORK/purchases.csv" | tail -n +2 | uniq | wc -l)
kefu_info "gen-customers.py $CUSTOMERS, gen-purchases.py $ROWS ($PURCHASES purchases):" \
    "$(du -h "$WORK/purchases.csv" | cut -f1) in $(( SECONDS - started ))s"

# Imports the customers into the migrated database $2, then times the purchase import and its repeat.
bench() {  # ENGINE DATABASE
    local engine=$1 db=$2 start middle end
    timeout 300 "$KEFU_BIN" migrate --database "$db" >/dev/null 2>&1 || kefu_die "kefu migrate failed on $engine"
    kefu_run timeout 3600 "$KEFU_BIN" import customers "$WORK/customers.csv" --database "$db" >/dev/null \
        || kefu_die "kefu import customers failed on $engine"
    kefu_info "$(uptime)"
    start=$(date +%s.%N)
    kefu_run timeout 3600 "$KEFU_BIN" import purchases "$WORK/purchases.csv" --format json --database "$db" \
        >"$WORK/import.json" || kefu_die "kefu import purchases failed on $engine"
    middle=$(date +%s.%N)
    kefu_run timeout 3600 "$KEFU_BIN" import purchases "$WORK/purchases.csv" --format json --database "$db" \
        >"$WORK/again.json" || kefu_die "the second kefu import purchases failed on $engine"
    end=$(date +%s.%N)
    python3 - "$WORK/import.json" "$WORK/again.json" "$ROWS" "$PURCHASES" "$engine" "$start" "$middle" "$end" <<'PY'
import json, sys
first, again = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
rows, purchases, engine = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
start, middle, end = map(float, sys.argv[6:9])
if first["imported"] != purchases or first["rejected"]:
    sys.exit(f"imported {first['imported']} of {purchases} purchases, rejected {len(first['rejected'])}")
if again["imported"] != 0 or again["skipped"] != purchases:
    sys.exit(f"the second import imported {again['imported']} and skipped {again['skipped']} of {purchases}")
seconds = middle - start
print(f"KEFU_BENCH purchases-import engine={engine} rows={rows} purchases={purchases} seconds={seconds:.2f} "
      f"rows_per_s={rows / seconds:.0f} reimport_seconds={end - middle:.2f}")
PY
}

kefu_log "== import of $ROWS purchase rows for $CUSTOMERS customers: SQLite"
for (( run = 1; run <= REPEAT; run++ )); do
    rm -f "$WORK"/bench.sqlite*
    bench sqlite "$WORK/bench.sqlite"
    kefu_info "database: $(du -ch "$WORK"/bench.sqlite* | tail -1 | cut -f1)"
    rm -f "$WORK"/bench.sqlite*
done

if [[ $POSTGRES == postgres ]]; then
    kefu_log "== import of $ROWS purchase rows for $CUSTOMERS customers: PostgreSQL (private cluster)"
    kefu_pg_start
    for (( run = 1; run <= REPEAT; run++ )); do
        kefu_pg_createdb "kefu_bench_$run"
        bench postgres "$(kefu_pg_url "kefu_bench_$run")"
    done
elif [[ -n $POSTGRES ]]; then
    kefu_log "== import of $ROWS purchase rows for $CUSTOMERS customers: PostgreSQL ($POSTGRES)"
    bench postgres "$POSTGRES"
fi
