#!/usr/bin/env bash
# `kefu import customers` of a generated file (gen-customers.py: all rows valid, phones and emails
# unique) into a fresh, migrated database, timed from start to exit of the command, as rows/s.
# Everything runs in a temporary directory that is removed on exit.
#
#   scripts/bench/import.sh                                        # SQLite, 1,000,000 rows
#   KEFU_BENCH_POSTGRES_URL=postgres scripts/bench/import.sh       # + a private PostgreSQL 15 cluster
#   KEFU_BENCH_POSTGRES_URL=postgres://user@127.0.0.1:5432/db scripts/bench/import.sh  # + an EMPTY database
#
# Environment (all optional):
#   KEFU_BENCH_ROWS          rows to generate (default 1000000)
#   KEFU_BENCH_CSV           import this gen-customers.py file instead of generating one
#   KEFU_BENCH_REPEAT        imports per engine, each into a fresh database (default 1; the PostgreSQL
#                            URL form runs once, as its database cannot be recreated here)
#   KEFU_BENCH_POSTGRES_URL  also import into PostgreSQL: `postgres` for a private cluster
#                            (scripts/lib/postgres.sh), or the URL of an empty database to throw away
#   KEFU_BIN                 use this kefu binary instead of building `swift build -c release --product kefu`
#   KEFU_BENCH_BUILD_TIMEOUT seconds allowed for the build (default 3600; ~10 min cold on 2 cores)
#
# Each import ends with a line `KEFU_BENCH import engine=… rows=… seconds=… rows_per_s=…`; the
# seconds are the wall time of the whole command (reading the file, validating, writing and
# committing, closing the database), measured while whatever else runs on the machine runs too:
# `uptime` is printed before each run.
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
REPEAT=${KEFU_BENCH_REPEAT:-1}
POSTGRES=${KEFU_BENCH_POSTGRES_URL:-}

kefu_bench_traps

kefu_bench_binary

kefu_tmpdir WORK kefu-import-bench
CSV=${KEFU_BENCH_CSV:-}
if [[ -z $CSV ]]; then
    CSV=$WORK/customers.csv
    started=$SECONDS
    kefu_run timeout 1800 python3 scripts/bench/gen-customers.py "$ROWS" >"$CSV"
    kefu_info "gen-customers.py $ROWS: $(du -h "$CSV" | cut -f1) in $(( SECONDS - started ))s"
fi
ROWS=$(( $(wc -l <"$CSV") - 1 ))

# Times one import of $CSV into the migrated database $2; checks that every row was imported.
bench() {  # ENGINE DATABASE
    local engine=$1 db=$2 start end
    timeout 300 "$KEFU_BIN" migrate --database "$db" >/dev/null 2>&1 || kefu_die "kefu migrate failed on $engine"
    kefu_info "$(uptime)"
    start=$(date +%s.%N)
    kefu_run timeout 3600 "$KEFU_BIN" import customers "$CSV" --format json --database "$db" >"$WORK/import.json" \
        || kefu_die "kefu import customers failed on $engine"
    end=$(date +%s.%N)
    python3 - "$WORK/import.json" "$ROWS" "$engine" "$start" "$end" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
rows, engine, seconds = int(sys.argv[2]), sys.argv[3], float(sys.argv[5]) - float(sys.argv[4])
if summary["imported"] != rows or summary["rejected"]:
    sys.exit(f"imported {summary['imported']} of {rows} rows, rejected {len(summary['rejected'])}")
print(f"KEFU_BENCH import engine={engine} rows={rows} seconds={seconds:.2f} rows_per_s={rows / seconds:.0f}")
PY
}

kefu_log "== import of $ROWS rows: SQLite"
for (( run = 1; run <= REPEAT; run++ )); do
    rm -f "$WORK"/bench.sqlite*
    bench sqlite "$WORK/bench.sqlite"
    kefu_info "database: $(du -ch "$WORK"/bench.sqlite* | tail -1 | cut -f1)"
    rm -f "$WORK"/bench.sqlite*
done

if [[ $POSTGRES == postgres ]]; then
    kefu_log "== import of $ROWS rows: PostgreSQL (private cluster)"
    kefu_pg_start
    for (( run = 1; run <= REPEAT; run++ )); do
        kefu_pg_createdb "kefu_bench_$run"
        bench postgres "$(kefu_pg_url "kefu_bench_$run")"
    done
elif [[ -n $POSTGRES ]]; then
    kefu_log "== import of $ROWS rows: PostgreSQL ($POSTGRES)"
    bench postgres "$POSTGRES"
fi
