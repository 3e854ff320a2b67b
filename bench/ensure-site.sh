#!/usr/bin/env bash
# Makes sure DIR holds the generated help center of N articles: generates it when missing or
# when bench/generate_site.py changed since, since the site's shape is part of the figures.
# Usage: bench/ensure-site.sh N DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="$1" site="$2"
generator=$(sha256sum "$root/bench/generate_site.py" | cut -c1-16)
[ "$(cat "$site/.generator" 2>/dev/null)" != "$generator" ] || exit 0
rm -rf "$site"
mkdir -p "$site"
python3 "$root/bench/generate_site.py" "$n" "$site"
echo "$generator" > "$site/.generator"
