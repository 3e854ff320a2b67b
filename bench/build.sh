#!/usr/bin/env bash
# Build benchmark: generates trilingual help centers of N articles (bench/generate_site.py),
# builds each with the release binary and prints time, articles per second, peak memory,
# output size and file count, then what a customer's first search downloads and how long
# warm queries take in Chromium. Usage: bench/build.sh [N ...]   (default: 1000 10000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -d "$root/tests/browser/node_modules/playwright-core" ] || (cd "$root/tests/browser" && npm ci --silent --no-audit --no-fund)
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
work="$root/bench/out"
mkdir -p "$work"
printf '%8s %9s %12s %10s %10s %8s\n' articles seconds articles/s "peak MB" "output MB" files
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  [ -d "$site" ] || { mkdir -p "$site" && python3 "$root/bench/generate_site.py" "$n" "$site"; }
  rm -rf "$work/out-$n"
  /usr/bin/time -f '%e %M' -o "$work/time-$n" "$root/target/release/helpbook" build "$site" -o "$work/out-$n" --quiet 2>/dev/null || true
  read -r seconds kb < "$work/time-$n"
  articles=$(find "$site/content" -name '*.md' ! -name '_index.md' | wc -l)
  printf '%8d %9.2f %12.0f %10.0f %10.0f %8d\n' "$articles" "$seconds" "$(echo "$articles / $seconds" | bc -l)" \
    "$(echo "$kb / 1024" | bc -l)" "$(du -sm "$work/out-$n" | cut -f1)" "$(find "$work/out-$n" -type f | wc -l)"
done
for n in "${sizes[@]}"; do
  echo "--- $n articles"
  node "$root/bench/first-query.mjs" "$work/out-$n"
done
