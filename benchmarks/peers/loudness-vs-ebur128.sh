#!/usr/bin/env bash
# Peer benchmark: measure integrated loudness, loudness range and true peak of a long stereo file and a 5.1 file
# with our meter (benchmarks/peers/loudness-meter: the SDK's WAV reader + LoudnessMeter), with a small C program
# over libebur128 in the same modes (benchmarks/peers/loudness-ebur128/ebur128-measure.c: libsndfile +
# EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK) and with ffmpeg's `ebur128=peak=true` filter,
# RUNS times each, interleaved; check that the readings agree and print the medians, the ratios (peer time / ours)
# and the x-real-time figures.
# Whole-process wall time including start-up and file decoding on every side, and CPU time (user + system).
# The inputs are 32-bit float WAV, 48 kHz, made once per run of the script with sox (pink noise, independent per
# channel, brown noise on the LFE, under two slow tremolos so the level moves through the gates), and live in
# /dev/shm (memory) when it has room, so the disk does not take part; set WORKDIR to measure on a disk instead.
# ffmpeg runs with framelog=verbose, which only keeps it from printing a log line per 100 ms at the default
# level; its summary has one decimal, so its readings are taken from one more, untimed run with metadata=1.
# Agreement: our meter runs in LoudnessMeterOptions.LibEbur128Compatible (libebur128's 49-tap windowed-sinc
# true-peak filter and one short-term value a second for LRA), the same modes as the C program, so integrated must
# agree within 0.01 LU, LRA within 0.1 LU and true peak within 0.01 dB of libebur128; ffmpeg's integrated within
# 0.05 LU (its gating works on a 0.01 LU histogram). ffmpeg resamples to 192 kHz with swresample for true peak, whose
# filter keeps the top octave, so on broadband noise it reads a few tenths of a dB higher: printed, not checked
# (EBU Tech 3341 allows +0.2/-0.4 dB). sox runs with -R, so the noise is the same every time.
#   usage: benchmarks/peers/loudness-vs-ebur128.sh [RUNS=3] [STEREO_SECONDS=3600] [SURROUND_SECONDS=600]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
stereo_seconds=${2:-3600}
surround_seconds=${3:-600}
for tool in sox ffmpeg gcc dotnet /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install -y sox ffmpeg gcc time; and the .NET 10 SDK)"; exit 1; }
done
for header in ebur128.h sndfile.h; do
  echo "#include <$header>" | gcc -E -x c - >/dev/null 2>&1 \
    || { echo "$header is missing: apt-get install -y libebur128-dev libsndfile1-dev"; exit 1; }
done

dotnet build benchmarks/peers/loudness-meter -c Release -o artifacts/loudness-meter >/dev/null
ours_tool=artifacts/loudness-meter/loudness-meter
mkdir -p artifacts/loudness-ebur128
gcc -O2 -Wall -Wextra -o artifacts/loudness-ebur128/ebur128-measure \
  benchmarks/peers/loudness-ebur128/ebur128-measure.c -lebur128 -lsndfile -lm
ebur128_tool=artifacts/loudness-ebur128/ebur128-measure

need_kib=$(( (stereo_seconds * 2 + surround_seconds * 6) * 48000 * 4 / 1024 + 65536 ))
if [ -z "${WORKDIR:-}" ] && [ -d /dev/shm ] && [ "$(df -k --output=avail /dev/shm | tail -1)" -gt "$need_kib" ]; then
  WORKDIR=/dev/shm
fi
work=$(mktemp -d -p "${WORKDIR:-${TMPDIR:-/tmp}}")
trap 'rm -rf "$work"' EXIT

