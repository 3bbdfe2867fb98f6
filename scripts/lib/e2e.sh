# shellcheck shell=bash
# The two end-to-end checks run against a live `kefu serve`: the browser tests
# (pytest + selenium, Tests/browser) and API fuzzing with schemathesis against the
# served OpenAPI document. Each is one function that returns the tool's status, so
# scripts/test.sh can record a failure and go on. Needs lib/common.sh, lib/deps.sh.

# schemathesis: examples per operation and phase; a hard time limit for one run.
KEFU_SCHEMATHESIS_MAX_EXAMPLES=${KEFU_SCHEMATHESIS_MAX_EXAMPLES:-25}
KEFU_SCHEMATHESIS_TIMEOUT=${KEFU_SCHEMATHESIS_TIMEOUT:-600}
KEFU_SCHEMATHESIS_SEED=${KEFU_SCHEMATHESIS_SEED:-}
# What must hold for every response: no 5xx, and status code, Content-Type and
# body as the document declares them for that operation.
KEFU_SCHEMATHESIS_CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance

# Are there browser tests at all? (test_*.py anywhere under Tests/browser)
kefu_have_browser_tests() {
    [[ -n "$(find Tests/browser -name 'test_*.py' -print -quit 2>/dev/null)" ]]
}

# pytest Tests/browser against BASE_URL, logging in as the given admin.
# Screenshots and page sources of failed tests go to ARTIFACTS.
kefu_browser_tests() {  # BASE_URL EMAIL PASSWORD ARTIFACTS
    kefu_run env KEFU_BASE_URL="$1" KEFU_ADMIN_EMAIL="$2" KEFU_ADMIN_PASSWORD="$3" KEFU_BROWSER_ARTIFACTS="$4" \
        KEFU_CHROMIUM="$KEFU_CHROMIUM" KEFU_CHROMEDRIVER="$KEFU_CHROMEDRIVER" PYTHONDONTWRITEBYTECODE=1 \
        "$KEFU_VENV/bin/python" -m pytest Tests/browser -p no:cacheprovider -ra -v --tb=short
}

# GET /api/v1/customers?limit=1 with the token; prints the HTTP status.
_kefu_token_probe() {  # BASE_URL TOKEN
    curl -s -o /dev/null -w '%{http_code}' --max-time 30 \
        -H "Authorization: Bearer $2" "$1/api/v1/customers?limit=1" || true
}

# schemathesis against the served document with a bearer token. The token's own
# revocation (DELETE /auth/token) is left out so the run keeps its credentials;
# POST /auth/token is fuzzed like everything else. Before the run the token must
# work (else every answer would be a conforming 401 and the run would prove
# nothing); after it, a token that stopped working is reported. Runs in WORKDIR
# so nothing it writes lands in the repository. Returns non-zero on any failure.
kefu_schemathesis() {  # BASE_URL TOKEN WORKDIR
    local base_url=$1 token=$2 workdir=$3 status rc=0
    status=$(_kefu_token_probe "$base_url" "$token")
    if [[ $status != 200 ]]; then
        kefu_err "GET $base_url/api/v1/customers?limit=1 with the bearer token returned ${status:-nothing}, not 200"
        return 1
    fi
    local -a args=(
        --no-color run "$base_url/api/v1/openapi.yaml" --origin "$base_url"
        --header "Authorization: Bearer $token"
        --checks "$KEFU_SCHEMATHESIS_CHECKS"
        --exclude-name-regex '^DELETE .*/auth/token$'
        --max-examples "$KEFU_SCHEMATHESIS_MAX_EXAMPLES"
        --request-timeout 30
        --generation-database none
    )
    [[ -z $KEFU_SCHEMATHESIS_SEED ]] || args+=(--seed "$KEFU_SCHEMATHESIS_SEED")
    kefu_info "schemathesis ${args[*]//Bearer */Bearer ***}"
    kefu_run env -C "$workdir" timeout --kill-after=30 "$KEFU_SCHEMATHESIS_TIMEOUT" \
        "$KEFU_VENV/bin/schemathesis" "${args[@]}" || rc=$?
    if [[ $rc -eq 124 || $rc -eq 137 ]]; then
        kefu_err "schemathesis did not finish within ${KEFU_SCHEMATHESIS_TIMEOUT}s (KEFU_SCHEMATHESIS_TIMEOUT)"
    fi
    status=$(_kefu_token_probe "$base_url" "$token")
    if [[ $status != 200 ]]; then
        kefu_warn "after schemathesis the bearer token no longer works (GET /api/v1/customers: ${status:-nothing}):" \
            "some operation revoked it or disabled the admin, so later requests only tested the 401 path"
    fi
    return "$rc"
}
