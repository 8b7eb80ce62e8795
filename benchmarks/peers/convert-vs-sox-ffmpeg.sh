#!/usr/bin/env bash
# Peer benchmark: convert a stereo 48 kHz 24-bit WAV to 32-bit float with our CLI (`audiopost convert`), with sox
# and with ffmpeg, RUNS times each, interleaved, and print the medians and the ratios (peer time / ours).
# Whole-process wall time including start-up, and CPU time (user + system). The files live in /dev/shm when it has
# room (see peer-common.sh). The input is made once with sox.
# sox runs with -D (no dither; float output does not dither anyway). ffmpeg runs with its defaults (it decodes and
# encodes in one thread for PCM).
#   usage: benchmarks/peers/convert-vs-sox-ffmpeg.sh [SECONDS_OF_AUDIO=3600] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-3600}
runs=${2:-5}
peer_tools=sox
. benchmarks/peers/peer-common.sh

sox -D -n -r 48000 -c 2 -b 24 "$work/in.wav" synth "$seconds" pinknoise vol -10dB
bytes=$(stat -c %s "$work/in.wav")

: > "$work/times"
for _ in $(seq "$runs"); do
  # Each output is deleted first, so no tool pays for freeing the previous run's 1.4 GB (the kernel charges that to
  # whoever truncates or replaces the file, and it varies by a second or more).
  rm -f "$work/ours.wav"; measure ours $cli convert "$work/in.wav" "$work/ours.wav" --format float32 >> "$work/times"
  rm -f "$work/sox.wav"; measure sox sox -D "$work/in.wav" -e floating-point -b 32 "$work/sox.wav" >> "$work/times"
  rm -f "$work/ffmpeg.wav"; measure ffmpeg ffmpeg -nostdin -v error -y -i "$work/in.wav" -c:a pcm_f32le "$work/ffmpeg.wav" >> "$work/times"
done

# The three outputs must hold the same samples, or the timing compares different work.
cmp <(sox -D "$work/ours.wav" -t f32 -) <(sox -D "$work/ffmpeg.wav" -t f32 -) >/dev/null \
  || { echo "ours and ffmpeg's outputs differ"; exit 1; }

ours=$(grep '^ours ' "$work/times" | cut -d' ' -f2 | median)
sox_ms=$(grep '^sox ' "$work/times" | cut -d' ' -f2 | median)
ffmpeg_ms=$(grep '^ffmpeg ' "$work/times" | cut -d' ' -f2 | median)
ours_cpu=$(grep '^ours ' "$work/times" | cut -d' ' -f3 | median)
sox_cpu=$(grep '^sox ' "$work/times" | cut -d' ' -f3 | median)
ffmpeg_cpu=$(grep '^ffmpeg ' "$work/times" | cut -d' ' -f3 | median)
ours_user=$(grep '^ours ' "$work/times" | cut -d' ' -f4 | median)
sox_user=$(grep '^sox ' "$work/times" | cut -d' ' -f4 | median)
ffmpeg_user=$(grep '^ffmpeg ' "$work/times" | cut -d' ' -f4 | median)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
mbps() { awk -v b="$bytes" -v ms="$1" 'BEGIN {printf "%.0f", b / 1048576 / (ms / 1000)}'; }
printf '%ss stereo 48k pcm24 -> float32 (%s MiB in): audiopost %s ms (%s MiB/s), sox %s ms, ffmpeg %s ms (medians of %s)\n' \
  "$seconds" "$((bytes / 1048576))" "$ours" "$(mbps "$ours")" "$sox_ms" "$ffmpeg_ms" "$runs"
printf 'wall-time ratios: sox/ours = %sx, ffmpeg/ours = %sx\n' "$(ratio "$sox_ms" "$ours")" "$(ratio "$ffmpeg_ms" "$ours")"
printf 'cpu time (user+sys): audiopost %s ms, sox %s ms, ffmpeg %s ms -> sox/ours = %sx, ffmpeg/ours = %sx\n' \
  "$ours_cpu" "$sox_cpu" "$ffmpeg_cpu" "$(ratio "$sox_cpu" "$ours_cpu")" "$(ratio "$ffmpeg_cpu" "$ours_cpu")"
printf 'user time (the tools own code; the kernel copying pages is system time): audiopost %s ms, sox %s ms, ffmpeg %s ms -> sox/ours = %sx, ffmpeg/ours = %sx\n' \
  "$ours_user" "$sox_user" "$ffmpeg_user" "$(ratio "$sox_user" "$ours_user")" "$(ratio "$ffmpeg_user" "$ours_user")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
