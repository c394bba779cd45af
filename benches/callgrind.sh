#!/usr/bin/env bash
# Instructions per operation for every contender of W1 (switch), W2 (spawn and
# complete) and W4 (timers), counted by callgrind, as one table:
#   switch: (count at 100 tasks x 200 yields - count at 100 x 100) / 10,000
#   spawn:  (count at 20,000 spawns - count at 10,000) / 10,000
#   timers: (count at 20,000 sleeps - count at 10,000) / 10,000
# The difference of two sizes cancels start-up and tear-down.
#
# Reproducible: the same binary and inputs give the same count, whatever else the
# machine does. What is pinned, and why:
#   - the `bench` profile (release settings), built by `cargo bench --no-run`;
#   - `codegen-units=1` for every crate (`--config`): how the compiler splits a
#     crate into codegen units decides what is inlined across them, and moved
#     coroasync's switch by tens of instructions between unrelated edits; one unit
#     makes a count depend on the source alone;
#   - `debug="line-tables-only"`, so `callgrind_annotate` can name lines (it
#     changes no code).
# The criterion benches are built with the same flags (benches/run.sh), so the
# wall times are of the same code.
#
#   bash benches/callgrind.sh [--tsv] [WORKLOAD...]    # WORKLOAD: switch spawn timers
# The binary it built is printed on standard error, for profiling by hand:
#   valgrind --tool=callgrind BIN switch corogen 100 200
#   callgrind_annotate --inclusive=yes callgrind.out.PID
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install valgrind" >&2; exit 1; }
tsv=false
if [[ ${1:-} == --tsv ]]; then tsv=true; shift; fi
workloads=("${@:-switch}")
[[ $# -gt 0 ]] || workloads=(switch spawn timers)

# shellcheck source=benches/flags.sh
source benches/flags.sh
bin=$(cargo bench -p corolab-benches --bench instructions --no-run "${BENCH_FLAGS[@]}" \
  --message-format=json 2>/dev/null \
  | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
[[ -x $bin ]] || { echo "could not build the instructions binary" >&2; exit 1; }
echo "binary: $bin" >&2

count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
per_op() { # WORKLOAD CONTENDER -> instructions per operation, one decimal
  local big small ops
  case $1 in
    switch) big=$(count switch "$2" 100 200); small=$(count switch "$2" 100 100); ops=10000 ;;
    spawn) big=$(count spawn "$2" 20000 0); small=$(count spawn "$2" 10000 0); ops=10000 ;;
    timers) big=$(count timers "$2" 20000 1000); small=$(count timers "$2" 10000 1000); ops=10000 ;;
  esac
  if [[ -z $big || -z $small ]]; then
    echo "callgrind gave no count for $1 $2 (run the binary by hand to see why)" >&2
    exit 1
  fi
  awk -v b="$big" -v s="$small" -v n="$ops" 'BEGIN { printf "%.1f", (b - s) / n }'
}

$tsv || printf '%-8s %-22s %s\n' workload contender instructions
for workload in "${workloads[@]}"; do
  for contender in $("$bin" list "$workload"); do
    figure=$(per_op "$workload" "$contender")
    if $tsv; then
      printf '%s\t%s\t%s\n' "$workload" "$contender" "$figure"
    else
      printf '%-8s %-22s %s\n' "$workload" "$contender" "$figure"
    fi
  done
done
