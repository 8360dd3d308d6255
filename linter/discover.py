"""Which files a `disclint check PATH...` run looks at.

Folders are walked recursively (sorted, so output order is stable), keeping
files that match the include globs and skipping version-control and virtual
environment folders. Files named on the command line are always checked, unless
an exclude glob matches them (so pre-commit, which names files, honours excludes).

What cannot be checked is still a target, with its `error` set, so that it is
reported on one line and the run ends with exit code 2: a missing path, a broken
symbolic link, a symbolic link loop (`a -> b -> a`), a FIFO, socket or device
named like a document (never opened, so the run cannot hang on it), and a folder
that cannot be read. Symbolic links to folders are not followed while walking, so
a link back up the tree cannot make the walk endless. Names are shown on one
printable line: newlines, control characters, bidirectional overrides and bytes
that are not valid in the file-system encoding are written as escapes (`\\n`,
`\\xff`, `\\u202e`).
"""

from __future__ import annotations

import errno
import fnmatch
import functools
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from linter.config import matches
from linter.paths import display_names, display_path
from linter.records import NamedTuple

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.docx", "*.pdf")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox",
             ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".disclint_cache"}


class Target(NamedTuple):
    path: Path
    display: str
    explicit: bool
    error: str | None = None


# Target._make without its Python-level call: a walk makes one for every file it finds
_new_target = functools.partial(tuple.__new__, Target)


def iter_targets(paths: list[str], include: tuple[str, ...] | list[str]) -> Iterator[Target]:
    seen: set[str] = set()
    folders: dict[str, tuple[str, Callable[[str], str]]] = {}  # see _named_file
    for given in paths:
        path = Path(given)
        try:
            info, failure = os.stat(path), None
        except OSError as exc:
            info, failure = None, exc
        except ValueError:  # an embedded NUL: no file can have this name
            yield Target(path, printable(given), True, "invalid file name (contains a NUL character)")
            continue
        if info is not None and stat.S_ISDIR(info.st_mode):
            for found, key, shown, error in _walk(path, include):
                if key not in seen:
                    seen.add(key)
                    yield _new_target((found, printable(shown), False, error))
        elif info is not None or os.path.lexists(path):
            key, shown = _named_file(path, folders)
            if key not in seen:
                seen.add(key)
                error = _kind_problem(info) if info is not None else _missing(path, failure)
                yield _new_target((path, printable(shown), True, error))
        else:
            yield Target(path, printable(given), True, _missing(path, failure))


def _named_file(path: Path, folders: dict[str, tuple[str, Callable[[str], str]]]) -> tuple[str, str]:
    """`(os.path.abspath(path), display_path(path))` of a file named on the command line.

    The files named mostly stand in a few folders (a shell's glob, pre-commit's list of
    files): as in a walk (`_folder_files`), each folder's `_folder_names` are worked out
    once, in `folders`, and the file's name joined to them. A file's name
    is never "." or ".." (those are folders), so joining it changes nothing abspath would.
    """
    folder, name = os.path.split(str(path))
    known = folders.get(folder)
    if known is None:
        known = folders[folder] = _folder_names(folder)
    return known[0] + name, known[1](name)


def _folder_names(folder: str) -> tuple[str, Callable[[str], str]]:
    """`(prefix, shown)`: the absolute path of an entry `name` of `folder` is `prefix + name` (a
    name has no separator: the folder's absolute path and one separator, joined once), and its
    display path `shown(name)` (`display_names`)."""
    return os.path.join(os.path.abspath(folder), ""), display_names(folder)


