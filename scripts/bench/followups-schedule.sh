#!/usr/bin/env bash
# Scheduling follow-ups for imported purchases (issue 12 §4), on SQLite: a purchase plan of two steps
# (the same day by phone, a week later by message) is made through the API, then `kefu import purchases`
# imports a generated file (gen-purchases.py) with the server stopped, which enqueues one
# `followups.trigger.batch` job per 500 purchases; then `kefu serve` starts and its job worker turns the jobs
# into tasks. Timed: the import (with the plan active) and the drain, from the server's start until no trigger
# job is pending, as purchases/s and tasks/s. Everything runs in a temporary directory removed on exit.
#
#   scripts/bench/followups-schedule.sh                                          # 1,000,000 rows
#   KEFU_BENCH_ROWS=20000 KEFU_BIN=.build/debug/kefu scripts/bench/followups-schedule.sh   # a quick check
#
# Environment (all optional):
#   KEFU_BENCH_ROWS       purchase rows to generate (default 1000000)
#   KEFU_BENCH_CUSTOMERS  customers to generate and import first (default 100000)
#   KEFU_BIN              use this kefu binary instead of building `swift build -c release --product kefu`
#
# Ends with `KEFU_BENCH followups-schedule rows=… purchases=… tasks=… import_seconds=… drain_seconds=…
# purchases_per_s=… tasks_per_s=…`, measured while whatever else runs on the machine runs too (`uptime`
# is printed before each timed step).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/bench.sh
source scripts/lib/bench.sh

ROWS=${KEFU_BENCH_ROWS:-1000000}
CUSTOMERS=${KEFU_BENCH_CUSTOMERS:-100000}

kefu_bench_traps
kefu_log "== machine"
kefu_info "$(nproc) cores; kefu $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $ROWS rows, $CUSTOMERS customers"
kefu_bench_binary

kefu_tmpdir WORK kefu-bench-followups
DB=$WORK/kefu.sqlite
ADMIN_EMAIL=bench-admin@example.test
ADMIN_PASSWORD=$(kefu_random_password)
timeout 300 "$KEFU_BIN" migrate --database "$DB" >/dev/null
printf '%s\n' "$ADMIN_PASSWORD" | timeout 60 "$KEFU_BIN" user add --email "$ADMIN_EMAIL" --name Bench \
    --role admin --password-stdin --database "$DB" >/dev/null
kefu_run timeout 1800 python3 scripts/bench/gen-customers.py "$CUSTOMERS" >"$WORK/customers.csv"
kefu_run timeout 1800 python3 scripts/bench/gen-purchases.py "$ROWS" --customers "$CUSTOMERS" >"$WORK/purchases.csv"
PURCHASES=$(cut -d, -f5 "$WORK/purchases.csv" | tail -n +2 | uniq | wc -l)
kefu_run timeout 3600 "$KEFU_BIN" import customers "$WORK/customers.csv" --database "$DB" >/dev/null

kefu_bench_serve "$DB" "$WORK/server-plan.log"
TOKEN=$(kefu_bench_token "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
curl -sf --max-time 60 -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"name": "购买回访", "trigger": {"kind": "purchase"}, "steps": [
         {"offset_days": 0, "channel": "phone", "script": {"zh": "感谢购买", "en": "Thank you"}},
         {"offset_days": 7, "channel": "message", "script": {"zh": "使用如何？", "en": "How is it?"}}]}' \
    "$KEFU_BENCH_URL/api/v1/follow-up-plans" >/dev/null || kefu_die "POST /api/v1/follow-up-plans failed"
kefu_bench_stop_server
sleep 1  # the plan's created_at is before every purchase's recording

kefu_log "== kefu import purchases: $ROWS rows ($PURCHASES purchases) with the plan active"
kefu_info "$(uptime)"
start=$(date +%s.%N)
kefu_run timeout 7200 "$KEFU_BIN" import purchases "$WORK/purchases.csv" --database "$DB" >/dev/null \
    || kefu_die "kefu import purchases failed"
imported=$(date +%s.%N)

kefu_log "== kefu serve drains the follow-up triggers"
kefu_info "$(uptime)"
kefu_bench_serve "$DB" "$WORK/server.log"
python3 - "$DB" "$ROWS" "$PURCHASES" "$start" "$imported" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, timeout=60)
rows, purchases = int(sys.argv[2]), int(sys.argv[3])
start, imported = float(sys.argv[4]), float(sys.argv[5])
one = lambda sql: db.execute(sql).fetchone()[0]
kinds = "kind IN ('followups.trigger', 'followups.trigger.batch')"
while one(f"SELECT count(*) FROM jobs WHERE {kinds} AND status = 'pending'"):
    time.sleep(1)
drained = time.time()
jobs = one(f"SELECT count(*) FROM jobs WHERE {kinds} AND status = 'done'")
dead = one(f"SELECT count(*) FROM jobs WHERE {kinds} AND status = 'dead'")
tasks = one("SELECT count(*) FROM follow_up_tasks")
if not jobs or dead or tasks != 2 * purchases:
    sys.exit(f"{jobs} trigger jobs done and {dead} dead for {purchases} purchases; {tasks} tasks")
seconds = drained - imported  # from the server's start, polled every second
print(f"KEFU_BENCH followups-schedule rows={rows} purchases={purchases} jobs={jobs} tasks={tasks} "
      f"import_seconds={imported - start:.2f} drain_seconds={seconds:.1f} "
      f"purchases_per_s={purchases / seconds:.0f} tasks_per_s={tasks / seconds:.0f}")
PY
