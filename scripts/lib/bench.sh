# shellcheck shell=bash
# Shared by the benchmark scripts in scripts/bench/. Needs lib/common.sh.

# Sets KEFU_BIN to a release `kefu`: the one given in KEFU_BIN, or a fresh
# `swift build -c release --product kefu` (bounded by KEFU_BENCH_BUILD_TIMEOUT seconds, default 3600).
kefu_bench_binary() {
    if [[ -z ${KEFU_BIN:-} ]]; then
        kefu_log "== swift build -c release --product kefu"
        kefu_run timeout "${KEFU_BENCH_BUILD_TIMEOUT:-3600}" swift build -c release --product kefu \
            || kefu_die "release build failed"
        KEFU_BIN="$(swift build -c release --show-bin-path)/kefu"
    fi
    [[ -x $KEFU_BIN ]] || kefu_die "no kefu binary at $KEFU_BIN"
}

# The benchmark scripts' exit handling: stop what kefu_run started, run the registered cleanups
# (kefu_on_exit), keep the exit status; INT, TERM and HUP end the script through it.
kefu_bench_traps() {
    trap _kefu_bench_on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP
}

_kefu_bench_on_exit() {
    local rc=$?
    trap - EXIT
    kefu_stop_running
    _kefu_run_cleanups
    exit "$rc"
}

# Starts `$KEFU_BIN serve` on DB on a free loopback port, in its own process group, logging to LOG;
# sets KEFU_BENCH_URL and KEFU_BENCH_SERVER_PID, stops it on exit, and waits up to 60 s for /healthz.
kefu_bench_serve() {  # DB LOG
    local port deadline
    port=$(kefu_free_port)
    KEFU_BENCH_URL="http://127.0.0.1:$port"
    kefu_log "== kefu serve on $KEFU_BENCH_URL"
    setsid "$KEFU_BIN" serve --host 127.0.0.1 --port "$port" --database "$1" >"$2" 2>&1 </dev/null &
    KEFU_BENCH_SERVER_PID=$!
    kefu_on_exit kefu_bench_stop_server
    deadline=$(( SECONDS + 60 ))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$KEFU_BENCH_URL/healthz" || true) == 200 ]]; do
        kill -0 "$KEFU_BENCH_SERVER_PID" 2>/dev/null || { kefu_show_log "$2"; kefu_die "kefu serve exited"; }
        (( SECONDS < deadline )) || { kefu_show_log "$2"; kefu_die "no /healthz within 60 s"; }
        sleep 0.3
    done
}

# Stops the server kefu_bench_serve started: TERM to its group, KILL after 10 s.
kefu_bench_stop_server() {
    [[ -n ${KEFU_BENCH_SERVER_PID:-} ]] || return 0
    local pid=$KEFU_BENCH_SERVER_PID i
    KEFU_BENCH_SERVER_PID=''
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
    for (( i = 0; i < 100; i++ )); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Prints a bearer token for EMAIL and PASSWORD from the server kefu_bench_serve started.
kefu_bench_token() {  # EMAIL PASSWORD
    curl -sf --max-time 30 -X POST -H 'Content-Type: application/json' \
        -d "{\"email\": \"$1\", \"password\": \"$2\"}" "$KEFU_BENCH_URL/api/v1/auth/token" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])' || kefu_die "POST /api/v1/auth/token failed"
}
