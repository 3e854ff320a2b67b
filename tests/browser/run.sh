#!/usr/bin/env bash
# Browser tests: builds the shop and sections fixtures (tests/fixtures/), then drives Debian's
# Chromium through playwright-core with Node's test runner. Installs Chromium, playwright-core
# and axe-core when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium"
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  echo "installing playwright-core and axe-core"
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi

cargo build --quiet --manifest-path "$root/Cargo.toml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/target/debug/helpbook" build "$root/tests/fixtures/shop" -o "$work/shop" --quiet
"$root/target/debug/helpbook" build "$root/tests/fixtures/sections" -o "$work/sections" --quiet

mkdir -p "$root/target/screenshots"
cd "$here"
HELPBOOK_BIN="$root/target/debug/helpbook" HELPBOOK_ROOT="$root" HELPBOOK_SHOP="$work/shop" \
  HELPBOOK_SECTIONS="$work/sections" \
  node --test --test-concurrency=1 ./*.test.mjs
