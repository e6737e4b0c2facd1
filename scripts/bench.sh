#!/usr/bin/env bash
# Measures `groundwork new` (render, write, git init and first commit) against the shell doing the
# same work on an already rendered copy (cp -r, git init, git add, git commit), in the same run,
# and the start-up time of `groundwork --version`. Prints both figures and the ratios, and the
# instructions one `groundwork new` executes (valgrind's callgrind, else `perf stat`), a figure
# the machine's noise does not move.
#
#   scripts/bench.sh [BLUEPRINT] [RUNS]      defaults: fastapi 30
#   GROUNDWORK_BLUEPRINTS_DIR=DIR scripts/bench.sh ID   measures a blueprint from a folder on disk
#   GROUNDWORK_BIN=PATH scripts/bench.sh       measures that binary instead of a fresh release build
#                                              (another commit's, for a before/after comparison)
#   BENCH_PROFILE=FILE scripts/bench.sh        keeps the callgrind profile of the counted run in FILE,
#                                              for `callgrind_annotate --inclusive=yes FILE`
set -euo pipefail

blueprint=${1:-fastapi}
runs=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${GROUNDWORK_BIN:-}" ]; then
  bin=$(cd "$(dirname "$GROUNDWORK_BIN")" && pwd)/$(basename "$GROUNDWORK_BIN")
else
  cargo build --release --quiet --manifest-path "$root/Cargo.toml"
  bin="$root/target/release/groundwork"
fi
extra=()
if [ -n "${GROUNDWORK_BLUEPRINTS_DIR:-}" ]; then
  extra=(--blueprints-dir "$GROUNDWORK_BLUEPRINTS_DIR")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name "Bench"
git config --global user.email "bench@example.com"
git config --global init.defaultBranch main

# The shell's starting point: the same project, already rendered, without git.
"$bin" "${extra[@]}" new "$work/rendered" --framework "$blueprint" --yes --no-git 2>/dev/null

now_ns() { date +%s%N; }

mean_ms() { # total_ns runs
  awk -v t="$1" -v n="$2" 'BEGIN { printf "%.2f", t / n / 1e6 }'
}

groundwork_total=0
shell_total=0
for i in $(seq 1 "$runs"); do
  start=$(now_ns)
  "$bin" "${extra[@]}" new "$work/g$i" --framework "$blueprint" --yes 2>/dev/null
  groundwork_total=$((groundwork_total + $(now_ns) - start))

  start=$(now_ns)
  cp -r "$work/rendered" "$work/s$i"
  (cd "$work/s$i" && git init -q && git add -A && git commit -q -m "Initial commit")
  shell_total=$((shell_total + $(now_ns) - start))
done

version_runs=$((runs * 5))
start=$(now_ns)
for _ in $(seq 1 "$version_runs"); do "$bin" --version >/dev/null; done
version_total=$(($(now_ns) - start))

start=$(now_ns)
for _ in $(seq 1 "$version_runs"); do /bin/true; done
true_total=$(($(now_ns) - start))

# Instructions of one run: exact where wall times are noisy.
instructions="skipped (neither valgrind nor a working perf stat is installed)"
if command -v valgrind >/dev/null; then
  valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$work/callgrind.out" \
    "$bin" "${extra[@]}" new "$work/counted" --framework "$blueprint" --yes >/dev/null 2>"$work/valgrind.log"
  instructions=$(awk '/Collected :/ { print $NF }' "$work/valgrind.log")
  if [ -n "${BENCH_PROFILE:-}" ]; then cp "$work/callgrind.out" "$BENCH_PROFILE"; fi
elif perf stat -x, -e instructions:u true 2>&1 | grep -q '^[0-9]'; then
  instructions=$(perf stat -x, -e instructions:u \
    "$bin" "${extra[@]}" new "$work/counted" --framework "$blueprint" --yes 2>&1 >/dev/null |
    awk -F, '/instructions/ { print $1 }')
fi

g=$(mean_ms "$groundwork_total" "$runs")
s=$(mean_ms "$shell_total" "$runs")
v=$(mean_ms "$version_total" "$version_runs")
t=$(mean_ms "$true_total" "$version_runs")
echo "blueprint: $blueprint, $runs runs each"
echo "groundwork new (render + write + git):      $g ms"
echo "shell cp -r + git init + add + commit:      $s ms"
awk -v g="$g" -v s="$s" 'BEGIN { printf "ratio groundwork/shell:                     %.2f (target: at most 0.50)\n", g / s }'
echo "instructions of one groundwork new:         $instructions (target: at most 10000000)"
echo "groundwork --version:                       $v ms (target: below 5 ms)"
echo "/bin/true (process start-up baseline):      $t ms"
awk -v v="$v" -v t="$t" 'BEGIN { printf "ratio --version / true:                     %.2f\n", v / t }'
