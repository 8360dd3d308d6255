"""Baselines: accept today's findings, block only new ones, survive edits elsewhere."""

from __future__ import annotations

import json

from conftest import FIXTURES


def _report(tmp_path):
    doc = tmp_path / "reports" / "a.txt"
    doc.parent.mkdir()
    doc.write_text((FIXTURES / "good-report.txt").read_text(encoding="utf-8").replace(
        "一、加强组织领导\n", "一、加强组织领导\n本节内容仅供内部使用。\n"), encoding="utf-8")
    return doc


def test_lint_baseline_insert_paragraph_lint_again_add_marking(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = _report(tmp_path)
    assert cli("check", "--no-config", doc).code == 1  # 内部使用 is a secrecy finding
    created = cli("baseline", "create", "--no-config", doc)
    assert created.code == 0 and "1" in created.out
    baseline = tmp_path / ".disclint-baseline.json"
    data = json.loads(baseline.read_text(encoding="utf-8"))
    entry = data["files"]["reports/a.txt"][0]
    assert (entry["rule"], entry["count"], entry["data"]) == ("confidential-marker", 1, {"marker": "内部使用"})
    assert "line" not in json.dumps(data) and "time" not in json.dumps(data)

    assert cli("check", "--no-config", "--baseline", baseline, doc).code == 0
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("一、加强组织领导\n", "一、加强组织领导\n新增一段说明文字，位于已接受的问题之前。\n"),
                   encoding="utf-8")
    run = cli("check", "--no-config", "--format", "json", "--baseline", baseline, doc)
    assert run.json()["files"][0]["findings"] == [] and run.code == 0

    doc.write_text(doc.read_text(encoding="utf-8") + "绝密★长期\n", encoding="utf-8")
    run = cli("check", "--no-config", "--format", "json", "--baseline", baseline, doc)
    findings = run.json()["files"][0]["findings"]
    assert [(f["rule"], f["data"]) for f in findings] == [("confidential-marker", {"marker": "绝密★长期"})]
    assert run.code == 1


def test_baseline_file_is_deterministic(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _report(tmp_path)
    cli("baseline", "create", "--no-config", "reports")
    first = (tmp_path / ".disclint-baseline.json").read_bytes()
    cli("baseline", "create", "--no-config", "reports")
    assert (tmp_path / ".disclint-baseline.json").read_bytes() == first


def test_update_reports_and_drops_stale_entries_and_accepts_nothing_new(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = _report(tmp_path)
    cli("baseline", "create", "--no-config", "--lang", "en", doc)
    doc.write_text(doc.read_text(encoding="utf-8").replace("本节内容仅供内部使用。\n", "XX局\n"), encoding="utf-8")
    run = cli("baseline", "update", "--no-config", "--lang", "en", doc)
    assert run.code == 0
    assert "stale: reports/a.txt: confidential-marker" in run.out
    data = json.loads((tmp_path / ".disclint-baseline.json").read_text(encoding="utf-8"))
    assert data["files"] == {}
    assert cli("check", "--no-config", "--baseline", ".disclint-baseline.json", doc).code == 1  # XX局 is new
    cli("baseline", "update", "--no-config", "--accept-new", doc)
    assert cli("check", "--no-config", "--baseline", ".disclint-baseline.json", doc).code == 0


def test_baseline_in_config_and_bad_baseline_file(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = _report(tmp_path)
    (tmp_path / ".disclint.yaml").write_text("baseline: accepted.json\n", encoding="utf-8")
    assert cli("baseline", "create", doc).code == 0
    assert (tmp_path / "accepted.json").exists()
    assert cli("check", doc).code == 0
    (tmp_path / "accepted.json").write_text("{not json", encoding="utf-8")
    run = cli("check", doc)
    assert run.code == 2 and "accepted.json:1: invalid baseline JSON" in run.err
