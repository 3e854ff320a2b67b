#!/usr/bin/env bash
# Build benchmark: generates trilingual help centers of N articles (bench/generate_site.py),
# builds each with the release binary and prints time, articles per second, peak memory,
# output size and file count, then what a customer's first search downloads and how long
# warm queries take in Chromium.
#
# Usage: bench/build.sh [N ...]   (default: 1000 10000)
#   RUNS=K       builds each size K times, each into a fresh folder, and adds the median and
#                range of the wall times: this machine's speed varies by a tenth or more from
#                one run to the next, so one build says little about a goal near its limit.
#   BENCH_OUT=D  writes the builds under D (default bench/out), say /dev/shm to leave the
#                disk's file system out of the figures.
# The last lines compare the median time per article of each size with the smallest size's:
# the goal is that it does not grow with N.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
runs="${RUNS:-1}"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -d "$root/tests/browser/node_modules/playwright-core" ] || (cd "$root/tests/browser" && npm ci --silent --no-audit --no-fund)
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
work="$root/bench/out"
out_parent="${BENCH_OUT:-$work}"
mkdir -p "$work" "$out_parent"
# Earlier outputs are moved aside and removed only after the timings. On ext4, as on this
# machine, creating files in the minutes after tens of thousands were deleted costs several
# times the kernel time (20,000 files and folders: 3.5 s of system time instead of 0.9 s),
# which would time the removal instead of the build.
old="$out_parent/.old-$$"
mkdir -p "$old"
trap 'rm -rf "$old"' EXIT
set_aside() { [ ! -d "$1" ] || mv "$1" "$old/$(basename "$1")-$RANDOM$RANDOM"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%8s %4s %9s %9s %12s %10s %10s %8s\n' articles run seconds "cpu s" articles/s "peak MB" "output MB" files
declare -A per_article count
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  out="$out_parent/out-$n"
  "$root/bench/ensure-site.sh" "$n" "$site"
  articles=$(find "$site/content" -name '*.md' ! -name '_index.md' | wc -l)
  walls=()
  for run in $(seq 1 "$runs"); do
    set_aside "$out"
    if ! /usr/bin/time -f '%e %M %U %S' -o "$work/time-$n" "$root/target/release/helpbook" build "$site" -o "$out" --quiet 2>"$work/errors-$n"; then
      echo "the build of $site failed, so it has no figures:" >&2
      cat "$work/errors-$n" >&2
      exit 1
    fi
    read -r seconds kb user system < "$work/time-$n"
    walls+=("$seconds")
    printf '%8d %4d %9.2f %9.2f %12.0f %10.0f %10.0f %8d\n' "$articles" "$run" "$seconds" "$(echo "$user + $system" | bc -l)" "$(echo "$articles / $seconds" | bc -l)" \
      "$(echo "$kb / 1024" | bc -l)" "$(du -sm "$out" | cut -f1)" "$(find "$out" -type f | wc -l)"
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  if [ "$runs" -gt 1 ]; then
    printf '%8d  wall over %d runs: median %.2f s, %s to %s s\n' "$articles" "$runs" "$wall" \
      "$(printf '%s\n' "${walls[@]}" | sort -n | head -1)" "$(printf '%s\n' "${walls[@]}" | sort -n | tail -1)"
  fi
  per_article[$n]=$(echo "$wall * 1000000 / $articles" | bc -l)
  count[$n]=$articles
done
first=${sizes[0]}
for n in "${sizes[@]}"; do
  printf '%8d articles: %6.0f us per article (median wall), %.2f times the figure at %d\n' "${count[$n]}" "${per_article[$n]}" \
    "$(echo "${per_article[$n]} / ${per_article[$first]}" | bc -l)" "${count[$first]}"
done
for n in "${sizes[@]}"; do
  echo "--- $n articles"
  node "$root/bench/first-query.mjs" "$out_parent/out-$n"
done
