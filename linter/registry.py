"""Plugins: rule kinds and reporters, built-in and third-party, through one door.

Both come from entry points (`disclint.kinds`, `disclint.reporters`); disclint's
own are declared in its pyproject.toml exactly like a plugin's. Entry points are
listed cheaply and imported only when a ruleset or `--format` names them; a
plugin that fails to import is reported on one line naming it.
"""

from __future__ import annotations

from importlib import metadata
from typing import Iterable

from linter.errors import ConfigError

KINDS_GROUP = "disclint.kinds"
REPORTERS_GROUP = "disclint.reporters"


class Registry:
    """Name -> entry point for one group; `load(name)` imports on first use."""

    def __init__(self, group: str, entry_points: Iterable[metadata.EntryPoint] | None = None):
        self.group = group
        self._entry_points: dict[str, metadata.EntryPoint] = {}
        self._loaded: dict[str, object] = {}
        found = metadata.entry_points(group=group) if entry_points is None else entry_points
        for entry_point in found:
            known = self._entry_points.get(entry_point.name)
            if known is not None and known.value != entry_point.value:
                raise ConfigError(f"two plugins register {group} '{entry_point.name}': "
                                  f"{known.value} and {entry_point.value}")
            self._entry_points[entry_point.name] = entry_point

    def names(self) -> list[str]:
        return sorted(self._entry_points)

    def __contains__(self, name: str) -> bool:
        return name in self._entry_points

    def add(self, entry_point: metadata.EntryPoint) -> None:
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
