-- GET /api/v1/customers?q=…&limit=50, cycling through search terms.
-- Environment: KEFU_TOKEN; KEFU_BENCH_Q = terms separated by "|" (default: name, phone and email
-- fragments that occur in data from gen-customers.py); KEFU_BENCH_PREFIX = what precedes each
-- URL-encoded term (default /api/v1/customers?limit=50&q=); KEFU_BENCH_PATHS = whole paths separated
-- by "|", used as they are instead of terms; KEFU_BENCH_NAME labels the result line.

local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local default_terms = "王|小明|李娜|张伟|陈|1380|1591|example.cn|user1234|科技|人民路"
local paths = {}
local next_path = 0

function setup(thread)
   -- Threads start at different terms so they do not march in step.
   next_path = next_path + 3
   thread:set("offset", next_path)
end

function init(args)
   wrk.headers["Authorization"] = "Bearer " .. common.token()
   local prefix = os.getenv("KEFU_BENCH_PREFIX") or "/api/v1/customers?limit=50&q="
   for _, term in ipairs(common.split(os.getenv("KEFU_BENCH_Q") or default_terms, "|")) do
      paths[#paths + 1] = prefix .. common.urlencode(term)
   end
   if os.getenv("KEFU_BENCH_PATHS") then
      paths = common.split(os.getenv("KEFU_BENCH_PATHS"), "|")
   end
   index = offset or 0
end

function request()
   index = index % #paths + 1
   return wrk.format("GET", paths[index])
end

function done(summary, latency, requests)
   common.report(os.getenv("KEFU_BENCH_NAME") or "search", summary, latency)
end
