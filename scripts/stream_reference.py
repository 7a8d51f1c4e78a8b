#!/usr/bin/env python3
"""The README's stream reference, generated from the JSON Schemas in schemas/ (every file there).

    python3 scripts/stream_reference.py           # print the reference
    python3 scripts/stream_reference.py --write   # put it in README.md between its markers

A test keeps README.md equal to the output, so a stream or column added to schemas/ shows up
there once this is run.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = "<!-- stream-reference:start -->"
END = "<!-- stream-reference:end -->"


def column_type(schema: dict) -> str:
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    nullable = "null" in types
    kind = next((t for t in types if t != "null"), "any")
    if kind == "string":
        text = "timestamp" if schema.get("format") == "date-time" else "text"
    elif kind == "array":
        text = "array of " + column_type(schema.get("items", {})).removesuffix(" not null")
    else:
        text = {"number": "number", "integer": "integer", "boolean": "boolean", "object": "object"}.get(kind, kind)
    return text if nullable else text + " not null"


def reference() -> str:
    parts = []
    for path in sorted((ROOT / "schemas").glob("*.json")):
        properties = json.loads(path.read_text(encoding="utf-8"))["properties"]
        rows = "".join(f"| `{name}` | {column_type(schema)} |\n" for name, schema in properties.items())
        parts.append(
            f"<details><summary><code>{path.stem}</code>: {len(properties)} columns</summary>\n\n"
            f"| column | type |\n|---|---|\n{rows}\n</details>\n")
    return "".join(parts)


def main() -> None:
    text = reference()
    if sys.argv[1:] == ["--write"]:
        readme = ROOT / "README.md"
        content = readme.read_text(encoding="utf-8")
        if START not in content or END not in content:
            sys.exit(f"stream_reference.py: README.md lacks the markers {START} and {END}")
        before, rest = content.split(START, 1)
        after = rest.split(END, 1)[1]
        readme.write_text(f"{before}{START}\n{text}{END}{after}", encoding="utf-8")
    elif sys.argv[1:]:
        sys.exit(__doc__)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
