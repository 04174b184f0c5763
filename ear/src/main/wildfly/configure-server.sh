#!/usr/bin/env bash
# Lays out the application server configuration: standalone-app.xml from WildFly's pristine
# standalone-microprofile.xml, configured by configure-server.cli. Idempotent: it always starts from the pristine file.
# Usage: configure-server.sh JBOSS_HOME [--dev PUBLIC_KEY_PEM]
#   --dev adds a low-ordinal config source pointing MicroProfile JWT at the dev-only public key, which any
#   MP_JWT_VERIFY_PUBLICKEY_LOCATION in the environment still overrides. Never use --dev in production.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jboss_home=$(cd "$1" && pwd)
config_dir="$jboss_home/standalone/configuration"

cp "$config_dir/standalone-microprofile.xml" "$config_dir/standalone-app.xml"
rm -rf "$config_dir/standalone_xml_history"

"$jboss_home/bin/jboss-cli.sh" --file="$here/configure-server.cli"

if [ "${2:-}" = "--dev" ]; then
  key=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
  cat > "$jboss_home/dev-jwt.cli" <<CLI
embed-server --server-config=standalone-app.xml --std-out=discard
/subsystem=microprofile-config-smallrye/config-source=dev-only-jwt-key:add(ordinal=250, properties={"mp.jwt.verify.publickey.location" => "file:$key"})
stop-embedded-server
CLI
  "$jboss_home/bin/jboss-cli.sh" --file="$jboss_home/dev-jwt.cli"
fi
echo "Configured $config_dir/standalone-app.xml"
