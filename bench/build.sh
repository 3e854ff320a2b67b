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
# Earlier outputs are moved aside and removed only after the timings. On ext4 without a
# journal, as on this machine, creating files in the half minute after tens of thousands
# were deleted costs about four times the kernel time (20,000 files and folders: 3.5 s of
# system time instead of 0.9 s), which would time the removal instead of the build.
old="$work/.old-$$"
mkdir -p "$old"
for n in "${sizes[@]}"; do [ ! -d "$work/out-$n" ] || mv "$work/out-$n" "$old/"; done
trap 'rm -rf "$old"' EXIT
printf '%8s %9s %9s %12s %10s %10s %8s\n' articles seconds "cpu s" articles/s "peak MB" "output MB" files
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  [ -d "$site" ] || { mkdir -p "$site" && python3 "$root/bench/generate_site.py" "$n" "$site"; }
  /usr/bin/time -f '%e %M %U %S' -o "$work/time-$n" "$root/target/release/helpbook" build "$site" -o "$work/out-$n" --quiet 2>/dev/null || true
  read -r seconds kb user system < "$work/time-$n"
  articles=$(find "$site/content" -name '*.md' ! -name '_index.md' | wc -l)
  printf '%8d %9.2f %9.2f %12.0f %10.0f %10.0f %8d\n' "$articles" "$seconds" "$(echo "$user + $system" | bc -l)" "$(echo "$articles / $seconds" | bc -l)" \
    "$(echo "$kb / 1024" | bc -l)" "$(du -sm "$work/out-$n" | cut -f1)" "$(find "$work/out-$n" -type f | wc -l)"
done
for n in "${sizes[@]}"; do
  echo "--- $n articles"
  node "$root/bench/first-query.mjs" "$work/out-$n"
done
