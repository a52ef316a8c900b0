#!/usr/bin/env bash
# Builds and runs the C reference of the G.711 encode benchmarks (benchmarks/native/g711ref.c): the
# same 64 KiB tables and frame loop as UlawEncodeBenchmark/AlawEncodeBenchmark.voxcoreG711, compiled
# twice: gcc -O3 -march=native ("vec") and the same with -fno-tree-vectorize ("novec"). It also
# writes each variant's assembly (benchmarks/target/g711ref-*.s) and counts the AVX2 gather
# instructions in it, i.e. whether gcc vectorized the table look-up.
#
# Needs the dump that G711Dump writes (voxcore's tables and the signal); the harness refuses to run
# if its own tables differ from voxcore's for any of the 65,536 inputs.
#
# Usage: benchmarks/g711-native.sh DUMP [rounds] [size]   (default 5 rounds of ~0.2 s, sizes 80 160 320 960)
# Prints "<variant> <law> size=<n>: mean <x> ns/frame, best <y> ns/frame ..." per variant, law and size.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DUMP="${1:?usage: g711-native.sh DUMP [rounds] [size]}"
ROUNDS="${2:-5}"
SIZE="${3:-0}"
mkdir -p "$HERE/target"
declare -A FLAGS=([vec]="-O3 -march=native" [novec]="-O3 -march=native -fno-tree-vectorize")
echo "gcc $(gcc -dumpfullversion); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for v in vec novec; do
    # shellcheck disable=SC2086 # FLAGS hold several options
    gcc ${FLAGS[$v]} -std=c11 -Wall -Wextra -o "$HERE/target/g711ref-$v" "$HERE/native/g711ref.c"
    # shellcheck disable=SC2086
    gcc ${FLAGS[$v]} -std=c11 -S -o "$HERE/target/g711ref-$v.s" "$HERE/native/g711ref.c"
    gathers="$(grep -c 'vpgather\|vgather' "$HERE/target/g711ref-$v.s" || true)"
    echo "$v: gcc ${FLAGS[$v]}: $gathers gather instructions in the assembly (benchmarks/target/g711ref-$v.s)"
done
for v in vec novec; do
    "$HERE/target/g711ref-$v" "$DUMP" "$ROUNDS" "$SIZE" 2>/dev/null | sed "s/^\(ulaw\|alaw\) /$v \1 /"
done
