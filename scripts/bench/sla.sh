#!/usr/bin/env bash
# SLA benchmarks of issue 11 §5 (figures go to docs/PERFORMANCE.md), on SQLite:
#
#   1. recompute: N open tickets (KEFU_BENCH_SLA_TICKETS, default 100,000), then a policy and a new
#      business calendar (`PUT /api/v1/calendar`): the time until the `sla.recompute` jobs of the
#      running `kefu serve` have recomputed every open ticket's due times;
#   2. drain: the policy's targets become one and two minutes and the calendar changes again, so every
#      running clock is breached once recomputed: the time until the worker has run every `sla.breach`
#      job that fell due (a breach row, a timeline event and notifications each).
#
#   scripts/bench/sla.sh                          # release build, 100,000 open tickets
#   KEFU_BIN=… KEFU_BENCH_SLA_TICKETS=10000 scripts/bench/sla.sh
#
# Not a test: nothing here is asserted. Progress is read from the jobs table (SQLite, read-only).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/bench.sh
source scripts/lib/bench.sh

TICKETS=${KEFU_BENCH_SLA_TICKETS:-100000}
CUSTOMERS=${KEFU_BENCH_CUSTOMERS:-20000}
kefu_bench_traps

kefu_log "== machine"
kefu_info "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
kefu_info "kefu $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $TICKETS open tickets, $CUSTOMERS customers"
kefu_bench_binary

kefu_tmpdir WORK kefu-bench-sla
DB=$WORK/kefu.sqlite
ADMIN_EMAIL=bench-admin@example.test
ADMIN_PASSWORD=$(kefu_random_password)
timeout 300 "$KEFU_BIN" migrate --database "$DB" >/dev/null
printf '%s\n' "$ADMIN_PASSWORD" | timeout 60 "$KEFU_BIN" user add --email "$ADMIN_EMAIL" --name Bench \
    --role admin --password-stdin --database "$DB" >/dev/null
timeout 1800 python3 scripts/bench/gen-customers.py "$CUSTOMERS" >"$WORK/customers.csv"
timeout 1800 "$KEFU_BIN" import customers "$WORK/customers.csv" --database "$DB" >/dev/null
started=$SECONDS
timeout 3600 python3 scripts/bench/gen-tickets.py "$DB" "$TICKETS" --agent-email "$ADMIN_EMAIL" --open-share 1.0 \
    --spread-days 0.01
kefu_info "gen-tickets.py $TICKETS (all open, received within the last quarter of an hour): $(( SECONDS - started ))s"

kefu_bench_serve "$DB" "$WORK/server.log"
URL=$KEFU_BENCH_URL
TOKEN=$(kefu_bench_token "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
api() {  # METHOD PATH JSON
    curl -sf --max-time 60 -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "$3" "$URL/api/v1$2" >/dev/null
}
# Targets of hours: the first recompute schedules every timer, none falls due yet.
POLICY=$(curl -sf --max-time 60 -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"name": "Bench", "tiers": null, "priorities": null, "types": null, "first_response_minutes": 240,
         "next_reply_minutes": 60, "resolution_minutes": 2400}' "$URL/api/v1/sla-policies" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')

# Waits until no pending job of KIND is due (run_at passed); prints how many ran and how fast.
wait_jobs() {  # KIND SINCE
    python3 - "$DB" "$1" "$2" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, timeout=30)
kind, since = sys.argv[2], float(sys.argv[3])
while True:
    now = time.time()
    left = db.execute("SELECT count(*) FROM jobs WHERE kind = ? AND status = 'pending' AND run_at <= ?",
                      (kind, now)).fetchone()[0]
    if left == 0:
        # A job is marked done in the transaction of its work: readers see it once that committed.
        finished = now
        break
    time.sleep(0.5)
count, first, last = db.execute(
    "SELECT count(*), min(updated_at), max(updated_at) FROM jobs WHERE kind = ? AND status = 'done' AND updated_at >= ?",
    (kind, since)).fetchone()
if count:
    print("  %s: %d jobs done, all committed %.1f s after the calendar PUT (polled every 0.5 s)"
          % (kind, count, finished - since))
else:
    print("  %s: no jobs ran" % kind)
PY
}

calendar() {  # HOLIDAY: open around the clock but on that day (not today), so the run's clocks always run
    local all='[["00:00","24:00"]]'
    printf '{"time_zone": "UTC", "weekly": {"mon": %s, "tue": %s, "wed": %s, "thu": %s, "fri": %s, "sat": %s,
        "sun": %s}, "holidays": ["%s"], "extra_workdays": []}' "$all" "$all" "$all" "$all" "$all" "$all" "$all" "$1"
}
counts() {
    python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
one = lambda sql: db.execute(sql).fetchone()[0]
print("  tickets with a policy: %d; pauses: %d; timers: %d; breaches: %d; notifications: %d" % (
    one("SELECT count(*) FROM tickets WHERE sla_policy_id IS NOT NULL"), one("SELECT count(*) FROM ticket_sla_pauses"),
    one("SELECT count(*) FROM jobs WHERE kind IN ('sla.breach', 'sla.warning')"),
    one("SELECT count(*) FROM ticket_sla_breaches"), one("SELECT count(*) FROM notifications")))
PY
}

kefu_log "== 1. recompute: PUT /api/v1/calendar (open around the clock, a holiday next year), targets of hours"
since=$(date +%s.%N)
api PUT /calendar "$(calendar "$(date -u -d '+400 days' +%F)")"
wait_jobs sla.recompute "$since"
counts

kefu_log "== 2. drain: targets of one and two minutes, then the calendar again: every running clock breaches"
api PATCH "/sla-policies/$POLICY" '{"first_response_minutes": 1, "next_reply_minutes": 1, "resolution_minutes": 2}'
sleep 120  # the newest ticket's clocks too are more than two minutes old
since=$(date +%s.%N)
api PUT /calendar "$(calendar "$(date -u -d '+401 days' +%F)")"
wait_jobs sla.recompute "$since"
wait_jobs sla.breach "$since"
counts
