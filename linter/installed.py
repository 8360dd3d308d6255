"""Where an installed package is, found without importing it (nor `importlib.util`, which costs a millisecond)."""

from __future__ import annotations

import os


def package_folder(name: str) -> str | None:
    """The folder of the installed top-level package `name`; None when it is not installed."""
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec(name)  # the sys.path entries, as `import` searches them
    if spec is None:
        import importlib.util  # a package installed through an import hook (an editable install)

        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return list(spec.submodule_search_locations)[0]
    return os.path.dirname(spec.origin) if spec.origin else None
