"""Every kind documents itself with fixed headings, and names its real options."""

from __future__ import annotations

import inspect

import pytest

from linter.registry import kinds

HEADINGS = ["What it checks:", "Why:", "Fails:", "Passes:", "Options:"]


BUILTIN = sorted(name for name in kinds().names()
                 if kinds()._entry_points[name].value.startswith("linter."))


def test_the_builtin_kinds_are_all_registered():
    assert len(BUILTIN) >= 11


@pytest.mark.parametrize("name", BUILTIN)
def test_kind_docstring(name):
    kind = kinds().load(name)
    doc = inspect.cleandoc(kind.__doc__ or "")
    positions = [doc.find(h) for h in HEADINGS]
    assert all(p >= 0 for p in positions), (name, positions)
    assert positions == sorted(positions)
    options_text = doc[positions[-1]:]
    for field in kind.Options.model_fields:
        assert field in options_text, f"{name}: option '{field}' is not documented"
    assert kind.name == name
    assert kind.Options.model_config.get("extra") == "forbid"
