#!/usr/bin/env bash
# scripts/test.sh — THE test command of Kefu (README names it; .ci/run runs it).
#
# On a Debian 12 machine (as root, or with passwordless sudo for the installs) it:
#   1. installs what is missing: PostgreSQL 15, Chromium + chromedriver,
#      fonts-noto-cjk, curl, prometheus (for promtool), python3-venv (one `apt-get update`, only if needed),
#      postfix, dovecot-imapd and openssl for the mail servers,
#      and a venv at .venv/ with the pinned Tests/browser/requirements.txt
#      (selenium, pytest, schemathesis);
#   2. starts a private PostgreSQL 15 cluster on a free 127.0.0.1 port in a
#      temporary directory and exports
#      KEFU_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/kefu_test;
#      then private Postfix (SMTP with STARTTLS, smtps, and two ports that require AUTH)
#      and Dovecot (IMAP with STARTTLS, imaps) instances on free 127.0.0.1 ports with a test CA, exporting
#      KEFU_TEST_SMTP_URL, KEFU_TEST_IMAP_URL, KEFU_TEST_MAIL_CA and the rest that
#      lib/mail.sh lists;
#   3. swift format lint (the layout of .swift-format: lines ≤ 120 columns),
#      swift build --build-tests, then swift test (every store test runs on
#      SQLite and, through KEFU_TEST_POSTGRES_URL, on PostgreSQL);
#   4. end to end, once on a temporary SQLite file and once on a fresh PostgreSQL
#      database: kefu migrate, kefu user add (an admin with a random password),
#      kefu serve --demo on a free port, wait for /healthz, get a bearer token, then
#        - the browser tests, pytest Tests/browser (SQLite run only), and
#        - schemathesis against /api/v1/openapi.yaml with that token: any 5xx or
#          response that violates the document fails;
#   5. prints a summary and exits non-zero if anything failed. Everything it
#      started (servers, the cluster) is stopped and its temporary files removed
#      on exit, also on failure or Ctrl-C.
#
# A failing test stage (swift test, browser tests, schemathesis) does not stop
# the later ones, so one run reports everything; a failing install, cluster,
# build or server start stops the run.
#
# Environment (all optional):
#   KEFU_TEST_SKIP_SWIFT=1   for working on this script only: skip swift build
#                            and swift test (marked "skipped" in the summary); the
#                            end-to-end stages then use an existing $KEFU_BIN, or
#                            are skipped too when there is none. Never set in CI.
#   KEFU_BIN                 the kefu executable for the end-to-end stages
#                            (default .build/debug/kefu, what swift build makes)
#   KEFU_SCHEMATHESIS_MAX_EXAMPLES  examples per operation and phase (default 25)
#   KEFU_SCHEMATHESIS_SEED          reproduce a schemathesis run (it prints its seed)
#   KEFU_SCHEMATHESIS_TIMEOUT       hard limit in seconds per schemathesis run (900)
#   KEFU_HEALTH_TIMEOUT             seconds to wait for /healthz (60)
#   NO_COLOR                        plain output even on a terminal
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
KEFU_ROOT=$(pwd)

# shellcheck source=lib/common.sh
source scripts/lib/common.sh
# shellcheck source=lib/deps.sh
source scripts/lib/deps.sh
# shellcheck source=lib/postgres.sh
source scripts/lib/postgres.sh
# shellcheck source=lib/mail.sh
source scripts/lib/mail.sh
# shellcheck source=lib/server.sh
source scripts/lib/server.sh
# shellcheck source=lib/e2e.sh
source scripts/lib/e2e.sh

if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

KEFU_FAILED=0    # how many test stages failed
KEFU_SWIFT_TESTS=''  # how many Swift tests ran, read from swift test's closing line
KEFU_SWIFT_FAILURES=''  # the first issues swift test recorded, when it failed

