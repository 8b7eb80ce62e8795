# Sourced by the peer scripts after they set `seconds` (and `peer_tools`, any tools they need beyond ffmpeg): checks
# the tools, builds the CLI in Release, makes a scratch folder and defines the timing helpers. The scratch folder is
# in /dev/shm (memory) when it has room, because on a disk the page-cache writeback of gigabytes per run dominates
# and varies by seconds between runs; set WORKDIR to measure on a disk instead.
for tool in ffmpeg /usr/bin/time ${peer_tools:-}; do
  command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install -y ffmpeg time ${peer_tools:-})"; exit 1; }
done

dotnet build src/AudioPost.Cli -c Release -o artifacts/cli-release >/dev/null
cli="dotnet artifacts/cli-release/audiopost.dll"
if [ -z "${WORKDIR:-}" ] && [ -d /dev/shm ] && [ "$(df -k --output=avail /dev/shm | tail -1)" -gt $((seconds * 2000)) ]; then
  WORKDIR=/dev/shm
fi
work=$(mktemp -d -p "${WORKDIR:-${TMPDIR:-/tmp}}")
trap 'rm -rf "$work"' EXIT

now() { date +%s%N; }
cpu_ms() { awk '{printf "%d %d", ($1 + $2) * 1000, $1 * 1000}' "$1"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
measure() { # name, command...  -> "name wall_ms cpu_ms user_ms" (cpu = user + system)
  local name=$1; shift
  local start end
  start=$(now); /usr/bin/time -f "%U %S" -o "$work/cpu" "$@" >/dev/null 2>&1; end=$(now)
  echo "$name $(( (end - start) / 1000000 )) $(cpu_ms "$work/cpu")"
}
col() { grep "^$1 " "$work/times" | cut -d' ' -f"$2" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
level() { ffmpeg -nostdin -v info -i "$1" -af volumedetect -f null - 2>&1 | sed -n 's/.*mean_volume: \(.*\) dB/\1/p'; }
