#!/usr/bin/env bash
# Scale on PostgreSQL: loads an organization with 100,000 members, 200 workspaces (the Default, 99 active, 100 archived:
# the product keeps at most 100 active) and 1,000,000 usage events, and a 100-member organization beside it; then
# prints p50/p95 latency of the member list (first page and a page 90,000 members deep), the workspace list, explain,
# and the usage and cost reports over 30 days by day, workspace and model, for both organizations.
# Starts PostgreSQL (installing it where missing, .ci/postgres.sh), a fresh database, and the server on it, as the
# README does but with DB_* set and the rate limit off. Loopback only; wrk (installed where missing) runs -t1 -c2.
#   bash bench/scale-bench.sh [seconds per measurement=15]
#   (tokens live an hour, the longest the server accepts: the run takes about fifteen minutes)
#   MEMBERS, EVENTS and EVENT_DAYS (the days the events spread over, ending now; default 30: all in the reports' window)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${1:-15}
MEMBERS=${MEMBERS:-100000}
EVENTS=${EVENTS:-1000000}
EVENT_DAYS=${EVENT_DAYS:-30}
DB=accessconsole_scale

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
fi
source .ci/postgres.sh
fresh_postgres_database "$DB"
export PGPASSWORD=$PG_PASSWORD
PSQL="psql -h $PG_HOST -p $PG_PORT -U $PG_ROLE -d $DB -v ON_ERROR_STOP=1 -q -t -A"

source bench/server.sh
echo "the server runs on PostgreSQL database $DB"
start_server DB_DRIVER=postgresql DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" DB_USER="$PG_ROLE" DB_PASSWORD="$PG_PASSWORD"

