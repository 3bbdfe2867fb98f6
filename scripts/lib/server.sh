# shellcheck shell=bash
# Runs a real `kefu serve` for the end-to-end stages: migrate, add an admin,
# serve on a free loopback port, wait for /healthz, get a bearer token, stop.
# Needs lib/common.sh.
#
#   kefu_server_start DB LOGFILE   sets KEFU_SERVER_PID, KEFU_SERVER_URL,
#                                  KEFU_ADMIN_EMAIL, KEFU_ADMIN_PASSWORD
#   kefu_server_token              prints a fresh bearer token for the admin
#   kefu_server_stop

KEFU_BIN=${KEFU_BIN:-.build/debug/kefu}
KEFU_HEALTH_TIMEOUT=${KEFU_HEALTH_TIMEOUT:-60}
KEFU_SERVER_PID=''
KEFU_SERVER_URL=''
KEFU_SERVER_LOG=''

kefu_server_start() {  # DB LOGFILE
    local db=$1 port
    KEFU_SERVER_LOG=$2
    KEFU_ADMIN_EMAIL=admin@example.test
    KEFU_ADMIN_PASSWORD=$(kefu_random_password)

    kefu_info "$KEFU_BIN migrate --database $db"
    "$KEFU_BIN" migrate --database "$db" || kefu_die "kefu migrate --database $db failed"
    kefu_info "$KEFU_BIN user add --email $KEFU_ADMIN_EMAIL --name Admin --role admin --password-stdin --database $db"
    printf '%s\n' "$KEFU_ADMIN_PASSWORD" \
        | "$KEFU_BIN" user add --email "$KEFU_ADMIN_EMAIL" --name Admin --role admin --password-stdin --database "$db" \
        || kefu_die "kefu user add (admin) --database $db failed"

    port=$(kefu_free_port)
    KEFU_SERVER_URL="http://127.0.0.1:$port"
    kefu_info "$KEFU_BIN serve --host 127.0.0.1 --port $port --database $db --demo   (log: $KEFU_SERVER_LOG)"
    # In its own process group (setsid execs, so $! is the server itself): the
    # stop below signals the group, which takes any child it started with it.
    setsid "$KEFU_BIN" serve --host 127.0.0.1 --port "$port" --database "$db" --demo \
        >"$KEFU_SERVER_LOG" 2>&1 </dev/null &
    KEFU_SERVER_PID=$!
    kefu_on_exit "kefu_server_stop"

    local started=$SECONDS deadline=$(( SECONDS + KEFU_HEALTH_TIMEOUT )) code
    while :; do
        if ! kill -0 "$KEFU_SERVER_PID" 2>/dev/null; then
            local rc=0
            wait "$KEFU_SERVER_PID" || rc=$?
            KEFU_SERVER_PID=''
            kefu_show_log "$KEFU_SERVER_LOG" "kefu serve log"
            kefu_die "kefu serve exited (status $rc) before $KEFU_SERVER_URL/healthz answered 200"
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$KEFU_SERVER_URL/healthz" || true)
        [[ $code == 200 ]] && break
        if (( SECONDS >= deadline )); then
            kefu_show_log "$KEFU_SERVER_LOG" "kefu serve log"
            [[ $code != 000 ]] || code='no answer'
            kefu_die "GET $KEFU_SERVER_URL/healthz did not return 200 within ${KEFU_HEALTH_TIMEOUT}s (last status: ${code:-no answer})"
        fi
        sleep 0.5
    done
    kefu_info "server ready at $KEFU_SERVER_URL (pid $KEFU_SERVER_PID) after $(( SECONDS - started ))s"
}

# POST /api/v1/auth/token with the admin's email and password; prints the token.
kefu_server_token() {
    local body response
    body=$(KEFU_ADMIN_EMAIL=$KEFU_ADMIN_EMAIL KEFU_ADMIN_PASSWORD=$KEFU_ADMIN_PASSWORD python3 -c \
        'import json, os; print(json.dumps({"email": os.environ["KEFU_ADMIN_EMAIL"], "password": os.environ["KEFU_ADMIN_PASSWORD"]}))')
    response=$(curl -s -w '\n%{http_code}' --max-time 30 -X POST -H 'Content-Type: application/json' \
        -d "$body" "$KEFU_SERVER_URL/api/v1/auth/token") || kefu_die "POST $KEFU_SERVER_URL/api/v1/auth/token: no response"
    local status=${response##*$'\n'}
    response=${response%$'\n'*}
    if [[ $status != 201 && $status != 200 ]]; then
        kefu_die "POST /api/v1/auth/token returned $status: $response"
    fi
    printf '%s' "$response" | python3 -c '
import json, sys
try:
    token = json.load(sys.stdin)["token"]
except Exception as error:
    sys.exit("POST /api/v1/auth/token: no \"token\" in the response (%s)" % error)
if not isinstance(token, str) or not token:
    sys.exit("POST /api/v1/auth/token: \"token\" is empty or not a string")
print(token)'
}

kefu_server_stop() {
    [[ -n $KEFU_SERVER_PID ]] || return 0
    local pid=$KEFU_SERVER_PID i
    KEFU_SERVER_PID=''
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for (( i = 0; i < 100; i++ )); do        # up to 10 s for a graceful shutdown
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kefu_warn "kefu serve (pid $pid) did not stop within 10s of SIGTERM; killing it"
    fi
    kill -KILL -- "-$pid" 2>/dev/null || true   # the server if still there, and any child it left
    wait "$pid" 2>/dev/null || true
}
