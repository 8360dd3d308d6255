"""Plugins: rule kinds, readers and reporters, built-in and third-party, through one door.

All come from entry points (`disclint.kinds`, `disclint.readers`,
`disclint.reporters`); disclint's own are declared in its pyproject.toml exactly
like a plugin's. Entry points are listed cheaply and imported only when a ruleset,
a file or `--format` names them; a plugin that fails to import is reported on one
line naming it.

Listing entry points means importing importlib.metadata and reading every
installed distribution's metadata, which costs more than the rest of start-up.
The table (group -> [(name, "module:attr")]) is therefore kept in the start-up
cache (linter.cache), keyed by what installing, upgrading or removing a package
changes and a `stat` can see: the `*.dist-info`, `*.egg-info` and `*.egg` entries
of every folder on `sys.path` and the size and modification time of their
`entry_points.txt`. A newly installed plugin adds such an entry, so it is seen
on the next run.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from collections.abc import Iterable

from linter import cache
from linter.errors import ConfigError

KINDS_GROUP = "disclint.kinds"
REPORTERS_GROUP = "disclint.reporters"
READERS_GROUP = "disclint.readers"
KNOWN_GROUPS = (KINDS_GROUP, READERS_GROUP, REPORTERS_GROUP)

_VALUE = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"  # importlib.metadata's


def split_value(value: str) -> tuple[str, str] | None:
    """(module, attribute path) of an entry point's value, read as importlib.metadata reads it
    ("" when it names a module); None when it is malformed.

    The usual "module:attr" is read with `str.partition`: `[\\w.]+` holds exactly the non-empty
    texts that are alphanumeric (`str.isalnum`, as `re` defines `\\w`) once the dots and
    underscores are taken out. Anything else (white space, extras) goes to the pattern, which
    is compiled only then.
    """
    module, colon, attr = value.partition(":")
    if _is_dotted_word(module) and (not colon or _is_dotted_word(attr)):
        return module, attr
    match = re.match(_VALUE, value)
    return None if match is None else (match.group("module"), match.group("attr") or "")


def _is_dotted_word(text: str) -> bool:
    """Whether `text` matches `[\\w.]+` (re, str pattern) in full."""
    return bool(text) and (text.replace(".", "").replace("_", "").isalnum() or not text.strip("._"))


class PluginEntry:
    """An entry point as listed in the cache: `name`, `value` ("module:attr"), `group`, `load()`."""

    __slots__ = ("name", "value", "group")

    def __init__(self, name: str, value: str, group: str) -> None:
        self.name, self.value, self.group = name, value, group

    def load(self):
        """Import the module and return the attribute, as importlib.metadata.EntryPoint.load does."""
        parts = split_value(self.value)
        if parts is None:
            raise ValueError(f"malformed entry point value {self.value!r}")
        module = importlib.import_module(parts[0])
        attributes = filter(None, parts[1].split("."))
        return functools.reduce(getattr, attributes, module)

    def __repr__(self) -> str:
        return f"PluginEntry(name={self.name!r}, value={self.value!r}, group={self.group!r})"


class Registry:
    """Name -> entry point for one group; `load(name)` imports on first use.

    `entry_points` are objects with `name`, `value` and `load()` (such as
    importlib.metadata.EntryPoint); by default the installed ones.
    """

    def __init__(self, group: str, entry_points: Iterable | None = None):
        self.group = group
        self._entry_points: dict[str, object] = {}
        self._loaded: dict[str, object] = {}
        found = installed(group) if entry_points is None else entry_points
        for entry_point in found:
            known = self._entry_points.get(entry_point.name)
            if known is not None and known.value != entry_point.value:
                raise ConfigError(f"two plugins register {group} '{entry_point.name}': "
                                  f"{known.value} and {entry_point.value}")
            self._entry_points[entry_point.name] = entry_point

    def names(self) -> list[str]:
        return sorted(self._entry_points)

    def table(self) -> tuple[tuple[str, str], ...]:
        """(name, "module:attr") of every entry, sorted: what a cache key of loaded plugins needs."""
        return tuple(sorted((name, entry.value) for name, entry in self._entry_points.items()))

    def __contains__(self, name: str) -> bool:
        return name in self._entry_points

    def add(self, entry_point) -> None:
        """Register one more entry point (used by tests and embedding code)."""
        self._entry_points[entry_point.name] = entry_point

    def load(self, name: str):
        if name in self._loaded:
            return self._loaded[name]
        entry_point = self._entry_points.get(name)
        if entry_point is None:
            known = ", ".join(self.names()) or "none (is disclint installed? run: pip install -e .)"
            raise ConfigError(f"unknown {self.group.split('.')[-1][:-1]} '{name}' (known: {known})")
        try:
            loaded = entry_point.load()
        except Exception as exc:  # a broken plugin must not crash the run with a traceback
            raise ConfigError(f"plugin '{name}' ({entry_point.value}) failed to load: "
                              f"{type(exc).__name__}: {exc}") from None
        self._loaded[name] = loaded
        return loaded


_REGISTRIES: dict[str, Registry] = {}


def registry(group: str) -> Registry:
    if group not in _REGISTRIES:
        _REGISTRIES[group] = Registry(group)
    return _REGISTRIES[group]


def kinds() -> Registry:
    return registry(KINDS_GROUP)


def reporters() -> Registry:
    return registry(REPORTERS_GROUP)


# -- the installed entry points, through the cache ---------------------------------------------

_TABLE: dict[str, list[tuple[str, str]]] | None = None


def installed(group: str) -> list[PluginEntry]:
    """The installed entry points of `group`, in importlib.metadata's order."""
    global _TABLE
    if _TABLE is None or group not in _TABLE:
        stamp = distributions_stamp()
        groups = tuple(sorted(set(KNOWN_GROUPS) | set(_TABLE or ()) | {group}))
        entry_key = cache.key("entry-points", cache.python_tag(), groups, stamp)
        table = cache.load("entry-points", entry_key)
        if not _is_table(table, groups):
            table = _scan(groups)
            cache.store("entry-points", entry_key, table)
        _TABLE = table
    return [PluginEntry(name, value, group) for name, value in _TABLE[group]]


