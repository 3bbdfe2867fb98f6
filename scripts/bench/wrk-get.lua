-- GET /api/v1/customers/{id} over the ids in KEFU_BENCH_IDS (a file, one id per line, listed
-- beforehand through the API by http.sh).
-- Environment: KEFU_TOKEN; KEFU_BENCH_IDS.

local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local ids = {}
local threads = 0

function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

function init(args)
   wrk.headers["Authorization"] = "Bearer " .. common.token()
   ids = common.lines(os.getenv("KEFU_BENCH_IDS"))
   -- Threads start a long way apart in the list.
   index = ((thread_number or 1) - 1) * 7919 % #ids
end

function request()
   index = index % #ids + 1
   return wrk.format("GET", "/api/v1/customers/" .. ids[index])
end

function done(summary, latency, requests)
   common.report(os.getenv("KEFU_BENCH_NAME") or "get", summary, latency)
end
