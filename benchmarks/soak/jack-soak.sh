#!/usr/bin/env bash
# Soak test (not a unit test): plays a 16-voice mix through a private jackd (dummy driver, so no sound hardware) at
# 128-frame buffers for SECONDS (default 600) and prints xruns, watchdog overruns, load and GC collections in steady
# state. Usage: benchmarks/soak/jack-soak.sh [SECONDS] [BUFFER]
# JACK_REALTIME=1 runs jackd with real-time scheduling (-R; needs root or an rtprio limit), as a production server
# runs; the default --no-realtime lets any other process pre-empt the audio threads.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
buffer=${2:-128}
server="apsoak$$"
command -v jackd >/dev/null || { echo "jackd is not installed (apt-get install jackd2)"; exit 1; }
dotnet build benchmarks/soak -c Release -o artifacts/soak >/dev/null
if [ "${JACK_REALTIME:-0}" = "1" ]; then mode=-R; else mode=--no-realtime; fi
echo "jackd $mode"
jackd "$mode" -n "$server" -d dummy -r 48000 -p "$buffer" >/dev/null 2>&1 &
jackd_pid=$!
# SIGTERM, by process id, so jackd leaves its shared registry clean.
trap 'kill -TERM "$jackd_pid" 2>/dev/null; wait "$jackd_pid" 2>/dev/null || true' EXIT
sleep 2
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
dotnet artifacts/soak/jack-soak.dll "$seconds" "$server"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
