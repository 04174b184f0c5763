# Sourced by bench/http-bench.sh and bench/scale-bench.sh: starts the server as the README does (./mvnw -Prun), with
# the rate limit off and any further environment given, waits until /health answers, and stops it when the script
# exits. Sets BASE, the dev-token command TOKENS and the JSON header J.
#   start_server [NAME=value ...]
BASE=http://127.0.0.1:8080
TOKENS="java ear/src/test/java/dev/accessconsole/it/DevTokens.java"
J='content-type: application/json'

start_server() {
  local log
  log=$(mktemp)
  echo "starting the server (log: $log)"
  env "$@" ACCESSCONSOLE_RATE_LIMIT_REQUESTS_PER_MINUTE=0 ./mvnw -B -q -Prun package -DskipTests >"$log" 2>&1 &
  SERVER=$!
  trap stop_server EXIT
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null $BASE/health && break
    sleep 2
  done
  curl -sf -o /dev/null $BASE/health
}

stop_server() {
  pkill -P "$SERVER" 2>/dev/null || true
  kill "$SERVER" 2>/dev/null || true
  pkill -f "jboss-modules.jar" 2>/dev/null || true
}
