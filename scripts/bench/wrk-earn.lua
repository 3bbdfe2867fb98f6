-- Points earned by purchases: POST /api/v1/purchases for the loyalty members in KEFU_BENCH_IDS (customer
-- ids of members, enrolled by http.sh), round the list, each thread starting far from the others. Every
-- purchase carries `source` + `external_ref`, so it is an idempotent earn event; every
-- KEFU_BENCH_REPEAT-th request (default 5) sends this thread's previous purchase again, as a till that
-- retries after a lost answer does: it must answer 200 with the stored purchase and earn nothing more.
-- Environment: KEFU_TOKEN; KEFU_BENCH_IDS; KEFU_BENCH_REPEAT; KEFU_BENCH_RUN (0–9, keeps two runs on one
-- database apart); KEFU_BENCH_ROUND (http.sh, per connection count).

local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local threads = 0
local counter = 0
local ids = {}
local last = nil

function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

function init(args)
   wrk.method = "POST"
   wrk.path = "/api/v1/purchases"
   wrk.headers["Authorization"] = "Bearer " .. common.token()
   wrk.headers["Content-Type"] = "application/json"
   ids = common.lines(os.getenv("KEFU_BENCH_IDS"))
   repeat_every = tonumber(os.getenv("KEFU_BENCH_REPEAT") or "5")
   run = (tonumber(os.getenv("KEFU_BENCH_RUN") or "0") + tonumber(os.getenv("KEFU_BENCH_ROUND") or "0")) % 10
   index = ((thread_number or 1) - 1) * 7919 % #ids
   stamp = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 3600)
end

function request()
   counter = counter + 1
   if last ~= nil and repeat_every > 0 and counter % repeat_every == 0 then
      return last
   end
   index = index % #ids + 1
   local total = 1000 + (counter * 37) % 90000
   last = wrk.format(nil, nil, nil, string.format(
      '{"customer_id":"%s","purchased_at":"%s","total":%d,"source":"bench","external_ref":"r%d-t%d-%d",'
         .. '"items":[{"sku":"SKU-%d","name":"保养套餐","quantity":1,"unit_price":%d}]}',
      ids[index], stamp, total, run, thread_number or 1, counter, counter % 50, total))
   return last
end

function done(summary, latency, requests)
   common.report(os.getenv("KEFU_BENCH_NAME") or "earn", summary, latency)
end
