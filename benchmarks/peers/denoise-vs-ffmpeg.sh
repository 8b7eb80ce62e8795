#!/usr/bin/env bash
# Peer comparison (issue 8): noise-reduction quality of `audiopost denoise` against ffmpeg's afftdn and anlmdn at their
# defaults, on clean espeak-ng speech (about 5 s after 1 s of noise only, 48 kHz mono) mixed with white, pink, 50 Hz
# hum (8 harmonics) and babble (five other espeak voices) at 0, 5, 10 and 20 dB SNR (whole-file SNR). Ours runs twice:
# with the continuous noise estimate, and with the profile learned from the first second (--profile 0-1), both at
# the default reduction (12 dB) unless REDUCTION is set. Measures (benchmarks/DenoiseQuality, the same code as
# DenoiseQualityTests): SNR gain = SNR of the output against the clean speech after aligning the latency
# (cross-correlation) and a least-squares gain, minus the same for the input; segmental SNR (20 ms, clamped to
# [-10, 35] dB); log-spectral distance to the clean speech (0-8 kHz, speech-active frames). Prints a markdown table,
# then the oracle bounds (`denoise-quality ceiling`): what gains computed from the true noise can reach on each noise.
#   usage: benchmarks/peers/denoise-vs-ffmpeg.sh            (REDUCTION=24 benchmarks/peers/denoise-vs-ffmpeg.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=10
reduction=${REDUCTION:-12}
command -v espeak-ng >/dev/null || { echo "espeak-ng is required (apt-get install -y espeak-ng)"; exit 1; }
. benchmarks/peers/peer-common.sh

dotnet build benchmarks/DenoiseQuality -c Release -o artifacts/denoise-quality >/dev/null
quality="dotnet artifacts/denoise-quality/denoise-quality.dll"
$quality make "$work"

echo "| noise | SNR in | input segSNR / LSD | ours: ΔSNR / segSNR / LSD | ours + profile | afftdn | anlmdn |"
echo "|---|---|---|---|---|---|---|"
declare -A sum
for noise in white pink hum babble; do
  for snr in 0 5 10 20; do
    in="$work/$noise-$snr.wav"
    $cli denoise "$in" "$work/ours.wav" --reduction "$reduction" >/dev/null
    $cli denoise "$in" "$work/profile.wav" --reduction "$reduction" --profile 0-1 >/dev/null
    ffmpeg -nostdin -v error -y -i "$in" -af afftdn -c:a pcm_f32le "$work/afftdn.wav"
    ffmpeg -nostdin -v error -y -i "$in" -af anlmdn -c:a pcm_f32le "$work/anlmdn.wav"
    row="| $noise | $snr dB |"
    first=1
    for tool in ours profile afftdn anlmdn; do
      read -r snr_in gain seg lsd _ seg_in lsd_in < <($quality measure "$work/clean.wav" "$in" "$work/$tool.wav")
      if [ $first = 1 ]; then row="$row $seg_in / $lsd_in |"; first=0; fi
      row="$row $gain / $seg / $lsd |"
      sum[$noise-$tool]=$(awk -v a="${sum[$noise-$tool]:-0}" -v b="$gain" 'BEGIN {print a + b}')
    done
    echo "$row"
  done
done
echo
for noise in white pink hum babble; do
  printf '%s mean SNR gain: ours %.2f dB, ours + profile %.2f dB, afftdn %.2f dB, anlmdn %.2f dB\n' "$noise" \
    "$(awk -v s="${sum[$noise-ours]}" 'BEGIN {print s / 4}')" "$(awk -v s="${sum[$noise-profile]}" 'BEGIN {print s / 4}')" \
    "$(awk -v s="${sum[$noise-afftdn]}" 'BEGIN {print s / 4}')" "$(awk -v s="${sum[$noise-anlmdn]}" 'BEGIN {print s / 4}')"
done
echo
echo "Oracle bounds of STFT-gain noise reduction on the same files (mean SNR gain in dB; see OracleCeilings.cs):"
$quality ceiling "$work" "$reduction"
echo
echo "reduction $reduction dB; $(ffmpeg -version | head -1 | cut -d' ' -f1-3); espeak-ng $(espeak-ng --version | cut -d' ' -f4)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
