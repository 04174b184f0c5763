#!/usr/bin/env bash
# Beside Keycloak: this server (as the README starts it: embedded H2, rate limit off) and Keycloak 26.5.6 (as the test suite
# starts it: start-dev, its embedded H2) on this machine, loaded with the same roles and people (an owner with admin, 25
# members with developer; bench/keycloak_setup.py for Keycloak), then wrk at the same concurrency, rounds alternating
# between the two, on three questions:
#   decision  may the caller (the owner) manage members?  ours: GET /v1/organizations/me/permissions (every permission the
#             caller holds, each with where it comes from: members:manage among them); Keycloak: Authorization Services'
#             decision (uma-ticket grant, response_mode=decision) for members#manage. Also measured, not compared: explain
#             for a named member, GET /v1/organizations/users/{owner}/permissions?permission=members:manage (its reasons)
#   list      20 members: ours GET /v1/organizations/users?limit=20; Keycloak GET /admin/realms/bench/users?max=20
#   role      a member's role changed (members in turn, roles alternating): ours POST /v1/organizations/users/{id}
#             {"role":…}; Keycloak POST /admin/realms/bench/users/{id}/role-mappings/realm
# plus this server's anonymous 401 path, the yardstick of the README's other ratios. Prints requests/s and p99 per scenario
# (means of the rounds) and the ratios; then, unless PROFILE=0, a JFR profile of this server during the list.
#   bash bench/keycloak-bench.sh [rounds=3] [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
THREADS=2
CONNECTIONS=16

if ! command -v wrk >/dev/null 2>&1 || ! command -v bc >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk bc
fi

RUN=$(date +%s)
source bench/server.sh
start_server
KC=http://localhost:18080
bash ear/src/test/keycloak/keycloak.sh up
trap 'stop_server; bash ear/src/test/keycloak/keycloak.sh down' EXIT

