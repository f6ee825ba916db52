#!/usr/bin/env bash
# Rewrites the templates in deploy/ from `postguard policy template` (the embedded default
# policy, filled in). tests/deploy.rs fails when they are out of date.
set -euo pipefail
cd "$(dirname "$0")"
pg() { cargo run --quiet --manifest-path ../Cargo.toml -- policy template --format "$@"; }
pg managed > managed.json
pg chrome-json > chrome/postguard.json
pg reg > chrome/postguard-chrome.reg
pg edge-reg > edge/postguard-edge.reg
pg firefox > firefox/policies.json
pg plist > chrome/com.google.Chrome.extensions.iihnhembbjhggdbjppeepokpgkhdmajf.plist
echo "deploy/ regenerated"
