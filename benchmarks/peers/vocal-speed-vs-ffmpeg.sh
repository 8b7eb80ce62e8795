#!/usr/bin/env bash
# Peer benchmark (issue 8): how fast the vocal-media jobs run, ours against ffmpeg, on the same noisy speech.
# Material: the noise-reduction quality material's espeak-ng speech in pink noise at 10 dB SNR (benchmarks/DenoiseQuality
# `make`), 48 kHz mono float, looped to SECONDS. Two jobs, RUNS times each, interleaved; medians of whole-process wall
# and CPU time, and the ratios ffmpeg / ours:
#   1. noise reduction: `audiopost denoise` (defaults: 12 dB, continuous estimate, hum detection on) against ffmpeg's
#      afftdn at its defaults, with ffmpeg's default filter threading and with -filter_threads 1;
#   2. the podcast chain: `audiopost podcast` (high-pass, de-hum when hum is found, noise reduction, de-ess, EQ,
#      compressor, leveler, then normalization to -16 LUFS / -1 dBTP from a measured first pass) against the nearest
#      ffmpeg chain: highpass, afftdn, deesser, equalizer, acompressor, dynaudnorm (its leveler) and loudnorm (one pass,
#      its dynamic mode, resampled back to 48 kHz). The stages match in kind, not in every detail, so the loudness of
#      both outputs is printed beside the times.
#   usage: benchmarks/peers/vocal-speed-vs-ffmpeg.sh [SECONDS_OF_AUDIO=600] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
runs=${2:-3}
command -v espeak-ng >/dev/null || { echo "espeak-ng is required (apt-get install -y espeak-ng)"; exit 1; }
. benchmarks/peers/peer-common.sh

dotnet build benchmarks/DenoiseQuality -c Release -o artifacts/denoise-quality >/dev/null
dotnet artifacts/denoise-quality/denoise-quality.dll make "$work/material" >/dev/null
ffmpeg -nostdin -v error -y -stream_loop -1 -i "$work/material/pink-10.wav" -t "$seconds" -c:a pcm_f32le "$work/in.wav"
rm -rf "$work/material"

chain="highpass=f=80,afftdn,deesser,equalizer=f=3000:t=q:w=1:g=2,acompressor=threshold=-24dB:ratio=3:attack=10:release=150,dynaudnorm,loudnorm=I=-16:TP=-1"
: > "$work/times"
for _ in $(seq "$runs"); do
  rm -f "$work/d.wav"; measure denoise $cli denoise "$work/in.wav" "$work/d.wav" >> "$work/times"
  rm -f "$work/fd.wav"; measure afftdn ffmpeg -nostdin -v error -y -i "$work/in.wav" -af afftdn -c:a pcm_f32le "$work/fd.wav" >> "$work/times"
  rm -f "$work/fd1.wav"; measure afftdn1 ffmpeg -nostdin -v error -y -filter_threads 1 -i "$work/in.wav" -af afftdn -c:a pcm_f32le "$work/fd1.wav" >> "$work/times"
  rm -f "$work/p.wav"; measure podcast $cli podcast "$work/in.wav" "$work/p.wav" >> "$work/times"
  rm -f "$work/fp.wav"; measure chain ffmpeg -nostdin -v error -y -i "$work/in.wav" -af "$chain" -ar 48000 -c:a pcm_f32le "$work/fp.wav" >> "$work/times"
  rm -f "$work/fp1.wav"; measure chain1 ffmpeg -nostdin -v error -y -filter_threads 1 -i "$work/in.wav" -af "$chain" -ar 48000 -c:a pcm_f32le "$work/fp1.wav" >> "$work/times"
done

lufs() { ffmpeg -nostdin -v info -i "$1" -af ebur128 -f null - 2>&1 | sed -n 's/^ *I: *\(-\?[0-9.]*\) LUFS/\1/p' | tail -1; }
echo "$seconds s of noisy speech (48 kHz mono float); wall and CPU (user+sys) medians of $runs runs, in ms"
echo
echo "| job | ours wall / CPU | ffmpeg wall / CPU | ffmpeg -filter_threads 1 wall / CPU | ffmpeg/ours wall (1 thread) | ffmpeg/ours CPU (1 thread) |"
echo "|---|---|---|---|---|---|"
row() { # label ours ffmpeg ffmpeg1
  local ow oc fw fc f1w f1c
  ow=$(col "$2" 2); oc=$(col "$2" 3); fw=$(col "$3" 2); fc=$(col "$3" 3); f1w=$(col "$4" 2); f1c=$(col "$4" 3)
  echo "| $1 | $ow / $oc | $fw / $fc | $f1w / $f1c | $(ratio "$fw" "$ow") ($(ratio "$f1w" "$ow")) | $(ratio "$fc" "$oc") ($(ratio "$f1c" "$oc")) |"
}
row "noise reduction: denoise vs afftdn" denoise afftdn afftdn1
row "podcast chain vs ffmpeg chain" podcast chain chain1
echo
echo "integrated loudness of the outputs: podcast $(lufs "$work/p.wav") LUFS, ffmpeg chain $(lufs "$work/fp.wav") LUFS (target -16)"
echo "$(ffmpeg -version | head -1 | cut -d' ' -f1-3)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
