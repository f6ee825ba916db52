#!/usr/bin/env bash
# Builds PostGuard: the engine to WebAssembly, the extension into dist/chrome (Chrome, Edge)
# and dist/firefox, and the zips to distribute. Installs what it needs (wasm32 target,
# wasm-bindgen-cli, binaryen) into $POSTGUARD_TOOLS (default .tools/) when missing; safe to
# run again. The same source gives byte-identical zips (tests/package.test.mjs checks).
#
#   ./build.sh                   build with the embedded West Allis policy
#   ./build.sh --policy FILE     bake another city's policy in as the default
#   ./build.sh --out DIR         put the packages in DIR instead of dist/
#   ./build.sh --dev             a development build: version_name "<version>-dev", zips named
#                                so, and records may go to http://127.0.0.1 or localhost
set -euo pipefail
cd "$(dirname "$0")"

while [ $# -gt 0 ]; do
  case "$1" in
    --policy) export POSTGUARD_POLICY="$(realpath "$2")"; shift 2 ;;
    --out) mkdir -p "$2"; DIST="$(realpath "$2")"; shift 2 ;;
    --dev) DEV=1; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

TOOLS="${POSTGUARD_TOOLS:-$PWD/.tools}"
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
DIST="${DIST:-$PWD/dist}"
BINARYEN_VERSION=132.0.0
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# --- tools -------------------------------------------------------------------------
if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, "", $0); print; exit}' Cargo.lock)
WB="$TOOLS/bin/wasm-bindgen"
if [ ! -x "$WB" ] || [ "$("$WB" --version | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION into $TOOLS (about 2 minutes, once)"
  # No --locked: wasm-bindgen-cli's own lockfile pins a crate version that the registry
  # mirror of this build machine lacks; resolving afresh works.
  cargo install --quiet --root "$TOOLS" wasm-bindgen-cli --version "=$WB_VERSION"
fi

# Debian's and crates.io's wasm-opt cannot read wasm-bindgen output; npm binaryen can.
WASM_OPT="$TOOLS/node_modules/.bin/wasm-opt"
if [ ! -x "$WASM_OPT" ] || [ "$("$WASM_OPT" --version | grep -o '[0-9]\+' | head -1)" != "${BINARYEN_VERSION%%.*}" ]; then
  say "installing binaryen $BINARYEN_VERSION (npm) into $TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "binaryen@$BINARYEN_VERSION"
fi

# --- engine ------------------------------------------------------------------------
# Two modules from the one crate, each with its own target dir so both stay cached: the
# engine the service worker hosts (in the typing path, so it must stay small) and the
# options/popup pages.
wasm_build() { # feature
  say "building the $1 module (wasm32, release)"
  cargo build --quiet --profile wasm --lib --no-default-features --features "$1" \
    --target wasm32-unknown-unknown --target-dir "$TARGET_DIR/wasm-$1"
}
wasm_build worker
wasm_build pages
say "building the postguard CLI"
cargo build --quiet --release --bin postguard

DEV="${DEV:-}"
VERSION=$(node -p "require('./manifest.json').version")
CRATE_VERSION=$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)
if [ "$VERSION" != "$CRATE_VERSION" ]; then
  echo "build.sh: manifest.json version $VERSION differs from Cargo.toml $CRATE_VERSION" >&2
  exit 1
fi

# --- extension ---------------------------------------------------------------------
OUT="$DIST/chrome"
say "assembling $OUT"
rm -rf "$OUT"
mkdir -p "$OUT"
# A development build says so in version_name (chrome://extensions shows it), which is what
# extension/worker/config.js reads to allow http://127.0.0.1 records endpoints.
node -e "const m = require('./manifest.json'); if ('$DEV') m.version_name = m.version + '-dev';
  require('fs').writeFileSync('$OUT/manifest.json', JSON.stringify(m, null, 2) + '\n')"
cp -r extension/. "$OUT/"
# The icons, rendered from the one SVG (extension/icons/icon.svg) by resvg (npm, package.json).
say "rendering the icons"
[ -d node_modules/@resvg/resvg-js ] || npm ci --no-audit --no-fund --silent
node scripts/icons.mjs "$OUT/icons"
wasm_package() { # feature, output dir
  "$WB" --target web --no-typescript --out-dir "$2" \
    "$TARGET_DIR/wasm-$1/wasm32-unknown-unknown/wasm/postguard.wasm"
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
    "$2/postguard_bg.wasm" -o "$2/postguard_bg.wasm"
}
wasm_package worker "$OUT/pkg"
wasm_package pages "$OUT/pkg-pages"
# Site facts live in extension/sites/*.json alone, so adding a site is adding a JSON file: the
# background loads adapters by sites/index.json, and the content scripts run on exactly the
# adapters' hosts (the first content_scripts entry's matches; tests/e2e/package.test.mjs checks).
node - "$OUT" <<'JS'
const fs = require('fs');
const out = process.argv[2];
const files = fs.readdirSync('extension/sites').filter((f) => f.endsWith('.json')).sort();
fs.writeFileSync(`${out}/sites/index.json`, JSON.stringify(files) + '\n');
const hosts = files.flatMap((f) => JSON.parse(fs.readFileSync(`extension/sites/${f}`, 'utf8')).hosts ?? []);
const m = JSON.parse(fs.readFileSync(`${out}/manifest.json`, 'utf8'));
const [sites] = m.content_scripts;
if (!hosts.length || sites.matches.length) throw new Error('build.sh: the adapters name no host, or manifest.json lists some itself');
sites.matches = [...new Set(hosts)].map((h) => `https://${h}/*`);
fs.writeFileSync(`${out}/manifest.json`, JSON.stringify(m, null, 2) + '\n');
JS

