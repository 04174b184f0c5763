-- wrk script: prints "p50_ms p95_ms non2xx" when the run is done (wrk's --latency has no p95).
done = function(summary, latency, requests)
  io.write(string.format("%.1f %.1f %d\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.errors.status))
end
