"""Which files a `disclint check PATH...` run looks at.

Folders are walked recursively (sorted, so output order is stable), keeping
files that match the include globs and skipping version-control and virtual
environment folders. Files named on the command line are always checked, unless
an exclude glob matches them (so pre-commit, which names files, honours excludes).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from linter.config import matches
from linter.paths import display_path

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.docx", "*.pdf")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox",
             ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".disclint_cache"}


@dataclass(frozen=True)
class Target:
    path: Path
    display: str
    explicit: bool
    error: str | None = None


def iter_targets(paths: list[str], include: tuple[str, ...] | list[str]) -> Iterator[Target]:
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in _walk(path, include):
                key = os.path.abspath(found)
                if key not in seen:
                    seen.add(key)
                    yield Target(found, display_path(found), explicit=False)
        elif path.exists() or path.is_symlink():
            key = os.path.abspath(path)
            if key not in seen:
                seen.add(key)
                error = None if path.exists() else "broken symbolic link"
                yield Target(path, display_path(path), True, error)
        else:
            yield Target(path, given, True, "no such file or directory")


def _walk(root: Path, include) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if any(matches(name, pattern) for pattern in include):
                yield Path(folder) / name


def is_excluded(path: Path, patterns: list[str], root: Path) -> bool:
    if not patterns:
        return False
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        relative = Path(path).as_posix()
    return any(matches(relative, pattern) for pattern in patterns)