def only_own_installed() -> bool:
    """Whether the installed plugins are known to be disclint's own only (each a `linter.`
    module), so that no other plugin's code can have run in this process."""
    return _TABLE is not None and all(value.startswith("linter.") for pairs in _TABLE.values() for _, value in pairs)


def _is_table(table, groups) -> bool:
    return isinstance(table, dict) and all(
        isinstance(table.get(group), list) and all(isinstance(pair, tuple) and len(pair) == 2
                                                   for pair in table[group]) for group in groups)


def _scan(groups: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    from importlib import metadata  # the slow part: only when the installed packages changed

    return {group: [(ep.name, ep.value) for ep in metadata.entry_points(group=group)] for group in groups}


_METADATA_SUFFIXES = (".dist-info", ".egg-info", ".egg")


def distributions_stamp() -> tuple:
    """What `stat` can tell about the installed distributions on `sys.path`, in path order."""
    stamp = []
    for entry in sys.path:
        folder = entry or os.getcwd()
        try:
            names = sorted(os.listdir(folder))
        except NotADirectoryError:  # a zip file on sys.path
            stamp.append(cache.file_stamps([folder]))
            continue
        except OSError:
            continue
        for name in names:
            lowered = name.lower()
            if not lowered.endswith(_METADATA_SUFFIXES):
                continue
            inner = ("EGG-INFO", "entry_points.txt") if lowered.endswith(".egg") else ("entry_points.txt",)
            stamp.append(cache.file_stamps([os.path.join(folder, name, *inner)]))
    return tuple(stamp)
