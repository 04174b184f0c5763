-- wrk script: a SCIM userName filter for a random one of USERS people (person<i>@sync.example), as an identity provider
-- looks a person up before creating them; prints "p50_ms p95_ms non2xx" when the run is done.
local users = tonumber(os.getenv("USERS") or "100000")
request = function()
  local path = "/scim/v2/Users?filter=userName%20eq%20%22person" .. math.random(0, users - 1) .. "%40sync.example%22"
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  io.write(string.format("%.1f %.1f %d\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.errors.status))
end
