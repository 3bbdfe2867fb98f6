#!/usr/bin/env bash
# The survey reports over 100,000 SERVQUAL answers (issue 13 §4), on SQLite: the answers are stored straight
# into the database (gen-survey-responses.py, the ratings of gen-servqual.py, given over the last 28 days),
# then each SERVQUAL report over the API, the report page /reports/surveys and the survey's page /surveys/{id}
# are fetched KEFU_BENCH_REPEAT times, timed from request to the last byte. For the ceiling, the same answers'
# ratings are read with plain SQL (Python's sqlite3) and `kefu calc servqual` scores them from a CSV.
#
#   scripts/bench/survey-report.sh                                   # release build, 100,000 answers
#   KEFU_BENCH_ROWS=2000 KEFU_BIN=.build/debug/kefu scripts/bench/survey-report.sh   # a quick check
#
# Environment (all optional):
#   KEFU_BENCH_ROWS          answers to store (default 100000)
#   KEFU_BENCH_REPEAT        requests per path (default 3)
#   KEFU_BENCH_THREE_COLUMN  1 for the three-column form (default: two-column with importance points)
#   KEFU_BIN                 use this kefu binary instead of building `swift build -c release --product kefu`
#
# Each request ends with a line `KEFU_BENCH survey-report path=… answers=… seconds=…`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/bench.sh
source scripts/lib/bench.sh

ROWS=${KEFU_BENCH_ROWS:-100000}
REPEAT=${KEFU_BENCH_REPEAT:-3}
THREE=${KEFU_BENCH_THREE_COLUMN:-0}
kefu_bench_traps

kefu_log "== machine"
kefu_info "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
kefu_info "kefu $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $ROWS answers, three-column=$THREE"
kefu_bench_binary

kefu_tmpdir WORK kefu-bench-survey-report
DB=$WORK/kefu.sqlite
ADMIN_EMAIL=bench-admin@example.test
ADMIN_PASSWORD=$(kefu_random_password)
timeout 300 "$KEFU_BIN" migrate --database "$DB" >/dev/null
printf '%s\n' "$ADMIN_PASSWORD" | timeout 60 "$KEFU_BIN" user add --email "$ADMIN_EMAIL" --name Bench \
    --role admin --password-stdin --database "$DB" >/dev/null

kefu_bench_serve "$DB" "$WORK/server.log"
URL=$KEFU_BENCH_URL
TOKEN=$(kefu_bench_token "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
post() {  # PATH JSON → the new id
    curl -sf --max-time 60 -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "$2" "$URL/api/v1$1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}
if [[ $THREE == 1 ]]; then FORM='"three_column": true'; FLAG=--three-column; else FORM='"importance": true'; FLAG=; fi
SURVEY=$(post /surveys "{\"kind\": \"servqual\", \"title\": \"Bench\", $FORM}")
CUSTOMER=$(post /customers '{"name": "Bench"}')
started=$SECONDS
# shellcheck disable=SC2086
timeout 3600 python3 scripts/bench/gen-survey-responses.py "$DB" "$SURVEY" "$CUSTOMER" "$ROWS" $FLAG
kefu_info "stored $ROWS answers in $(( SECONDS - started ))s"

kefu_log "== requests"
uptime
timeout 3600 python3 - "$URL" "$TOKEN" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$SURVEY" "$ROWS" "$REPEAT" <<'PY'
import http.cookiejar, re, sys, time, urllib.parse, urllib.request
url, token, email, password, survey, rows, repeat = sys.argv[1:8]
jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
login = browser.open(url + "/login", timeout=60).read().decode()
csrf = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
form = urllib.parse.urlencode({"csrf_token": csrf, "email": email, "password": password}).encode()
browser.open(urllib.request.Request(url + "/login", data=form), timeout=60).read()
def timed(path, api):
    request = urllib.request.Request(url + path, headers={"Authorization": "Bearer " + token} if api else {})
    started = time.perf_counter()
    body = (urllib.request.urlopen if api else browser.open)(request, timeout=600).read()
    seconds = time.perf_counter() - started
    assert len(body) > 500, (path, body[:200])
    print("KEFU_BENCH survey-report path=%s answers=%s seconds=%.3f bytes=%d" % (path, rows, seconds, len(body)))
for path, api in [("/api/v1/reports/surveys/servqual-dimensions?survey_id=" + survey, True),
                  ("/api/v1/reports/surveys/servqual-items?survey_id=" + survey, True),
                  ("/api/v1/reports/surveys/scores", True),
                  ("/reports/surveys?survey_id=" + survey, False), ("/surveys/" + survey, False),
                  ("/healthz", True)]:
    for _ in range(int(repeat)):
        if path == "/healthz":
            started = time.perf_counter(); urllib.request.urlopen(url + path, timeout=60).read()
            print("KEFU_BENCH survey-report path=/healthz seconds=%.4f" % (time.perf_counter() - started))
        else:
            timed(path, api)
PY

kefu_log "== ceiling: the ratings read with plain SQL, and kefu calc servqual on the same rows"
timeout 600 python3 - "$DB" <<'PY'
import json, sqlite3, sys, time
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
started = time.perf_counter()
rows = [json.loads(answers) for (answers,) in db.execute("SELECT answers FROM survey_responses")]
print("KEFU_BENCH survey-report ceiling=python-sqlite3-read-and-parse answers=%d seconds=%.3f"
      % (len(rows), time.perf_counter() - started))
PY
# shellcheck disable=SC2086
timeout 1800 python3 scripts/bench/gen-servqual.py "$ROWS" $FLAG >"$WORK/servqual.csv"
started=$(date +%s.%N)
# shellcheck disable=SC2086
timeout 1800 "$KEFU_BIN" calc servqual --input "$WORK/servqual.csv" --format json $FLAG >/dev/null
kefu_info "KEFU_BENCH survey-report ceiling=kefu-calc-servqual seconds=$(python3 -c "import time; print('%.3f' % (time.time() - $started))")"
