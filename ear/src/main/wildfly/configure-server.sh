#!/usr/bin/env bash
# Lays out the application server configurations, each from WildFly's pristine file, so the script is idempotent:
#   standalone-app.xml     one node:      standalone-microprofile.xml    + configure-server.cli
#   standalone-app-ha.xml  cluster node:  standalone-microprofile-ha.xml + configure-server.cli + configure-cluster.cli
# Usage: configure-server.sh JBOSS_HOME [--dev PUBLIC_KEY_PEM PRIVATE_KEY_PEM]
#   --dev adds a low-ordinal config source pointing MicroProfile JWT at the dev-only public key, which any
#   MP_JWT_VERIFY_PUBLICKEY_LOCATION in the environment still overrides, and giving the console's development sign-in
#   (present in development builds only) the dev-only private key. Never use --dev in production.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jboss_home=$(cd "$1" && pwd)
config_dir="$jboss_home/standalone/configuration"
rm -rf "$config_dir/standalone_xml_history"

dev_key=""
dev_signing_key=""
if [ "${2:-}" = "--dev" ]; then
  dev_key=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
  dev_signing_key=$(cd "$(dirname "$4")" && pwd)/$(basename "$4")
fi

configure() { # configure TARGET PRISTINE CLI...
  local target=$1 pristine=$2 script
  shift 2
  cp "$config_dir/$pristine" "$config_dir/$target"
  script=$(mktemp --suffix=.cli)
  {
    echo "embed-server --server-config=$target --std-out=discard"
    for cli in "$@"; do cat "$cli"; echo; done
    if [ -n "$dev_key" ]; then
      echo "/subsystem=microprofile-config-smallrye/config-source=dev-only-jwt-key:add(ordinal=250, properties={\"mp.jwt.verify.publickey.location\" => \"file:$dev_key\", \"accessconsole.dev.signing-key-location\" => \"file:$dev_signing_key\"})"
    fi
    echo "stop-embedded-server"
  } > "$script"
  "$jboss_home/bin/jboss-cli.sh" --file="$script"
  rm -f "$script"
  echo "Configured $config_dir/$target"
}

configure standalone-app.xml standalone-microprofile.xml "$here/configure-server.cli"
configure standalone-app-ha.xml standalone-microprofile-ha.xml "$here/configure-server.cli" "$here/configure-cluster.cli"
rm -rf "$config_dir/standalone_xml_history"
