"""A rule that runs away is stopped, named, and the run goes on."""

from __future__ import annotations

import time
from importlib.metadata import EntryPoint

from linter import engine, registry
from linter.registry import KINDS_GROUP, Registry


def test_runaway_rule_is_stopped_and_named(cli, tmp_path, monkeypatch):
    plugin = EntryPoint(name="sleeper", value="plugins.fix_kinds:Sleeper", group=KINDS_GROUP)
    monkeypatch.setitem(registry._REGISTRIES, KINDS_GROUP, Registry(KINDS_GROUP, [
        *registry.kinds()._entry_points.values(), plugin]))
    monkeypatch.setattr(engine, "RULE_TIME_LIMIT", 0.5)
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text("extends: common\nrules:\n  - id: forever\n    kind: sleeper\n    severity: info\n",
                       encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("机密★\n", encoding="utf-8")
    started = time.monotonic()
    run = cli("check", "--format", "json", "--lang", "en", "--ruleset", ruleset, doc)
    assert time.monotonic() - started < 10
    findings = run.json()["files"][0]["findings"]
    assert [f["rule"] for f in findings] == ["confidential-marker", "internal-error"]
    assert "rule 'forever' (sleeper) failed on this file: it ran longer than 0.5 s" in findings[1]["message"]
