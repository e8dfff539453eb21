"""Create the web app (``frontend/``) from its skeleton.

The template's post-generation hook runs it when the project is baked with a
frontend, before the products: a product gets its own ``frontend/`` only in a
project that has the app (``scaffold.product.has_frontend``).
"""

from __future__ import annotations

import html
from pathlib import Path

from slicekit.names import WEB_APP_DIRECTORY, InvalidName
from slicekit.scaffold.product import project_slug
from slicekit.scaffold.tree import render_tree, write_tree

SKELETON = Path(__file__).parent / "skeleton" / "frontend"


def create_web_app(root: Path, title: str) -> Path:
    """Render the app into ``frontend/`` atomically; return its path."""
    target = root / WEB_APP_DIRECTORY
    if target.exists():
        raise InvalidName(f"cannot create the web app: {target} already exists")
    context: dict[str, object] = {
        "package": f"@{project_slug(root)}/{WEB_APP_DIRECTORY}",
        "project_name": html.escape(title),
    }
    write_tree(target, render_tree(SKELETON, context))
    return target
