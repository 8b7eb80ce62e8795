#!/usr/bin/env bash
# Peer benchmark (issue 6): the mixing chain "highpass; eq; compressor; limiter" over a stereo 48 kHz float file with
# our CLI (`audiopost process --chain`) and with ffmpeg's highpass, equalizer, acompressor and alimiter at the same
# settings, ffmpeg both with its defaults and with -filter_threads 1. RUNS times each, interleaved; medians and
# ratios (ffmpeg time / ours) of whole-process wall time and CPU time. Ours runs twice: with its default threads
# (chunks of the file rendered side by side) and with --threads 1; the two outputs must be identical byte for byte. Files live in /dev/shm when it has room (see
# peer-common.sh for why). Settings that differ by definition, not by choice: ffmpeg's acompressor and
# alimiter take linear levels (given here in dB with ffmpeg's own "dB" suffix), alimiter's auto-level is turned off
# so it only limits, and its ceiling is a sample peak where ours is a true peak (dBTP).
#   usage: benchmarks/peers/process-vs-ffmpeg.sh [SECONDS_OF_AUDIO=3600] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-3600}
runs=${2:-3}
. benchmarks/peers/peer-common.sh

chain="highpass f=80; eq f=3000 gain=3 q=1; compressor threshold=-18 ratio=3 attack=10 release=100 knee=1; limiter ceiling=-1"
filters="highpass=f=80,equalizer=f=3000:t=q:w=1:g=3,acompressor=threshold=-18dB:ratio=3:attack=10:release=100:knee=1,alimiter=limit=-1dB:level=disabled"
$cli generate "$work/in.wav" --seconds "$seconds" --signal pink --level -12 --format float32 >/dev/null

: > "$work/times"
for _ in $(seq "$runs"); do
  rm -f "$work/ours.wav"; measure ours $cli process "$work/in.wav" "$work/ours.wav" --chain "$chain" >> "$work/times"
  rm -f "$work/ours1.wav"; measure ours1 $cli process "$work/in.wav" "$work/ours1.wav" --chain "$chain" --threads 1 >> "$work/times"
  rm -f "$work/ff.wav"; measure ffmpeg ffmpeg -nostdin -v error -y -i "$work/in.wav" -af "$filters" -c:a pcm_f32le "$work/ff.wav" >> "$work/times"
  rm -f "$work/ff1.wav"; measure ffmpeg1 ffmpeg -nostdin -v error -y -filter_threads 1 -i "$work/in.wav" -af "$filters" -c:a pcm_f32le "$work/ff1.wav" >> "$work/times"
done

if cmp -s "$work/ours.wav" "$work/ours1.wav"; then
  echo "ours on $(nproc) threads and on 1 thread: identical output"
else
  echo "ours on $(nproc) threads and on 1 thread: OUTPUTS DIFFER"; exit 1
fi

# Same job: the outputs must be close (the dynamics differ in detail, so compare levels, not samples).
echo "mean level: ours $(level "$work/ours.wav") dB, ffmpeg $(level "$work/ff.wav") dB"

ours=$(col ours 2); ours1=$(col ours1 2); ff=$(col ffmpeg 2); ff1=$(col ffmpeg1 2)
ours_cpu=$(col ours 3); ff_cpu=$(col ffmpeg 3); ff1_cpu=$(col ffmpeg1 3)
printf '%ss stereo 48k float, chain "%s": audiopost %s ms (--threads 1: %s ms), ffmpeg %s ms, ffmpeg -filter_threads 1 %s ms (wall, medians of %s)\n' \
  "$seconds" "$chain" "$ours" "$ours1" "$ff" "$ff1" "$runs"
printf 'wall-time ratios: ffmpeg/ours = %sx, ffmpeg(1 thread)/ours = %sx, ffmpeg(1 thread)/ours(1 thread) = %sx\n' \
  "$(ratio "$ff" "$ours")" "$(ratio "$ff1" "$ours")" "$(ratio "$ff1" "$ours1")"
printf 'cpu time (user+sys): audiopost %s ms, ffmpeg %s ms, ffmpeg(1 thread) %s ms -> %sx, %sx\n' \
  "$ours_cpu" "$ff_cpu" "$ff1_cpu" "$(ratio "$ff_cpu" "$ours_cpu")" "$(ratio "$ff1_cpu" "$ours_cpu")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
