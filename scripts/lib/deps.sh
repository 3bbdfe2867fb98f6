# shellcheck shell=bash
# Installs what scripts/test.sh needs and is missing: Debian packages through apt
# (one `apt-get update`, only when something is missing) and a Python venv at
# .venv/ with the pinned tools of Tests/browser/requirements.txt. Idempotent: on a
# machine that has everything it only checks. Needs lib/common.sh.

KEFU_PG_BIN=${KEFU_PG_BIN:-/usr/lib/postgresql/15/bin}
KEFU_CHROMIUM=${KEFU_CHROMIUM:-/usr/bin/chromium}
KEFU_CHROMEDRIVER=${KEFU_CHROMEDRIVER:-/usr/bin/chromedriver}
KEFU_VENV=${KEFU_VENV:-.venv}
[[ $KEFU_VENV == /* ]] || KEFU_VENV=$PWD/$KEFU_VENV     # absolute: used from other directories
KEFU_PY_REQUIREMENTS=${KEFU_PY_REQUIREMENTS:-Tests/browser/requirements.txt}

_kefu_dpkg_installed() {  # PACKAGE
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Runs a command as root: directly when we are root, else through sudo -n.
_kefu_as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        kefu_die "need root to run: $* (run as root, or install it yourself)"
    fi
}

# The Python that makes the venv: python3 on PATH when it has venv + ensurepip,
# else Debian's /usr/bin/python3 (with python3-venv installed below).
_kefu_python_for_venv() {
    if python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
        command -v python3
    else
        printf '%s\n' /usr/bin/python3
    fi
}

kefu_install_system_packages() {
    local missing=()
    [[ -x $KEFU_PG_BIN/initdb && -x $KEFU_PG_BIN/pg_ctl && -x $KEFU_PG_BIN/postgres ]] || missing+=(postgresql-15)
    [[ -x $KEFU_PG_BIN/createdb && -x $KEFU_PG_BIN/psql ]] || missing+=(postgresql-client-15)
    [[ -x $KEFU_CHROMIUM ]] || missing+=(chromium)
    [[ -x $KEFU_CHROMEDRIVER ]] || missing+=(chromium-driver)
    _kefu_dpkg_installed fonts-noto-cjk || missing+=(fonts-noto-cjk)
    command -v curl >/dev/null 2>&1 || missing+=(curl ca-certificates)
    command -v promtool >/dev/null 2>&1 || missing+=(prometheus)  # promtool lints /metrics in the tests
    if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
        /usr/bin/python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
    fi

    if [[ ${#missing[@]} -eq 0 ]]; then
        kefu_info "system packages: all present (postgresql-15, chromium, chromium-driver, fonts-noto-cjk, curl, prometheus, python venv)"
        return 0
    fi

    kefu_info "installing with apt: ${missing[*]}"
    local log
    log=$(mktemp "${TMPDIR:-/tmp}/kefu-apt.XXXXXX.log")
    export DEBIAN_FRONTEND=noninteractive
    if ! _kefu_as_root apt-get -qq -o Dpkg::Use-Pty=0 update >"$log" 2>&1; then
        kefu_show_log "$log" "apt-get update"
        kefu_die "apt-get update failed"
    fi
    if ! _kefu_as_root apt-get -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends install "${missing[@]}" >>"$log" 2>&1; then
        kefu_show_log "$log" "apt-get install"
        kefu_die "apt-get install ${missing[*]} failed"
    fi
    rm -f "$log"
    [[ -x $KEFU_PG_BIN/initdb ]] || kefu_die "PostgreSQL 15 binaries not found in $KEFU_PG_BIN after install"
    [[ -x $KEFU_CHROMIUM && -x $KEFU_CHROMEDRIVER ]] || kefu_die "chromium/chromedriver not found after install"
}

# .venv/ with the pinned requirements. A stamp file holding the hash of the
# requirements and the Python that made the venv lets a second run skip pip
# entirely; when either changes, the venv is made afresh (no stale packages).
kefu_setup_venv() {
    local py stamp want direct
    py=$(_kefu_python_for_venv)
    direct=$(grep -E '^(selenium|pytest|schemathesis)==' "$KEFU_PY_REQUIREMENTS" | tr '\n' ' ')
    want="$(sha256sum "$KEFU_PY_REQUIREMENTS" | cut -d' ' -f1) $py $("$py" -c 'import sys; print(sys.version.split()[0])')"
    stamp=$KEFU_VENV/.kefu-requirements
    if [[ -x $KEFU_VENV/bin/python && -f $stamp && "$(cat "$stamp")" == "$want" ]] \
        && "$KEFU_VENV/bin/python" -c 'import selenium, pytest, schemathesis' >/dev/null 2>&1; then
        kefu_info "venv $KEFU_VENV: up to date (${direct% })"
        return 0
    fi
    kefu_info "creating venv $KEFU_VENV with $py; installing ${direct}and their pinned dependencies"
    rm -rf "$KEFU_VENV"
    "$py" -m venv "$KEFU_VENV"
    local log
    log=$(mktemp "${TMPDIR:-/tmp}/kefu-pip.XXXXXX.log")
    if ! PIP_DISABLE_PIP_VERSION_CHECK=1 "$KEFU_VENV/bin/python" -m pip install -q --no-input \
            -r "$KEFU_PY_REQUIREMENTS" >"$log" 2>&1; then
        kefu_show_log "$log" "pip install"
        kefu_die "pip install -r $KEFU_PY_REQUIREMENTS failed"
    fi
    rm -f "$log"
    printf '%s\n' "$want" >"$stamp"
}
