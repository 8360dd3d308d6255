"""Every kind documents itself with fixed headings, and names its real options."""

from __future__ import annotations

import inspect

import pytest

from linter.registry import kinds

HEADINGS = ["What it checks:", "Why:", "Fails:", "Passes:", "Options:"]


@pytest.mark.parametrize("name", ["required-sections", "forbidden-terms", "header-field", "text-integrity"])
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