# Firefox: the same files; its manifest differs only where Firefox needs it: an event page
# (background.scripts; Firefox's MV3 runs no background service worker), no
# storage.managed_schema (Firefox warns on it, and takes IT's configuration from policies.json),
# no optional identity permissions (nothing to read there), the add-on id, and data_collection_permissions (none: drafts never leave the browser, and
# records go only to an endpoint the City's own IT configures). Chrome's "key" and minimum
# version mean nothing there.
FF="$DIST/firefox"
say "assembling $FF"
rm -rf "$FF"
cp -r "$OUT" "$FF"
# A file named X.firefox.js is Firefox's X.js: it takes that place there and ships only there.
while IFS= read -r -d '' twin; do
  mv "$twin" "${twin%.firefox.js}.js"
  rm "$OUT/${twin#"$FF/"}"
done < <(find "$FF" -name '*.firefox.js' -print0)
node - "$FF/manifest.json" <<'JS'
const fs = require('fs');
const file = process.argv[2];
const m = JSON.parse(fs.readFileSync(file, 'utf8'));
m.background = { scripts: [m.background.service_worker], type: m.background.type };
delete m.key;
delete m.minimum_chrome_version;
// Firefox warns on storage.managed_schema: its managed storage comes from IT's policies.json.
delete m.storage;
// Firefox has no signed-in profile to read (chrome.identity.getProfileUserInfo): the employee's
// typed email is used there, and asking for identity.email would only raise a warning.
delete m.optional_permissions;
m.browser_specific_settings = {
  gecko: {
    id: 'postguard@westalliswi.gov', // src/deploy.rs FIREFOX_ID; IT's policies.json names it
    strict_min_version: '140.0',
    data_collection_permissions: { required: ['none'] },
  },
  // Firefox for Android knows data_collection_permissions from 142 on.
  gecko_android: { strict_min_version: '142.0' },
};
fs.writeFileSync(file, JSON.stringify(m, null, 2) + '\n');
JS

# Reproducible zips: sorted entries, fixed timestamps and permissions.
zip_dir() {
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
paths = sorted(os.path.relpath(os.path.join(d, f), src)
               for d, _, fs in os.walk(src) for f in fs)
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for p in paths:
        info = zipfile.ZipInfo(p.replace(os.sep, "/"), date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(src, p), "rb") as f:
            z.writestr(info, f.read(), compresslevel=9)
PY
}
SUFFIX="$VERSION${DEV:+-dev}"
ZIP="$DIST/postguard-chrome-$SUFFIX.zip"
FF_ZIP="$DIST/postguard-firefox-$SUFFIX.zip"
zip_dir "$OUT" "$ZIP"
zip_dir "$FF" "$FF_ZIP"

# The CLI for IT (policy validate/template, records serve), so IT need not build it: the
# binary for this machine's target with the licence and the IT guide.
HOST=$(rustc -vV | awk '/^host:/ {print $2}')
CLI_ARCHIVE="$DIST/postguard-cli-$SUFFIX-$HOST.tar.gz"
# Group Policy templates for Windows IT, from the managed schema (docs/it.md).
rm -rf "$DIST/admx"
"$TARGET_DIR/release/postguard" policy admx --out "$DIST/admx" >/dev/null
CLI_STAGE=$(mktemp -d)
mkdir "$CLI_STAGE/postguard-$SUFFIX"
cp "$TARGET_DIR/release/postguard" LICENSE docs/it.md PRIVACY.md "$CLI_STAGE/postguard-$SUFFIX/"
cp -r "$DIST/admx" "$CLI_STAGE/postguard-$SUFFIX/"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$CLI_STAGE" -cf - "postguard-$SUFFIX" |
  gzip -9n >"$CLI_ARCHIVE"
rm -rf "$CLI_STAGE"

# --- report ------------------------------------------------------------------------
say "built $ZIP, $FF_ZIP and $CLI_ARCHIVE"
for WASM in "$OUT/pkg/postguard_bg.wasm" "$OUT/pkg-pages/postguard_bg.wasm"; do
  echo "    ${WASM#"$OUT/"}: $(stat -c %s "$WASM") bytes, $(gzip -9 -c "$WASM" | wc -c) bytes gzipped"
done
POLICY_FILE="${POSTGUARD_POLICY:-src/policy/west-allis-1317.json}"
"$TARGET_DIR/release/postguard" policy validate "$POLICY_FILE"
echo "    load it: chrome://extensions → Developer mode → Load unpacked → $OUT"
