"""How paths are shown to users: relative to the current folder when inside it."""

from __future__ import annotations

import os
from collections.abc import Callable
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


def display_names(folder: str | os.PathLike) -> Callable[[str], str]:
    """`name -> display_path(os.path.join(folder, name))` for the entries of `folder`.

    The folder's part is worked out once, so a walk pays one string join per file.
    `name` is a plain entry name (no separator, never "." or "..").
    """
    path = Path(folder)
    base = str(path)
    if path.is_absolute():
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            relative = ".."
        if relative == os.curdir:  # the current folder: the name alone, unless it starts with ".."
            return lambda name: os.path.join(base, name) if name.startswith("..") else name
        if not relative.startswith(".."):
            base = relative
    elif base == os.curdir:
        return lambda name: name
    prefix = os.path.join(base, "")  # the folder and one separator ("/" stays "/")
    return lambda name: prefix + name
