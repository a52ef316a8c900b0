#!/usr/bin/env bash
# The playout quality report (issue 13): builds the benchmarks jar, then sends the ITU speech file
# f2.le as PCMU in 20 ms packets through the network-impairment harness (media-core's test tree,
# io.voxcore.media.testnet) to real MediaSessions on loopback and measures
#   - segmental SNR and mean absolute error against the clean decoded signal with concealment
#     (GapPolicy.CONCEAL), silence (GapPolicy.SILENCE) and the previous frame repeated (offline),
#     at 0, 1, 3, 5, 10, 20 % seeded random loss and 2 % Gilbert-Elliott burst loss (mean 3 packets);
#   - the jitter buffer's added delay and late-loss rate under 20, 40 and 60 ms of uniform jitter;
# and replaces the "Measured quality" section of docs/playout.md (the rest of the file is kept).
#
# Needs the ITU-T G.191 vectors beside the project (../shared/testvectors, see its README) or
# VOXCORE_TESTVECTORS=DIR; they are read, never copied. Runs in real time: about 2.5 minutes plus
# the build. Extra Maven options (e.g. -o for offline) go in MVN_ARGS.
#
# Usage: benchmarks/playout-report.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VECTORS="${VOXCORE_TESTVECTORS:-$ROOT/../shared/testvectors}"
SPEECH="$VECTORS/itu-t-g191/g711-appendix1-plc/f2.le"
if [ ! -f "$SPEECH" ]; then
    echo "playout-report: ITU-T speech file not found: $SPEECH" >&2
    echo "  The report needs the G.191 test vectors (shared/testvectors beside the project, see its README)," >&2
    echo "  or set VOXCORE_TESTVECTORS to the folder that holds itu-t-g191/." >&2
    exit 2
fi

# shellcheck disable=SC2086
./mvnw -B -q -DskipTests package -pl benchmarks -am ${MVN_ARGS:-}

java -cp benchmarks/target/benchmarks.jar io.voxcore.benchmarks.quality.PlayoutReport \
    --vectors "$VECTORS" \
    --doc docs/playout.md \
    --command "benchmarks/playout-report.sh"
