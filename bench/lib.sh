# Shell functions the comparison scripts share; sourced after they set `work` (the scratch
# folder) and `out_parent` (where the outputs go).

# Runs a command under /usr/bin/time and prints "wall cpu peak_mb".
timed() {
  local log="$work/timed-$$" output="$work/timed-output-$$"
  /usr/bin/time -f '%e %U %S %M' -o "$log" "$@" >"$output" 2>&1 || {
    echo "failed: $*" >&2
    cat "$output" >&2
    exit 1
  }
  read -r wall user system kb <"$log"
  printf '%s %s %s\n' "$wall" "$(echo "$user + $system" | bc -l)" "$(echo "$kb / 1024" | bc)"
}

# As in build.sh, earlier outputs are moved aside and removed at the end: on ext4, creating
# files in the minutes after many were deleted is slow, which would time the removal.
old="$out_parent/.old-$$"
mkdir -p "$old"
trap 'rm -rf "$old"' EXIT
fresh() { [ ! -d "$1" ] || mv "$1" "$old/$(basename "$1")-$RANDOM$RANDOM"; }
