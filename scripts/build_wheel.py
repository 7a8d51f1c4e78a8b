#!/usr/bin/env python3
"""Python wheels that carry the self-contained tap-clockify binary, built with the standard library only.

A wheel is a zip with a fixed layout (the binary distribution format of the Python packaging
specifications): the binary goes in `<name>-<version>.data/scripts/`, which pip and pipx install
as a command in the environment's bin folder (Scripts on Windows), beside a `.dist-info` folder
with METADATA, WHEEL and RECORD. No Python code runs when the command starts.

    build_wheel.py wheel --binary PATH --rid RID --version VERSION --readme README.md --license LICENSE --out DIR
    build_wheel.py index DIR      # DIR/simple/: a package index (PEP 503) of the wheels in DIR, for pip_url
"""
import argparse
import base64
import hashlib
import html
import re
import struct
import sys
import time
import zipfile
from pathlib import Path

DISTRIBUTION = "tap-clockify"
# The file-name form of the distribution name: wheel file names and folder names use underscores.
PROJECT = DISTRIBUTION.replace("-", "_")

# The oldest platform each self-contained .NET 10 binary starts on: an older tag would let pip install a
# binary that cannot start there. Linux: the newest glibc symbol version the binary itself needs, read
# from its ELF version requirements (2.27 for the ReadyToRun single file, whose runtime Microsoft builds
# against old glibc; a Native AOT binary needs what the building machine's glibc gave it, 2.34 on Debian
# 12). macOS: the runtime's Mach-O files say minos 12.0.
LINUX_ARCHITECTURES = {"linux-x64": "x86_64", "linux-arm64": "aarch64"}
PLATFORM_TAGS = {
    "osx-x64": "macosx_12_0_x86_64",
    "osx-arm64": "macosx_12_0_arm64",
    "win-x64": "win_amd64",
}
RUNTIMES = sorted([*LINUX_ARCHITECTURES, *PLATFORM_TAGS])

SHT_GNU_VERNEED = 0x6FFFFFFE


def glibc_floor(binary: Path) -> tuple[int, int]:
    """The newest GLIBC_x.y among the ELF file's version requirements (its .gnu.version_r section)."""
    data = binary.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        sys.exit(f"build_wheel.py: {binary} is not a 64-bit little-endian ELF file, so not a Linux build of the tap")
    section_offset, = struct.unpack_from("<Q", data, 0x28)
    entry_size, count = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, section_offset + i * entry_size) for i in range(count)]
    versions = []
    for _, kind, _, _, offset, _, link, needed, _, _ in sections:
        if kind != SHT_GNU_VERNEED:
            continue
        strings = sections[link][4]
        for _ in range(needed):
            _, aux_count, _, aux, next_needed = struct.unpack_from("<HHIII", data, offset)
            entry = offset + aux
            for _ in range(aux_count):
                _, _, _, name, next_aux = struct.unpack_from("<IHHII", data, entry)
                text = data[strings + name:data.index(b"\0", strings + name)].decode("ascii")
                if match := re.fullmatch(r"GLIBC_(\d+)\.(\d+)", text):
                    versions.append((int(match[1]), int(match[2])))
                entry += next_aux
            offset += next_needed
    if not versions:
        sys.exit(f"build_wheel.py: {binary} needs no GLIBC symbol version, so no manylinux tag fits it")
    return max(versions)


def platform_tag(binary: Path, rid: str) -> str:
    if rid in LINUX_ARCHITECTURES:
        major, minor = glibc_floor(binary)
        return f"manylinux_{major}_{minor}_{LINUX_ARCHITECTURES[rid]}"
    return PLATFORM_TAGS[rid]


def python_version(semver: str) -> str:
    """The tap's SemVer as PEP 440 (1.2.0-rc.1 -> 1.2.0rc1), which pip requires."""
    match = re.fullmatch(r"(\d+\.\d+\.\d+)(?:-(alpha|beta|rc)\.(\d+))?", semver)
    if not match:
        sys.exit(f"build_wheel.py: version {semver!r} is not X.Y.Z or X.Y.Z-alpha.N/-beta.N/-rc.N; pip could not order it")
    release, label, number = match.groups()
    return release + ({"alpha": "a", "beta": "b", "rc": "rc"}[label] + number if label else "")


