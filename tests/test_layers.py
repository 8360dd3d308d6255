"""Data flows one way: the core never imports the command line or the reporters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LINTER = Path(__file__).resolve().parents[1] / "linter"
OUTER = {"cli.py", "__main__.py", "check.py", "explain.py", "i18n.py", "reporters"}  # the only modules that may
FORBIDDEN = ("linter.cli", "linter.reporters")                            # import the outer layers


def _modules():
    for path in sorted(LINTER.rglob("*.py")):
        if path.relative_to(LINTER).parts[0] not in OUTER:
            yield path


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
