-- POST /api/v1/customers with a new customer per request: unique name, mobile and email.
-- Mobiles are 14 + thread digit + run digit + a 7-digit per-thread counter (up to 10 threads,
-- 10,000,000 creates per thread), so two runs on one database differ by KEFU_BENCH_RUN (0–9).
-- Environment: KEFU_TOKEN; KEFU_BENCH_RUN (default 0); KEFU_BENCH_ROUND (http.sh: 1, 2, … for each
-- connection count of one invocation, added to the run digit).

local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local threads = {}
local counter = 1

function setup(thread)
   thread:set("id", #threads)
   threads[#threads + 1] = thread
end

function init(args)
   token = common.token()
   run = (tonumber(os.getenv("KEFU_BENCH_RUN") or "0") + tonumber(os.getenv("KEFU_BENCH_ROUND") or "0")) % 10
   wrk.method = "POST"
   wrk.path = "/api/v1/customers"
   wrk.headers["Authorization"] = "Bearer " .. token
   wrk.headers["Content-Type"] = "application/json"
end

local tags = { "压测", "会员", "门店", "线上" }

function request()
   counter = counter + 1
   local phone = string.format("14%d%d%07d", id, run, counter)
   local body = string.format(
      '{"name":"压测客户%d-%d-%d","phones":["%s"],"emails":["wrk%d.%d.%d@bench.example.com"],"tags":["%s"]}',
      run, id, counter, phone, run, id, counter, tags[counter % #tags + 1])
   return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
   common.report(os.getenv("KEFU_BENCH_NAME") or "create", summary, latency)
end