def _walk(root: Path, include) -> Iterator[tuple[Path, str, str, str | None]]:
    """(file, absolute path, display path, problem or None) for the included files under `root`.

    Depth first, each folder's files (sorted) before its subfolders (sorted), as
    `os.walk` would go; symbolic links to folders are not followed; unreadable folders
    come as problems. A plain file's type comes from the folder listing, so only links
    and odd entries cost a `stat`. A folder's absolute and display paths are worked out
    once and its files' names joined to them.
    """
    wanted = _include_matcher(tuple(include))
    pending = [str(root)]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            for found, problem in _folder_errors([error]):
                yield found, os.path.abspath(found), display_path(found), problem
            continue
        files, subfolders = [], []
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if not is_folder:
                if wanted(entry.name):
                    files.append(entry)
            elif entry.name not in SKIP_DIRS and not entry.name.startswith(".") and not entry.is_symlink():
                subfolders.append(entry.path)
        if files:
            yield from _folder_files(folder, sorted(files, key=lambda e: e.name))
        pending.extend(sorted(subfolders, reverse=True))


def _folder_files(folder: str, entries: list[os.DirEntry]) -> Iterator[tuple[Path, str, str, str | None]]:
    """`_walk`'s tuples for the wanted files of one folder, in the order given."""
    parent, (absolute, shown) = Path(folder), _folder_names(folder)
    for entry in entries:
        name = entry.name
        problem = None if entry.is_file(follow_symlinks=False) else _problem(entry.path)
        yield parent / name, absolute + name, shown(name), problem


def _include_matcher(include: tuple[str, ...]):
    """`name -> bool`: does a file name match one of the include globs (as `config.matches`)."""
    plain = [p for p in include if "/" not in p.rstrip("/")]
    other = [p for p in include if p not in plain]
    combined = re.compile("|".join(fnmatch.translate(p.rstrip("/").removeprefix("./")) for p in plain)) \
        if plain else None

    def wanted(name: str) -> bool:
        if combined is not None and combined.match(name):
            return True
        return any(matches(name, pattern) for pattern in other)

    return wanted


def _folder_errors(errors: list[OSError]) -> Iterator[tuple[Path, str]]:
    while errors:
        error = errors.pop(0)
        if error.errno == errno.ENOENT:
            continue  # a folder removed while the walk was going on: nothing left to check in it
        reason = "permission denied" if isinstance(error, PermissionError) else (error.strerror or str(error))
        yield Path(error.filename), f"cannot read folder: {reason}"


def _problem(path: Path) -> str | None:
    """Why `path` cannot be checked, found without opening it (None: it looks like a file)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return _missing(path, exc)
    return _kind_problem(info)


def _kind_problem(info: os.stat_result) -> str | None:
    if stat.S_ISREG(info.st_mode):
        return None
    from linter.source import file_kind

    return f"{file_kind(info.st_mode)}, not a regular file: skipped"


def _missing(path: Path, exc: OSError | None) -> str:
    if exc is None:
        return "no such file or directory"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "broken symbolic link" if os.path.islink(path) else "no such file or directory"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return f"cannot read file: {exc.strerror or exc}"


# Characters that would break a one-line message or change how it is displayed.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _needs_escape(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in _BIDI


def printable(name: str) -> str:
    """`name` on one printable line: the unchanged name when nothing in it needs escaping.

    Otherwise control characters, line separators and bidirectional controls become
    escapes as in a Python string literal (`\\n`, `\\t`, `\\x1b`, `\\u202e`), a byte that is
    not valid in the file-system encoding (held as a lone surrogate by `os.fsdecode`)
    becomes `\\xNN`, and backslashes are doubled so the escapes cannot be confused with
    the name.
    """
    if name.isprintable() or not any(_needs_escape(ch) for ch in name):
        return name  # isprintable() is false for every character that needs an escape
    out = []
    for ch in name:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte itself
            out.append(f"\\x{code - 0xDC00:02x}")
        elif _needs_escape(ch):
            out.append(repr(ch)[1:-1])
        else:
            out.append(ch)
    return "".join(out)


def is_excluded(path: Path, patterns: list[str], root: Path) -> bool:
    if not patterns:
        return False
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        relative = Path(path).as_posix()
    return any(matches(relative, pattern) for pattern in patterns)
