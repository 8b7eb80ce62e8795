#!/usr/bin/env bash
# Peer benchmark (issue 6): a 32-track mix, every track high-pass + EQ + compressor, summed to stereo, over
# SECONDS of audio. Ours: `audiopost render` of a session file whose 32 tracks carry those inserts. ffmpeg: the same
# 32 chains (highpass, equalizer, acompressor) into `amix` (normalize=0, so it sums like a bus), with its defaults and
# with -filter_threads 1. Every track plays the same generated stereo file (each tool reads it 32 times, from the page
# cache), so the work is the DSP and the mixing. RUNS times each, interleaved; medians and ratios (ffmpeg / ours).
#   usage: benchmarks/peers/mix32-vs-ffmpeg.sh [SECONDS_OF_AUDIO=600] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
runs=${2:-3}
tracks=32
. benchmarks/peers/peer-common.sh

$cli generate "$work/track.wav" --seconds "$seconds" --signal pink --level -30 --format float32 >/dev/null

# The session: 32 tracks, each the same clip at 00:00:00:00 with the three inserts, gain 0, centred.
{
  echo '{ "sampleRate": 48000, "frameRate": "25", "start": "00:00:00:00", "tracks": ['
  for i in $(seq "$tracks"); do
    sep=$([ "$i" -lt "$tracks" ] && echo , || true)
    echo "  { \"name\": \"t$i\", \"inserts\": [ {\"type\": \"highpass\", \"f\": 80}, {\"type\": \"eq\", \"f\": 3000, \"gain\": 3, \"q\": 1}, {\"type\": \"compressor\", \"threshold\": -18, \"ratio\": 3, \"attack\": 10, \"release\": 100, \"knee\": 1} ], \"clips\": [ { \"file\": \"track.wav\", \"at\": \"00:00:00:00\" } ] }$sep"
  done
  echo '], "output": { "layout": "stereo", "format": "float32" } }'
} > "$work/session.json"

chain="highpass=f=80,equalizer=f=3000:t=q:w=1:g=3,acompressor=threshold=-18dB:ratio=3:attack=10:release=100:knee=1"
inputs=() graph=""
for i in $(seq 0 $((tracks - 1))); do
  inputs+=(-i "$work/track.wav")
  graph+="[$i:a]$chain[a$i];"
done
for i in $(seq 0 $((tracks - 1))); do graph+="[a$i]"; done
graph+="amix=inputs=$tracks:normalize=0[out]"

: > "$work/times"
for _ in $(seq "$runs"); do
  rm -f "$work/ours.wav"; measure ours $cli render "$work/session.json" "$work/ours.wav" >> "$work/times"
  rm -f "$work/ff.wav"; measure ffmpeg ffmpeg -nostdin -v error -y "${inputs[@]}" -filter_complex "$graph" -map "[out]" -c:a pcm_f32le "$work/ff.wav" >> "$work/times"
  rm -f "$work/ff1.wav"; measure ffmpeg1 ffmpeg -nostdin -v error -y -filter_threads 1 -filter_complex_threads 1 "${inputs[@]}" -filter_complex "$graph" -map "[out]" -c:a pcm_f32le "$work/ff1.wav" >> "$work/times"
done

echo "mean level of the mix: ours $(level "$work/ours.wav") dB, ffmpeg $(level "$work/ff.wav") dB"

ours=$(col ours 2); ff=$(col ffmpeg 2); ff1=$(col ffmpeg1 2)
ours_cpu=$(col ours 3); ff_cpu=$(col ffmpeg 3); ff1_cpu=$(col ffmpeg1 3)
printf '%s tracks x %ss stereo 48k float (highpass + eq + compressor each, summed): audiopost %s ms, ffmpeg %s ms, ffmpeg 1 thread %s ms (wall, medians of %s)\n' \
  "$tracks" "$seconds" "$ours" "$ff" "$ff1" "$runs"
printf 'wall-time ratios: ffmpeg/ours = %sx, ffmpeg(1 thread)/ours = %sx\n' "$(ratio "$ff" "$ours")" "$(ratio "$ff1" "$ours")"
printf 'cpu time (user+sys): audiopost %s ms, ffmpeg %s ms, ffmpeg(1 thread) %s ms -> %sx, %sx\n' \
  "$ours_cpu" "$ff_cpu" "$ff1_cpu" "$(ratio "$ff_cpu" "$ours_cpu")" "$(ratio "$ff1_cpu" "$ours_cpu")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
