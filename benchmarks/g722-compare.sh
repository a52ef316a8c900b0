#!/usr/bin/env bash
# Runs voxcore's G.722 (JMH, G722Benchmark.voxcoreEncodeDecode, with -prof gc) and its C reference
# (spandsp through benchmarks/g722-native.sh) in one go, on the same signal and frame loop, and
# prints the ratio of their mean times per 20 ms frame (encode + decode, 320 samples <-> 160 bytes).
# The C reference runs before and after the JMH run; its figure is the mean of both, so a change in
# machine load during the run shows as a difference between the two. On a busy machine the best
# iteration of each side (JMH's fastest 1 s iteration, the C harness's fastest 1 s round) is the
# steadier comparison, so both ratios are printed.
#
# Usage: benchmarks/g722-compare.sh [extra JMH options]
# JVM options for the JMH run go in JMH_JAVA_OPTS (e.g. -Djmh.ignoreLock=true when another JMH run holds /tmp/jmh.lock).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RESULT=benchmarks/target/g722-jmh.csv

./mvnw -B -q -DskipTests package -pl benchmarks -am

# The mean and best ns per frame from g722-native.sh's summary line ("... mean 1.5 ns/frame, best 1.2 ns/frame ...").
native_run() {
    local out
    out="$(benchmarks/g722-native.sh 5)"
    echo "$out" >&2
    echo "$out" | sed -n 's/.* mean \([0-9.]*\) ns\/frame, best \([0-9.]*\) ns\/frame.*/\1 \2/p'
}

echo "== C reference, before =="
read -r BEFORE BEFORE_BEST < <(native_run)

echo "== voxcore (JMH) =="
java ${JMH_JAVA_OPTS:-} -jar benchmarks/target/benchmarks.jar 'G722Benchmark.voxcoreEncodeDecode' -prof gc -rf csv -rff "$RESULT" "$@" \
    | tee benchmarks/target/g722-jmh.txt
JAVA_BEST="$(sed -n 's/^Iteration *[0-9]*: *\([0-9.]*\) ns\/op.*/\1/p' benchmarks/target/g722-jmh.txt | sort -g | head -1)"

echo "== C reference, after =="
read -r AFTER AFTER_BEST < <(native_run)

JAVA_NS="$(awk -F, '$1 == "\"io.voxcore.benchmarks.G722Benchmark.voxcoreEncodeDecode\"" {print $5}' "$RESULT")"
ALLOC="$(awk -F, '$1 == "\"io.voxcore.benchmarks.G722Benchmark.voxcoreEncodeDecode:gc.alloc.rate.norm\"" {print $5}' "$RESULT")"
echo
echo "java $(java -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v j="$JAVA_NS" -v jb="$JAVA_BEST" -v b="$BEFORE" -v a="$AFTER" -v bb="$BEFORE_BEST" -v ab="$AFTER_BEST" -v g="$ALLOC" 'BEGIN {
    c = (a + b) / 2; cb = (bb < ab) ? bb : ab;
    printf "G.722 encode+decode of a 20 ms frame, mean: voxcore %.0f ns, spandsp %.0f ns (before %.0f, after %.0f): ratio %.2fx\n", j, c, b, a, j / c;
    printf "best iteration: voxcore %.0f ns, spandsp %.0f ns: ratio %.2fx; voxcore allocates %s B/op (gc.alloc.rate.norm)\n", jb, cb, jb / cb, g
}'
