#!/usr/bin/env bash
# Runs tap-clockify end to end with no Clockify account: builds the tap and the in-repo Clockify
# emulator, starts the emulator on 127.0.0.1, discovers the catalog, syncs every stream, and
# prints what came out. Output lands in ./quickstart-output/.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${PORT:-5055}
out=quickstart-output
mkdir -p "$out"

dotnet build tap-clockify.sln -v quiet -nologo
dotnet tests/Clockify.Emulator/bin/Debug/net10.0/Clockify.Emulator.dll --port "$port" > "$out/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  grep -q "running" "$out/emulator.log" 2>/dev/null && break
  sleep 0.2
done

cat > "$out/config.json" <<JSON
{
  "api_key": "emulator-admin-key",
  "api_url": "http://127.0.0.1:$port/api/v1",
  "reports_url": "http://127.0.0.1:$port/report/v1",
  "start_date": "2025-01-01T00:00:00Z"
}
JSON

tap="dotnet tap-clockify/bin/Debug/net10.0/tap-clockify.dll"
$tap --config "$out/config.json" --discover > "$out/catalog.json"
$tap --config "$out/config.json" --catalog "$out/catalog.json" > "$out/messages.jsonl"
tail -n 1 "$out/messages.jsonl" | sed -e 's/^{"type":"STATE","value":\(.*\)}$/\1/' > "$out/state.json"

echo "Messages by type and stream ($out/messages.jsonl):"
grep -o '"type":"[A-Z_]*","stream":"[a-z_]*"' "$out/messages.jsonl" | sort | uniq -c
echo "Resume from $out/state.json with: $tap --config $out/config.json --catalog $out/catalog.json --state $out/state.json"
