"""Safe fixes: what they produce, that they are idempotent, atomic and keep the file's encoding."""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from importlib.metadata import EntryPoint

import pytest

from conftest import FIXTURES

GOOD = (FIXTURES / "good-report.txt").read_bytes()


def copy(tmp_path, name, target=None):
    path = tmp_path / (target or name)
    shutil.copy(FIXTURES / name, path)
    return path


def test_pinyin_corrupted_copy_comes_back_as_the_clean_simplified_text(cli, tmp_path):
    path = copy(tmp_path, "pinyin-corrupted.txt")
    run = cli("fix", "--no-config", "--lang", "en", path)
    assert path.read_bytes() == GOOD
    assert run.code == 0
    assert "Fixed 135 problems." in run.out  # 134 annotations and the conversion to Traditional


def test_second_run_changes_nothing(cli, tmp_path):
    path = copy(tmp_path, "pinyin-corrupted.txt")
    cli("fix", "--no-config", path)
    mtime = path.stat().st_mtime_ns
    run = cli("fix", "--no-config", "--lang", "en", path)
    assert "Fixed 0 problems." in run.out and path.stat().st_mtime_ns == mtime and path.read_bytes() == GOOD


def test_markup_debris_is_removed_and_the_lost_full_stop_restored(cli, tmp_path):
    path = copy(tmp_path, "markup-debris.txt")
    cli("check", "--fix", "--no-config", path)
    assert path.read_bytes() == GOOD


@pytest.mark.parametrize("codec,bom", [("gb18030", b""), ("utf-8-sig", b""), ("utf-16-be", b"\xfe\xff"),
                                       ("utf-16-le", b"\xff\xfe")])
def test_encoding_bom_and_line_endings_are_kept(cli, tmp_path, codec, bom):
    corrupted = (FIXTURES / "pinyin-corrupted.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "r.txt"
    path.write_bytes(bom + corrupted.encode(codec))
    path.chmod(0o640)
    cli("fix", "--no-config", path)
    expected = GOOD.decode("utf-8").replace("\n", "\r\n")
    assert path.read_bytes() == bom + expected.encode(codec)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_diff_previews_and_changes_nothing(cli, tmp_path):
    path = copy(tmp_path, "markup-debris.txt")
    before = path.read_bytes()
    run = cli("check", "--diff", "--no-config", path)
    assert run.code == 1 and path.read_bytes() == before
    assert run.out.startswith(f"--- a/{path}\n+++ b/{path}\n")
    assert "-发布时间：2016-02-26　来源：江川市人力资源和社会保障局　字体：[大 中 小]" in run.out


def test_read_only_file_is_reported_not_forced(cli, tmp_path):
    path = copy(tmp_path, "markup-debris.txt")
    before = path.read_bytes()
    path.chmod(0o444)
    run = cli("fix", "--no-config", path)
    assert path.read_bytes() == before
    assert f"disclint: {path}: read-only file: not fixed" in run.err
    assert "markup-debris" in run.out  # the findings are still reported


def test_unsafe_fixes_need_opt_in_and_a_fix_that_does_not_recheck_is_refused(cli, tmp_path, monkeypatch):
    from linter import registry
    from linter.registry import KINDS_GROUP, Registry

    plugin = EntryPoint(name="doubling", value="plugins.fix_kinds:Doubling", group=KINDS_GROUP)
    monkeypatch.setitem(registry._REGISTRIES, KINDS_GROUP, Registry(KINDS_GROUP, [
        *registry.kinds()._entry_points.values(), plugin]))
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text("rules:\n  - id: doubled\n    kind: doubling\n    severity: error\n", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("甲乙\n", encoding="utf-8")
    run = cli("fix", "--ruleset", ruleset, path)
    assert path.read_text(encoding="utf-8") == "甲乙\n"  # the fix is unsafe: not applied
    run = cli("fix", "--unsafe-fixes", "--ruleset", ruleset, path)
    assert path.read_text(encoding="utf-8") == "甲乙\n"
    assert "fix refused: the fixed text still has the findings it was meant to fix" in run.err


def test_stdin_fix_prints_the_fixed_text(tmp_path):
    data = (FIXTURES / "pinyin-corrupted.txt").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "linter", "fix", "--no-config", "--stdin",
                           "--stdin-filename", "draft.txt"], input=data, capture_output=True)
    assert proc.stdout == GOOD
    assert proc.returncode == 0


WRITER = """
import sys
from linter.atomic import write_fixed
path, text = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
print("ready", flush=True)
while True:
    write_fixed(path, text, "utf-8")
"""


def test_a_kill_during_the_write_never_leaves_a_truncated_file(tmp_path):
    old = "旧" * 400_000 + "\n"
    new = "新" * 500_000 + "\n"
    path = tmp_path / "report.txt"
    path.write_text(old, encoding="utf-8")
    source = tmp_path / "new.txt"
    source.write_text(new, encoding="utf-8")
    rng = random.Random(7)
    for _ in range(200):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(source)], stdout=subprocess.PIPE)
        proc.stdout.readline()
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert path.read_text(encoding="utf-8") in (old, new)