def record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def metadata(version: str, readme: str) -> str:
    return "\n".join([
        "Metadata-Version: 2.1",
        f"Name: {DISTRIBUTION}",
        f"Version: {version}",
        "Summary: Singer tap for Clockify: time entries, projects, users and more, as a self-contained binary",
        "License: Apache-2.0",
        "Keywords: singer,singer-tap,meltano,clockify,elt",
        "Home-page: https://github.com/tap-clockify/tap-clockify",
        "Classifier: License :: OSI Approved :: Apache Software License",
        "Classifier: Environment :: Console",
        "Description-Content-Type: text/markdown",
        "",
        readme,
    ])


def build_wheel(binary: Path, rid: str, semver: str, readme: Path, license_file: Path, out: Path) -> Path:
    version = python_version(semver)
    tag = f"py3-none-{platform_tag(binary, rid)}"
    dist_info = f"{PROJECT}-{version}.dist-info"
    command = DISTRIBUTION + (".exe" if rid.startswith("win-") else "")
    files = [
        (f"{PROJECT}-{version}.data/scripts/{command}", binary.read_bytes(), 0o755),
        (f"{dist_info}/METADATA", metadata(version, readme.read_text(encoding="utf-8")).encode(), 0o644),
        (f"{dist_info}/LICENSE", license_file.read_bytes(), 0o644),
        (f"{dist_info}/WHEEL", (
            "Wheel-Version: 1.0\n"
            "Generator: tap-clockify scripts/build_wheel.py\n"
            "Root-Is-Purelib: false\n"
            f"Tag: {tag}\n").encode(), 0o644),
    ]
    record = "".join(f"{name},{record_hash(data)},{len(data)}\n" for name, data, _ in files) + f"{dist_info}/RECORD,,\n"
    files.append((f"{dist_info}/RECORD", record.encode(), 0o644))

    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"{PROJECT}-{version}-{tag}.whl"
    stamp = time.localtime(binary.stat().st_mtime)[:6]
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data, mode in files:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            # Unix permissions in the high bits: pip keeps the executable bit of the command.
            entry.external_attr = (0o100000 | mode) << 16
            archive.writestr(entry, data)
    return wheel


def build_index(folder: Path) -> Path:
    """A static simple index (PEP 503) listing every tap-clockify wheel in the folder, with its hash."""
    wheels = sorted(folder.glob(f"{PROJECT}-*.whl"))
    if not wheels:
        sys.exit(f"build_wheel.py: no {PROJECT}-*.whl in {folder}")
    project = folder / "simple" / DISTRIBUTION
    project.mkdir(parents=True, exist_ok=True)
    links = "".join(
        f'<a href="../../{html.escape(w.name)}#sha256={hashlib.sha256(w.read_bytes()).hexdigest()}">{html.escape(w.name)}</a><br>\n'
        for w in wheels)
    (project / "index.html").write_text(f"<!DOCTYPE html>\n<html><body>\n{links}</body></html>\n", encoding="utf-8")
    (folder / "simple" / "index.html").write_text(
        f'<!DOCTYPE html>\n<html><body>\n<a href="{DISTRIBUTION}/">{DISTRIBUTION}</a>\n</body></html>\n', encoding="utf-8")
    return folder / "simple"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    wheel = commands.add_parser("wheel", help="one wheel for one runtime")
    wheel.add_argument("--binary", type=Path, required=True)
    wheel.add_argument("--rid", required=True, choices=RUNTIMES)
    wheel.add_argument("--version", required=True)
    wheel.add_argument("--readme", type=Path, required=True)
    wheel.add_argument("--license", type=Path, required=True)
    wheel.add_argument("--out", type=Path, required=True)
    index = commands.add_parser("index", help="a package index of the wheels in a folder")
    index.add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.command == "wheel":
        print(build_wheel(args.binary, args.rid, args.version, args.readme, args.license, args.out))
    else:
        print(build_index(args.folder))


if __name__ == "__main__":
    main()
