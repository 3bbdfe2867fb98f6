#!/usr/bin/env bash
# HTTP load on a release `kefu serve`: list, search (`q`), get one and create customers with wrk,
# then the server-side latency histograms from GET /metrics. Everything runs on 127.0.0.1, in a
# temporary directory that is removed on exit, and the server is stopped on exit.
#
#   scripts/bench/http.sh                                   # SQLite, 100,000 customers, 20 s per run
#   KEFU_BENCH_CUSTOMERS=1000000 scripts/bench/http.sh      # the issue's 1,000,000-customer target
#   KEFU_BENCH_DATABASE=postgres scripts/bench/http.sh      # a private PostgreSQL 15 cluster
#   KEFU_BENCH_DATABASE=postgres://user@127.0.0.1:5432/db scripts/bench/http.sh  # an EMPTY database
#
# Environment (all optional):
#   KEFU_BENCH_CUSTOMERS     customers imported before the runs (gen-customers.py; default 100000; 0 = none)
#   KEFU_BENCH_TICKETS       tickets written by gen-tickets.py after the import (SQLite only; default 0)
#   KEFU_BENCH_SQLITE_FILE   keep the SQLite database at this path instead of a temporary one; when the file
#                            exists already, reuse it as it is (no import, no tickets: the 1M-ticket database
#                            takes ~20 minutes to make) and sign in as its bench admin with a new password
#   KEFU_BENCH_DATABASE      sqlite (default), postgres (private cluster, scripts/lib/postgres.sh) or a
#                            postgres:// URL of an empty database that may be thrown away
#   KEFU_BENCH_RUNS          which runs, comma-separated (default list,search,search-rare,get,create;
#                            also ticket-create and ticket-reply: KEFU_BENCH_RUNS=create,ticket-create,ticket-reply
#                            compares ticket writes with customer creates in one run; ticket-inbox and
#                            ticket-search read the tickets of KEFU_BENCH_TICKETS; healthz, GET /healthz,
#                            is the ceiling of a request that does next to nothing; earn enrols up to 2,000
#                            listed customers as loyalty members and records purchases for them, every fifth
#                            one sent twice (KEFU_BENCH_RUNS=create,earn: earn events beside customer creates),
#                            then checks on SQLite that every stored purchase earned exactly once)
#   KEFU_BENCH_DURATION      per run (default 20s); KEFU_BENCH_THREADS (2), KEFU_BENCH_CONNECTIONS (64;
#                            a comma-separated list such as 8,64 repeats every run at each count)
#   KEFU_BENCH_CSV           reuse this gen-customers.py file instead of generating one
#   KEFU_BENCH_ANALYZE=1     refresh the planner statistics (ANALYZE) after the import
#   KEFU_BIN                 use this kefu binary instead of building `swift build -c release --product kefu`
#   KEFU_BENCH_BUILD_TIMEOUT seconds allowed for the build (default 3600)
#
# Each wrk run ends with a line `KEFU_BENCH <run> requests=… rps=… p50_ms=… p99_ms=…` (client side,
# wrk over loopback on the same 2 cores as the server); the server-side lines come from the
# `http_server_request_duration_seconds` histogram and are bucket bounds (p99 ≤ 25 ms means "in the bucket
# up to 25 ms").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/postgres.sh
source scripts/lib/postgres.sh
# shellcheck source=../lib/bench.sh
source scripts/lib/bench.sh

CUSTOMERS=${KEFU_BENCH_CUSTOMERS:-100000}
TICKETS=${KEFU_BENCH_TICKETS:-0}
DATABASE=${KEFU_BENCH_DATABASE:-sqlite}
RUNS=${KEFU_BENCH_RUNS:-list,search,search-rare,get,create}
DURATION=${KEFU_BENCH_DURATION:-20s}
THREADS=${KEFU_BENCH_THREADS:-2}
CONNECTIONS=${KEFU_BENCH_CONNECTIONS:-64}
kefu_bench_traps

command -v wrk >/dev/null || kefu_die "wrk is missing: apt-get install -y wrk"
command -v curl >/dev/null || kefu_die "curl is missing"

