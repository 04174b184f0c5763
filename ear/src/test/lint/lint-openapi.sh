#!/usr/bin/env bash
# Lints the running server's OpenAPI document with Spectral and the OWASP API Security ruleset (both from npm).
# Usage, with the server running (./mvnw -Prun package -DskipTests):  bash ear/src/test/lint/lint-openapi.sh [BASE_URL]
set -euo pipefail
base=${1:-http://localhost:8080}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
cp "$here/spectral.yaml" "$work/.spectral.yaml"
curl -sf -H 'Accept: application/json' "$base/openapi?format=JSON" -o "$work/openapi.json"
cd "$work"
npm install --silent --no-audit --no-fund @stoplight/spectral-cli@6 @stoplight/spectral-owasp-ruleset@2 >/dev/null
npx spectral lint openapi.json --ruleset .spectral.yaml --fail-severity error
