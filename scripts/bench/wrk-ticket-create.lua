-- POST /api/v1/tickets for the customers in KEFU_BENCH_IDS (a file, one id per line, listed
-- beforehand by http.sh), round the list: each request logs a phone inquiry with its own subject.
-- The creator is the admin, so each ticket goes through the first-contact rules (sticky owner).
-- Environment: KEFU_TOKEN; KEFU_BENCH_IDS.

local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local ids = {}
local threads = 0
local counter = 0

function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

function init(args)
   wrk.method = "POST"
   wrk.path = "/api/v1/tickets"
   wrk.headers["Authorization"] = "Bearer " .. common.token()
   wrk.headers["Content-Type"] = "application/json"
   ids = common.lines(os.getenv("KEFU_BENCH_IDS"))
   index = ((thread_number or 1) - 1) * 7919 % #ids
end

local subjects = { "空调不制冷", "预约保养", "发票抬头有误", "会员积分没到账" }

function request()
   index = index % #ids + 1
   counter = counter + 1
   local body = string.format(
      '{"customer_id":"%s","type":"inquiry","channel":"phone","subject":"%s %d-%d","description":"压测"}',
      ids[index], subjects[counter % #subjects + 1], thread_number or 1, counter)
   return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
   common.report(os.getenv("KEFU_BENCH_NAME") or "ticket-create", summary, latency)
end