kefu_log "== machine"
kefu_info "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GiB"
kefu_info "kefu $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)'), $(swift --version 2>/dev/null | head -1)"
kefu_info "database $DATABASE, $CUSTOMERS customers, runs $RUNS, wrk -t$THREADS -c$CONNECTIONS -d$DURATION"

# --- build -----------------------------------------------------------------------------------
kefu_bench_binary

# --- database --------------------------------------------------------------------------------
kefu_tmpdir WORK kefu-bench
case $DATABASE in
    sqlite) DB=${KEFU_BENCH_SQLITE_FILE:-$WORK/kefu.sqlite} ;;
    postgres)
        kefu_pg_start
        kefu_pg_createdb kefu_bench
        DB=$(kefu_pg_url kefu_bench)
        ;;
    postgres://*|postgresql://*) DB=$DATABASE ;;
    *) kefu_die "KEFU_BENCH_DATABASE must be sqlite, postgres or a postgres:// URL (got '$DATABASE')" ;;
esac
ADMIN_EMAIL=bench-admin@example.test
ADMIN_PASSWORD=$(kefu_random_password)

REUSE=0
[[ $DATABASE == sqlite && -n ${KEFU_BENCH_SQLITE_FILE:-} && -f $DB ]] && REUSE=1
kefu_log "== kefu migrate, user add, import"
timeout 300 "$KEFU_BIN" migrate --database "$DB" >/dev/null
if (( REUSE )); then
    # The kept database's bench admin (whose tickets `view=mine` shows) takes the password of a new account.
    login="bench-login-$$-$RANDOM@example.test"
    printf '%s\n' "$ADMIN_PASSWORD" | timeout 60 "$KEFU_BIN" user add --email "$login" --name Bench \
        --role admin --password-stdin --database "$DB" >/dev/null
    python3 - "$DB" "$login" "$ADMIN_EMAIL" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = ?) WHERE email = ?",
           (sys.argv[2], sys.argv[3]))
db.commit()
PY
    CUSTOMERS=0 TICKETS=0
    kefu_info "reusing $DB as it is"
else
    printf '%s\n' "$ADMIN_PASSWORD" | timeout 60 "$KEFU_BIN" user add --email "$ADMIN_EMAIL" --name Bench \
        --role admin --password-stdin --database "$DB" >/dev/null
fi

CSV=${KEFU_BENCH_CSV:-}
if (( CUSTOMERS > 0 )); then
    if [[ -z $CSV ]]; then
        CSV="$WORK/customers.csv"
        started=$SECONDS
        timeout 1800 python3 scripts/bench/gen-customers.py "$CUSTOMERS" >"$CSV"
        kefu_info "gen-customers.py $CUSTOMERS: $(du -h "$CSV" | cut -f1) in $(( SECONDS - started ))s"
    fi
    started=$(date +%s.%N)
    timeout 3600 "$KEFU_BIN" import customers "$CSV" --format json --database "$DB" >"$WORK/import.json"
    finished=$(date +%s.%N)
    python3 - "$WORK/import.json" "$started" "$finished" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
seconds = float(sys.argv[3]) - float(sys.argv[2])
print("  kefu import customers: %d imported, %d rejected in %.1f s = %.0f rows/s (whole command)"
      % (summary["imported"], len(summary["rejected"]), seconds, summary["imported"] / seconds))
PY
fi

if (( TICKETS > 0 )); then
    [[ $DATABASE == sqlite ]] || kefu_die "KEFU_BENCH_TICKETS needs KEFU_BENCH_DATABASE=sqlite (gen-tickets.py writes SQLite)"
    started=$SECONDS
    timeout 3600 python3 scripts/bench/gen-tickets.py "$DB" "$TICKETS" --agent-email "$ADMIN_EMAIL"
    kefu_info "gen-tickets.py $TICKETS: $(( SECONDS - started ))s"
fi

