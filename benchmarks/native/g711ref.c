/*
 * The C reference for voxcore's G.711 encode benchmarks (UlawEncodeBenchmark.voxcoreG711,
 * AlawEncodeBenchmark.voxcoreG711): the same 64 KiB tables, one code per 16-bit sample indexed
 * by the sample's 16 bits, and the same loop shape: encode one frame of the same speech signal
 * (80, 160, 320 or 960 samples) into a byte array, again and again.
 *
 * The tables are built here from the ITU-T G.711 algorithm as G.191 specifies it (negative
 * samples through their ones' complement, mu-law on 14 bits with a bias of 33 and no zero trap,
 * A-law on 12 bits of magnitude with even bits inverted). The signal comes from voxcore itself
 * (G711Dump writes SpeechSignal's samples next to voxcore's two tables), and this program refuses
 * to run unless its own tables equal voxcore's for all 65,536 inputs: both sides do the same work.
 *
 * The encode loop is a separate function that is never inlined, called once per frame, like
 * G711.encodeUlaw from the JMH benchmark; the arrays are declared restrict because Java arrays
 * of different types never alias.
 *
 * Usage: g711ref DUMP [rounds]   (build and run through benchmarks/g711-native.sh)
 * Prints one line per law and frame size: mean and best ns per frame over the rounds.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TABLE 65536
#define MAX_SAMPLES 960

static uint8_t ulaw_table[TABLE];
static uint8_t alaw_table[TABLE];
static int16_t signal_[MAX_SAMPLES];

/* Index of the highest set bit of v > 0. */
static int top_bit(unsigned v)
{
    return 31 - __builtin_clz(v);
}

/* G.711 mu-law: 14-bit magnitude (ones' complement for negatives) + 33, clipped at 8191;
 * exponent = position of its top bit - 5, mantissa = the four bits below the top bit;
 * the code is the inverted 7 bits with the sign in bit 7 (1 for non-negative). */
static uint8_t ulaw_encode(int16_t x)
{
    int magnitude = (x < 0 ? ~x : x) >> 2;
    magnitude += 33;
    if (magnitude > 8191)
        magnitude = 8191;
    int exponent = top_bit((unsigned) magnitude) - 5;
    int mantissa = (magnitude >> (exponent + 1)) & 0x0F;
    int code = 0x7F & ~((exponent << 4) | mantissa);
    return (uint8_t) (x >= 0 ? code | 0x80 : code);
}

/* G.711 A-law: 12-bit magnitude (ones' complement for negatives); below 16 the code is the
 * magnitude itself (segment 0), else the segment is the top bit's position - 3 and the mantissa
 * the four bits below the top bit; sign in bit 7 (1 for non-negative), then even bits inverted. */
static uint8_t alaw_encode(int16_t x)
{
    int magnitude = (x < 0 ? ~x : x) >> 4;
    int code;
    if (magnitude < 16) {
        code = magnitude;
    } else {
        int segment = top_bit((unsigned) magnitude) - 3;
        code = (segment << 4) | ((magnitude >> (segment - 1)) & 0x0F);
    }
    if (x >= 0)
        code |= 0x80;
    return (uint8_t) (code ^ 0x55);
}

/* The loop under test: one look-up per sample, indexed by the sample's 16 bits. */
__attribute__((noinline)) static void encode(const uint8_t *restrict table, const int16_t *restrict src,
                                             uint8_t *restrict dst, int count)
{
    for (int i = 0; i < count; i++)
        dst[i] = table[(uint16_t) src[i]];
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static unsigned long sink;

/* Runs `frames` encodes of one frame and returns ns per frame. */
static double run(const uint8_t *table, uint8_t *out, int size, long frames)
{
    double t0 = now_ns();
    for (long f = 0; f < frames; f++) {
        encode(table, signal_, out, size);
        __asm__ volatile("" : : "r"(out) : "memory"); /* the output is used; the input may have changed */
    }
    double ns = (now_ns() - t0) / frames;
    sink += out[frames % size];
    return ns;
}

static void measure(const char *law, const uint8_t *table, int size, int rounds)
{
    uint8_t out[MAX_SAMPLES];
    long frames = 10000;
    for (;;) { /* warm-up and calibration: grow until a batch takes at least 50 ms */
        double t0 = now_ns();
        run(table, out, size, frames);
        if (now_ns() - t0 >= 5e7)
            break;
        frames *= 2;
    }
    frames *= 4; /* about 200 ms per round */
    double sum = 0, best = 1e30;
    for (int r = 0; r < rounds; r++) {
        double ns = run(table, out, size, frames);
        sum += ns;
        if (ns < best)
            best = ns;
    }
    /* Check this frame's output against the table built above, sample by sample. */
    for (int i = 0; i < size; i++) {
        if (out[i] != table[(uint16_t) signal_[i]]) {
            fprintf(stderr, "wrong code at %d\n", i);
            exit(1);
        }
    }
    printf("%s size=%d: mean %.2f ns/frame, best %.2f ns/frame over %d rounds\n", law, size, sum / rounds, best, rounds);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DUMP [rounds]\n", argv[0]);
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 5;

    for (int i = 0; i < TABLE; i++) {
        ulaw_table[i] = ulaw_encode((int16_t) (uint16_t) i);
        alaw_table[i] = alaw_encode((int16_t) (uint16_t) i);
    }

    /* The dump: voxcore's mu-law table, its A-law table (65,536 codes each, index = the sample's
     * 16 bits), then MAX_SAMPLES samples of SpeechSignal, little-endian. */
    static uint8_t dump[2 * TABLE + 2 * MAX_SAMPLES];
    FILE *in = fopen(argv[1], "rb");
    if (!in || fread(dump, 1, sizeof dump, in) != sizeof dump || fgetc(in) != EOF) {
        fprintf(stderr, "cannot read %zu bytes from %s\n", sizeof dump, argv[1]);
        return 1;
    }
    fclose(in);
    int differ = 0;
    for (int i = 0; i < TABLE; i++) {
        if (dump[i] != ulaw_table[i] || dump[TABLE + i] != alaw_table[i]) {
            if (differ++ < 5)
                fprintf(stderr, "sample %d: C mu-law %02x A-law %02x, voxcore %02x %02x\n", (int16_t) i,
                        ulaw_table[i], alaw_table[i], dump[i], dump[TABLE + i]);
        }
    }
    if (differ) {
        fprintf(stderr, "%d of 65536 inputs encode differently: not the same work\n", differ);
        return 1;
    }
    printf("tables equal voxcore's for all 65536 inputs (mu-law and A-law)\n");
    for (int i = 0; i < MAX_SAMPLES; i++)
        signal_[i] = (int16_t) (uint16_t) (dump[2 * TABLE + 2 * i] | dump[2 * TABLE + 2 * i + 1] << 8);

    static const int sizes[] = {80, 160, 320, 960};
    int only = argc > 3 ? atoi(argv[3]) : 0;
    for (unsigned s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        if (only && sizes[s] != only)
            continue;
        measure("ulaw", ulaw_table, sizes[s], rounds);
        measure("alaw", alaw_table, sizes[s], rounds);
    }
    fprintf(stderr, "(sink %lu)\n", sink);
    return 0;
}
