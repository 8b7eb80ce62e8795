#!/usr/bin/env bash
# Peer benchmark: the same 48 -> 44.1 kHz job (stereo float32 WAV, pink noise at -10 dBFS) with our CLI
# (`audiopost convert --sample-rate 44100`, presets high and veryhigh), with sox (`rate -h` = soxr HQ, `rate -v` =
# soxr VHQ) and with ffmpeg's soxr resampler (`aresample=resampler=soxr`, precision 20 = HQ and 28 = VHQ), RUNS times
# each, interleaved; prints wall-time medians and the ratios (peer time / ours). Whole-process wall time including
# start-up. Files live in /dev/shm when it has room (see peer-common.sh). Then it runs the metrics
# test (tests/AudioPost.Sdk.Tests, SoxResamplerPeerTests), which prints ripple / alias rejection / THD+N for ours and
# soxr side by side.
#   usage: benchmarks/peers/resample-vs-soxr.sh [SECONDS_OF_AUDIO=600] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
runs=${2:-3}
peer_tools=sox
. benchmarks/peers/peer-common.sh

sox -D -n -r 48000 -c 2 -e floating-point -b 32 "$work/in.wav" synth "$seconds" pinknoise vol -10dB

: > "$work/times"
for _ in $(seq "$runs"); do
  rm -f "$work/o.wav"; measure ours-high $cli convert "$work/in.wav" "$work/o.wav" --sample-rate 44100 --quality high >> "$work/times"
  rm -f "$work/o.wav"; measure ours-veryhigh $cli convert "$work/in.wav" "$work/o.wav" --sample-rate 44100 --quality veryhigh >> "$work/times"
  rm -f "$work/o.wav"; measure sox-h sox -D "$work/in.wav" -e floating-point -b 32 "$work/o.wav" rate -h 44100 >> "$work/times"
  rm -f "$work/o.wav"; measure sox-v sox -D "$work/in.wav" -e floating-point -b 32 "$work/o.wav" rate -v 44100 >> "$work/times"
  rm -f "$work/o.wav"; measure ffmpeg-soxr20 ffmpeg -nostdin -v error -y -i "$work/in.wav" -af aresample=44100:resampler=soxr:precision=20 -c:a pcm_f32le "$work/o.wav" >> "$work/times"
  rm -f "$work/o.wav"; measure ffmpeg-soxr28 ffmpeg -nostdin -v error -y -i "$work/in.wav" -af aresample=44100:resampler=soxr:precision=28 -c:a pcm_f32le "$work/o.wav" >> "$work/times"
done

get() { col "$1" 2; }
user() { col "$1" 4; }
high=$(get ours-high); vhigh=$(get ours-veryhigh)
soxh=$(get sox-h); soxv=$(get sox-v); ff20=$(get ffmpeg-soxr20); ff28=$(get ffmpeg-soxr28)
audio_s=$seconds
printf '%ss stereo float32 48k -> 44.1k, wall-time medians of %s runs (x real time in brackets):\n' "$seconds" "$runs"
for pair in "audiopost --quality high:$high" "audiopost --quality veryhigh:$vhigh" "sox rate -h (soxr HQ):$soxh" \
            "sox rate -v (soxr VHQ):$soxv" "ffmpeg soxr precision 20:$ff20" "ffmpeg soxr precision 28:$ff28"; do
  name=${pair%%:*}; ms=${pair##*:}
  printf '  %-28s %7s ms  (%sx)\n' "$name" "$ms" "$(awk -v s="$audio_s" -v ms="$ms" 'BEGIN {printf "%.0f", s * 1000 / ms}')"
done
printf 'user CPU medians (ms): high %s, veryhigh %s, sox -h %s, sox -v %s, ffmpeg soxr20 %s, ffmpeg soxr28 %s\n' \
  "$(user ours-high)" "$(user ours-veryhigh)" "$(user sox-h)" "$(user sox-v)" "$(user ffmpeg-soxr20)" "$(user ffmpeg-soxr28)"
printf 'ratios, peer / ours: HQ class: sox -h / high = %sx, ffmpeg soxr20 / high = %sx; VHQ class: sox -v / veryhigh = %sx, ffmpeg soxr28 / veryhigh = %sx\n' \
  "$(ratio "$soxh" "$high")" "$(ratio "$ff20" "$high")" "$(ratio "$soxv" "$vhigh")" "$(ratio "$ff28" "$vhigh")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "metrics (SoxResamplerPeerTests):"
dotnet test tests/AudioPost.Sdk.Tests --filter "FullyQualifiedName~SoxResamplerPeerTests" --logger "console;verbosity=detailed" 2>&1 \
  | grep -E '^ *\||dB$' | sed 's/^ *//' | awk '!seen[$0]++'
