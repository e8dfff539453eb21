"""Whether a project's ``kit/`` is the version it claims, file by file (``python -m slicekit
verify``, run by ``make check``).

A project carries the kit unmodified: a team changes what it enforces through configuration
and the reviewed baseline, never by editing the kit, or an edit would vanish at the next
update and the kit would no longer be the version its changelog describes. The manifest
(``kit/MANIFEST.json``) lists each file of the version with its sha256; the template
repository writes it when it cuts a version (``make kit-manifest`` there).

Standard library only. What tools leave in the folder is not the kit: bytecode, caches and
other hidden files, build outputs, installed packages (node_modules).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path

MANIFEST = "MANIFEST.json"
BYTECODE = frozenset({".pyc", ".pyo"})
BUILD_OUTPUTS = frozenset({"build", "dist"})  # where `uv build` and others write, in kit/ itself
# Where pnpm links the kit's npm side's peers (kit/ is a member of the project's pnpm workspace).
INSTALLED = "node_modules"


def kit_files(kit: Path) -> list[str]:
    """The kit's files, as sorted POSIX paths relative to ``kit``: neither the manifest nor
    what tools leave behind."""
    names = []
    for path in kit.rglob("*"):
        relative = path.relative_to(kit)
        if not path.is_file() or relative.as_posix() == MANIFEST or _left_by_tools(relative):
            continue
        names.append(relative.as_posix())
    return sorted(names)


def _left_by_tools(relative: Path) -> bool:
    parts = relative.parts
    return (
        relative.suffix in BYTECODE
        or parts[0] in BUILD_OUTPUTS
        or INSTALLED in parts
        or any(p == "__pycache__" or p.startswith(".") or p.endswith(".egg-info") for p in parts)
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest_text(kit: Path) -> str:
    """The manifest of the folder as it is: the same bytes for the same files, on any machine."""
    project = tomllib.loads((kit / "pyproject.toml").read_text())["project"]
    files = {name: sha256(kit / name) for name in kit_files(kit)}
    content = {"name": project["name"], "version": project["version"], "files": files}
    return json.dumps(content, indent=2) + "\n"  # name, version, then the files in order


def first_difference(kit: Path) -> str | None:
    """The first file, in path order, that is edited, added or missing; None if none is."""
    recorded: dict[str, str] = json.loads((kit / MANIFEST).read_text())["files"]
    present = set(kit_files(kit))
    for name in sorted(present | set(recorded)):
        if name not in present:
            return f"{name} is missing"
        if name not in recorded:
            return f"{name} is added"
        if sha256(kit / name) != recorded[name]:
            return f"{name} is edited"
    return None


def verify(root: Path) -> int:
    """Print one line: the kit is its version, or the first file that differs and what to do."""
    kit = root / "kit"
    if not kit.is_dir():
        print("kit: no kit/ folder, nothing to verify (the kit comes from a package index)")
        return 0
    manifest = kit / MANIFEST
    if not manifest.is_file():
        print(f"kit: kit/{MANIFEST} is missing: kit/ claims no version. {restore('its version')}")
        return 1
    claimed = json.loads(manifest.read_text())
    release = f"{claimed['name']} {claimed['version']}"
    difference = first_difference(kit)
    if difference:
        print(f"kit: kit/{difference}: kit/ is not {release} as released. {restore(release)}")
        return 1
    print(f"kit: {release}, {len(claimed['files'])} files as released")
    return 0


def restore(release: str) -> str:
    return (
        f"Replace kit/ with {release}'s (cruft update brings a newer one) and change what the kit "
        "enforces in configuration (boundaries.baseline.toml, settings), never by editing it"
    )
