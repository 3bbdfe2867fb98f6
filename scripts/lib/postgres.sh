# shellcheck shell=bash
# A private, throw-away PostgreSQL 15 cluster for the tests: initdb in a fresh
# temporary directory, listening on 127.0.0.1 only on a free port, with trust auth
# for local and loopback connections, and its Unix socket in that directory (no
# clash with a system cluster). Stopped and deleted on exit. Needs lib/common.sh.
#
#   kefu_pg_start            sets KEFU_PG_PORT, KEFU_PG_DIR
#   kefu_pg_createdb NAME    creates a database, prints nothing
#   kefu_pg_url NAME         prints postgres://postgres@127.0.0.1:PORT/NAME
#   kefu_pg_psql NAME ARGS…  runs psql against it

KEFU_PG_BIN=${KEFU_PG_BIN:-/usr/lib/postgresql/15/bin}
KEFU_PG_PORT=''
KEFU_PG_DIR=''

# initdb and pg_ctl refuse to run as root: as root they run as the postgres user.
_kefu_as_pg() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

kefu_pg_start() {
    id postgres >/dev/null 2>&1 || [[ $EUID -ne 0 ]] || kefu_die "no 'postgres' user: is postgresql-15 installed?"
    kefu_tmpdir KEFU_PG_DIR kefu-pg
    chmod 700 "$KEFU_PG_DIR"
    [[ $EUID -ne 0 ]] || chown postgres: "$KEFU_PG_DIR"
    local data=$KEFU_PG_DIR/data log=$KEFU_PG_DIR/postgres.log

    if ! _kefu_as_pg "$KEFU_PG_BIN/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=trust >"$KEFU_PG_DIR/initdb.log" 2>&1; then
        kefu_show_log "$KEFU_PG_DIR/initdb.log" initdb
        kefu_die "initdb failed"
    fi
    # Registered before the start so a half-started server is stopped too.
    kefu_on_exit "_kefu_pg_stop"

    # A port can be taken between choosing and binding: try a few.
    local attempt
    for attempt in 1 2 3; do
        KEFU_PG_PORT=$(kefu_free_port)
        if _kefu_as_pg "$KEFU_PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 -s \
                -o "-c listen_addresses=127.0.0.1 -p $KEFU_PG_PORT -c unix_socket_directories='$KEFU_PG_DIR' -c max_connections=1500" \
                start; then
            break
        fi
        kefu_warn "PostgreSQL did not start on port $KEFU_PG_PORT (attempt $attempt)"
        if [[ $attempt -eq 3 ]]; then
            kefu_show_log "$log" "postgres.log"
            kefu_die "could not start a private PostgreSQL cluster"
        fi
    done
    local version
    version=$("$KEFU_PG_BIN/psql" -h 127.0.0.1 -p "$KEFU_PG_PORT" -U postgres -d postgres -XAtq -c 'show server_version')
    kefu_info "PostgreSQL $version: private cluster in $KEFU_PG_DIR on 127.0.0.1:$KEFU_PG_PORT"
}

_kefu_pg_stop() {
    [[ -n $KEFU_PG_DIR && -f $KEFU_PG_DIR/data/postmaster.pid ]] || return 0
    _kefu_as_pg "$KEFU_PG_BIN/pg_ctl" -D "$KEFU_PG_DIR/data" -s -m fast -w -t 30 stop >/dev/null 2>&1 \
        || _kefu_as_pg "$KEFU_PG_BIN/pg_ctl" -D "$KEFU_PG_DIR/data" -s -m immediate -w -t 10 stop >/dev/null 2>&1 \
        || true
}

kefu_pg_createdb() {  # NAME
    "$KEFU_PG_BIN/createdb" -h 127.0.0.1 -p "$KEFU_PG_PORT" -U postgres "$1"
}

kefu_pg_url() {  # NAME
    printf 'postgres://postgres@127.0.0.1:%s/%s\n' "$KEFU_PG_PORT" "$1"
}

kefu_pg_psql() {  # NAME [psql args…]
    local db=$1; shift
    "$KEFU_PG_BIN/psql" -h 127.0.0.1 -p "$KEFU_PG_PORT" -U postgres -d "$db" -X -v ON_ERROR_STOP=1 "$@"
}
