#!/usr/bin/env bash
# Walk-in queue benchmarks of issue 14 §9 (figures go to docs/PERFORMANCE.md), on SQLite:
#
#   1. call-next p99 with KEFU_BENCH_QUEUE_WAITING waiting tickets (default 10,000): one counter calls
#      KEFU_BENCH_QUEUE_CALLS times in a row (default 2,000), then 4 counters at once;
#   2. KEFU_BENCH_QUEUE_PAGES open status pages (default 200) following their live updates: the time from a
#      call until the last of them has refetched its status, over 20 calls.
#   The simulator's speed is a package-benchmark: `cd Benchmarks && swift package benchmark --filter simulate-queue`.
#
#   scripts/bench/queue.sh                 # release build
#   KEFU_BIN=… scripts/bench/queue.sh
#   KEFU_DATABASE=postgres://… scripts/bench/queue.sh   # on PostgreSQL (an empty database)
#
# Not a test: nothing here is asserted.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/bench.sh
source scripts/lib/bench.sh

WAITING=${KEFU_BENCH_QUEUE_WAITING:-10000}
CALLS=${KEFU_BENCH_QUEUE_CALLS:-2000}
PAGES=${KEFU_BENCH_QUEUE_PAGES:-200}
kefu_bench_traps

kefu_log "== machine"
kefu_info "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
kefu_info "kefu $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $WAITING waiting, $PAGES status pages"
kefu_bench_binary

kefu_tmpdir WORK kefu-bench-queue
DB=${KEFU_DATABASE:-$WORK/kefu.sqlite}
ADMIN_EMAIL=bench-admin@example.test
ADMIN_PASSWORD=$(kefu_random_password)
timeout 300 "$KEFU_BIN" migrate --database "$DB" >/dev/null 2>"$WORK/migrate.log"
printf '%s\n' "$ADMIN_PASSWORD" | timeout 60 "$KEFU_BIN" user add --email "$ADMIN_EMAIL" --name Bench \
    --role admin --password-stdin --database "$DB" >/dev/null
kefu_bench_serve "$DB" "$WORK/server.log"
TOKEN=$(kefu_bench_token "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
# The ceiling for a call's write: one durable SQLite commit (WAL, synchronous=FULL, as kefu opens it) of a
# one-row update, in the database's directory, with Python's sqlite3 (C speed).
python3 - "$WORK" <<'PY'
import os, sqlite3, statistics, sys, time
db = sqlite3.connect(os.path.join(sys.argv[1], "floor.sqlite"), isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)"); db.execute("INSERT INTO t VALUES (1, 0)")
times = []
for i in range(2000):
    t0 = time.perf_counter()
    db.execute("BEGIN IMMEDIATE"); db.execute("UPDATE t SET n = ? WHERE id = 1", (i,)); db.execute("COMMIT")
    times.append(time.perf_counter() - t0)
times.sort()
print("== ceiling: one-row SQLite commit, 2000 in a row: p50 %.2f ms, p99 %.2f ms" % (
    times[1000] * 1000, times[1979] * 1000))
PY
timeout 3600 python3 scripts/bench/queue-bench.py "$KEFU_BENCH_URL" "$TOKEN" "$WAITING" "$CALLS" 4 "$PAGES" 20
