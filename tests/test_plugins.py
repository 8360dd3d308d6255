"""Kinds are found through the `disclint.kinds` entry-point group, built-in or not."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

from linter import registry
from linter.errors import ConfigError
from linter.registry import KINDS_GROUP, Registry

BUILTIN = {"required-sections", "forbidden-terms", "header-field", "text-integrity"}


def test_builtin_kinds_come_from_entry_points():
    assert BUILTIN <= set(registry.kinds().names())


def test_a_kind_from_another_module_loads_and_runs(tmp_path, monkeypatch, cli):
    plugin = EntryPoint(name="long-line", value="plugins.sample_kind:LongLine", group=KINDS_GROUP)
    monkeypatch.setitem(registry._REGISTRIES, KINDS_GROUP, Registry(KINDS_GROUP, [
        *registry.kinds()._entry_points.values(), plugin]))
    ruleset = tmp_path / "mine.yaml"
    ruleset.write_text("extends: common\nrules:\n  - id: long-line\n    kind: long-line\n"
                       "    severity: info\n    options: {max_chars: 10}\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("短行\n这一行明显超过了十个字的长度限制\n", encoding="utf-8")
    run = cli("check", "--ruleset", ruleset, "--format", "json", "--fail-on", "info", doc)
    findings = run.json()["files"][0]["findings"]
    assert run.code == 1
    assert [(f["rule"], f["line"], f["column"], f["data"]) for f in findings] == [
        ("long-line", 2, 1, {"length": 16})]
    assert findings[0]["message"] == "行过长（16 字）"


def test_broken_plugin_is_one_clear_error():
    broken = EntryPoint(name="broken", value="plugins.does_not_exist:Kind", group=KINDS_GROUP)
    with pytest.raises(ConfigError, match="plugin 'broken' .* failed to load: ModuleNotFoundError"):
        Registry(KINDS_GROUP, [broken]).load("broken")


def test_two_plugins_claiming_one_name_is_an_error():
    first = EntryPoint(name="x", value="a:B", group=KINDS_GROUP)
    second = EntryPoint(name="x", value="c:D", group=KINDS_GROUP)
    with pytest.raises(ConfigError, match="two plugins register"):
        Registry(KINDS_GROUP, [first, second])


def test_builtin_reporters_come_from_entry_points():
    assert {"text", "json"} <= set(registry.reporters().names())


def test_entry_point_values_are_read_as_importlib_metadata_reads_them():
    """`split_value` reads the usual "module:attr" without a pattern: it must agree with
    importlib.metadata's pattern on every value, usual or not."""
    import random
    import re

    pattern = re.compile(registry._VALUE)

    def expected(value):
        match = pattern.match(value)
        return None if match is None else (match.group("module"), match.group("attr") or "")

    values = ["linter.kinds.text_integrity:TextIntegrity", "a.b:c.d", "pkg", "pkg:", ":attr", "a:b [extra]",
              "a : b", "_:_", ".", "..:..", "模块:类", "a-b:c", "a:b\n", "x²:y"]
    characters = "aZ_.:1é中[]- \t\n²·"
    rng = random.Random(7)
    values += ["".join(rng.choice(characters) for _ in range(rng.randint(0, 8))) for _ in range(20000)]
    for value in values:
        assert registry.split_value(value) == expected(value), value
    assert registry.split_value("linter.kinds.text_integrity:TextIntegrity") == (
        "linter.kinds.text_integrity", "TextIntegrity")
