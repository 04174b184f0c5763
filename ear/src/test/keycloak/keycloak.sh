#!/usr/bin/env bash
# Keycloak, the identity provider the console's sign-in is tested with: org.keycloak:keycloak-quarkus-dist from Maven
# Central, started in development mode on http://localhost:18080 with the realm in accessconsole-realm.json (realm
# "accessconsole", public client "access-console" with PKCE S256, an "access-console" audience and a groups claim; a
# password-grant client "access-console-tests" for the tests only; groups Engineering and support; test users; a
# development-only master-realm administrator admin/admin).
# The integration tests start it once before the suite and stop it after (ear/pom.xml); by hand:
#
#   keycloak.sh up | down     start (fresh data, the realm imported) and return | stop
#   keycloak.sh run           start, stay until Ctrl-C, then stop
#
# Then start the server with ACCESSCONSOLE_OIDC_ISSUER=http://localhost:18080/realms/accessconsole (README).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
version=${KEYCLOAK_VERSION:-26.5.6}
port=${KEYCLOAK_PORT:-18080}
target="$root/ear/target"
home="$target/keycloak-$version"
pidfile="$target/keycloak.pid"
log="$target/keycloak.log"
issuer="http://localhost:$port/realms/accessconsole"

dist() {
  [ -x "$home/bin/kc.sh" ] && return
  mkdir -p "$target"
  (cd "$root" && ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -DoutputDirectory="$target")
  if ! command -v unzip > /dev/null; then
    apt-get install -y -q unzip
  fi
  unzip -q -o "$target/keycloak-quarkus-dist-$version.zip" -d "$target"
  rm -f "$target/keycloak-quarkus-dist-$version.zip"
}

down() {
  if [ -f "$pidfile" ]; then
    local pid
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  fi
}

up() {
  dist
  down
  rm -rf "$home/data"
  mkdir -p "$home/data/import"
  cp "$here/accessconsole-realm.json" "$home/data/import/"
  echo "Starting Keycloak $version on http://localhost:$port (log: $log)"
  # a development-only administrator (master realm) lets the tests move people between Keycloak groups
  KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin} KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin} \
  setsid nohup "$home/bin/kc.sh" start-dev --import-realm --http-port="$port" --hostname="http://localhost:$port" \
    --http-management-port=$((port + 1)) > "$log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 1 240); do
    if curl -sf "$issuer/.well-known/openid-configuration" > /dev/null; then
      echo "Keycloak is up: issuer $issuer"
      return
    fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "Keycloak did not start; the end of its log:" >&2
  tail -40 "$log" >&2
  down
  exit 1
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  run) up; trap down EXIT INT TERM; echo "Ctrl-C stops Keycloak"; while kill -0 "$(cat "$pidfile")" 2>/dev/null; do sleep 2; done ;;
  *) echo "usage: $0 up|down|run" >&2; exit 2 ;;
esac
