#!/usr/bin/env bash
# Builds PostGuard: the engine to WebAssembly, the extension into dist/chrome, and the
# zip to distribute. Installs what it needs (wasm32 target, wasm-bindgen-cli, binaryen)
# into $POSTGUARD_TOOLS (default .tools/) when missing; safe to run again.
#
#   ./build.sh                   build with the embedded West Allis policy
#   ./build.sh --policy FILE     bake another city's policy in as the default
set -euo pipefail
cd "$(dirname "$0")"

while [ $# -gt 0 ]; do
  case "$1" in
    --policy) export POSTGUARD_POLICY="$(realpath "$2")"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

TOOLS="${POSTGUARD_TOOLS:-$PWD/.tools}"
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
DIST="$PWD/dist"
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
  # No --locked: its lockfile pins a crate the registry mirror lacks (TOOLCHAIN.md).
  cargo install --quiet --root "$TOOLS" wasm-bindgen-cli --version "=$WB_VERSION"
fi

# Debian's and crates.io's wasm-opt cannot read wasm-bindgen output; npm binaryen can.
WASM_OPT="$TOOLS/node_modules/.bin/wasm-opt"
if [ ! -x "$WASM_OPT" ] || [ "$("$WASM_OPT" --version | grep -o '[0-9]\+' | head -1)" != "${BINARYEN_VERSION%%.*}" ]; then
  say "installing binaryen $BINARYEN_VERSION (npm) into $TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "binaryen@$BINARYEN_VERSION"
fi

# --- engine ------------------------------------------------------------------------
say "building the engine (wasm32, release)"
cargo build --quiet --release --lib --no-default-features --target wasm32-unknown-unknown
say "building the postguard CLI"
cargo build --quiet --release --bin postguard

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
mkdir -p "$OUT/pkg"
cp manifest.json "$OUT/"
cp -r extension/. "$OUT/"
"$WB" --target web --no-typescript --out-dir "$OUT/pkg" \
  "$TARGET_DIR/wasm32-unknown-unknown/release/postguard.wasm"
"$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
  "$OUT/pkg/postguard_bg.wasm" -o "$OUT/pkg/postguard_bg.wasm"
# The background loads adapters by this index, so adding a site is adding a JSON file.
(cd extension/sites && ls ./*.json | sed 's|^\./||' | node -e '
  const files = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean).sort();
  process.stdout.write(JSON.stringify(files) + "\n");') > "$OUT/sites/index.json"

ZIP="$DIST/postguard-chrome-$VERSION.zip"
python3 - "$OUT" "$ZIP" <<'PY'
# Reproducible zip: sorted entries, fixed timestamps and permissions.
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

# --- report ------------------------------------------------------------------------
WASM="$OUT/pkg/postguard_bg.wasm"
RAW=$(stat -c %s "$WASM")
GZ=$(gzip -9 -c "$WASM" | wc -c)
say "built $ZIP"
echo "    wasm: $RAW bytes, $GZ bytes gzipped"
POLICY_FILE="${POSTGUARD_POLICY:-src/policy/west-allis-1317.json}"
"$TARGET_DIR/release/postguard" policy validate "$POLICY_FILE"
echo "    load it: chrome://extensions → Developer mode → Load unpacked → $OUT"
