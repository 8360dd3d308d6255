"""Data flows one way: the core never imports the command line or the reporters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LINTER = Path(__file__).resolve().parents[1] / "linter"
CORE = ["source.py", "textmap.py", "normalize.py", "document.py", "structure.py", "dates.py",
        "finding.py", "engine.py", "ruleset.py", "registry.py", "kinds", "formats"]
FORBIDDEN = ("linter.cli", "linter.reporters")


def _modules():
    for name in CORE:
        path = LINTER / name
        yield from (sorted(path.glob("*.py")) if path.is_dir() else [path])


@pytest.mark.parametrize("path", list(_modules()), ids=lambda p: p.name)
def test_core_does_not_import_outer_layers(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
