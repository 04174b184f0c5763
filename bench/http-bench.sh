#!/usr/bin/env bash
# HTTP benchmark: starts the server as the README does (embedded database under .data/, rate limit off), warms it up, then
# runs wrk in rounds that alternate over the scenarios on the same server and prints requests/s and the ratio of each
# scenario to the anonymous 401 path. Installs wrk from Debian where missing. Loopback only; bounded in time.
#   bash bench/http-bench.sh [rounds=3] [seconds=10]      (PROFILE=0 skips the JFR profile at the end; PROFILE_SECONDS
#                                                         sets its length, default 60: about 2,000 request samples)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}

if ! command -v wrk >/dev/null 2>&1 || ! command -v bc >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk bc
fi

RUN=$(date +%s)   # the run profile keeps its data under .data/: each run makes its own organization and people
source bench/server.sh
start_server

OWNER=$($TOKENS --sub "bench-owner-$RUN" --email "owner-$RUN@bench.example" --name Owner --ttl 3600)
curl -sf -X POST $BASE/v1/organizations -H "Authorization: Bearer $OWNER" -H "$J" -d '{"name":"Bench"}' >/dev/null
for i in $(seq 1 25); do
  T=$($TOKENS --sub "bench-m$i-$RUN" --email "m$i-$RUN@bench.example" --ttl 3600)
  INVITE=$(curl -sf -X POST $BASE/v1/organizations/invites -H "Authorization: Bearer $OWNER" -H "$J" \
    -d "{\"email\":\"m$i-$RUN@bench.example\",\"role\":\"developer\"}" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  curl -sf -X POST $BASE/v1/invites/$INVITE/accept -H "Authorization: Bearer $T" >/dev/null
done
ADMIN_KEY=$(curl -sf -X POST $BASE/v1/organizations/admin_keys -H "Authorization: Bearer $OWNER" -H "$J" -d '{"name":"bench"}' \
  | sed 's/.*"secret":"\([^"]*\)".*/\1/')

declare -A NAME ARGS
NAME[anon]="anonymous 401 (GET /v1/organizations/me)";        ARGS[anon]="$BASE/v1/organizations/me"
NAME[roles]="token GET /v1/roles";                              ARGS[roles]="-H 'Authorization: Bearer $OWNER' $BASE/v1/roles"
NAME[me]="token GET /v1/organizations/me";                      ARGS[me]="-H 'Authorization: Bearer $OWNER' $BASE/v1/organizations/me"
NAME[key]="Admin API key GET /v1/organizations/me";             ARGS[key]="-H 'x-api-key: $ADMIN_KEY' $BASE/v1/organizations/me"
NAME[users]="token GET /v1/organizations/users?limit=20";       ARGS[users]="-H 'Authorization: Bearer $OWNER' '$BASE/v1/organizations/users?limit=20'"
ORDER="anon roles me key users"

run() { # scenario seconds → requests/s
  eval wrk -t2 -c16 -d"$2"s --latency ${ARGS[$1]} 2>/dev/null | awk '/Requests\/sec/ {print $2}'
}
echo "warming up (WildFly's JIT needs a while: rounds still rise after 5 s a scenario)"
for _ in 1 2; do
  for s in $ORDER; do run "$s" 8 >/dev/null; done
done

declare -A TOTAL
for s in $ORDER; do TOTAL[$s]=0; done
for round in $(seq 1 "$ROUNDS"); do
  line="round $round:"
  for s in $ORDER; do
    rps=$(run "$s" "$SECONDS_PER_RUN")
    TOTAL[$s]=$(echo "${TOTAL[$s]} + $rps" | bc -l)
    line="$line $s=$rps"
  done
  echo "$line"
done
echo
printf '%-48s %12s %8s\n' "scenario (wrk -t2 -c16, ${SECONDS_PER_RUN}s x $ROUNDS rounds)" "req/s" "ratio"
anon=$(echo "${TOTAL[anon]} / $ROUNDS" | bc -l)
for s in $ORDER; do
  mean=$(echo "${TOTAL[$s]} / $ROUNDS" | bc -l)
  printf '%-48s %12.0f %8.2f\n' "${NAME[$s]}" "$mean" "$(echo "$mean / $anon" | bc -l)"
done

# Where the time goes: a JFR recording (profile settings) of the server during PROFILE_SECONDS of token GET /v1/organizations/me,
# each request-thread sample given to the innermost application frame on its stack (bench/.../JfrShare.java).
if [ "${PROFILE:-1}" = 1 ]; then
  SERVER_PID=$(pgrep -f jboss-modules.jar | head -n 1)
  JFR_FILE=$(mktemp --suffix=.jfr)
  jcmd "$SERVER_PID" JFR.start name=bench settings=profile >/dev/null
  run me "${PROFILE_SECONDS:-60}" >/dev/null
  jcmd "$SERVER_PID" JFR.dump name=bench filename="$JFR_FILE" >/dev/null
  jcmd "$SERVER_PID" JFR.stop name=bench >/dev/null
  echo
  echo "JFR profile of token GET /v1/organizations/me, ${PROFILE_SECONDS:-60} s ($JFR_FILE):"
  java bench/src/main/java/dev/accessconsole/bench/JfrShare.java "$JFR_FILE"
fi
