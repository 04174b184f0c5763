# Sourced by .ci/run: the README's run command (./mvnw -Prun package -DskipTests) honours each setting that says where
# state lives. Starts the server with the setting, waits for /health, checks where the data went, stops the server.
#   run_command_keeps_state_in <check description> <check command> [NAME=value ...]

# what the run command's default data directory (.data/) holds, as one line (nothing: "none")
default_data_listing() {
  if [ -d .data ]; then
    find .data -type f -printf '%p %s %T@\n' | sort | md5sum | cut -d' ' -f1
  else
    echo none
  fi
}

run_command_keeps_state_in() {
  local what=$1 check=$2 log names
  shift 2
  names=$(printf '%s ' "${@%%=*}") # the settings' names only: their values may be secrets
  log=$(mktemp)
  env "$@" ./mvnw -B -q -Prun package -DskipTests >"$log" 2>&1 &
  local server=$!
  local up=0
  for _ in $(seq 1 180); do
    if curl -sf -o /dev/null http://127.0.0.1:8080/health; then up=1; break; fi
    sleep 1
  done
  # something real, so that the database has rows of this run
  if [ "$up" = 1 ]; then
    local token
    token=$(java ear/src/test/java/dev/accessconsole/it/DevTokens.java --sub run-command-check --email run-command@example.com)
    curl -sf -o /dev/null -X POST http://127.0.0.1:8080/v1/organizations -H "Authorization: Bearer $token" \
      -H 'content-type: application/json' -d '{"name":"Run command check"}' || up=0
  fi
  pkill -P "$server" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  pkill -f "jboss-modules.jar" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  if [ "$up" != 1 ]; then
    echo "the run command did not start with ${names}; its log: $log" >&2
    tail -n 40 "$log" >&2
    return 1
  fi
  if ! eval "$check"; then
    echo "the run command with ${names}did not keep its state in $what" >&2
    return 1
  fi
  echo "the run command with ${names}set: state in $what"
}
