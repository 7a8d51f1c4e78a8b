#!/usr/bin/env bash
# Builds what a user without .NET installs: per runtime, a self-contained single-file tap-clockify
# in an archive (tar.gz, zip for Windows) with LICENSE and README, and a Python wheel that installs
# the same binary as the `tap-clockify` command (pipx, pip, Meltano's pip_url); then a package index
# of the wheels (artifacts/simple/) for pip's --index-url.
#
#   bash scripts/package.sh [RID...]     (default: every runtime below)
#
# Output goes to artifacts/ (or $ARTIFACTS); publish/<rid>/ keeps each bare binary. Needs the .NET SDK
# and python3; the runtime packs of each RID come from NuGet.
set -euo pipefail
cd "$(dirname "$0")/.."

default_rids=(linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64)
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=("${default_rids[@]}")

project=tap-clockify/tap-clockify.csproj
version=$(dotnet msbuild "$project" -getProperty:Version -nologo)
out=${ARTIFACTS:-artifacts}
mkdir -p "$out"

for rid in "${rids[@]}"; do
  case "$rid" in
    win-*) binary=tap-clockify.exe ;;
    *) binary=tap-clockify ;;
  esac
  name="tap-clockify-$version-$rid"
  publish="$out/publish/$rid"
  staging="$out/staging/$name"
  rm -rf "$publish" "$staging"

  echo "== $rid: publish"
  # Single file with the runtime. The tap's own assemblies are compiled ahead of time (ReadyToRun;
  # the runtime's come so already): --about takes 0.15 s of CPU instead of 0.25. A composite image of
  # runtime and tap (the SDK's default) starts in 0.10 s but takes minutes of CPU to build per
  # runtime. Figures and commands: bench/README.md.
  # Restored into its own folder under obj/: a per-runtime restore in the shared one would make the
  # next plain `dotnet build` restore and compile the tap again.
  dotnet publish "$project" -c Release -r "$rid" --self-contained true -nologo -v quiet \
    -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=false \
    -p:MSBuildProjectExtensionsPath="$PWD/tap-clockify/obj/restore-$rid/" \
    -p:DebugType=none -o "$publish"

  mkdir -p "$staging"
  cp "$publish/$binary" LICENSE README.md "$staging/"
  rm -f "$out/$name.tar.gz" "$out/$name.zip"
  case "$rid" in
    win-*) (cd "$out/staging" && python3 -m zipfile -c "$name.zip" "$name") && mv "$out/staging/$name.zip" "$out/" ; echo "$out/$name.zip" ;;
    *) tar -C "$out/staging" -czf "$out/$name.tar.gz" "$name" ; echo "$out/$name.tar.gz" ;;
  esac

  echo "== $rid: wheel"
  python3 scripts/build_wheel.py wheel --binary "$publish/$binary" --rid "$rid" --version "$version" \
    --readme README.md --license LICENSE --out "$out"
done
rm -rf "$out/staging"

python3 scripts/build_wheel.py index "$out"
