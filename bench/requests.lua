-- wrk script for keycloak-bench.sh: requests built from the environment, so one script serves every scenario.
--   WRK_METHOD   GET or POST (default GET)
--   WRK_PATHS    paths separated by spaces, taken in turn (a member each request)
--   WRK_BODIES   bodies separated by "|", the next one each time every path has been taken once (roles alternate)
--   WRK_TYPE     the body's content type;  WRK_AUTH  the Authorization header's value
-- Prints "p50_ms p99_ms non2xx" when the run is done.
local function split(text, separator)
  local parts = {}
  if text == nil or text == "" then return parts end
  for part in string.gmatch(text, "([^" .. separator .. "]+)") do table.insert(parts, part) end
  return parts
end

local method = os.getenv("WRK_METHOD") or "GET"
local paths = split(os.getenv("WRK_PATHS"), " ")
local bodies = split(os.getenv("WRK_BODIES"), "|")
local headers = {}
if os.getenv("WRK_AUTH") then headers["Authorization"] = os.getenv("WRK_AUTH") end
if os.getenv("WRK_TYPE") then headers["Content-Type"] = os.getenv("WRK_TYPE") end
local counter = 0

request = function()
  local path = paths[(counter % #paths) + 1]
  local body = nil
  if #bodies > 0 then body = bodies[(math.floor(counter / #paths) % #bodies) + 1] end
  counter = counter + 1
  return wrk.format(method, path, headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("%.2f %.2f %d\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
