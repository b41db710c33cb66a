#!/usr/bin/env bash
# Benchmarks: every tests/bench/*.bench.ts, each printing `bench: <name> = <value> <unit>` lines.
# BENCH_SIZES=10000 runs the smaller data set only.
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in tests/bench/*.bench.ts; do
  echo "# $bench"
  node --import tsx "$bench"
done
