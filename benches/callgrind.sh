#!/usr/bin/env bash
# Instructions per switch for every W1 contender, counted by callgrind:
#   (count at 100 tasks x 200 yields - count at 100 x 100) / 10,000
# The same binary and inputs give the same count, whatever else the machine does.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install valgrind" >&2; exit 1; }
cargo bench -p corolab-benches --bench instructions --no-run 2>/dev/null
bin=$(ls -t target/release/deps/instructions-* | grep -v '\.d$' | head -n 1)
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" "$3" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '%-16s %s\n' contender instructions/switch
for contender in state-machine genawaiter-raw corogen coroasync coroasync-defaults tokio async-executor localpool; do
  big=$(count "$contender" 100 200)
  small=$(count "$contender" 100 100)
  printf '%-16s %s\n' "$contender" "$(( (big - small) / 10000 ))"
done
