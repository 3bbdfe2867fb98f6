-- Ticket writes over the ids in KEFU_BENCH_IDS (a file, one id per line, listed beforehand by
-- http.sh), round the list, each thread starting far from the others:
--   KEFU_BENCH_MODE=create  POST /api/v1/tickets, a phone inquiry per request for each customer id;
--                           the creator is the admin, so each goes through the first-contact rules
--   KEFU_BENCH_MODE=reply   POST /api/v1/tickets/{id}/messages for each ticket id: public replies,
--                           every fifth an internal note
-- Environment: KEFU_TOKEN; KEFU_BENCH_IDS; KEFU_BENCH_MODE.

local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local ids = {}
local threads = 0
local counter = 0
local subjects = { "空调不制冷", "预约保养", "发票抬头有误", "会员积分没到账" }

function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

function init(args)
   mode = os.getenv("KEFU_BENCH_MODE") or "create"
   assert(mode == "create" or mode == "reply", "KEFU_BENCH_MODE must be create or reply")
   wrk.method = "POST"
   wrk.headers["Authorization"] = "Bearer " .. common.token()
   wrk.headers["Content-Type"] = "application/json"
   ids = common.lines(os.getenv("KEFU_BENCH_IDS"))
   index = ((thread_number or 1) - 1) * 7919 % #ids
end

function request()
   index = index % #ids + 1
   counter = counter + 1
   local thread = thread_number or 1
   if mode == "create" then
      return wrk.format(nil, "/api/v1/tickets", nil, string.format(
         '{"customer_id":"%s","type":"inquiry","channel":"phone","subject":"%s %d-%d","description":"压测"}',
         ids[index], subjects[counter % #subjects + 1], thread, counter))
   end
   return wrk.format(nil, "/api/v1/tickets/" .. ids[index] .. "/messages", nil, string.format(
      '{"body":"您好，师傅明天上门 %d-%d","internal":%s}', thread, counter, counter % 5 == 0 and "true" or "false"))
end

function done(summary, latency, requests)
   common.report(os.getenv("KEFU_BENCH_NAME") or ("ticket-" .. (os.getenv("KEFU_BENCH_MODE") or "create")), summary, latency)
end
