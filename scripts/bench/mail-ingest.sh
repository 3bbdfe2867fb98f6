#!/usr/bin/env bash
# Ingesting mail (issue 16 §3), on SQLite: `gen-mail.py` writes KEFU_BENCH_MESSAGES messages (new tickets from
# distinct senders, replies threading by In-Reply-To, GBK/GB2312 subjects, a few attachments and HTML-only
# mails), then each is piped to its own `kefu mail ingest --database D --mail-from support@shop.test`, as an
# MTA would: first one after another into a fresh database, then by two workers at once into another fresh
# one (each worker takes whole conversations, so a reply never arrives before the mail it answers). Every
# sender writes at most four messages, so the per-sender limit (`service_desk.mail_per_sender_per_minute`,
# default 20) is left as it is and never holds a message: a held one (exit 75) fails the run. Ceilings, of
# the same process start-up without the work: `kefu --help` (the bare executable) and the ingest of an
# auto-reply, which opens and migrates the database, parses the mail and stores nothing.
#
#   scripts/bench/mail-ingest.sh                                                # 10,000 messages
#   KEFU_BENCH_MESSAGES=500 KEFU_BIN=.build/debug/kefu scripts/bench/mail-ingest.sh   # a quick check
#
# Environment (all optional):
#   KEFU_BENCH_MESSAGES  messages to generate and ingest (default 10000)
#   KEFU_BENCH_CEILING   runs of each ceiling command (default 200)
#   KEFU_BIN             use this kefu binary instead of building `swift build -c release --product kefu`
#
# Prints `KEFU_BENCH mail-ingest run=sequential|parallel-2|ceiling-help|ceiling-noise messages=… seconds=…
# messages_per_s=… p50_ms=… p99_ms=…` (per message: the wall time of its `kefu mail ingest` process), and the
# tickets, messages and attachments stored. Measured while whatever else runs on the machine runs too
# (`uptime` is printed before each timed step).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/bench.sh
source scripts/lib/bench.sh

MESSAGES=${KEFU_BENCH_MESSAGES:-10000}
CEILING=${KEFU_BENCH_CEILING:-200}

kefu_bench_traps
kefu_log "== machine"
kefu_info "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
kefu_info "kefu $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $MESSAGES messages"
kefu_bench_binary

kefu_tmpdir WORK kefu-bench-mail
kefu_log "== gen-mail.py $MESSAGES"
kefu_run timeout 1800 python3 scripts/bench/gen-mail.py "$MESSAGES" "$WORK/mail"
kefu_info "$(du -sh "$WORK/mail" | cut -f1) in $(find "$WORK/mail" -name '*.eml' | wc -l) files"

for run in sequential parallel-2; do
    timeout 300 "$KEFU_BIN" migrate --database "$WORK/$run.sqlite" >/dev/null 2>&1
done

# The runner goes to a file: kefu_run's background job would not get a here-document on its stdin.
cat >"$WORK/ingest.py" <<'PY'
import os, sqlite3, statistics, subprocess, sys, threading, time

kefu, work, ceiling = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(os.listdir(os.path.join(work, "mail")))
NOISE = (b"From: robot@example.test\nTo: support@shop.test\nSubject: Out of office\n"
         b"Auto-Submitted: auto-replied\nMessage-ID: <noise@example.test>\n\nAway.\n")


def ingest(database, raw):
    """One `kefu mail ingest`: its exit code, stdout and wall time in seconds."""
    start = time.perf_counter()
    done = subprocess.run([kefu, "mail", "ingest", "--database", database, "--mail-from", "support@shop.test"],
                          input=raw, capture_output=True, timeout=120)
    return done.returncode, done.stdout, time.perf_counter() - start


def feed(database, names, times, failures):
    for name in names:
        with open(os.path.join(work, "mail", name), "rb") as f:
            code, out, seconds = ingest(database, f.read())
        times.append(seconds)
        if code != 0 or not out.strip().startswith(b"T-"):
            failures.append((name, code, out[:80]))


def report(run, times, wall):
    times = sorted(times)
    p = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000
    print("KEFU_BENCH mail-ingest run=%s messages=%d seconds=%.1f messages_per_s=%.1f p50_ms=%.1f p99_ms=%.1f"
          % (run, len(times), wall, len(times) / wall, p(0.50), p(0.99)), flush=True)


def stored(database):
    db = sqlite3.connect("file:%s?mode=ro" % database, uri=True)
    one = lambda sql: db.execute(sql).fetchone()[0]
    print("  stored: %d tickets, %d messages, %d attachments (%d bytes kept), %d originals"
          % (one("SELECT count(*) FROM tickets"), one("SELECT count(*) FROM ticket_messages"),
             one("SELECT count(*) FROM message_attachments"),
             one("SELECT coalesce(sum(length(bytes)), 0) FROM message_attachments"),
             one("SELECT count(*) FROM mail_originals")), flush=True)


threads = len({name.split("-")[1] for name in files})
print("  %d conversations" % threads, flush=True)
for run, workers in [("sequential", 1), ("parallel-2", 2)]:
    database = os.path.join(work, run + ".sqlite")
    shares = [[name for name in files if int(name.split("-")[1].split(".")[0]) % workers == w]
              for w in range(workers)]
    times, failures = [], []
    start = time.perf_counter()
    pool = [threading.Thread(target=feed, args=(database, share, times, failures)) for share in shares]
    for t in pool: t.start()
    for t in pool: t.join()
    report(run, times, time.perf_counter() - start)
    stored(database)
    if failures:
        sys.exit("%d messages not stored, e.g. %s" % (len(failures), failures[:3]))

for run, command, raw in [("ceiling-help", [kefu, "--help"], b""),
                          ("ceiling-noise", [kefu, "mail", "ingest", "--database",
                                             os.path.join(work, "sequential.sqlite"),
                                             "--mail-from", "support@shop.test"], NOISE)]:
    times = []
    start = time.perf_counter()
    for _ in range(ceiling):
        began = time.perf_counter()
        subprocess.run(command, input=raw, capture_output=True, timeout=60, check=True)
        times.append(time.perf_counter() - began)
    report(run, times, time.perf_counter() - start)
PY
kefu_log "== kefu mail ingest"
kefu_info "$(uptime)"
kefu_run timeout 7200 python3 "$WORK/ingest.py" "$KEFU_BIN" "$WORK" "$CEILING"
