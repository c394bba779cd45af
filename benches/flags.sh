# The cargo flags every measurement is built with (sourced by callgrind.sh and
# run.sh): see callgrind.sh's header for why each is pinned.
BENCH_FLAGS=(
  --config 'profile.bench.codegen-units=1'
  --config 'profile.bench.debug="line-tables-only"'
)
