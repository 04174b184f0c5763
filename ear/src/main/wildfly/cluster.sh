#!/usr/bin/env bash
# A two-node WildFly cluster of the EAR on one machine, on one PostgreSQL, behind HAProxy:
#   balancer  http://127.0.0.1:8080            (HAProxy, installed with apt-get where missing)
#   node1     http://127.0.0.1:8180  management 127.0.0.1:10090  JGroups 7700   (port offset 100)
#   node2     http://127.0.0.1:8280  management 127.0.0.1:10190  JGroups 7800   (port offset 200)
# Both nodes run standalone-app-ha.xml (configure-server.sh): JGroups over TCP with static members, the application's
# marks and rate limits in replicated caches. PostgreSQL is started (installed where missing) as CI does, with the
# database CLUSTER_DB (default accessconsole_cluster, kept across runs; CLUSTER_FRESH_DB=1 empties it first).
#
#   cluster.sh run            build when needed, start everything, stay until Ctrl-C, then stop everything
#   cluster.sh up | down      start everything and return | stop everything
#   cluster.sh status         each node and how many nodes it sees (its readiness on the management interface)
#   cluster.sh kill N         SIGKILL node N (1 or 2)            cluster.sh start N   start node N again
#   cluster.sh pause N        SIGSTOP node N's JVM (frozen, still in the view: a long GC pause, a frozen VM)
#   cluster.sh resume N       SIGCONT it
#   cluster.sh db stop|start|restart   stop, start or restart (fast) the PostgreSQL cluster both nodes use
#
# Environment passed to the nodes as to the single server: MP_JWT_*, ACCESSCONSOLE_RATE_LIMIT_*, DB_MAX_POOL_SIZE.
# Development only in this layout: the nodes trust the dev-only JWT key unless MP_JWT_VERIFY_PUBLICKEY_LOCATION is set.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
target="$root/ear/target"
jboss_home="$target/wildfly-39.0.1.Final"
cluster_dir="$target/cluster"
ear="$target/access-console.ear"
CLUSTER_DB=${CLUSTER_DB:-accessconsole_cluster}
BALANCER_PORT=${BALANCER_PORT:-8080}
export CLUSTER_MEMBERS=${CLUSTER_MEMBERS:-"127.0.0.1[7700],127.0.0.1[7800]"}

offset() { echo $((100 * $1)); }
http_port() { echo $((8080 + $(offset "$1"))); }
management_port() { echo $((9990 + $(offset "$1"))); }

build() {
  if [ ! -f "$ear" ] || [ ! -f "$jboss_home/standalone/configuration/standalone-app-ha.xml" ]; then
    (cd "$root" && ./mvnw -B -q package -DskipTests)
  fi
}

database() {
  # shellcheck source=../../../../.ci/postgres.sh
  source "$root/.ci/postgres.sh"
  if [ "${CLUSTER_FRESH_DB:-0}" = 1 ]; then
    fresh_postgres_database "$CLUSTER_DB"
  else
    postgres_database "$CLUSTER_DB"
  fi
  # a connection attempt gives up after 2 s (a database host that does not answer is a quick 503, not a hang)
  export DB_DRIVER=postgresql DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$CLUSTER_DB?connectTimeout=2" DB_USER=$PG_ROLE DB_PASSWORD=$PG_PASSWORD
}

layout() { # a server base directory per node, from the configured one, with the EAR deployed
  local n=$1 base="$cluster_dir/node$1"
  mkdir -p "$base/deployments" "$base/log"
  if [ ! -d "$base/configuration" ] || [ "$jboss_home/standalone/configuration/standalone-app-ha.xml" -nt "$base/configuration/standalone-app-ha.xml" ]; then
    rm -rf "$base/configuration"
    cp -r "$jboss_home/standalone/configuration" "$base/configuration"
    rm -rf "$base/configuration/standalone_xml_history"
  fi
  cp "$ear" "$base/deployments/"
}

start_node() {
  local n=$1 base="$cluster_dir/node$1"
  if [ -f "$base/pid" ] && kill -0 "$(cat "$base/pid")" 2>/dev/null; then
    echo "node$n is running (pid $(cat "$base/pid"))"
    return
  fi
  layout "$n"
  rm -f "$base/log/server.log"
  ACCESSCONSOLE_WEBHOOKS_ALLOW_LOOPBACK="${ACCESSCONSOLE_WEBHOOKS_ALLOW_LOOPBACK:-true}" \
  JAVA_OPTS="${CLUSTER_JAVA_OPTS:--Xms256m -Xmx768m} -Djava.net.preferIPv4Stack=true" \
    nohup "$jboss_home/bin/standalone.sh" -c standalone-app-ha.xml \
      -Djboss.server.base.dir="$base" -Djboss.node.name="node$n" \
      -Djboss.socket.binding.port-offset="$(offset "$n")" \
      -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.private=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 \
      >"$base/log/console.log" 2>&1 &
  echo $! >"$base/pid.sh"
  # standalone.sh starts the JVM as its child: keep the JVM's pid, so that 'kill' kills the server itself
  for _ in $(seq 1 50); do
    local jvm
    jvm=$(pgrep -f -- "-Djboss.node.name=node$n " | while read -r p; do
      [ "$(ps -o comm= -p "$p")" = java ] && echo "$p"; done | head -n 1 || true)
    if [ -n "$jvm" ]; then echo "$jvm" >"$base/pid"; break; fi
    sleep 0.2
  done
  echo "node$n starting (http $(http_port "$n"), log $base/log/server.log)"
}

