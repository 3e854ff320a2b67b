#!/usr/bin/env bash
# Puts helpbook beside the tools that #7's goal is set against, on this machine, on the same
# generated site: Hugo 0.111 (Debian's package, the version of the goal's anchor) with the
# small theme in bench/hugo, then Pagefind to make Hugo's output searchable.
#
# The goal's anchors were measured on another 2-core machine, and this workplace's machines
# differ in speed from one day to the next. Timing all three here, alternately, gives a ratio
# that does not depend on which machine ran it: the goal is helpbook in a tenth of Hugo plus
# Pagefind.
#
# Usage: bench/compare.sh [N]   (default 10000)
#   RUNS=K         alternates the three builds K times (default 3) and prints each run.
#   HUGO_RELATED=0 leaves related articles out of Hugo's pages. helpbook's pages list them,
#                  so they are in by default, but they are most of Hugo's time, and the theme
#                  the anchor used is not known: the figures without them bound Hugo from the
#                  fast side.
#   BENCH_OUT=D    writes the three outputs under D (default bench/out).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-10000}"
runs="${RUNS:-3}"
related="${HUGO_RELATED:-1}"
work="$root/bench/out"
out_parent="${BENCH_OUT:-$work}"
mkdir -p "$work" "$out_parent"

install_tools() {
  command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
  command -v hugo >/dev/null || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; }
  [ -x "$work/pagefind/node_modules/.bin/pagefind" ] || {
    mkdir -p "$work/pagefind"
    (cd "$work/pagefind" && npm install --silent --no-audit --no-fund --prefix . pagefind@1.6.0 >/dev/null)
  }
  cargo build --release --quiet --manifest-path "$root/Cargo.toml"
}

# Hugo reads each language's articles straight from the generated site's content folder.
write_hugo_project() {
  local site="$1" project="$2"
  rm -rf "$project"
  mkdir -p "$project"
  cp -r "$root/bench/hugo/layouts" "$project/"
  cat >"$project/config.toml" <<EOF
baseURL = "https://help.example.com/"
title = "Benchmark Help"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
[params]
related = $([ "$related" = 1 ] && echo true || echo false)
[related]
includeNewer = true
threshold = 80
toLower = false
[[related.indices]]
name = "tags"
weight = 100
[languages.en]
contentDir = "$site/content/en"
weight = 1
[languages.ar]
contentDir = "$site/content/ar"
languagedirection = "rtl"
weight = 2
[languages.pl]
contentDir = "$site/content/pl"
weight = 3
EOF
}

source "$root/bench/lib.sh"

install_tools
site="$work/site-$n"
"$root/bench/ensure-site.sh" "$n" "$site"
project="$work/hugo-project-$n"
write_hugo_project "$site" "$project"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%4s %-10s %9s %9s %9s\n' run tool seconds "cpu s" "peak MB"
declare -a ratios helpbook_walls others
for run in $(seq 1 "$runs"); do
  fresh "$out_parent/helpbook-$n"
  read -r hb_wall hb_cpu hb_mb < <(timed "$root/target/release/helpbook" build "$site" -o "$out_parent/helpbook-$n" --quiet)
  fresh "$out_parent/hugo-$n"
  read -r hugo_wall hugo_cpu hugo_mb < <(timed hugo --quiet --source "$project" -d "$out_parent/hugo-$n")
  read -r pf_wall pf_cpu pf_mb < <(timed "$work/pagefind/node_modules/.bin/pagefind" --site "$out_parent/hugo-$n")
  printf '%4d %-10s %9.2f %9.2f %9d\n' "$run" helpbook "$hb_wall" "$hb_cpu" "$hb_mb"
  printf '%4d %-10s %9.2f %9.2f %9d\n' "$run" hugo "$hugo_wall" "$hugo_cpu" "$hugo_mb"
  printf '%4d %-10s %9.2f %9.2f %9d\n' "$run" pagefind "$pf_wall" "$pf_cpu" "$pf_mb"
  ratio=$(echo "$hb_wall / ($hugo_wall + $pf_wall)" | bc -l)
  ratios+=("$ratio")
  helpbook_walls+=("$hb_wall")
  others+=("$(echo "$hugo_wall + $pf_wall" | bc -l)")
  printf '%4d helpbook took %.3f of Hugo plus Pagefind (the goal: under 0.1)\n' "$run" "$ratio"
done
range() { sort -n | sed -n '1p;$p' | xargs printf "%.${1}f to %.${1}f"; }
printf 'over %d runs: helpbook %s s (median %.2f), Hugo plus Pagefind %s s (median %.2f)\n' "$runs" \
  "$(printf '%s\n' "${helpbook_walls[@]}" | range 2)" "$(printf '%s\n' "${helpbook_walls[@]}" | median)" \
  "$(printf '%s\n' "${others[@]}" | range 2)" "$(printf '%s\n' "${others[@]}" | median)"
printf 'helpbook over Hugo plus Pagefind: %s (median %.3f)\n' \
  "$(printf '%s\n' "${ratios[@]}" | range 3)" "$(printf '%s\n' "${ratios[@]}" | median)"
