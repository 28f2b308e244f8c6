-- wrk's report for the benchmark (brobygger/alliances/benchmark.py): one line of JSON with
-- the request count, the time, the errors and the latency percentiles in milliseconds.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "errors": %d, "non2xx": %d, "p50": %.3f, "p95": %.3f, "p99": %.3f}\n',
    summary.requests, summary.duration / 1e6, errors, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
