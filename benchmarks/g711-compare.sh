#!/usr/bin/env bash
# Runs voxcore's G.711 bulk encoders (JMH: UlawEncodeBenchmark.voxcoreG711 and
# AlawEncodeBenchmark.voxcoreG711) and the same 64 KiB-table loop in C (benchmarks/g711-native.sh,
# gcc -O3 -march=native with and without -fno-tree-vectorize) in one go, on the same signal and
# frame sizes, and prints the ratio of voxcore's time per frame to C's for each law and size.
# The C side runs before and after the JMH run; its mean is the average of both, its best the
# faster of the two (JMH's fastest 1 s iteration against the C harness's fastest ~0.2 s round).
# On a shared machine the best ratio is the steadier one.
#
# Usage: benchmarks/g711-compare.sh [extra JMH options]
# Sizes: G711_SIZES (default 80,160,320,960); JMH's run: JMH_ITERATIONS (default "-f 1 -wi 2 -i 3",
# 1 s iterations; on a busy machine more, shorter iterations, e.g. "-f 1 -wi 2 -i 10 -r 300ms", give
# a steadier best). JVM options for JMH go in JMH_JAVA_OPTS (e.g.
# -Djmh.ignoreLock=true when another JMH run holds /tmp/jmh.lock).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZES="${G711_SIZES:-80,160,320,960}"
T=benchmarks/target
DUMP=$T/g711-dump.bin

./mvnw -B -q -DskipTests package -pl benchmarks -am
java -cp $T/benchmarks.jar io.voxcore.benchmarks.G711Dump "$DUMP"

native_run() { # $1 = before|after; keeps "<variant> <law> <size> <mean> <best>" lines in $T/g711-c-$1.txt
    : > "$T/g711-c-$1.txt"
    for size in ${SIZES//,/ }; do
        benchmarks/g711-native.sh "$DUMP" 5 "$size" | tee /dev/stderr | tee -a "$T/g711-c-gathers.txt" \
            | sed -n 's/^\([a-z]*\) \([a-z]*\) size=\([0-9]*\): mean \([0-9.]*\) ns\/frame, best \([0-9.]*\) ns\/frame.*/\1 \2 \3 \4 \5/p' \
            >> "$T/g711-c-$1.txt"
    done
}

: > "$T/g711-c-gathers.txt"
echo "== C, before =="
native_run before 2>&1
echo "== voxcore (JMH) =="
java ${JMH_JAVA_OPTS:-} -jar $T/benchmarks.jar 'io.voxcore.benchmarks.(Ulaw|Alaw)EncodeBenchmark.voxcoreG711$' \
    -p size="$SIZES" ${JMH_ITERATIONS:--f 1 -wi 2 -i 3} -rf csv -rff $T/g711-jmh.csv "$@" | tee $T/g711-jmh.txt
echo "== C, after =="
native_run after 2>&1

# "<law> <size> <mean> <best>" for voxcore: the mean from the CSV, the best from the iteration lines.
awk '
    /^# Benchmark: .*UlawEncodeBenchmark/ { law = "ulaw" }
    /^# Benchmark: .*AlawEncodeBenchmark/ { law = "alaw" }
    /^# Parameters: \(size = / { size = $5; sub(/\)/, "", size) }
    /^Iteration / { v = $3 + 0; k = law " " size; if (!(k in best) || v < best[k]) best[k] = v }
    END { for (k in best) print k, best[k] }' $T/g711-jmh.txt | sort > $T/g711-java-best.txt
awk -F, 'NR > 1 { law = ($1 ~ /Ulaw/) ? "ulaw" : "alaw"; gsub(/["\r]/, "", $8); print law, $8, $5 }' $T/g711-jmh.csv \
    | sort > $T/g711-java-mean.txt

echo
echo "java $(java -version 2>&1 | head -1); gcc $(gcc -dumpfullversion); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h 'gather instructions' $T/g711-c-gathers.txt | sort -u
awk -v sizes="$SIZES" '
    FILENAME ~ /c-(before|after)/ { k = $1 " " $2 " " $3; cm[k] += $4 / 2; if (!(k in cb) || $5 < cb[k]) cb[k] = $5; next }
    FILENAME ~ /java-mean/ { jm[$1 " " $2] = $3; next }
    FILENAME ~ /java-best/ { jb[$1 " " $2] = $3; next }
    END {
        n = split("ulaw alaw", laws, " ");
        m = split(sizes, sorted, ",");
        for (l = 1; l <= n; l++) for (s = 1; s <= m; s++) {
            k = laws[l] " " sorted[s];
            printf "G.711 %s encode, %s samples: voxcore %.1f ns (best %.1f); C -O3 -march=native %.1f ns (best %.1f): ratio %.2fx (best %.2fx); C -fno-tree-vectorize %.1f ns (best %.1f): ratio %.2fx (best %.2fx)\n",
                laws[l], sorted[s], jm[k], jb[k], cm["vec " k], cb["vec " k], jm[k] / cm["vec " k], jb[k] / cb["vec " k],
                cm["novec " k], cb["novec " k], jm[k] / cm["novec " k], jb[k] / cb["novec " k]
        }
    }' $T/g711-c-before.txt $T/g711-c-after.txt $T/g711-java-mean.txt $T/g711-java-best.txt
