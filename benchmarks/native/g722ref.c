/*
 * The C reference for voxcore's G722Benchmark: spandsp's G.722 (libspandsp-dev, Debian's build)
 * at 64 kbit/s, 16 kHz, one 8-bit codeword per byte, running the benchmark's frame loop on the
 * same integer test signal (G722Signal.java): encode a 20 ms frame (320 samples -> 160 bytes),
 * decode it, move to the next of fifty frames, state carrying on.
 *
 * Prints a checksum of spandsp's codewords and decoded samples for the first pass over the
 * signal from a fresh state (G722SignalTest checks voxcore gives the same), then the time per
 * frame of several rounds of about one second each, after a warm-up.
 *
 * Build and run: benchmarks/g722-native.sh
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <spandsp/telephony.h>
#include <spandsp/g722.h>

#define LENGTH 16000
#define FRAME_SAMPLES 320
#define FRAME_BYTES 160

static int16_t signal_[LENGTH];

static int triangle(int n, int period, int amplitude)
{
    int p = n % period;
    int v = p < period / 2 ? p : period - p;
    return v * 4 * amplitude / period - amplitude;
}

/* The same formula as G722Signal.samples in Java. */
static void make_signal(void)
{
    uint32_t seed = 0x722;
    for (int n = 0; n < LENGTH; n++) {
        int e = n % 4000;
        int env = e < 2000 ? e * 256 / 2000 : e < 3500 ? (3500 - e) * 256 / 1500 : 0;
        seed = seed * 1103515245u + 12345u;
        int noise = (int) ((seed >> 16) & 0x3FF) - 512;
        signal_[n] = (int16_t) ((triangle(n, 89, 9000) + triangle(n, 15, 2500)) * env / 256 + noise);
    }
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    uint8_t codes[FRAME_BYTES];
    int16_t out[FRAME_SAMPLES];
    make_signal();

    /* Checksums of one pass from a fresh state: 32-bit FNV-1a over codewords, and over samples (low byte first). */
    g722_encode_state_t *enc = g722_encode_init(NULL, 64000, 0);
    g722_decode_state_t *dec = g722_decode_init(NULL, 64000, 0);
    uint32_t code_sum = 2166136261u, pcm_sum = 2166136261u;
    for (int at = 0; at + FRAME_SAMPLES <= LENGTH; at += FRAME_SAMPLES) {
        int bytes = g722_encode(enc, codes, signal_ + at, FRAME_SAMPLES);
        int samples = g722_decode(dec, out, codes, bytes);
        if (bytes != FRAME_BYTES || samples != FRAME_SAMPLES) {
            fprintf(stderr, "unexpected sizes %d %d\n", bytes, samples);
            return 1;
        }
        for (int i = 0; i < FRAME_BYTES; i++)
            code_sum = (code_sum ^ codes[i]) * 16777619u;
        for (int i = 0; i < FRAME_SAMPLES; i++) {
            pcm_sum = (pcm_sum ^ (uint8_t) out[i]) * 16777619u;
            pcm_sum = (pcm_sum ^ (uint8_t) ((uint16_t) out[i] >> 8)) * 16777619u;
        }
    }
    printf("checksum codewords %08x samples %08x\n", code_sum, pcm_sum);

    /* The timed loop: encode + decode of one 20 ms frame, cycling through the signal. */
    long sink = 0;
    int at = 0;
    long frames = 20000;
    for (;;) { /* warm-up and calibration: grow until a batch takes at least 200 ms */
        double t0 = now_ns();
        for (long f = 0; f < frames; f++) {
            g722_encode(enc, codes, signal_ + at, FRAME_SAMPLES);
            g722_decode(dec, out, codes, FRAME_BYTES);
            sink += out[f & 255];
            at += FRAME_SAMPLES;
            if (at + FRAME_SAMPLES > LENGTH)
                at = 0;
        }
        if (now_ns() - t0 >= 2e8)
            break;
        frames *= 2;
    }
    frames *= 5; /* about one second per round */
    double sum = 0, best = 1e30;
    for (int r = 0; r < rounds; r++) {
        double t0 = now_ns();
        for (long f = 0; f < frames; f++) {
            g722_encode(enc, codes, signal_ + at, FRAME_SAMPLES);
            g722_decode(dec, out, codes, FRAME_BYTES);
            sink += out[f & 255];
            at += FRAME_SAMPLES;
            if (at + FRAME_SAMPLES > LENGTH)
                at = 0;
        }
        double ns = (now_ns() - t0) / frames;
        printf("round %d: %.1f ns/frame (%ld frames)\n", r + 1, ns, frames);
        sum += ns;
        if (ns < best)
            best = ns;
    }
    printf("spandsp encode+decode 20 ms: mean %.1f ns/frame, best %.1f ns/frame over %d rounds (sink %ld)\n",
           sum / rounds, best, rounds, sink);
    g722_encode_free(enc);
    g722_decode_free(dec);
    return 0;
}
