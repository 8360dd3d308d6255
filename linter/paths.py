"""How paths are shown to users: relative to the current folder when inside it."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: str | os.PathLike) -> str:
    path = Path(path)
    if not path.is_absolute():
        return str(path)
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
