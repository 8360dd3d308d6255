"""Files named on the command line: shown and told apart as `display_path` and `abspath` would."""

from __future__ import annotations

import os
from pathlib import Path

from linter.discover import DEFAULT_INCLUDE, _named_file, iter_targets
from linter.paths import display_path


def test_a_named_file_is_shown_and_keyed_as_display_path_and_abspath(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "out").mkdir()
    for name in ("a.txt", "..b.txt", "sub/c.txt", "out/d.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    given = ["c.txt", "./c.txt", "../a.txt", "../sub/../a.txt", str(tmp_path / "a.txt"), str(tmp_path / "..b.txt"),
             str(tmp_path / "sub" / "c.txt"), "..//out/d.txt", "../..b.txt", "/", str(tmp_path / "sub" / "..c.txt")]
    folders: dict = {}
    for name in given + given:  # (the second time from what the first left in `folders`)
        path = Path(name)
        assert _named_file(path, folders) == (os.path.abspath(path), display_path(path)), name


def test_a_file_named_twice_in_two_spellings_is_one_target(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    targets = list(iter_targets(["a.txt", "./a.txt", str(tmp_path / "a.txt"), "gone.txt"], DEFAULT_INCLUDE))
    assert [(t.display, t.explicit, t.error) for t in targets] == [
        ("a.txt", True, None), ("gone.txt", True, "no such file or directory")]
