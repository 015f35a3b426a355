#!/usr/bin/env bash
# Compares two builds of the benchmarks jar (e.g. a release and main) on the same JMH benchmarks,
# as pairs: each round runs one fork of each build, alternating which goes first, and
# CompareBuilds prints candidate/base per benchmark (median and range over the rounds).
#
#   benchmarks/compare-builds.sh BASE.jar CANDIDATE.jar OUT_DIR ROUNDS 'JMH regex' [JMH options...]
#   e.g. benchmarks/compare-builds.sh /tmp/base.jar benchmarks/target/benchmarks.jar /tmp/cmp 6 \
#        'ValidationBenchmark\.claimgate$' -wi 3 -w 2s -i 5 -r 2s
# Build a jar of another commit with: git worktree add --detach /tmp/base <commit> &&
#   (cd /tmp/base && mvn -q -pl benchmarks -am package -DskipTests) && cp /tmp/base/benchmarks/target/benchmarks.jar /tmp/base.jar
set -euo pipefail
if [ $# -lt 5 ]; then sed -n '2,10p' "$0"; exit 2; fi
base=$1; candidate=$2; out=$3; rounds=$4; pattern=$5; shift 5
mkdir -p "$out"
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order="base candidate"; else order="candidate base"; fi
  for build in $order; do
    if [ "$build" = base ]; then jar=$base; else jar=$candidate; fi
    echo "round $round/$rounds: $build" >&2
    java -jar "$jar" "$pattern" -f 1 "$@" -rf json -rff "$out/$build-$round.json" > "$out/$build-$round.log"
  done
done
java -cp "$candidate" io.claimgate.benchmarks.CompareBuilds "$out" | tee "$out/compare.md"
