"""Write the kit's manifest (``make kit-manifest``), or with ``--check`` fail if it is stale.

The manifest, ``kit/MANIFEST.json``, is the version's list of files and their sha256: a
project's ``make check`` (``python -m slicekit verify``) holds its ``kit/`` to it. Rewrite it
with every change to the kit; the template's tests fail while it is stale. The kit's own code
makes it, so what is written here and what a project verifies are the same list.
"""

import argparse
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent / "{{cookiecutter.project_slug}}" / "kit"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/kit_manifest.py")
    parser.add_argument("--check", action="store_true", help="fail if the manifest is stale")
    parser.add_argument("--kit", type=Path, default=KIT, help="the kit folder (default: ours)")
    args = parser.parse_args(argv)
    kit: Path = args.kit.resolve()
    sys.path.insert(0, str(kit / "src"))  # the kit is not installed in the template's venv
    sys.dont_write_bytecode = True  # a __pycache__ in the template's kit/ would reach every bake
    from slicekit.integrity import MANIFEST, first_difference, manifest_text

    manifest = kit / MANIFEST
    expected = manifest_text(kit)
    if not args.check:
        manifest.write_text(expected)
        print(f"wrote {manifest}")
        return 0
    if manifest.is_file() and manifest.read_text() == expected:
        return 0
    what = first_difference(kit) if manifest.is_file() else f"{MANIFEST} is missing"
    print(f"{manifest} is stale ({what}): run make kit-manifest, and commit it with the change")
    return 1


if __name__ == "__main__":
    sys.exit(main())
