"""The real crawled report at ../shared/specimen/, when that folder exists."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import SPECIMEN_DIR

SPECIMENS = sorted(SPECIMEN_DIR.glob("*.txt")) if SPECIMEN_DIR.is_dir() else []


@pytest.mark.skipif(not SPECIMENS, reason="../shared/specimen/ is not present in this checkout")
@pytest.mark.parametrize("path", SPECIMENS, ids=lambda p: p.name)
def test_specimen(cli, path):
    run = cli("check", "--format", "json", path)
    report = run.json()["files"][0]
    rules = Counter(f["rule"] for f in report["findings"])
    for absent in ("missing-section", "missing-publish-date", "missing-source", "confidential-marker",
                   "internal-error"):
        assert rules[absent] == 0, report["findings"]
    assert rules["pinyin-annotation"] > 0
    assert rules["markup-debris"] > 0
    assert report["encoding"] == "utf-8"
    assert run.code == 1


@pytest.mark.skipif(not SPECIMENS, reason="../shared/specimen/ is not present in this checkout")
def test_specimen_known_corruption_positions(cli):
    path = SPECIMEN_DIR / "ogi-annual-report-2012-civil-affairs.txt"
    if not path.exists():
        pytest.skip("the 2012 civil-affairs specimen is not present")
    lines = path.read_text(encoding="utf-8").split("\n")
    findings = cli("check", "--format", "json", path).json()["files"][0]["findings"]
    debris = [f for f in findings if f["rule"] == "markup-debris"]
    assert {f["data"]["debris"] for f in debris} >= {"?! ?/p>", "字体:[ ]"}
    for finding in findings:
        line = lines[finding["line"] - 1]
        if finding["rule"] == "pinyin-annotation":
            assert line[finding["column"] - 1:finding["end_column"] - 1] == finding["data"]["annotation"]
    # 140 annotations in the crawled text, each reported once
    assert sum(f["rule"] == "pinyin-annotation" for f in findings) == 140


@pytest.mark.skipif(not SPECIMENS, reason="../shared/specimen/ is not present in this checkout")
def test_specimen_comes_back_clean_with_fix(cli, tmp_path):
    import shutil

    for path in SPECIMENS:
        copy = tmp_path / path.name
        shutil.copy(path, copy)
        copy.chmod(0o644)  # shared/ is read-only
        assert cli("fix", "--no-config", copy).code == 0
        report = cli("check", "--no-config", "--format", "json", "--fail-on", "info", copy).json()["files"][0]
        assert report["findings"] == [], report["findings"]
        text = copy.read_text(encoding="utf-8")
        assert "(xiàn)" not in text and "?/p>" not in text and "發" not in text
        assert "做到件件有落实,事事有回音。" in text
