#!/usr/bin/env bash
# Appends every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the
# project's PublicAPI.Unshipped.txt, then sorts it. Review the diff before committing: it is
# the record of what the public surface gained.
set -euo pipefail
cd "$(dirname "$0")/.."
# Private scratch files: several checkouts may run this script at the same time.
new=$(mktemp) merged=$(mktemp)
trap 'rm -f "$new" "$merged"' EXIT
for project in src/*/*.csproj; do
  dir=$(dirname "$project")
  dotnet build "$project" --no-incremental -p:TreatWarningsAsErrors=false "-p:WarningsNotAsErrors=RS0016%3BRS0017" 2>/dev/null \
    | grep -E "warning RS0016" | grep -F "[$PWD/$project]" \
    | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*/\1/" \
    | sort -u > "$new" || true
  if [ -s "$new" ]; then
    { cat "$dir/PublicAPI.Unshipped.txt"; cat "$new"; } | grep -v '^#nullable enable$' | sort -u > "$merged"
    { echo '#nullable enable'; cat "$merged"; } > "$dir/PublicAPI.Unshipped.txt"
    echo "$dir: $(wc -l < "$new") symbol(s) added"
  fi
done
