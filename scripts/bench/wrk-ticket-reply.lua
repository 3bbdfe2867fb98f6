-- POST /api/v1/tickets/{id}/messages over the tickets in KEFU_BENCH_IDS (listed beforehand by
-- http.sh), round the list: public replies, every fifth an internal note.
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
   wrk.headers["Authorization"] = "Bearer " .. common.token()
   wrk.headers["Content-Type"] = "application/json"
   ids = common.lines(os.getenv("KEFU_BENCH_IDS"))
   index = ((thread_number or 1) - 1) * 7919 % #ids
end

function request()
   index = index % #ids + 1
   counter = counter + 1
   local body = string.format('{"body":"您好，师傅明天上门 %d-%d","internal":%s}',
      thread_number or 1, counter, counter % 5 == 0 and "true" or "false")
   return wrk.format(nil, "/api/v1/tickets/" .. ids[index] .. "/messages", nil, body)
end

function done(summary, latency, requests)
   common.report(os.getenv("KEFU_BENCH_NAME") or "ticket-reply", summary, latency)
end
