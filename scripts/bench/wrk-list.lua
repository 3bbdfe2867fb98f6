-- GET /api/v1/customers?limit=… (newest first, no filter): the list page.
-- Environment: KEFU_TOKEN; KEFU_BENCH_LIMIT (default 50); KEFU_BENCH_SORT (default -created_at).

local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")

function init(args)
   wrk.headers["Authorization"] = "Bearer " .. common.token()
   wrk.path = string.format("/api/v1/customers?limit=%s&sort=%s", os.getenv("KEFU_BENCH_LIMIT") or "50",
                            common.urlencode(os.getenv("KEFU_BENCH_SORT") or "-created_at"))
end

function done(summary, latency, requests)
   common.report(os.getenv("KEFU_BENCH_NAME") or "list", summary, latency)
end