# Off by default, to measure what kefu itself leaves behind; on PostgreSQL a bulk import without
# fresh planner statistics can turn the plain list into a sequential scan and sort.
if [[ ${KEFU_BENCH_ANALYZE:-0} == 1 ]]; then
    case $DATABASE in
        sqlite) python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("ANALYZE"); c.close()' "$DB" ;;
        postgres) kefu_pg_psql kefu_bench -qc 'ANALYZE' ;;
        *) psql "$DB" -X -qc 'ANALYZE' ;;
    esac
    kefu_info "ANALYZE done (KEFU_BENCH_ANALYZE=1)"
fi

# --- server ----------------------------------------------------------------------------------
kefu_bench_serve "$DB" "$WORK/server.log"
URL=$KEFU_BENCH_URL
TOKEN=$(kefu_bench_token "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
export KEFU_TOKEN=$TOKEN

# Search terms that occur once (a customer's phone digits and email local part) or never (also one
# and two Chinese characters nobody has, which only the gram index answers without a scan).
RARE_TERMS='不存在的客户|鑫|小鑫'
if [[ -n $CSV && -f $CSV ]]; then
    RARE_TERMS=$(python3 - "$CSV" <<'PY'
import csv, sys
rows = []
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    for i, row in enumerate(csv.DictReader(f)):
        rows.append(row)
        if i >= 200_000:
            break
picks = [rows[len(rows) * k // 7] for k in range(1, 7)]
terms = [p["phone"].split(";")[0][3:11] for p in picks[:3]] + [p["email"].split("@")[0] for p in picks[3:]]
print("|".join(terms + ["不存在的客户", "鑫", "小鑫"]))
PY
)
fi

# Ticket search terms (gen-tickets.py's vocabulary): common words, customers' names, a product, a
# ticket number and an order code that occur once, and terms that occur nowhere.
TICKET_TERMS="退款|空调|发票|refund|王|小明|格力空调|行政酒廊|T-$(printf '%06d' $(( TICKETS / 3 + 1 )))|ORD00791900|鑫|不存在的工单"

metrics() { curl -sf --max-time 30 "$URL/metrics" >"$1" || : >"$1"; }

# Server-side latency of one run: the change of every request-duration histogram between two
# scrapes, as count, mean and the bucket bounds holding p50/p90/p99.
server_side() {  # BEFORE AFTER
    python3 - "$1" "$2" <<'PY'
import re, sys
line_re = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)')
def parse(path):
    series = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        m = line_re.match(line)
        if not m or line.startswith("#"):
            continue
        name, labels, value = m.group(1), m.group(2) or "", float(m.group(3))
        series[(name, labels)] = value
    return series
before, after = parse(sys.argv[1]), parse(sys.argv[2])
histograms = {}
for (name, labels), value in after.items():
    if not name.endswith("_bucket"):
        continue
    pairs = re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', labels)
    le = dict(pairs).get("le")
    if le is None:
        continue
    key = (name[:-7], tuple(kv for kv in pairs if kv[0] != "le"))
    delta = value - before.get((name, labels), 0.0)
    histograms.setdefault(key, []).append((float("inf") if le == "+Inf" else float(le), delta))
def sum_of(base, labels):
    text = ",".join('%s="%s"' % kv for kv in labels)
    return after.get((base + "_sum", text), 0.0) - before.get((base + "_sum", text), 0.0)
shown = 0
for (base, labels), buckets in sorted(histograms.items()):
    buckets.sort()
    total = buckets[-1][1]
    if total <= 0:
        continue
    def bound(q):
        for le, count in buckets:
            if count >= q * total:
                return "≤ %g ms" % (le * 1000) if le != float("inf") else "> %g ms" % (buckets[-2][0] * 1000)
    mean = sum_of(base, labels) / total * 1000
    what = " ".join(v for k, v in labels if "method" in k or "route" in k or "status" in k)
    print("  server %s %s: %d requests, mean %.2f ms, p50 %s, p90 %s, p99 %s"
          % (base, what, total, mean, bound(0.5), bound(0.9), bound(0.99)))
    shown += 1
if not shown:
    print("  server: no request-duration histogram in /metrics")
PY
}

run_wrk() {  # NAME SCRIPT [ENV=VALUE…]
    local base=$1 script=$2 connections name round=0
    shift 2
    IFS=',' read -r -a connections <<<"$CONNECTIONS"
    for c in "${connections[@]}"; do
        round=$(( round + 1 ))
        name=$base
        (( ${#connections[@]} == 1 )) || name="$base@c$c"
        kefu_log "== $name: wrk -t$THREADS -c$c -d$DURATION --latency -s scripts/bench/$script $URL"
        metrics "$WORK/metrics-before"
        env "$@" KEFU_BENCH_NAME="$name" KEFU_BENCH_ROUND="$round" timeout 600 wrk -t"$THREADS" -c"$c" -d"$DURATION" --timeout 10s \
            --latency -s "scripts/bench/$script" "$URL" | tee "$WORK/wrk-$name.txt"
        metrics "$WORK/metrics-after"
        server_side "$WORK/metrics-before" "$WORK/metrics-after" | tee "$WORK/server-$name.txt"
    done
}

# Ids of `kind` (customers or tickets) listed through the API into FILE, up to 2,000 (ten pages of
# 200); false when there are none.
list_ids() {  # KIND FILE
    python3 - "$URL" "$1" "$2" <<'PY'
import json, os, sys, urllib.request
url, kind, out = sys.argv[1], sys.argv[2], sys.argv[3]
ids, cursor = [], None
for _ in range(10):
    page = url + "/api/v1/" + kind + "?limit=200" + ("&cursor=" + cursor if cursor else "")
    request = urllib.request.Request(page, headers={"Authorization": "Bearer " + os.environ["KEFU_TOKEN"]})
    body = json.load(urllib.request.urlopen(request, timeout=30))
    ids += [item["id"] for item in body["items"]]
    cursor = body.get("next_cursor")
    if not cursor:
        break
open(out, "w").write("\n".join(ids) + "\n")
print("  %d %s ids listed" % (len(ids), kind))
PY
    [[ $(wc -w <"$2") -gt 0 ]]
}

# Enrols the customers listed in FILE as loyalty members (one API call each; one already a member is kept).
enrol_members() {  # FILE
    python3 - "$URL" "$1" <<'PY'
import json, os, sys, urllib.error, urllib.request
url, path = sys.argv[1], sys.argv[2]
enrolled = 0
for customer in open(path).read().split():
    request = urllib.request.Request(url + "/api/v1/loyalty/members", method="POST",
        data=json.dumps({"customer_id": customer}).encode(),
        headers={"Authorization": "Bearer " + os.environ["KEFU_TOKEN"], "Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request, timeout=30)
        enrolled += 1
    except urllib.error.HTTPError as error:
        if error.code != 409:
            raise
print("  %d members enrolled" % enrolled)
PY
}

# After the earn run (SQLite): every bench purchase has exactly one earn movement and no purchase was stored
# twice; a member's balance is the sum of their movements.
check_earned() {
    python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=60)
purchases = db.execute("SELECT count(*) FROM purchases WHERE source = 'bench'").fetchone()[0]
earns = db.execute("SELECT count(*) FROM loyalty_movements m JOIN purchases p ON p.id = m.purchase_id "
                   "WHERE p.source = 'bench' AND m.kind = 'earn'").fetchone()[0]
doubled = db.execute("SELECT count(*) FROM (SELECT purchase_id FROM loyalty_movements WHERE kind = 'earn' "
                     "AND purchase_id IS NOT NULL GROUP BY purchase_id, source HAVING count(*) > 1)").fetchone()[0]
off = db.execute("SELECT count(*) FROM loyalty_members m WHERE m.balance <> "
                 "(SELECT coalesce(sum(points), 0) FROM loyalty_movements v WHERE v.member_id = m.id)").fetchone()[0]
print("  earn check: %d purchases stored, %d earn movements, %d doubled, %d balances off" % (purchases, earns, doubled, off))
sys.exit(0 if doubled == 0 and off == 0 and earns == purchases else 1)
PY
}

IFS=',' read -r -a selected <<<"$RUNS"
for run in "${selected[@]}"; do
    case $run in
        healthz) run_wrk healthz wrk-healthz.lua ;;
        list) run_wrk list wrk-list.lua ;;
        search) run_wrk search wrk-search.lua ;;
        search-rare) run_wrk search-rare wrk-search.lua KEFU_BENCH_Q="$RARE_TERMS" ;;
        get)
            if list_ids customers "$WORK/ids.txt"; then
                run_wrk get wrk-get.lua KEFU_BENCH_IDS="$WORK/ids.txt"
            else
                kefu_warn "no customers to get: run with KEFU_BENCH_CUSTOMERS > 0 or create first"
            fi
            ;;
        create) run_wrk create wrk-create.lua KEFU_BENCH_RUN="${KEFU_BENCH_RUN:-0}" ;;
        ticket-create)
            if list_ids customers "$WORK/ids.txt"; then
                run_wrk ticket-create wrk-ticket.lua KEFU_BENCH_MODE=create KEFU_BENCH_IDS="$WORK/ids.txt"
            else
                kefu_warn "no customers to log tickets for: run with KEFU_BENCH_CUSTOMERS > 0 or create first"
            fi
            ;;
        ticket-reply)
            if list_ids tickets "$WORK/ticket-ids.txt"; then
                run_wrk ticket-reply wrk-ticket.lua KEFU_BENCH_MODE=reply KEFU_BENCH_IDS="$WORK/ticket-ids.txt"
            else
                kefu_warn "no tickets to reply to: run ticket-create first"
            fi
            ;;
        earn)
            if list_ids customers "$WORK/ids.txt" && enrol_members "$WORK/ids.txt"; then
                run_wrk earn wrk-earn.lua KEFU_BENCH_IDS="$WORK/ids.txt" KEFU_BENCH_RUN="${KEFU_BENCH_RUN:-0}"
                [[ $DATABASE != sqlite ]] || check_earned
            else
                kefu_warn "no customers to enrol: run with KEFU_BENCH_CUSTOMERS > 0 or create first"
            fi
            ;;
        ticket-inbox)
            run_wrk ticket-inbox wrk-search.lua \
                KEFU_BENCH_PATHS="$(printf '/api/v1/tickets?limit=50&%s|' view=mine view=team view=unassigned \
                    sort=-created_at status=new view=mine\&sort=created_at)"
            ;;
        ticket-search)
            run_wrk ticket-search wrk-search.lua KEFU_BENCH_PREFIX='/api/v1/tickets?limit=50&q=' \
                KEFU_BENCH_Q="${KEFU_BENCH_TICKET_Q:-$TICKET_TERMS}"
            ;;
        *) kefu_die "unknown run '$run' (healthz, list, search, search-rare, get, create, earn, ticket-create, ticket-reply, ticket-inbox, ticket-search)" ;;
    esac
