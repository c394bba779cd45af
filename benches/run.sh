#!/usr/bin/env bash
# Every measurement in one command, then the tables of docs/benchmarks.md:
#   bash benches/run.sh            # about 12 minutes on 2 cores
# 1. instruction counts for every contender of W1, W2 and W4 (callgrind.sh);
# 2. criterion wall times (medians) of W1, W6, W2, W4 and W5, each group's
#    contenders one after another in the same process;
# 3. the W3 memory table;
# 4. benches/report.py, which prints the tables (targets first) to standard output
#    and to CARGO_TARGET_DIR/corolab-bench/tables.md, and redraws
#    docs/benchmarks-switch.svg.
# Every build uses the flags in benches/flags.sh. Set QUICK=1 to skip the
# criterion runs (the instruction counts and memory alone take about 3 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/flags.sh
out="${CARGO_TARGET_DIR:-target}/corolab-bench"
mkdir -p "$out"
bash benches/callgrind.sh --tsv > "$out/instructions.tsv"
if [[ -z ${QUICK:-} ]]; then
  cargo bench -p corolab-benches "${BENCH_FLAGS[@]}" \
    --bench switch --bench spawn --bench timers --bench queue
fi
cargo bench -p corolab-benches "${BENCH_FLAGS[@]}" --bench memory -- --tsv > "$out/memory.tsv"
python3 benches/report.py --svg docs/benchmarks-switch.svg | tee "$out/tables.md"
