#!/usr/bin/env bash
# Builds the benchmarks jar, runs every benchmark once with a quick profile (one 160-sample frame,
# allocation measured with -prof gc), and writes docs/performance.md and docs/performance.png
# (the chart drawn by JFreeChart, headless).
#
# The quick profile is in the benchmark classes' annotations: 1 fork, 2-3 x 1 s warm-up (5 x 1 s
# for the JDK paths, which take longer to settle), 3-5 x 1 s measured. 85 benchmark runs at one
# frame size (G.711, G.722, Opus, resampler, SRTP, RTP, transcoder) plus the build: 8 min 35 s
# measured on 2 cores (2026-11-28).
#
# Usage: benchmarks/run-report.sh [extra JMH options, e.g. a regex to select benchmarks]
# Set JMH_SIZES to sweep more frame sizes (e.g. JMH_SIZES=80,160,320,960; about 4x longer).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SIZES="${JMH_SIZES:-160}"
RESULT=benchmarks/target/jmh-result.json

./mvnw -B -q -DskipTests package -pl benchmarks -am

# Sections of docs/performance.md written by hand from other tools (such as the G.711 comparison
# with C, benchmarks/g711-compare.sh) carry this mark on the line under their "## " heading; they
# are set aside here and appended again after the report tool has rewritten the file.
KEEP_MARK="<!-- hand-written: kept when the report is regenerated -->"
KEPT=benchmarks/target/performance-kept.md
mkdir -p benchmarks/target
if [ -f docs/performance.md ]; then
    awk -v mark="$KEEP_MARK" '
        /^## / { head = $0; keep = 0; under = 1; next }
        under { under = 0; if ($0 == mark) { keep = 1; print ""; print head } }
        keep { print }' docs/performance.md > "$KEPT"
else
    : > "$KEPT"
fi

JMH_ARGS=(-p "size=$SIZES" -prof gc -rf json -rff "$RESULT" "$@")
java -jar benchmarks/target/benchmarks.jar "${JMH_ARGS[@]}"

LABEL="benchmarks/run-report.sh"
if [ $# -gt 0 ]; then LABEL="$LABEL $*"; fi
if [ "$SIZES" != 160 ]; then LABEL="JMH_SIZES=$SIZES $LABEL"; fi

java -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar io.voxcore.benchmarks.report.Report \
    --input "$RESULT" \
    --markdown docs/performance.md \
    --chart docs/performance.png \
    --cores "$(nproc)" \
    --command "$LABEL, i.e. java -jar benchmarks/target/benchmarks.jar ${JMH_ARGS[*]}"
cat "$KEPT" >> docs/performance.md