# this server: the same people and roles
OWNER=$($TOKENS --sub "kc-bench-owner-$RUN" --email "owner-$RUN@kc-bench.example" --name Owner --ttl 3600)
curl -sf -X POST $BASE/v1/organizations -H "Authorization: Bearer $OWNER" -H "$J" -d '{"name":"Beside Keycloak"}' >/dev/null
json_id() { python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'; }
OWNER_ID=$(curl -sf $BASE/v1/me -H "Authorization: Bearer $OWNER" | json_id)
MEMBER_IDS=""
for i in $(seq 1 25); do
  T=$($TOKENS --sub "kc-bench-m$i-$RUN" --email "m$i-$RUN@kc-bench.example" --ttl 3600)
  INVITE=$(curl -sf -X POST $BASE/v1/organizations/invites -H "Authorization: Bearer $OWNER" -H "$J" \
    -d "{\"email\":\"m$i-$RUN@kc-bench.example\",\"role\":\"developer\"}" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  curl -sf -X POST $BASE/v1/invites/$INVITE/accept -H "Authorization: Bearer $T" >/dev/null
  MEMBER_IDS="$MEMBER_IDS /v1/organizations/users/$(curl -sf $BASE/v1/me -H "Authorization: Bearer $T" | json_id)"
done
# every scenario answers 2xx before anything is measured (the anonymous one 401)
check() { # method path [body] → status
  curl -s -o /dev/null -w '%{http_code}' -X "$1" "$BASE$2" -H "Authorization: Bearer $OWNER" -H "$J" ${3:+-d "$3"}
}
[ "$(check GET "/v1/organizations/users/$OWNER_ID/permissions?permission=members:manage")" = 200 ]
[ "$(check GET "/v1/organizations/users?limit=20")" = 200 ]
[ "$(check GET "/v1/organizations/me/permissions")" = 200 ]
[ "$(check POST "$(echo $MEMBER_IDS | cut -d' ' -f1)" '{"role":"developer"}')" = 200 ]
# Keycloak: the same
eval "$(python3 bench/keycloak_setup.py $KC)"
KC_PATHS=""
for id in $KC_MEMBERS; do KC_PATHS="$KC_PATHS /admin/realms/bench/users/$id/role-mappings/realm"; done

# the scenarios, in the order each round runs them: key, name, server, wrk settings for bench/requests.lua (NAME=value,
# separated by |; ~ separates bodies)
declare -A NAME URL ENV
ORDER=""
scenario() { ORDER="$ORDER $1"; NAME[$1]=$2; URL[$1]=$3; ENV[$1]=$4; }
KC_DECISION_BODY="grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Auma-ticket&audience=bench-api&permission=members%23manage&response_mode=decision"
scenario anon "ours: anonymous 401 (GET /v1/organizations/me)" "$BASE" "WRK_PATHS=/v1/organizations/me"
scenario ours_decision "ours: GET /v1/organizations/me/permissions" "$BASE" "WRK_PATHS=/v1/organizations/me/permissions|WRK_AUTH=Bearer $OWNER"
scenario ours_explain "ours: explain members:manage for a named member" "$BASE" \
  "WRK_PATHS=/v1/organizations/users/$OWNER_ID/permissions?permission=members:manage|WRK_AUTH=Bearer $OWNER"
scenario kc_decision "Keycloak: Authorization Services decision" "$KC" \
  "WRK_METHOD=POST|WRK_PATHS=/realms/bench/protocol/openid-connect/token|WRK_AUTH=Bearer $KC_OWNER_TOKEN|WRK_TYPE=application/x-www-form-urlencoded|WRK_BODIES=$KC_DECISION_BODY"
scenario ours_list "ours: GET /v1/organizations/users?limit=20" "$BASE" "WRK_PATHS=/v1/organizations/users?limit=20|WRK_AUTH=Bearer $OWNER"
scenario kc_list "Keycloak: GET /admin/realms/bench/users?max=20" "$KC" "WRK_PATHS=/admin/realms/bench/users?max=20|WRK_AUTH=Bearer $KC_ADMIN_TOKEN"
scenario ours_role "ours: POST /v1/organizations/users/{id} (role)" "$BASE" \
  "WRK_METHOD=POST|WRK_PATHS=${MEMBER_IDS# }|WRK_AUTH=Bearer $OWNER|WRK_TYPE=application/json|WRK_BODIES={\"role\":\"billing\"}~{\"role\":\"developer\"}"
scenario kc_role "Keycloak: POST …/users/{id}/role-mappings/realm" "$KC" \
  "WRK_METHOD=POST|WRK_PATHS=${KC_PATHS# }|WRK_AUTH=Bearer $KC_ADMIN_TOKEN|WRK_TYPE=application/json|WRK_BODIES=$KC_ROLE_BILLING~$KC_ROLE_DEVELOPER"

run() { # scenario seconds → "requests/s p50_ms p99_ms non2xx"
  local out
  out=$(
    IFS='|'
    for assignment in ${ENV[$1]}; do export "${assignment%%=*}=${assignment#*=}"; done
    export WRK_BODIES="${WRK_BODIES:-}"; WRK_BODIES=${WRK_BODIES//\~/|}
    wrk -t$THREADS -c$CONNECTIONS -d"$2"s -s bench/requests.lua "${URL[$1]}" 2>/dev/null
  )
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | tail -n 1)"
}

echo "warming up both (the JIT of each needs a while)"
for _ in 1 2; do
  for s in $ORDER; do echo "  $s: $(run "$s" 8)"; done
done

declare -A RPS P99 ERR
for s in $ORDER; do RPS[$s]=0; P99[$s]=0; ERR[$s]=0; done
for round in $(seq 1 "$ROUNDS"); do
  line="round $round:"
  for s in $ORDER; do
    read -r rps _ p99 non2xx <<< "$(run "$s" "$SECONDS_PER_RUN")"
    RPS[$s]=$(echo "${RPS[$s]} + $rps" | bc -l)
    P99[$s]=$(echo "${P99[$s]} + $p99" | bc -l)
    ERR[$s]=$((ERR[$s] + non2xx))
    line="$line $s=$rps/${p99}ms"
  done
  echo "$line"
done
mean() { echo "$1 / $ROUNDS" | bc -l; }
echo
printf '%-52s %10s %10s %8s\n' "scenario (wrk -t$THREADS -c$CONNECTIONS, ${SECONDS_PER_RUN}s x $ROUNDS rounds)" "req/s" "p99 ms" "non-2xx"
for s in $ORDER; do
  printf '%-52s %10.0f %10.2f %8d\n' "${NAME[$s]}" "$(mean "${RPS[$s]}")" "$(mean "${P99[$s]}")" "${ERR[$s]}"
done
echo
for q in decision list role; do
  printf 'ours / Keycloak, %-9s throughput %6.2fx   p99 %6.2fx\n' "$q:" \
    "$(echo "${RPS[ours_$q]} / ${RPS[kc_$q]}" | bc -l)" "$(echo "${P99[ours_$q]} / ${P99[kc_$q]}" | bc -l)"
done
printf 'ours, 20-member list / anonymous 401 path:  %6.2fx\n' "$(echo "${RPS[ours_list]} / ${RPS[anon]}" | bc -l)"

# where the time goes: JFR (profile settings) of this server during each of PROFILE_SCENARIOS (default: the list; this
# server's scenarios only: ours_decision, ours_explain, ours_list, ours_role),
# PROFILE_SECONDS each, split by JfrShare (authorization, provisioning, …) and by library (bench/jfr_libraries.py)
if [ "${PROFILE:-1}" = 1 ]; then
  SERVER_PID=$(pgrep -f jboss-modules.jar | head -n 1)
  for s in ${PROFILE_SCENARIOS:-ours_list}; do
    JFR_FILE=$(mktemp --suffix=.jfr)
    jcmd "$SERVER_PID" JFR.start name=bench settings=profile >/dev/null
    run "$s" "${PROFILE_SECONDS:-40}" >/dev/null
    jcmd "$SERVER_PID" JFR.dump name=bench filename="$JFR_FILE" >/dev/null
    jcmd "$SERVER_PID" JFR.stop name=bench >/dev/null
    echo
    echo "JFR profile of ${NAME[$s]}, ${PROFILE_SECONDS:-40} s ($JFR_FILE):"
    java bench/src/main/java/dev/accessconsole/bench/JfrShare.java "$JFR_FILE"
    echo "by library (innermost frame that is not the JDK's):"
    python3 bench/jfr_libraries.py "$JFR_FILE"
  done
fi
