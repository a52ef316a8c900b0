#!/usr/bin/env bash
# Runs voxcore's G.722 (JMH, G722Benchmark.voxcoreEncodeDecode, with -prof gc) and its C reference
# (spandsp through benchmarks/g722-native.sh) in one go, on the same signal and frame loop, and
# prints the ratio of their mean times per 20 ms frame (encode + decode, 320 samples <-> 160 bytes).
# The C reference runs before and after the JMH run; its figure is the mean of both, so a change in
# machine load during the run shows as a difference between the two.
#
# Usage: benchmarks/g722-compare.sh [extra JMH options]
# JVM options for the JMH run go in JMH_JAVA_OPTS (e.g. -Djmh.ignoreLock=true when another JMH run holds /tmp/jmh.lock).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RESULT=benchmarks/target/g722-jmh.csv

./mvnw -B -q -DskipTests package -pl benchmarks -am

echo "== C reference, before =="
BEFORE="$(benchmarks/g722-native.sh 5 | tee /dev/stderr | awk '/mean/ {print $(NF-9)}')"

echo "== voxcore (JMH) =="
java ${JMH_JAVA_OPTS:-} -jar benchmarks/target/benchmarks.jar 'G722Benchmark.voxcoreEncodeDecode' -prof gc -rf csv -rff "$RESULT" "$@"

echo "== C reference, after =="
AFTER="$(benchmarks/g722-native.sh 5 | tee /dev/stderr | awk '/mean/ {print $(NF-9)}')"

JAVA_NS="$(awk -F, '$1 == "\"io.voxcore.benchmarks.G722Benchmark.voxcoreEncodeDecode\"" {print $5}' "$RESULT")"
ALLOC="$(awk -F, '$1 == "\"io.voxcore.benchmarks.G722Benchmark.voxcoreEncodeDecode:gc.alloc.rate.norm\"" {print $5}' "$RESULT")"
echo
echo "java $(java -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v j="$JAVA_NS" -v b="$BEFORE" -v a="$AFTER" -v g="$ALLOC" 'BEGIN {
    c = (a + b) / 2;
    printf "G.722 encode+decode of a 20 ms frame: voxcore %.0f ns, spandsp %.0f ns (before %.0f, after %.0f): ratio %.2fx; voxcore allocates %s B/op\n", j, c, b, a, j / c, g
}'
