#!/usr/bin/env bash
# Runs tap-clockify end to end with no Clockify account: builds the tap and the in-repo Clockify
# emulator, starts the emulator on 127.0.0.1, discovers the catalog, syncs every stream, and
# shows what came out. Everything lands in ./quickstart-output/: the build's and the tap's logs
# too, so the terminal shows only the result. Needs the .NET SDK and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${PORT:-5055}
out=quickstart-output
mkdir -p "$out"

echo "Building the tap and the emulator (log: $out/build.log)..."
if ! dotnet build tap-clockify.sln -v quiet -nologo > "$out/build.log" 2>&1; then
  tail -n 20 "$out/build.log" >&2
  echo "The build failed; the whole log is $out/build.log" >&2
  exit 1
fi

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
echo "Discovering the catalog and syncing every stream from the emulator on 127.0.0.1:$port (log: $out/tap.log)..."
if ! { $tap --config "$out/config.json" --discover > "$out/catalog.json" &&
       $tap --config "$out/config.json" --catalog "$out/catalog.json" > "$out/messages.jsonl"; } 2> "$out/tap.log"; then
  grep -v 'METRIC: ' "$out/tap.log" | tail -n 5 >&2
  echo "The tap failed; its log is $out/tap.log" >&2
  exit 1
fi

python3 - "$out" <<'PY'
import collections, json, sys
out = sys.argv[1]
messages = [json.loads(line) for line in open(f"{out}/messages.jsonl", encoding="utf-8")]
records = collections.Counter(m["stream"] for m in messages if m["type"] == "RECORD")
print(f"\nRecords written per stream ({out}/messages.jsonl):")
for stream, count in sorted(records.items()):
    print(f"  {stream:<20} {count:>6}")
sample = next(m["record"] for m in messages if m["type"] == "RECORD" and m["stream"] == "time_entries")
print("\nOne time_entries record:")
print(json.dumps(sample, indent=2))
state = [m for m in messages if m["type"] == "STATE"][-1]["value"]
with open(f"{out}/state.json", "w", encoding="utf-8") as file:
    json.dump(state, file)
print(f"\nThe final STATE, in short (the whole of it: {out}/state.json):")
for stream, bookmark in state.get("bookmarks", {}).items():
    partitions = bookmark.get("partitions")
    if partitions:
        values = sorted(p["replication_key_value"] for p in partitions if p.get("replication_key_value"))
        span = f", bookmarks {values[0]} to {values[-1]}" if values else ""
        print(f"  {stream:<20} {len(partitions)} partitions (a user in a workspace){span}")
    else:
        print(f"  {stream:<20} {json.dumps(bookmark)}")
PY

cat <<TEXT

Next:
  the next sync, from that state (only newer time entries, plus the lookback):
    $tap --config $out/config.json --catalog $out/catalog.json --state $out/state.json > $out/next.jsonl
  the tap's log lines (stream by stream, with timings and METRIC lines): $out/tap.log
  your own account: put your API key in a copy of config.example.json, then run the same commands
  with it; README.md, "Run against Clockify", shows them with the installed tap-clockify.
TEXT
