#!/usr/bin/env bash
# Verifies the NuGet packages as a user receives them. Packs the five shipped packages into a local feed, checks what
# each one holds (assembly, XML docs, README, license, repository, dependencies, symbols), then consumes them outside
# the repository: every sample in samples/ is rebuilt with a PackageReference in place of its ProjectReference and
# run; a console app (build/package-consumer) uses the SndFile, JACK and PortAudio packages; the CLI is installed
# as a dotnet tool from the feed and run. Restores go to a fresh package folder, so nothing comes from a cache
# filled by an earlier build. Exit 0 when everything holds; each failure says what.
#   usage: build/verify-packages.sh            (KEEP=1 keeps the work folder and prints its path)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
if [ "${KEEP:-0}" = "1" ]; then echo "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi
feed=$work/feed
export NUGET_PACKAGES=$work/nuget-packages
failures=0
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }
ok() { echo "ok:     $*"; }

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)
libraries=(AudioPost.Sdk AudioPost.Sdk.Formats.SndFile AudioPost.Sdk.Devices.Jack AudioPost.Sdk.Devices.PortAudio)
for project in "${libraries[@]}" AudioPost.Cli; do
  if ! dotnet pack "src/$project/$project.csproj" -c Release -o "$feed" >"$work/pack-$project.log" 2>&1; then
    cat "$work/pack-$project.log"
    fail "dotnet pack $project"
  fi
done

# What each package holds.
nuspec() { unzip -p "$feed/$1.$version.nupkg" "$1.nuspec"; }
# (Here-strings, not pipes into grep -q: under pipefail, grep's early exit would fail the producer with SIGPIPE.)
has() { grep -qx "$2" <<<"$(unzip -Z1 "$feed/$1.$version.nupkg")"; }
for id in "${libraries[@]}"; do
  [ -f "$feed/$id.$version.nupkg" ] || { fail "$id.$version.nupkg was not produced"; continue; }
  for entry in "lib/net10.0/$id.dll" "lib/net10.0/$id.xml" README.md; do
    has "$id" "$entry" && ok "$id holds $entry" || fail "$id lacks $entry"
  done
  grep -qx "lib/net10.0/$id.pdb" <<<"$(unzip -Z1 "$feed/$id.$version.snupkg" 2>/dev/null)" && ok "$id.snupkg holds the symbols" \
    || fail "$id.snupkg lacks lib/net10.0/$id.pdb"
  spec=$(nuspec "$id")
  grep -q '<license type="expression">MIT</license>' <<<"$spec" && ok "$id: MIT license expression" || fail "$id: no MIT license expression"
  grep -q '<repository type="git"' <<<"$spec" && ok "$id: repository (SourceLink)" || fail "$id: no repository element"
  # Only what the package needs at run time: no test, analyzer or benchmark packages leak into its dependencies.
  if grep -Eiq 'id="(xunit|Microsoft\.NET\.Test|BenchmarkDotNet|FsCheck|SharpFuzz|Microsoft\.CodeAnalysis)' <<<"$spec"; then
    fail "$id depends on a build-time package: $(grep -Eio 'id="[^"]+"' <<<"$spec" | tr '\n' ' ')"
  else
    ok "$id depends on: $(grep -Eo '<dependency id="[^"]+" version="[^"]+"' <<<"$spec" | sed 's/<dependency id="\([^"]*\)" version="\([^"]*\)"/\1 \2/' | paste -sd, -)"
  fi
  if [ "$id" != AudioPost.Sdk ]; then
    grep -q "<dependency id=\"AudioPost.Sdk\" version=\"$version\"" <<<"$spec" && ok "$id depends on AudioPost.Sdk $version" \
      || fail "$id does not depend on AudioPost.Sdk $version"
  fi
done
if [ -f "$feed/AudioPost.Cli.$version.nupkg" ]; then
  has AudioPost.Cli tools/net10.0/any/DotnetToolSettings.xml && has AudioPost.Cli tools/net10.0/any/audiopost.dll \
    && ok "AudioPost.Cli is a dotnet tool package (audiopost)" || fail "AudioPost.Cli is not a dotnet tool package"
else
  fail "AudioPost.Cli.$version.nupkg was not produced"
fi

# Consumers restore AudioPost.* from the feed only, everything else from the registry the repository uses.
registry=$(sed -n 's:.*<add key="[^"]*" value="\([^"]*\)".*:\1:p' nuget.config | head -1)
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="feed" value="$feed" />
    <add key="registry" value="$registry" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="feed"><package pattern="AudioPost.*" /></packageSource>
    <packageSource key="registry"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
EOF

# A project as 'dotnet new console' makes it, with the given package references and extra properties.
consumer() { # folder, properties, package ids...
  local folder=$1 properties=$2
  shift 2
  mkdir -p "$folder"
  {
    echo '<Project Sdk="Microsoft.NET.Sdk">'
    echo "  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable>$properties</PropertyGroup>"
    echo '  <ItemGroup>'
    for id in "$@"; do echo "    <PackageReference Include=\"$id\" Version=\"$version\" />"; done
    echo '  </ItemGroup>'
    echo '</Project>'
  } >"$folder/$(basename "$folder").csproj"
}

run_consumer() { # folder, description
  if (cd "$1" && dotnet run -c Release >"$1.log" 2>&1); then
    ok "$2"
  else
    tail -20 "$1.log"
    fail "$2"
  fi
}

# Every sample, against the packages. Properties a sample sets itself (GameHost's runtime settings) are kept.
for sample in samples/*/; do
  name=$(basename "$sample")
  properties=$(sed -n '/<PropertyGroup>/,/<\/PropertyGroup>/p' "$sample/$name.csproj" | grep -Eo '<([A-Za-z]+)>[^<]*</\1>' \
    | grep -Ev '^<(OutputType|RootNamespace)>' | tr -d '\n')
  references=$(grep -o 'src\\[^\\]*\\' "$sample/$name.csproj" | sed 's/src\\\(.*\)\\/\1/')
  # shellcheck disable=SC2086
  consumer "$work/samples/$name" "$properties" $references
  cp "$sample"*.cs "$work/samples/$name/"
  run_consumer "$work/samples/$name" "sample $name builds and runs against the packages ($(echo $references))"
done

consumer "$work/package-consumer" "" AudioPost.Sdk.Formats.SndFile AudioPost.Sdk.Devices.Jack AudioPost.Sdk.Devices.PortAudio
cp "$root/build/package-consumer/Program.cs" "$work/package-consumer/"
run_consumer "$work/package-consumer" "an application uses the SndFile, JACK and PortAudio packages"
grep -E '^(ok|FAILED):' "$work/package-consumer.log" | sed 's/^/        /'

# The CLI as users install it.
if (cd "$work" && dotnet tool install AudioPost.Cli --version "$version" --tool-path "$work/tools" >"$work/tool.log" 2>&1) \
  && "$work/tools/audiopost" generate "$work/tone.flac" --seconds 1 --json >/dev/null \
  && grep -q '"frames": 48000' <<<"$("$work/tools/audiopost" info "$work/tone.flac" --json)"; then
  ok "dotnet tool install AudioPost.Cli; audiopost generate writes FLAC and info reads it back"
else
  cat "$work/tool.log"
  fail "dotnet tool install AudioPost.Cli and run audiopost"
fi

if [ "$failures" -eq 0 ]; then
  echo "package verification: passed"
else
  echo "package verification: $failures failed"
fi
[ "$failures" -eq 0 ]
