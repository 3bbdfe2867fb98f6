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
   local file = assert(io.open(os.getenv("KEFU_BENCH_IDS") or "", "r"), "KEFU_BENCH_IDS: no such file")
   for line in file:lines() do
      if line ~= "" then ids[#ids + 1] = line end
   end
   file:close()
   assert(#ids > 0, "KEFU_BENCH_IDS lists no ids")
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
