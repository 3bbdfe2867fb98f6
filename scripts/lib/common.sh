# shellcheck shell=bash
# Helpers shared by scripts/test.sh and its libraries: output, timing, temporary
# directories, free ports and clean-up on exit. Source it; do not run it.

# --- output -----------------------------------------------------------------

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
    _KEFU_BOLD=$'\e[1m' _KEFU_RED=$'\e[31m' _KEFU_GREEN=$'\e[32m' _KEFU_YELLOW=$'\e[33m' _KEFU_RESET=$'\e[0m'
else
    _KEFU_BOLD='' _KEFU_RED='' _KEFU_GREEN='' _KEFU_YELLOW='' _KEFU_RESET=''
fi

kefu_log()  { printf '%s\n' "$*"; }
kefu_info() { printf '  %s\n' "$*"; }
kefu_warn() { printf '%s!! %s%s\n' "$_KEFU_YELLOW" "$*" "$_KEFU_RESET" >&2; }
kefu_err()  { printf '%sERROR: %s%s\n' "$_KEFU_RED" "$*" "$_KEFU_RESET" >&2; }
kefu_die()  { kefu_err "$*"; exit 1; }

# Print the last lines of a log file, indented, under a title (for failures).
kefu_show_log() {  # FILE [TITLE] [LINES]
    local file=$1 title=${2:-$1} lines=${3:-200}
    [[ -f $file ]] || return 0
    printf -- '----- %s (last %s lines) -----\n' "$title" "$lines" >&2
    tail -n "$lines" "$file" >&2 || true
    printf -- '----- end of %s -----\n' "$title" >&2
}

# --- stages -----------------------------------------------------------------
# Each stage prints a header; kefu_stage_end records its duration and result for
# the summary. Durations are whole seconds (bash's SECONDS).

KEFU_STAGE_NAMES=()
KEFU_STAGE_RESULTS=()
KEFU_STAGE_TIMES=()
_KEFU_STAGE_NAME=''
_KEFU_STAGE_START=0

kefu_stage() {  # NAME
    _KEFU_STAGE_NAME=$1
    _KEFU_STAGE_START=$SECONDS
    printf '\n%s==== %s ====%s\n' "$_KEFU_BOLD" "$1" "$_KEFU_RESET"
}

kefu_stage_end() {  # [RESULT: ok|skipped|FAILED]
    local result=${1:-ok}
    [[ -n $_KEFU_STAGE_NAME ]] || return 0
    local took=$(( SECONDS - _KEFU_STAGE_START ))
    KEFU_STAGE_NAMES+=("$_KEFU_STAGE_NAME")
    KEFU_STAGE_RESULTS+=("$result")
    KEFU_STAGE_TIMES+=("$took")
    printf '  -> %s in %ss\n' "$result" "$took"
    _KEFU_STAGE_NAME=''
}

kefu_print_summary() {  # EXIT_CODE
    local code=$1 i total=$SECONDS
    # A stage that was running when the script failed is the one that failed.
    if [[ -n $_KEFU_STAGE_NAME ]]; then
        kefu_stage_end FAILED >/dev/null
    fi
    printf '\n%s==== summary ====%s\n' "$_KEFU_BOLD" "$_KEFU_RESET"
    for i in "${!KEFU_STAGE_NAMES[@]}"; do
        printf '  %-8s %5ss  %s\n' "${KEFU_STAGE_RESULTS[$i]}" "${KEFU_STAGE_TIMES[$i]}" "${KEFU_STAGE_NAMES[$i]}"
    done
    if [[ $code -eq 0 ]]; then
        printf '%sscripts/test.sh: PASSED in %ss%s\n' "$_KEFU_GREEN" "$total" "$_KEFU_RESET"
    else
        printf '%sscripts/test.sh: FAILED (exit %s) after %ss%s\n' "$_KEFU_RED" "$code" "$total" "$_KEFU_RESET"
    fi
}

# --- clean-up ----------------------------------------------------------------
# Functions registered here run in reverse order on exit (success, failure,
# Ctrl-C or TERM). Each must be safe to run when its thing is already gone.

KEFU_CLEANUPS=()
kefu_on_exit() { KEFU_CLEANUPS+=("$*"); }

_kefu_run_cleanups() {
    local i
    for (( i = ${#KEFU_CLEANUPS[@]} - 1; i >= 0; i-- )); do
        eval "${KEFU_CLEANUPS[$i]}" || true
    done
    KEFU_CLEANUPS=()
}

# --- long-running commands ------------------------------------------------------
# bash acts on a trapped signal only after the foreground command ends, so a TERM
# sent to this script alone would wait for a whole swift test or schemathesis run.
# kefu_run runs an external command in the background and waits for it (a wait
# that a signal interrupts); kefu_stop_running ends it from the exit handler.

KEFU_RUNNING_PID=''

kefu_run() {  # COMMAND ARGS…  (an external command, not a shell function)
    local rc=0
    "$@" &
    KEFU_RUNNING_PID=$!
    wait "$KEFU_RUNNING_PID" || rc=$?
    KEFU_RUNNING_PID=''
    return "$rc"
}

kefu_stop_running() {
    [[ -n $KEFU_RUNNING_PID ]] || return 0
    local pid=$KEFU_RUNNING_PID i
    KEFU_RUNNING_PID=''
    kill -TERM "$pid" 2>/dev/null || return 0
    for (( i = 0; i < 100; i++ )); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# --- temporary directories and ports ------------------------------------------

# A fresh directory under ${TMPDIR:-/tmp}, removed on exit. It sets the named
# variable rather than printing (a $(…) subshell could not register the clean-up).
kefu_tmpdir() {  # VAR PREFIX
    local _d
    _d=$(mktemp -d "${TMPDIR:-/tmp}/$2.XXXXXX")
    kefu_on_exit "rm -rf '$_d'"
    printf -v "$1" '%s' "$_d"
}

# A TCP port on 127.0.0.1 that nothing listens on right now. The kernel picks
# it (bind to port 0), so two calls in a row give different ports.
kefu_free_port() {
    python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

# A password for throw-away test users: long, random, never a common one.
kefu_random_password() {
    python3 -c 'import secrets; print("Kefu-" + secrets.token_urlsafe(18))'
}
