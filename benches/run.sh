#!/usr/bin/env bash
# Every measurement in one command, then the tables of docs/benchmarks.md:
#   bash benches/run.sh            # about 13 minutes on 2 cores, plus the build
# 1. instruction counts for every contender of W1, W2 and W4 (callgrind.sh);
# 2. wall times of W1, W2 and W4 (virtual time), every contender interleaved,
#    median of 21 rounds (wall.rs); criterion's medians of W6, W5 and W4 on real
#    time, each group's contenders one after another in the same process;
# 3. the W3 memory table;
# 4. benches/report.py, which prints the tables (targets first) to standard output
#    and to CARGO_TARGET_DIR/corolab-bench/tables.md, rewrites docs/benchmarks.md
#    from benches/benchmarks.md.in and those tables, and redraws
#    docs/benchmarks-switch.svg.
# Every build uses the flags in benches/flags.sh. Set QUICK=1 to skip the
# wall-time runs (the instruction counts and memory alone take about 6 minutes;
# the tables then keep the wall times of the last full run).
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/flags.sh
out="${CARGO_TARGET_DIR:-target}/corolab-bench"
mkdir -p "$out"
bash benches/callgrind.sh --tsv > "$out/instructions.tsv"
if [[ -z ${QUICK:-} ]]; then
  cargo bench -p corolab-benches "${BENCH_FLAGS[@]}" --bench wall -- --tsv > "$out/wall.tsv"
  cargo bench -p corolab-benches "${BENCH_FLAGS[@]}" --bench switch --bench queue --bench timers \
    -- 'w6_growth|w5_queue|w4_timers/.*-real'
fi
cargo bench -p corolab-benches "${BENCH_FLAGS[@]}" --bench memory -- --tsv > "$out/memory.tsv"
python3 benches/report.py --svg docs/benchmarks-switch.svg --doc docs/benchmarks.md | tee "$out/tables.md"
