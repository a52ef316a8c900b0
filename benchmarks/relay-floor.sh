#!/usr/bin/env bash
# Per-core forwarding capacity of four relays, one run, one generator: rtpengine, voxcore's
# MediaRelay (one I/O thread) and benchmarks/native/relayfloor.c in its two transports (epoll with
# one recv and one send per packet; io_uring with no system call per packet). Each relay is pinned
# to CPU 1 and the generator to CPU 0, so that every relay gets exactly one core.
#
# relayfloor does nothing but move datagrams, so its figures are the kernel's floor for a relay
# on this machine, and epoll against io_uring shows what batching system calls saves. See
# docs/load.md ("What is left of the gap, and why").
#
# Needs ../shared/relaybench (its README), rtpengine-daemon, gcc, liburing-dev and linux-perf:
#   apt-get install -y rtpengine-daemon gcc liburing-dev linux-perf
# Usage: benchmarks/relay-floor.sh [call counts, default 900,1200]
# Writes under $RELAYBENCH_WORK (default $TMPDIR/relaybench); takes about 26 s per point.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH="$ROOT/../shared/relaybench"
[ -f "$BENCH/vbench.py" ] || { echo "relay-floor: $BENCH/vbench.py not found (see its README)" >&2; exit 2; }
WORK="${RELAYBENCH_WORK:-${TMPDIR:-/tmp}/relaybench}"
export RELAYBENCH_WORK="$WORK"
CALLS="${1:-900,1200}"
mkdir -p "$WORK/out"

gcc -O2 -Wall -o "$WORK/out/relayfloor" benchmarks/native/relayfloor.c -luring
VOXCORE="$ROOT" "$BENCH/build.sh" > "$WORK/build.log" 2>&1 || { echo "relay-floor: build failed, see $WORK/build.log" >&2; exit 1; }

# relaybench starts VoxRelayHost for its voxcore relay; this copy of its driver starts the command
# in $FLOOR_RELAY instead when that is set (same arguments, same calls file, same sampling).
python3 - "$BENCH/vbench.py" "$WORK/vbench-floor.py" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
s = open(src).read()
anchor = '''        "--io-threads", str(a.io_threads), "--calls-file", callsf, "--seconds", str(secs)]\n'''
if s.count(anchor) != 1 or 'RTPE_DIR = HERE' not in s:
    sys.exit("relay-floor: vbench.py changed; update the patch in benchmarks/relay-floor.sh")
s = s.replace(anchor, anchor + '''    if os.environ.get("FLOOR_RELAY"):
        cmd = (["taskset", "-c", PIN_RELAY] if PIN_RELAY else []) + os.environ["FLOOR_RELAY"].split() + [
            "--calls", str(n), "--calls-file", callsf, "--seconds", str(secs)]\n''')
s = s.replace('RTPE_DIR = HERE', 'RTPE_DIR = %r' % __import__("os").path.dirname(src))
open(dst, "w").write(s)
PY

uptime
P=(--pin 1:0 --case fwd --calls "$CALLS")
python3 "$BENCH/vbench.py" "${P[@]}" --relay both --io-threads 1 --out floor-vendors.jsonl | tail -n +2
for mode in epoll uring; do
    echo "relayfloor --mode $mode (the rows say voxcore: the driver's slot it runs in)"
    FLOOR_RELAY="$WORK/out/relayfloor --mode $mode" python3 "$WORK/vbench-floor.py" "${P[@]}" --relay voxcore \
        --out "floor-$mode.jsonl" | tail -n +3
done
