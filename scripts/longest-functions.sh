#!/usr/bin/env bash
# The longest functions of the product's code (not its tests), by lines from `fn` to the closing
# brace, for keeping them short. Relies on rustfmt's layout: a function ends at the first line
# that is its own indentation followed by `}`. Test code is left out: files named `tests.rs` or
# `*_tests.rs`, and any module or function right after `#[cfg(test)]`.
#
#   scripts/longest-functions.sh [COUNT] [REV]   COUNT rows (default 15), of REV (default the work tree)
set -euo pipefail

count=${1:-15}
rev=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

list_sources() {
  if [ -n "$rev" ]; then git ls-tree -r --name-only "$rev" -- src; else git ls-files -- src; fi
}
show() {
  if [ -n "$rev" ]; then git show "$rev:$1"; else cat "$1"; fi
}

for file in $(list_sources | grep '\.rs$' | grep -v -E '(^|/|_)tests\.rs$'); do
  show "$file" | awk -v file="$file" '
    function indent(line) { match(line, /^ */); return RLENGTH }
    # Test code (`mod tests`, or any module or function after `#[cfg(test)]`) is skipped whole.
    skip_until != "" { if ($0 == skip_until) skip_until = ""; next }
    /^ *#\[cfg\(test\)\]$/ { test_item = 1; next }
    test_item && /^ *#\[/ { next }
    test_item {
      test_item = 0
      if ($0 ~ /\{$/) { skip_until = sprintf("%*s}", indent($0), ""); next }
    }
    /^ *mod tests \{$/ { skip_until = sprintf("%*s}", indent($0), ""); next }
    open == "" && /^ *(pub(\([a-z]+\))? )?(const )?(async )?fn [a-z_0-9]+/ && !/;$/ {
      if ($0 ~ /\}$/ && $0 ~ /\{/) next
      name = $0; sub(/^.*fn /, "", name); sub(/[<(].*/, "", name)
      start = NR; open = sprintf("%*s}", indent($0), ""); next
    }
    open != "" && $0 == open { printf "%d %s:%d %s\n", NR - start + 1, file, start, name; open = "" }
  '
done | sort -rn | head -n "$count" | awk '{ printf "%5d  %-34s %s\n", $1, $2, $3 }'
