-- GET /healthz (no token; the server answers after a trivial query): the ceiling of this machine for a
-- request through the HTTP stack and the database pool, measured beside the other runs.

local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")

function request()
   return wrk.format("GET", "/healthz")
end

function done(summary, latency, requests)
   common.report(os.getenv("KEFU_BENCH_NAME") or "healthz", summary, latency)
end
