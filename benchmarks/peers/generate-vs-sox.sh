#!/usr/bin/env bash
# Peer benchmark: render the same test signal to a 24-bit stereo WAV with our CLI
# (`audiopost generate`, through the graph's offline renderer) and with sox (`synth`),
# RUNS times each, interleaved, and print the medians and the ratio (sox time / ours).
# Whole-process wall time, so both sides pay their start-up (the .NET runtime's is ~60 ms).
# sox runs with -D (no dither): we do not dither, so neither side does that work.
#   usage: benchmarks/peers/generate-vs-sox.sh [SECONDS_OF_AUDIO=600] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
runs=${2:-5}
command -v sox >/dev/null || { echo "sox is required (apt-get install -y sox)"; exit 1; }

dotnet build src/AudioPost.Cli -c Release -o artifacts/cli-release >/dev/null
cli="dotnet artifacts/cli-release/audiopost.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

measure() { # name, command...
  local name=$1; shift
  local start end
  start=$(now); "$@" >/dev/null 2>&1; end=$(now)
  echo "$name $(( (end - start) / 1000000 ))"
}

for job in tone pink; do
  : > "$work/times"
  for _ in $(seq "$runs"); do
    if [ "$job" = tone ]; then
      measure ours $cli generate "$work/ours.wav" --signal tone --frequency 1000 --level -20 --seconds "$seconds" --channels 2 --format pcm24 >> "$work/times"
      measure sox sox -D -n -r 48000 -c 2 -b 24 "$work/sox.wav" synth "$seconds" sine 1000 vol -20dB >> "$work/times"
    else
      measure ours $cli generate "$work/ours.wav" --signal pink --level -20 --seconds "$seconds" --channels 2 --format pcm24 >> "$work/times"
      measure sox sox -D -n -r 48000 -c 2 -b 24 "$work/sox.wav" synth "$seconds" pinknoise vol -20dB >> "$work/times"
    fi
  done
  ours=$(grep '^ours ' "$work/times" | cut -d' ' -f2 | median)
  peer=$(grep '^sox ' "$work/times" | cut -d' ' -f2 | median)
  ratio=$(awk -v a="$peer" -v b="$ours" 'BEGIN {printf "%.2f", a / b}')
  printf '%-5s %4ss stereo 48k/24: audiopost %6s ms, sox %6s ms (medians of %s) -> sox/ours = %sx\n' "$job" "$seconds" "$ours" "$peer" "$runs" "$ratio"
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
