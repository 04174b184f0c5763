# Sourced by .ci/run, bench/scale-bench.sh and ear/src/main/wildfly/cluster.sh: a running PostgreSQL on 127.0.0.1:5432
# (installed with apt-get and started where missing), a login role with a password, and a database.
#   fresh_postgres_database <database>      a fresh, empty one (dropped first)
#   postgres_database <database>            created when missing, else kept with its data
#   (PG_ROLE / PG_PASSWORD may be set; defaults accessconsole / accessconsole)
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_ROLE=${PG_ROLE:-accessconsole}
PG_PASSWORD=${PG_PASSWORD:-accessconsole}

postgres_running() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "PostgreSQL is not installed: installing it"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
  fi
  if ! pg_isready -h "$PG_HOST" -p "$PG_PORT" -q; then
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do
      pg_isready -h "$PG_HOST" -p "$PG_PORT" -q && break
      sleep 1
    done
  fi
  pg_isready -h "$PG_HOST" -p "$PG_PORT"
  # A role with a password works whether the server trusts local TCP connections (as here) or asks for passwords
  # (a fresh Debian install); it is created through the local socket as the postgres superuser.
  runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
}

fresh_postgres_database() {
  postgres_running
  PGPASSWORD=$PG_PASSWORD psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d postgres -q -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
}

postgres_database() {
  postgres_running
  if [ -z "$(PGPASSWORD=$PG_PASSWORD psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d postgres -tAq -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" ]; then
    PGPASSWORD=$PG_PASSWORD psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d postgres -q -c "CREATE DATABASE $1"
  fi
}
