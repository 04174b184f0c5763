#!/usr/bin/env bash
# SCIM at scale on PostgreSQL: an identity provider's first full sync through /scim/v2 (bench/ScimSync.java): USERS
# people created, SCIM_GROUPS groups created and MEMBERSHIPS memberships pushed (PATCH add, BATCH people per call); then every
# group given a role by the owner (Admin API) and people moved between groups carrying it (PATCH remove and add); THREADS
# calls at a time; total time and p50/p95/p99 per call for each phase. Then the organization is grown to TOTAL members
# (the rest loaded with SQL) and `GET /scim/v2/Users?filter=userName eq "…"` for random people is measured with wrk, with
# a first page and a page deep in the unfiltered list beside it.
# Starts PostgreSQL (installing it where missing, .ci/postgres.sh), a fresh database, and the server on it as the README
# does, with DB_* set and the rate limit off. Loopback only.
#   bash bench/scim-bench.sh [seconds per wrk measurement=15]
#   USERS=10000 SCIM_GROUPS=200 MEMBERSHIPS=50000 THREADS=4 BATCH=25 TOTAL=100000
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${1:-15}
USERS=${USERS:-10000}
SCIM_GROUPS=${SCIM_GROUPS:-200}
MEMBERSHIPS=${MEMBERSHIPS:-50000}
THREADS=${THREADS:-4}
BATCH=${BATCH:-25}
TOTAL=${TOTAL:-100000}
DB=accessconsole_scim

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

OWNER=$($TOKENS --sub scim-owner --email owner@scim-bench.example --name "SCIM owner" --ttl 3600)
ORG=$(curl -sf -X POST $BASE/v1/organizations -H "Authorization: Bearer $OWNER" -H "$J" -d '{"name":"Synced"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
SCIM=$(curl -sf -X POST $BASE/v1/organizations/scim_tokens -H "Authorization: Bearer $OWNER" -H "$J" -d '{"name":"bench"}' \
  | sed 's/.*"secret":"\([^"]*\)".*/\1/')
echo "organization $ORG; syncing $USERS users, $SCIM_GROUPS groups, $MEMBERSHIPS memberships ($THREADS at a time)"
java bench/ScimSync.java "$BASE" "$SCIM" "$USERS" "$SCIM_GROUPS" "$MEMBERSHIPS" "$THREADS" "$BATCH" "$OWNER"
echo "in the database: $($PSQL -c "select count(*) from organization_members where organization_id = '$ORG'") members," \
  "$($PSQL -c "select count(*) from rbac_groups where organization_id = '$ORG'") groups," \
  "$($PSQL -c "select count(*) from rbac_group_members where organization_id = '$ORG'") memberships"

echo "growing the organization to $TOTAL members"
$PSQL -v org="$ORG" -v from="$USERS" -v total="$TOTAL" <<'SQL'
insert into users (id, issuer, subject, email, email_verified, name, created_at)
  select 'user_sync' || lpad(i::text, 7, '0'), 'urn:accessconsole:provisioned', 'user_sync' || lpad(i::text, 7, '0'),
         'person' || i || '@sync.example', true, 'Person ' || i, now()
  from generate_series(:from, :total - 1) i;
insert into organization_members (id, organization_id, user_id, role, added_at, joined_by)
  select 'mbr_sync' || lpad(i::text, 7, '0'), :'org', 'user_sync' || lpad(i::text, 7, '0'), 'user', now(), 'scim'
  from generate_series(:from, :total - 1) i;
SQL
$PSQL -c "analyze users, organization_members, rbac_groups, rbac_group_members"
echo "now $($PSQL -c "select count(*) from organization_members where organization_id = '$ORG'") members"

measure() { # label url [script]
  local out
  out=$(USERS=$TOTAL wrk -t1 -c2 -d"${SECONDS_PER}s" -s "${3:-bench/latency.lua}" -H "Authorization: Bearer $SCIM" "$2" 2>/dev/null | tail -n 1)
  printf '%-62s %8s %8s %6s\n' "$1" $out
}
USERS=$TOTAL wrk -t1 -c2 -d5s -s bench/scim-filter.lua -H "Authorization: Bearer $SCIM" "$BASE" >/dev/null 2>&1 # warm-up
echo
printf '%-62s %8s %8s %6s\n' "SCIM at $TOTAL members (wrk -t1 -c2, ${SECONDS_PER}s each)" "p50 ms" "p95 ms" "non-2xx"
measure "GET /Users?filter=userName eq \"<random person>\"" "$BASE" bench/scim-filter.lua
measure "GET /Users (startIndex=1, count=100)" "$BASE/scim/v2/Users?startIndex=1&count=100"
measure "GET /Users (startIndex=90000, count=100)" "$BASE/scim/v2/Users?startIndex=90000&count=100"
measure "GET /Groups?excludedAttributes=members (count=100)" "$BASE/scim/v2/Groups?count=100&excludedAttributes=members"