BIG_OWNER=$($TOKENS --sub scale-owner --email owner@scale.example --name "Scale owner" --ttl 3600)
SMALL_OWNER=$($TOKENS --sub small-owner --email owner@small.example --name "Small owner" --ttl 3600)
BIG=$(curl -sf -X POST $BASE/v1/organizations -H "Authorization: Bearer $BIG_OWNER" -H "$J" -d '{"name":"Scale"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
SMALL=$(curl -sf -X POST $BASE/v1/organizations -H "Authorization: Bearer $SMALL_OWNER" -H "$J" -d '{"name":"Small"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
ISSUER=https://dev.accessconsole.local

load() { # org tag members workspaces(active, beyond the Default) archived events
  echo "loading $2: $3 members, 1 + $4 active + $5 archived workspaces, $6 usage events over $EVENT_DAYS days"
  $PSQL -v org="$1" -v tag="$2" -v members="$3" -v active="$4" -v archived="$5" -v events="$6" -v days="$EVENT_DAYS" -v iss="$ISSUER" <<'SQL'
insert into users (id, issuer, subject, email, name, created_at)
  select 'user_' || :'tag' || lpad(i::text, 7, '0'), :'iss', :'tag' || '-m' || i, :'tag' || '-m' || i || '@scale.example', 'Member ' || i, now()
  from generate_series(1, :members - 1) i;
insert into organization_members (id, organization_id, user_id, role, added_at)
  select 'orgmbr_' || :'tag' || lpad(i::text, 7, '0'), :'org', 'user_' || :'tag' || lpad(i::text, 7, '0'),
         case when i % 100 = 0 then 'admin' when i % 50 = 1 then 'billing' when i % 10 < 6 then 'developer'
              when i % 10 < 9 then 'user' else 'claude_code_user' end, now()
  from generate_series(1, :members - 1) i;
insert into workspaces (id, organization_id, name, kind, created_at, archived_at)
  select 'wrkspc_' || :'tag' || lpad(w::text, 4, '0'), :'org', 'Workspace ' || w, 'STANDARD', now(),
         case when w > :active then now() end
  from generate_series(1, :active + :archived) w;
-- every fifth member is workspace_developer in one active workspace
insert into workspace_members (id, workspace_id, user_id, role, added_at)
  select 'wsmbr_' || :'tag' || lpad(i::text, 7, '0'), 'wrkspc_' || :'tag' || lpad((1 + i % :active)::text, 4, '0'),
         'user_' || :'tag' || lpad(i::text, 7, '0'), 'workspace_developer', now()
  from generate_series(5, :members - 1, 5) i;
-- two keys per active workspace
insert into api_keys (id, organization_id, workspace_id, name, secret_hash, partial_key_hint, status, created_at, created_by_id, created_by_type)
  select 'apikey_' || :'tag' || lpad(k::text, 5, '0'), :'org', 'wrkspc_' || :'tag' || lpad((1 + k % :active)::text, 4, '0'), 'key ' || k,
         md5(:'tag' || k::text) || md5(k::text || :'tag'), 'sk-ant-api03-...' || k, 'active', now(), 'scale', 'user'
  from generate_series(1, 2 * :active) k;
insert into usage_events (organization_id, event_id, workspace_id, api_key_id, model, input_tokens, output_tokens, occurred_at, epoch_minute)
  select :'org', 'evt_' || e, 'wrkspc_' || :'tag' || lpad((1 + k % :active)::text, 4, '0'), 'apikey_' || :'tag' || lpad(k::text, 5, '0'),
         (array['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5'])[1 + e % 3], 100 + e % 5000, 20 + e % 1000, at,
         floor(extract(epoch from at) / 60)::bigint
  from (select e, 1 + e % (2 * :active) as k, now() - (random() * (:days * 86400 - 3600)) * interval '1 second' as at
        from generate_series(1, :events) e) g;
-- the daily sums the gateway keeps as it records each event (migrations V5, V8: keyed by every report dimension)
insert into usage_daily (organization_id, epoch_day, workspace_id, api_key_id, model, service_tier, context_window, inference_geo,
                         speed, account_id, service_account_id, input_tokens, output_tokens, cache_creation_1h_tokens,
                         cache_creation_5m_tokens, cache_read_tokens, web_search_requests, events)
  select organization_id, epoch_minute / 1440, workspace_id, api_key_id, model, service_tier, context_window, inference_geo,
         speed, account_id, service_account_id, sum(input_tokens), sum(output_tokens), sum(cache_creation_1h_tokens),
         sum(cache_creation_5m_tokens), sum(cache_read_tokens), sum(web_search_requests), count(*)
  from usage_events where organization_id = :'org'
  group by organization_id, epoch_minute / 1440, workspace_id, api_key_id, model, service_tier, context_window, inference_geo,
           speed, account_id, service_account_id;
SQL
}
load "$BIG" scale "$MEMBERS" 99 100 "$EVENTS"
load "$SMALL" small 100 99 100 "$((EVENTS / 10000))"
$PSQL -c "analyze users, organization_members, workspaces, workspace_members, api_keys, usage_events, usage_daily"

member_at() { # org offset → the user id at that place of the member list's order
  $PSQL -c "select u.id from organization_members m join users u on u.id = m.user_id where m.organization_id = '$1' order by u.id offset $2 limit 1"
}
FROM=$(date -u -d "30 days ago" +%Y-%m-%dT00:00:00Z)
TO=$(date -u -d tomorrow +%Y-%m-%dT00:00:00Z)
measure() { # label token url
  local out
  out=$(wrk -t1 -c2 -d"${SECONDS_PER}s" -s bench/latency.lua -H "Authorization: Bearer $2" "$3" 2>/dev/null | tail -n 1)
  printf '%-58s %8s %8s %6s\n' "$1" $out
}
echo
printf '%-58s %8s %8s %6s\n' "endpoint (wrk -t1 -c2, ${SECONDS_PER}s each, after a warm-up)" "p50 ms" "p95 ms" "non-2xx"
for org in small scale; do
  if [ $org = scale ]; then ORG=$BIG; T=$BIG_OWNER; N=$MEMBERS; else ORG=$SMALL; T=$SMALL_OWNER; N=100; fi
  DEEP=$(member_at "$ORG" $((N * 9 / 10)))
  SOMEONE=$(member_at "$ORG" 4)
  WS=$($PSQL -c "select workspace_id from workspace_members where user_id = '$SOMEONE'")
  declare -a URLS=(
    "members, first page (limit 20)|$BASE/v1/organizations/users?limit=20"
    "members, page 90% deep (after_id)|$BASE/v1/organizations/users?limit=20&after_id=$DEEP"
    "workspaces (limit 20)|$BASE/v1/organizations/workspaces?limit=20"
    "explain (a member, a workspace)|$BASE/v1/organizations/users/$SOMEONE/permissions?workspace_id=$WS"
    "usage report, 30 days by day, workspace, model|$BASE/v1/organizations/usage_report/messages?starting_at=$FROM&ending_at=$TO&bucket_width=1d&limit=31&group_by%5B%5D=workspace_id&group_by%5B%5D=model"
    "cost report, 30 days by day, workspace, model|$BASE/v1/organizations/cost_report?starting_at=$FROM&ending_at=$TO&limit=31&group_by%5B%5D=workspace_id&group_by%5B%5D=description"
  )
  for entry in "${URLS[@]}"; do # warm-up
    wrk -t1 -c2 -d5s -H "Authorization: Bearer $T" "${entry#*|}" >/dev/null 2>&1
  done
  for entry in "${URLS[@]}"; do
    measure "$org ($N members): ${entry%%|*}" "$T" "${entry#*|}"
  done
done
