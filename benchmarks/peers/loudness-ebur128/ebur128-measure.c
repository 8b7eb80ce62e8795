/*
 * Peer for benchmarks/peers/loudness-vs-ebur128.sh: measures one audio file with libebur128 in the modes the
 * script compares (integrated loudness, loudness range, true peak) and prints one JSON line with the keys our
 * own measuring tool prints:
 *   {"integrated_lufs": -23.0012, "loudness_range_lu": 5.4321, "true_peak_dbtp": -1.2345, "frames": 172800000}
 * The file is decoded with libsndfile (any format it reads; the script uses 32-bit float WAV), so decoding is
 * part of the measured time, as it is for our tool. Channels take libebur128's default map, which for 6 channels
 * is L R C (LFE unused) Ls Rs, the WAVE/SMPTE 5.1 order; for 1 to 5 channels it is the usual L R C Ls Rs order.
 *   build: gcc -O2 -o ebur128-measure ebur128-measure.c -lebur128 -lsndfile -lm
 *   usage: ebur128-measure FILE
 */
#include <ebur128.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>

#define FRAMES_PER_READ 16384

static void print_db(const char *key, double value, const char *separator)
{
    if (isfinite(value)) {
        printf("\"%s\": %.4f%s", key, value, separator);
    } else {
        printf("\"%s\": null%s", key, separator);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }

    SF_INFO info = {0};
    SNDFILE *file = sf_open(argv[1], SFM_READ, &info);
    if (file == NULL) {
        fprintf(stderr, "%s: %s\n", argv[1], sf_strerror(NULL));
        return 1;
    }

    ebur128_state *state = ebur128_init((unsigned)info.channels, (unsigned long)info.samplerate,
                                        EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK);
    float *buffer = malloc(sizeof(float) * FRAMES_PER_READ * (size_t)info.channels);
    if (state == NULL || buffer == NULL) {
        fprintf(stderr, "out of memory (or libebur128 refused %d channels at %d Hz)\n", info.channels, info.samplerate);
        return 1;
    }

    long long frames = 0;
    sf_count_t read;
    while ((read = sf_readf_float(file, buffer, FRAMES_PER_READ)) > 0) {
        if (ebur128_add_frames_float(state, buffer, (size_t)read) != EBUR128_SUCCESS) {
            fprintf(stderr, "ebur128_add_frames_float failed\n");
            return 1;
        }
        frames += read;
    }

    double integrated = -HUGE_VAL, range = NAN, peak = 0;
    if (ebur128_loudness_global(state, &integrated) != EBUR128_SUCCESS
        || ebur128_loudness_range(state, &range) != EBUR128_SUCCESS) {
        fprintf(stderr, "libebur128 could not compute the loudness\n");
        return 1;
    }
    for (unsigned c = 0; c < (unsigned)info.channels; c++) {
        double channel_peak;
        if (ebur128_true_peak(state, c, &channel_peak) != EBUR128_SUCCESS) {
            fprintf(stderr, "ebur128_true_peak failed\n");
            return 1;
        }
        if (channel_peak > peak) {
            peak = channel_peak;
        }
    }

    printf("{");
    print_db("integrated_lufs", integrated, ", ");
    print_db("loudness_range_lu", range, ", ");
    print_db("true_peak_dbtp", 20 * log10(peak), ", ");
    printf("\"frames\": %lld}\n", frames);

    ebur128_destroy(&state);
    free(buffer);
    sf_close(file);
    return 0;
}
