#!/usr/bin/env bash
# Mutation testing of the pure modules with cargo-mutants: each mutant (a deleted match arm, a `>`
# turned into `>=`, a function that returns a constant...) is built and the unit tests run against
# it; a mutant the tests still pass is "missed". Prints one row per file: caught, missed, timed
# out, unviable (did not compile), and the score, caught / (caught + missed + timeout).
#
#   scripts/mutants.sh                  the pure modules: recommend, names, options, answers, render
#   scripts/mutants.sh src/names.rs     only these files
#   scripts/mutants.sh --table DIR      the table of an earlier run whose output is in DIR
#   MUTANTS_MIN=90 scripts/mutants.sh   exit 1 when a file scores below this percentage (default 90)
#
# Unit tests only (`cargo test --lib`, for the build as well as the run) and one mutant at a time,
# in place: each mutant is written into the source file and rebuilt with this tree's warm
# `target/` (a copied tree rebuilds every dependency first). cargo-mutants puts the file back after
# each mutant and on Ctrl-C; do not edit or build in this tree while it runs. It takes a while (the
# five modules hold several hundred mutants), so it is not part of `cargo test` or CI.
# Needs cargo-mutants: cargo install cargo-mutants --locked
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
minimum=${MUTANTS_MIN:-90}

table() { # mutants.out directory
  local out=$1
  for list in caught missed timeout unviable; do
    if [ ! -f "$out/$list.txt" ]; then
      echo "error: $out/$list.txt is missing; is $out the mutants.out folder of a finished run?" >&2
      exit 2
    fi
  done
  # Each list holds one mutant a line: `src/names.rs:47:29: replace > with >= in ...`.
  local rows
  rows=$(awk '
    FNR == 1 { list = FILENAME; sub(/.*\//, "", list); sub(/\.txt$/, "", list) }
    NF { file = $0; sub(/:.*/, "", file); files[file] = 1; count[file, list]++ }
    END {
      for (f in files) {
        c = count[f, "caught"] + 0; m = count[f, "missed"] + 0
        t = count[f, "timeout"] + 0; u = count[f, "unviable"] + 0
        tested = c + m + t
        printf "%s %d %d %d %d %.1f\n", f, c, m, t, u, tested ? 100 * c / tested : 100
      }
    }
  ' "$out/caught.txt" "$out/missed.txt" "$out/timeout.txt" "$out/unviable.txt" | sort)
  printf '%-22s %7s %7s %8s %9s %7s\n' file caught missed timeout unviable score
  local below=0 file caught missed timeout unviable score
  while read -r file caught missed timeout unviable score; do
    [ -n "$file" ] || continue
    printf '%-22s %7d %7d %8d %9d %6s%%\n' "$file" "$caught" "$missed" "$timeout" "$unviable" "$score"
    if awk -v s="$score" -v m="$minimum" 'BEGIN { exit !(s < m) }'; then
      below=1
    fi
  done <<< "$rows"
  if [ "$below" -eq 1 ]; then
    echo "a file scores below $minimum% (MUTANTS_MIN)" >&2
    return 1
  fi
}

if [ "${1:-}" = "--table" ]; then
  table "${2:?usage: scripts/mutants.sh --table DIR}"
  exit
fi

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "error: cargo-mutants is not installed; install it with: cargo install cargo-mutants --locked" >&2
  exit 2
fi

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(src/recommend.rs src/names.rs src/options.rs src/answers.rs src/render.rs)
fi
filters=()
for file in "${files[@]}"; do
  filters+=(--file "$file")
done

output=$(mktemp -d)
trap 'rm -rf "$output"' EXIT
cd "$root"
# Exit codes 2 (mutants missed) and 3 (timeouts) are what the table reports; others are failures.
status=0
cargo mutants "${filters[@]}" --in-place --cargo-arg=--lib --output "$output" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ] && [ "$status" -ne 3 ]; then
  echo "error: cargo mutants failed (exit $status); see its output above" >&2
  exit "$status"
fi
echo
if [ -s "$output/mutants.out/missed.txt" ]; then
  echo "Missed:"
  sed 's/^/  /' "$output/mutants.out/missed.txt"
  echo
fi
table "$output/mutants.out"