now() { date +%s%N; }
cpu_ms() { awk '{printf "%d", ($1 + $2) * 1000}' "$1"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
measure() { # name, file, command...  -> "name file wall_ms cpu_ms"; stdout and stderr kept in $work/name.file.out
  local name=$1 file=$2; shift 2
  local start end
  start=$(now); /usr/bin/time -f "%U %S" -o "$work/cpu" "$@" >"$work/$name.$file.out" 2>&1; end=$(now)
  echo "$name $file $(( (end - start) / 1000000 )) $(cpu_ms "$work/cpu")"
}
json() { # key, file -> the value of "key" in the JSON line of file
  grep -o "\"$1\": [^,}]*" "$2" | head -1 | awk '{print $2}'
}
ffmpeg_meta() { # key, metadata file -> the last value of lavfi.r128.key
  grep "^lavfi.r128.$1=" "$2" | tail -1 | cut -d= -f2
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

load_start=$(load)
sox -R -D -n -r 48000 -c 2 -e floating-point -b 32 "$work/stereo.wav" \
  synth "$stereo_seconds" pinknoise pinknoise tremolo 0.0071 90 tremolo 0.13 50 vol -12dB
sox -R -D -n -r 48000 -c 6 -e floating-point -b 32 "$work/surround.wav" \
  synth "$surround_seconds" pinknoise pinknoise pinknoise brownnoise pinknoise pinknoise tremolo 0.011 80 tremolo 0.29 40 vol -14dB

: > "$work/times"
for _ in $(seq "$runs"); do
  for file in stereo surround; do
    measure ours "$file" "$ours_tool" "$work/$file.wav" >> "$work/times"
    measure libebur128 "$file" "$ebur128_tool" "$work/$file.wav" >> "$work/times"
    measure ffmpeg "$file" ffmpeg -nostdin -hide_banner -nostats -i "$work/$file.wav" \
      -af ebur128=peak=true:framelog=verbose -f null - >> "$work/times"
  done
done
load_end=$(load)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
realtime() { awk -v s="$1" -v ms="$2" 'BEGIN {printf "%.0f", s * 1000 / ms}'; }
diff_abs() { awk -v a="$1" -v b="$2" 'BEGIN {d = a - b; printf "%.4f", d < 0 ? -d : d}'; }
within() { awk -v d="$1" -v t="$2" 'BEGIN {exit !(d <= t)}'; }
status=0
for file in stereo surround; do
  if [ "$file" = stereo ]; then seconds=$stereo_seconds; label="stereo"; else seconds=$surround_seconds; label="5.1"; fi
  bytes=$(stat -c %s "$work/$file.wav")
  # ffmpeg's readings with three decimals, from an untimed run that attaches them to every frame.
  ffmpeg -nostdin -hide_banner -nostats -i "$work/$file.wav" \
    -af "ebur128=peak=true:framelog=verbose:metadata=1,ametadata=mode=print:file=$work/ffmpeg.$file.meta" -f null - >/dev/null 2>&1
  o_i=$(json integrated_lufs "$work/ours.$file.out"); o_lra=$(json loudness_range_lu "$work/ours.$file.out")
  o_tp=$(json true_peak_dbtp "$work/ours.$file.out")
  e_i=$(json integrated_lufs "$work/libebur128.$file.out"); e_lra=$(json loudness_range_lu "$work/libebur128.$file.out")
  e_tp=$(json true_peak_dbtp "$work/libebur128.$file.out")
  f_i=$(ffmpeg_meta I "$work/ffmpeg.$file.meta"); f_lra=$(ffmpeg_meta LRA "$work/ffmpeg.$file.meta")
  f_tp=$(awk -v p="$(ffmpeg_meta true_peak "$work/ffmpeg.$file.meta")" 'BEGIN {printf "%.3f", 20 * log(p) / log(10)}')
  f_summary=$(awk '/^ *I:/ {i=$2} /^ *LRA:/ {l=$2} /^ *Peak:/ {p=$2} END {printf "I %s, LRA %s, peak %s", i, l, p}' "$work/ffmpeg.$file.out")

  printf '\n%s s %s 48 kHz float32 WAV (%s MiB)\n' "$seconds" "$label" "$((bytes / 1048576))"
  printf '  %-11s %16s %8s %15s\n' reading "integrated LUFS" "LRA LU" "true peak dBTP"
  printf '  %-11s %16s %8s %15s\n' audiopost "$o_i" "$o_lra" "$o_tp" libebur128 "$e_i" "$e_lra" "$e_tp" ffmpeg "$f_i" "$f_lra" "$f_tp"
  printf '  (ffmpeg summary of the timed runs: %s)\n' "$f_summary"
  d_ei=$(diff_abs "$o_i" "$e_i"); d_etp=$(diff_abs "$o_tp" "$e_tp"); d_elra=$(diff_abs "$o_lra" "$e_lra")
  d_fi=$(diff_abs "$o_i" "$f_i"); d_ftp=$(diff_abs "$o_tp" "$f_tp")
  verdict=agree
  within "$d_ei" 0.01 && within "$d_elra" 0.1 && within "$d_etp" 0.01 && within "$d_fi" 0.05 || { verdict=DISAGREE; status=1; }
  printf '  |ours - libebur128|: integrated %s LU, LRA %s LU, true peak %s dB; |ours - ffmpeg|: integrated %s LU (true peak %s dB, not checked) -> %s\n' \
    "$d_ei" "$d_elra" "$d_etp" "$d_fi" "$d_ftp" "$verdict"

  for name in ours libebur128 ffmpeg; do
    wall=$(grep "^$name $file " "$work/times" | cut -d' ' -f3 | median)
    cpu=$(grep "^$name $file " "$work/times" | cut -d' ' -f4 | median)
    eval "${name}_wall=$wall ${name}_cpu=$cpu"
    printf '  %-11s wall %7s ms (%5sx real time), cpu %7s ms (%5sx real time)\n' \
      "$([ "$name" = ours ] && echo audiopost || echo "$name")" "$wall" "$(realtime "$seconds" "$wall")" "$cpu" "$(realtime "$seconds" "$cpu")"
  done
  # shellcheck disable=SC2154 # set by the eval above
  printf '  ratios (medians of %s): libebur128/ours wall %sx, cpu %sx; ffmpeg/ours wall %sx, cpu %sx\n' "$runs" \
    "$(ratio "$libebur128_wall" "$ours_wall")" "$(ratio "$libebur128_cpu" "$ours_cpu")" \
    "$(ratio "$ffmpeg_wall" "$ours_wall")" "$(ratio "$ffmpeg_cpu" "$ours_cpu")"
done

printf '\nload average (1/5/15 min): %s at the start, %s at the end\n' "$load_start" "$load_end"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(dotnet --version) SDK; $(ffmpeg -version | head -1 | cut -d' ' -f1-3); libebur128 $(dpkg-query -W -f '${Version}' libebur128-1 2>/dev/null || echo '?')"
exit $status
