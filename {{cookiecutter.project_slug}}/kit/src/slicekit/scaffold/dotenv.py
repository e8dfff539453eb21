"""Write the local ``.env`` from ``.env.example`` with a fresh ``SECRET_KEY``."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path


def write_env(root: Path) -> bool:
    """Create ``root/.env`` unless it exists; return whether it was written."""
    target = root / ".env"
    if target.exists():
        return False
    example = (root / ".env.example").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^SECRET_KEY=.*$", f"SECRET_KEY={secrets.token_urlsafe(50)}", example)
    staging = target.with_name(".env.tmp")
    staging.write_text(text, encoding="utf-8")
    staging.chmod(0o600)
    os.replace(staging, target)
    return True
