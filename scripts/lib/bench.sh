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
