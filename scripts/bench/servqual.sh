#!/usr/bin/env bash
# `kefu calc servqual` on generated responses (gen-servqual.py: every row valid, about 3 % of the items
# skipped), timed from start to exit of the command: the two-column form with importance points, then the
# three-column form. Issue 13 §4 asks for 100,000 respondents; figures go to docs/PERFORMANCE.md.
#
#   scripts/bench/servqual.sh                                           # release build, 100,000 respondents
#   KEFU_BENCH_ROWS=2000 KEFU_BIN=.build/debug/kefu scripts/bench/servqual.sh   # a quick check
#
# Environment (all optional):
#   KEFU_BENCH_ROWS          respondents to generate (default 100000)
#   KEFU_BENCH_REPEAT        runs per form (default 3)
#   KEFU_BIN                 use this kefu binary instead of building `swift build -c release --product kefu`
#   KEFU_BENCH_BUILD_TIMEOUT seconds allowed for the build (default 3600)
#
# Each run ends with a line `KEFU_BENCH servqual form=two_column|three_column respondents=… seconds=…
# respondents_per_s=…`, the wall time of the whole command (reading and checking the CSV, scoring,
# printing), measured while whatever else runs on the machine runs too: `uptime` is printed before each.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/bench.sh
source scripts/lib/bench.sh

ROWS=${KEFU_BENCH_ROWS:-100000}
REPEAT=${KEFU_BENCH_REPEAT:-3}

kefu_bench_traps

kefu_log "== machine"
kefu_info "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
kefu_info "kefu $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $ROWS respondents"
kefu_bench_binary

kefu_tmpdir WORK kefu-servqual-bench
started=$SECONDS
kefu_run timeout 1800 python3 scripts/bench/gen-servqual.py "$ROWS" >"$WORK/two.csv"
kefu_run timeout 1800 python3 scripts/bench/gen-servqual.py "$ROWS" --three-column >"$WORK/three.csv"
kefu_info "gen-servqual.py $ROWS: $(du -h "$WORK/two.csv" | cut -f1) two-column," \
    "$(du -h "$WORK/three.csv" | cut -f1) three-column in $(( SECONDS - started ))s"

# Times `kefu calc servqual` on FILE and checks that it scored every respondent.
bench() {  # FORM FILE [FLAGS…]
    local form=$1 file=$2 start end
    shift 2
    kefu_info "$(uptime)"
    start=$(date +%s.%N)
    kefu_run timeout 3600 "$KEFU_BIN" calc servqual --input "$file" --format json "$@" >"$WORK/out.json" \
        || kefu_die "kefu calc servqual failed on the $form file"
    end=$(date +%s.%N)
    python3 - "$WORK/out.json" "$ROWS" "$form" "$start" "$end" <<'PY'
import json, sys
out, rows, form = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
start, end = map(float, sys.argv[4:6])
if out["respondents"] != rows:
    sys.exit(f"scored {out['respondents']} of {rows} respondents")
seconds = end - start
print(f"  unweighted_score={out['unweighted_score']} weighted_score={out['weighted_score']} "
      f"weighted_respondents={out['weighted_respondents']}")
print(f"KEFU_BENCH servqual form={form} respondents={rows} seconds={seconds:.2f} "
      f"respondents_per_s={rows / seconds:.0f}")
PY
}

for (( run = 1; run <= REPEAT; run++ )); do
    kefu_log "== kefu calc servqual, two-column with points, run $run of $REPEAT"
    bench two_column "$WORK/two.csv"
done
for (( run = 1; run <= REPEAT; run++ )); do
    kefu_log "== kefu calc servqual --three-column, run $run of $REPEAT"
    bench three_column "$WORK/three.csv" --three-column
done
