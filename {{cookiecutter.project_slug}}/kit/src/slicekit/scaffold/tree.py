"""Render a skeleton directory, and write the result all or nothing.

Products and packages are both created this way, so neither can be left
half-written.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from slicekit.scaffold.render import render

SUFFIX = "-tpl"  # a skeleton file's name is its output's name plus this


def render_tree(
    skeleton: Path, context: dict[str, object], *, skip: Collection[str] = ()
) -> Iterator[tuple[Path, str]]:
    """Each skeleton file's output path (relative) and rendered text, in a stable order.

    ``skip`` names top-level directories of the skeleton to leave out.
    """
    for source in sorted(skeleton.rglob(f"*{SUFFIX}")):
        relative = source.relative_to(skeleton)
        if relative.parts[0] in skip:
            continue
        text = render(source.read_text(encoding="utf-8"), context, source=str(relative))
        yield relative.parent / relative.name.removesuffix(SUFFIX), text


def write_tree(target: Path, files: Iterable[tuple[Path, str]]) -> None:
    """Write ``files`` into ``target``, which must not exist yet.

    They are written into a temporary directory next to ``target`` and renamed
    into place only when every one was written (and, from ``render_tree``,
    rendered), so a failure leaves nothing behind.
    """
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        for relative, text in files:
            destination = staging / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(text, encoding="utf-8")
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
