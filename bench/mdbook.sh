#!/usr/bin/env bash
# Puts helpbook beside mdBook on the same articles of the generated help center.
#
# mdBook makes one book of one language, with its search built in, so the comparison is per
# language: bench/mdbook_book.py turns each language's articles into a book (each folder a
# chapter that its articles and subfolders nest under in SUMMARY.md, front matter turned into
# a title heading), and helpbook builds a copy of the site that lists only those languages.
# The conversion is not timed; each tool's build is, in turn, RUNS times.
#
# Usage: bench/mdbook.sh [N]   (default 10000)
#   RUNS=K        alternates the two builds K times (default 3) and prints each run.
#   LANGS="en"    the languages to build (default en); with several, mdBook builds one book
#                 per language, one after the other, and the figures are for all of them.
#   BENCH_OUT=D   writes the outputs under D (default bench/out).
#   HELPBOOK=BIN  times this helpbook binary instead of building the release one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-10000}"
runs="${RUNS:-3}"
langs="${LANGS:-en}"
mdbook_version=0.5.4
work="$root/bench/out"
out_parent="${BENCH_OUT:-$work}"
mkdir -p "$work" "$out_parent"

install_tools() {
  command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
  command -v mdbook >/dev/null || cargo install --quiet --locked mdbook --version "$mdbook_version"
  if [ -z "${HELPBOOK:-}" ]; then
    cargo build --release --quiet --manifest-path "$root/Cargo.toml"
    HELPBOOK="$root/target/release/helpbook"
  fi
}

source "$root/bench/lib.sh"

install_tools
echo "mdBook: $(mdbook --version); helpbook: $HELPBOOK; languages: $langs"
site="$work/site-$n"
"$root/bench/ensure-site.sh" "$n" "$site"

# The same articles for both: a helpbook site that lists only these languages (its content
# hard-linked from the generated site), and one book per language.
tag="$n-${langs// /-}"
hb_site="$work/mdbook-helpbook-site-$tag"
rm -rf "$hb_site"
mkdir -p "$hb_site/content"
quoted=$(printf '"%s", ' $langs)
sed "s/^languages = .*/languages = [${quoted%, }]/" "$site/book.toml" >"$hb_site/book.toml"
books=()
for lang in $langs; do
  cp -al "$site/content/$lang" "$hb_site/content/$lang"
  book="$work/mdbook-book-$n-$lang"
  rm -rf "$book"
  python3 "$root/bench/mdbook_book.py" "$site" "$lang" "$book"
  books+=("$book")
done
articles=$(find "$hb_site/content" -name '*.md' ! -name '_index.md' | wc -l)
chapters=$(cat "${books[@]/%//src/SUMMARY.md}" | grep -c '^ *- \[')
echo "$articles articles; the books have $chapters chapters (articles and folders)"

# mdBook writes each book into BOOK/book unless told otherwise; -d puts it under out_parent.
build_books() {
  local dest="$1" book
  shift
  for book in "$@"; do
    mdbook build "$book" -d "$dest/$(basename "$book")"
  done
}
export -f build_books

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -n | sed -n '1p;$p' | xargs printf "%.${1}f to %.${1}f"; }

printf '%4s %-10s %9s %9s %9s %10s %8s\n' run tool seconds "cpu s" "peak MB" "output MB" files
declare -a hb_walls md_walls hb_peaks md_peaks ratios
for run in $(seq 1 "$runs"); do
  hb_out="$out_parent/mdbook-helpbook-$tag"
  md_out="$out_parent/mdbook-$tag"
  fresh "$hb_out"
  read -r hb_wall hb_cpu hb_mb < <(timed "$HELPBOOK" build "$hb_site" -o "$hb_out" --quiet)
  fresh "$md_out"
  read -r md_wall md_cpu md_mb < <(timed bash -c 'build_books "$@"' _ "$md_out" "${books[@]}")
  printf '%4d %-10s %9.2f %9.2f %9d %10d %8d\n' "$run" helpbook "$hb_wall" "$hb_cpu" "$hb_mb" \
    "$(du -sm "$hb_out" | cut -f1)" "$(find "$hb_out" -type f | wc -l)"
  printf '%4d %-10s %9.2f %9.2f %9d %10d %8d\n' "$run" mdbook "$md_wall" "$md_cpu" "$md_mb" \
    "$(du -sm "$md_out" | cut -f1)" "$(find "$md_out" -type f | wc -l)"
  hb_walls+=("$hb_wall") md_walls+=("$md_wall") hb_peaks+=("$hb_mb") md_peaks+=("$md_mb")
  ratios+=("$(echo "$hb_wall / $md_wall" | bc -l)")
done
printf 'over %d runs: helpbook %s s (median %.2f), peak %s MB; mdBook %s s (median %.2f), peak %s MB\n' "$runs" \
  "$(printf '%s\n' "${hb_walls[@]}" | range 2)" "$(printf '%s\n' "${hb_walls[@]}" | median)" \
  "$(printf '%s\n' "${hb_peaks[@]}" | range 0)" \
  "$(printf '%s\n' "${md_walls[@]}" | range 2)" "$(printf '%s\n' "${md_walls[@]}" | median)" \
  "$(printf '%s\n' "${md_peaks[@]}" | range 0)"
printf 'helpbook over mdBook: %s (median %.3f)\n' \
  "$(printf '%s\n' "${ratios[@]}" | range 3)" "$(printf '%s\n' "${ratios[@]}" | median)"

# What a reader's first search downloads: mdBook loads one index for the whole book (with
# its search code); helpbook's figure comes from bench/first-query.mjs.
for lang in $langs; do
  index=$(find "$md_out/mdbook-book-$n-$lang" -maxdepth 1 -name 'searchindex*.js*' | head -1)
  [ -n "$index" ] || continue
  printf "mdBook's search index (%s): %s, %.1f MB, %.1f MB gzip\n" "$lang" "$(basename "$index")" \
    "$(echo "$(stat -c %s "$index") / 1000000" | bc -l)" "$(echo "$(gzip -9c "$index" | wc -c) / 1000000" | bc -l)"
done