wait_node() {
  local n=$1
  for _ in $(seq 1 180); do
    curl -sf -o /dev/null "http://127.0.0.1:$(http_port "$n")/health" && return 0
    if grep -q "WFLYSRV0026" "$cluster_dir/node$n/log/server.log" 2>/dev/null; then
      break # started with errors: the deployment failed
    fi
    sleep 1
  done
  echo "node$n did not become healthy; see $cluster_dir/node$n/log/server.log" >&2
  return 1
}

kill_node() {
  local n=$1 base="$cluster_dir/node$1"
  if [ -f "$base/pid" ]; then
    kill -9 "$(cat "$base/pid")" 2>/dev/null || true
    rm -f "$base/pid"
  fi
  pkill -9 -f -- "-Djboss.node.name=node$n " 2>/dev/null || true
}

signal_node() { # signal N
  local base="$cluster_dir/node$2"
  if [ ! -f "$base/pid" ]; then
    echo "node$2 is not running" >&2
    return 1
  fi
  kill -"$1" "$(cat "$base/pid")"
}

db() { # stop | start | restart
  # shellcheck source=../../../../.ci/postgres.sh
  source "$root/.ci/postgres.sh"
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  case "$1" in
    stop) pg_ctlcluster --skip-systemctl-redirect "$version" main stop -m fast ;;
    restart) pg_ctlcluster --skip-systemctl-redirect "$version" main restart -m fast ;;
    start) pg_ctlcluster --skip-systemctl-redirect "$version" main start ;;
    *) echo "usage: $0 db stop|start|restart" >&2; return 2 ;;
  esac
  if [ "$1" != stop ]; then
    for _ in $(seq 1 100); do
      pg_isready -h "$PG_HOST" -p "$PG_PORT" -q && return 0
      sleep 0.1
    done
    return 1
  fi
}

balancer() {
  if ! command -v haproxy >/dev/null 2>&1; then
    echo "HAProxy is not installed: installing it"
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy
  fi
  stop_balancer
  mkdir -p "$cluster_dir"
  BALANCER_BIND=${BALANCER_BIND:-127.0.0.1} BALANCER_PORT=$BALANCER_PORT \
    NODE1="127.0.0.1:$(http_port 1)" NODE2="127.0.0.1:$(http_port 2)" \
    haproxy -D -f "$here/haproxy.cfg" -p "$cluster_dir/haproxy.pid"
  for _ in $(seq 1 30); do
    curl -sf -o /dev/null "http://127.0.0.1:$BALANCER_PORT/health" && break
    sleep 1
  done
  echo "balancer on http://127.0.0.1:$BALANCER_PORT"
}

stop_balancer() {
  if [ -f "$cluster_dir/haproxy.pid" ]; then
    kill "$(cat "$cluster_dir/haproxy.pid")" 2>/dev/null || true
    rm -f "$cluster_dir/haproxy.pid"
  fi
}

status() {
  for n in 1 2; do
    printf 'node%s: ' "$n"
    curl -s "http://127.0.0.1:$(management_port "$n")/health/ready" | grep -o '"name":"cluster"[^}]*}[^}]*}' || echo "(no answer)"
    echo
  done
}

up() {
  build
  database
  start_node 1
  wait_node 1 # the first node migrates the schema (Flyway locks it, so a second would wait anyway)
  start_node 2
  wait_node 2
  balancer
  status
}

down() {
  stop_balancer
  kill_node 1
  kill_node 2
}

case "${1:-run}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kill) kill_node "$2" ;;
  start) database; start_node "$2"; wait_node "$2" ;;
  pause) signal_node STOP "$2" ;;
  resume) signal_node CONT "$2" ;;
  db) db "$2" ;;
  run)
    trap down EXIT INT TERM
    up
    echo "cluster running; Ctrl-C stops it"
    while true; do sleep 3600; done
    ;;
  *) echo "usage: $0 run|up|down|status|kill N|start N|pause N|resume N|db stop|start|restart" >&2; exit 2 ;;
esac