# swift test, its output kept to count the tests for the closing line. Every SQLite database of the
# test process runs its blocking calls on SwiftNIO's one shared thread pool, one thread per core by
# default; hundreds of test databases side by side (some waiting on a write lock there) would queue
# behind each other into connection timeouts, so the test process gets 16 (a server has one database).
kefu_swift_test() {
    local rc=0 log="$KEFU_WORK/swift-test.log"
    kefu_run env NIO_SINGLETON_BLOCKING_POOL_THREAD_COUNT="${NIO_SINGLETON_BLOCKING_POOL_THREAD_COUNT:-16}" \
        bash -c 'swift test 2>&1 | tee "$0"; exit "${PIPESTATUS[0]}"' "$log" || rc=$?
    if [[ $rc -eq 0 ]]; then
        KEFU_SWIFT_TESTS=$(grep -oE 'Test run with [0-9]+ tests' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
    else
        # The first issues recorded, repeated after the summary: the log is long and CI keeps its tail.
        KEFU_SWIFT_FAILURES=$(grep -a -E '(✘|error:).*(recorded an issue|Caught error|Expectation failed)' "$log" \
            | cut -c1-300 | head -n 12 || true)
    fi
    return "$rc"
}

# shellcheck disable=SC2317  # (a trap handler: shellcheck cannot see it is called)
_kefu_on_exit() {
    local code=$?
    trap - EXIT
    set +e
    kefu_stop_running
    _kefu_run_cleanups
    [[ $code -ne 0 || $KEFU_FAILED -eq 0 ]] || code=1
    [[ -z $KEFU_SWIFT_FAILURES ]] || printf '\n==== first swift test failures ====\n%s\n' "$KEFU_SWIFT_FAILURES"
    kefu_print_summary "$code"
    # One plain closing line for tools that read results: Swift tests run, failed stages.
    [[ -z $KEFU_SWIFT_TESTS ]] || printf 'tests: %s passed, %s failed\n' "$KEFU_SWIFT_TESTS" "$KEFU_FAILED"
    exit "$code"
}
trap _kefu_on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# Runs one test command as a stage; a failure is recorded and the run goes on.
kefu_test_stage() {  # NAME COMMAND ARGS…
    local name=$1; shift
    kefu_stage "$name"
    if "$@"; then
        kefu_stage_end ok
    else
        KEFU_FAILED=$(( KEFU_FAILED + 1 ))
        kefu_err "$name failed"
        kefu_stage_end FAILED
    fi
}

kefu_skip_stage() {  # NAME WHY
    kefu_stage "$1"
    kefu_info "skipped: $2"
    kefu_stage_end skipped
}

kefu_log "Kefu tests in $KEFU_ROOT ($(uname -m), ${CI:+CI, }$(nproc) cores, $(swift --version 2>/dev/null | sed -n 1p))"

kefu_tmpdir KEFU_WORK kefu-test

# --- 1. dependencies -----------------------------------------------------------
kefu_stage "install missing dependencies"
kefu_install_system_packages
kefu_mail_install_packages
kefu_setup_venv
kefu_stage_end

# --- 2. PostgreSQL -------------------------------------------------------------
kefu_stage "start private PostgreSQL 15 cluster"
kefu_pg_start
kefu_pg_createdb kefu_test
KEFU_TEST_POSTGRES_URL=$(kefu_pg_url kefu_test)
export KEFU_TEST_POSTGRES_URL
kefu_info "KEFU_TEST_POSTGRES_URL=$KEFU_TEST_POSTGRES_URL"
kefu_stage_end

kefu_stage "start private mail servers (Postfix, Dovecot)"
kefu_mail_start
kefu_info "KEFU_TEST_SMTP_URL=${KEFU_TEST_SMTP_URL:-} KEFU_TEST_MAIL_CA=${KEFU_TEST_MAIL_CA:-}"
kefu_stage_end

# --- 3. build and swift test ---------------------------------------------------
if [[ ${KEFU_TEST_SKIP_SWIFT:-} == 1 ]]; then
    kefu_warn "KEFU_TEST_SKIP_SWIFT=1: skipping swift build and swift test"
    kefu_skip_stage "swift build --build-tests" "KEFU_TEST_SKIP_SWIFT=1"
    kefu_skip_stage "swift test (SQLite + PostgreSQL)" "KEFU_TEST_SKIP_SWIFT=1"
    if [[ ! -x $KEFU_BIN ]]; then
        kefu_skip_stage "end to end (SQLite, PostgreSQL)" "KEFU_TEST_SKIP_SWIFT=1 and no $KEFU_BIN"
        exit 0
    fi
    kefu_warn "end-to-end stages use the existing $KEFU_BIN (not rebuilt)"
else
    # Layout and line length (≤ 120) as .swift-format says; about a second.
    kefu_test_stage "swift format lint (Sources, Tests)" \
        kefu_run swift format lint --strict --recursive --parallel Sources Tests

    kefu_stage "swift build --build-tests"
    kefu_run swift build --build-tests
    kefu_stage_end

    kefu_test_stage "swift test (SQLite + PostgreSQL)" kefu_swift_test
fi

# --- 4. end to end -------------------------------------------------------------
[[ -x $KEFU_BIN ]] || kefu_die "$KEFU_BIN not found after swift build"

# Screenshots of failed browser tests; kept after the run only if not empty.
KEFU_BROWSER_ARTIFACTS=$(mktemp -d "${TMPDIR:-/tmp}/kefu-browser-artifacts.XXXXXX")
kefu_on_exit "rmdir '$KEFU_BROWSER_ARTIFACTS' 2>/dev/null || kefu_log 'browser test screenshots: $KEFU_BROWSER_ARTIFACTS'"

kefu_end_to_end() {  # LABEL DATABASE BROWSER(yes|no)
    local label=$1 db=$2 browser=$3 token failed_before=$KEFU_FAILED
    kefu_stage "start kefu serve on $label"
    kefu_server_start "$db" "$KEFU_WORK/serve-$label.log"
    token=$(kefu_server_token)
    kefu_info "bearer token for $KEFU_ADMIN_EMAIL obtained"
    kefu_stage_end

    # The browser tests go first: fuzzing may trip the login rate limit and
    # changes data the browser tests would otherwise see.
    if [[ $browser == yes ]]; then
        if kefu_have_browser_tests; then
            kefu_test_stage "browser tests on $label (pytest Tests/browser)" \
                kefu_browser_tests "$KEFU_SERVER_URL" "$KEFU_ADMIN_EMAIL" "$KEFU_ADMIN_PASSWORD" "$KEFU_BROWSER_ARTIFACTS"
        else
            kefu_skip_stage "browser tests on $label" "no browser tests yet (no Tests/browser/test_*.py)"
        fi
    fi

    mkdir -p "$KEFU_WORK/schemathesis-$label"
    kefu_test_stage "schemathesis on $label" \
        kefu_schemathesis "$KEFU_SERVER_URL" "$token" "$KEFU_WORK/schemathesis-$label"

    if ! kill -0 "$KEFU_SERVER_PID" 2>/dev/null; then
        KEFU_FAILED=$(( KEFU_FAILED + 1 ))
        kefu_err "kefu serve on $label died during the tests"
        kefu_show_log "$KEFU_WORK/serve-$label.log" "kefu serve log ($label)"
    elif [[ $KEFU_FAILED -ne $failed_before ]]; then
        kefu_show_log "$KEFU_WORK/serve-$label.log" "kefu serve log ($label)" 100
    fi
    kefu_server_stop
}

kefu_end_to_end sqlite "$KEFU_WORK/e2e.sqlite" yes

kefu_pg_createdb kefu_e2e
kefu_end_to_end postgresql "$(kefu_pg_url kefu_e2e)" no

exit $(( KEFU_FAILED > 0 ))
