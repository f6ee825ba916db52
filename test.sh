#!/usr/bin/env bash
# Runs every PostGuard test: formatting and lints, native tests (engine, rules, CLI, the records
# service on SQLite and PostgreSQL), the corpus evaluation,
# the build, and the end-to-end tests in real headless Chromium and Firefox ESR with the built extension.
# Installs what is missing (Chromium, chromedriver, Firefox ESR, npm packages, build tools); safe to rerun.
set -euo pipefail
cd "$(dirname "$0")"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- what the tests need -------------------------------------------------------------
# chromium-l10n: without its locale packs Chromium runs in English only (tests/e2e/locale.test.mjs).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || [ ! -e /usr/lib/chromium/locales/es.pak ]; then
  say "installing Debian's chromium, chromium-driver and chromium-l10n"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver chromium-l10n >/dev/null
fi
# The Firefox lane (tests/e2e/firefox.test.mjs) drives Debian's Firefox ESR.
if ! command -v firefox-esr >/dev/null; then
  say "installing Debian's firefox-esr"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq firefox-esr >/dev/null
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (playwright-core, puppeteer-core, esbuild, the real editors)"
  npm ci --no-audit --no-fund --silent
fi

# --- native --------------------------------------------------------------------------
say "cargo fmt --check"
cargo fmt --check
say "cargo clippy, warnings are errors"
cargo clippy --quiet --all-targets -- -D warnings
say "native tests"
cargo test --quiet
# Regression floors on the corpus's test split, one per section (tests/corpus/floors.json, see
# tests/corpus/README.md); the targets of issue 11 are higher, the floors only stop a change
# from making today's judgement worse in any section.
say "postguard eval on the corpus's test split"
cargo run --quiet --bin postguard -- eval tests/corpus/test.jsonl --floors tests/corpus/floors.json >/dev/null
# The records service's tests above ran on SQLite and on a PostgreSQL that tests/pg.sh starts.
say "records service load test: 50 senders x 2,000 records, a restart midway, SQLite and PostgreSQL"
cargo test --quiet --test integration load_50_senders -- --ignored --nocapture

# --- in the browser ------------------------------------------------------------------
./build.sh # also installs the wasm32 target the next lint needs
say "cargo clippy for wasm32, warnings are errors"
for module in worker pages; do
  cargo clippy --quiet --lib --no-default-features --features "$module" --target wasm32-unknown-unknown -- -D warnings
done
say "packages: reproducible zips, Mozilla's addons-linter, --policy (builds three more times)"
node --test tests/package.test.mjs
# tests/e2e/firefox.test.mjs is the Firefox lane: Firefox ESR over WebDriver BiDi (puppeteer-core),
# managed configuration through <firefox dir>/distribution/policies.json, put back afterwards.
say "end-to-end tests in headless Chromium (managed policy through /etc/chromium/policies/managed) and Firefox ESR"
node --test --test-concurrency=1 tests/e2e/
