-- Shared by the wrk-*.lua scripts (loaded with dofile from the same directory).
-- Environment: KEFU_TOKEN (bearer token, required).

local common = {}

function common.token()
   local token = os.getenv("KEFU_TOKEN")
   if token == nil or token == "" then
      error("KEFU_TOKEN is not set")
   end
   return token
end

function common.urlencode(text)
   return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function common.split(text, separator)
   local items = {}
   for item in string.gmatch(text or "", "([^" .. separator .. "]+)") do
      items[#items + 1] = item
   end
   return items
end

-- The non-empty lines of a file (a list of ids written by http.sh); fails when there are none.
function common.lines(path)
   local file = assert(io.open(path or "", "r"), "no such file: " .. tostring(path))
   local lines = {}
   for line in file:lines() do
      if line ~= "" then lines[#lines + 1] = line end
   end
   file:close()
   assert(#lines > 0, tostring(path) .. " lists no ids")
   return lines
end

-- Called from each script's done(): one machine-readable line after wrk's own report.
-- Latency is in microseconds in wrk; printed in milliseconds.
function common.report(name, summary, latency)
   local seconds = summary.duration / 1e6
   local errors = summary.errors
   local failed = errors.connect + errors.read + errors.write + errors.timeout
   io.write(string.format(
      "KEFU_BENCH %s requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
      name, summary.requests, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency:percentile(99.9) / 1000, latency.max / 1000, errors.status, failed))
end

return common