done

kefu_log "== summary ($DATABASE, $CUSTOMERS customers imported, wrk -t$THREADS -c$CONNECTIONS -d$DURATION)"
for run in "${selected[@]}"; do
    IFS=',' read -r -a connections <<<"$CONNECTIONS"
    for result in "$WORK/wrk-$run.txt" "${connections[@]/#/$WORK/wrk-$run@c}"; do
        result=${result%.txt}.txt
        [[ -f $result ]] || continue
        grep -h '^KEFU_BENCH' "$result" | sed 's/^/  /'
        grep -h 'http.*GET\|http.*POST\|no request-duration' "${result/wrk-/server-}" | grep -v 'metrics\|healthz' \
            | sed 's/^/  /' || true
    done
done
errors=$(grep -ciE ' (error|critical) ' "$WORK/server.log" || true)
if (( errors > 0 )); then
    kefu_warn "server log: $errors error lines; the first distinct ones:"
    grep -iE ' (error|critical) ' "$WORK/server.log" | sed -E 's/^[^ ]+ //; s/request-id=[^ ]+ ?//' | sort | uniq -c \
        | sort -rn | head -5 | cut -c1-300 >&2
fi
if [[ $DATABASE == sqlite ]]; then
    kefu_info "database file: $(du -h "$DB" | cut -f1) (+ WAL $(du -h "$DB-wal" 2>/dev/null | cut -f1 || echo 0))"
fi
