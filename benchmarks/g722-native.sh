#!/usr/bin/env bash
# Builds and runs the C reference of G722Benchmark: spandsp's G.722 (apt-get install libspandsp-dev)
# on the same signal and frame loop, compiled with gcc -O2 (spandsp itself as Debian built it).
# Prints spandsp's checksums of the signal's codewords and decoded samples, then ns per 20 ms frame
# (encode + decode) for each round of about one second.
#
# Usage: benchmarks/g722-native.sh [rounds]   (default 5)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$HERE/target"
if [ ! -f /usr/include/spandsp/g722.h ]; then
    echo "spandsp headers not found: apt-get install -y libspandsp-dev" >&2
    exit 1
fi
gcc -O2 -std=c11 -Wall -Wextra -o "$HERE/target/g722ref" "$HERE/native/g722ref.c" -lspandsp
echo "gcc $(gcc -dumpfullversion) -O2; spandsp $(dpkg-query -W -f='${Version}' libspandsp2 2>/dev/null || echo unknown)"
"$HERE/target/g722ref" "${1:-5}"
