"""Discovery and reading of awkward files: each problem is one line, the run goes on, exit code 2."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from linter import discover
from linter.discover import iter_targets, printable
from linter.errors import InputError
from linter.source import read_bytes

MARKED = "机密★10年\n".encode("utf-8")


def targets(*paths, include=("*.txt",)):
    return {t.display: t.error for t in iter_targets([str(p) for p in paths], include)}


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- discovery ---------------------------------------------------------------------


def test_symlink_loop_named_on_the_command_line(here):
    os.symlink("b.txt", "a.txt")
    os.symlink("a.txt", "b.txt")
    assert targets("a.txt") == {"a.txt": "symbolic link loop"}


def test_symlink_loop_found_in_a_folder_and_a_link_to_a_parent_folder(here):
    (here / "docs").mkdir()
    (here / "docs" / "ok.txt").write_bytes(MARKED)
    os.symlink("y.txt", here / "docs" / "x.txt")
    os.symlink("x.txt", here / "docs" / "y.txt")
    os.symlink("..", here / "docs" / "up")  # a folder link back up the tree is not followed
    os.symlink("gone.txt", here / "docs" / "broken.txt")
    assert targets("docs") == {"docs/broken.txt": "broken symbolic link", "docs/ok.txt": None,
                               "docs/x.txt": "symbolic link loop", "docs/y.txt": "symbolic link loop"}


def test_a_folder_symlink_loop(here):
    os.symlink("d2", "d1")
    os.symlink("d1", "d2")
    assert targets("d1") == {"d1": "symbolic link loop"}


def test_fifo_is_skipped_with_a_line_and_never_opened(here):
    os.mkfifo("pipe.txt")
    (here / "ok.txt").write_bytes(MARKED)
    found = targets(".")
    assert found == {"ok.txt": None, "pipe.txt": "a FIFO (named pipe), not a regular file: skipped"}
    assert targets("pipe.txt") == {"pipe.txt": "a FIFO (named pipe), not a regular file: skipped"}


def test_unreadable_folder_is_reported(here, monkeypatch):
    (here / "docs" / "locked").mkdir(parents=True)
    (here / "docs" / "ok.txt").write_bytes(MARKED)
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert targets("docs") == {"docs/locked": "cannot read folder: permission denied", "docs/ok.txt": None}


def test_names_are_shown_on_one_printable_line():
    assert printable("年度报告 2023.txt") == "年度报告 2023.txt"  # nothing to escape: unchanged
    assert printable("a\\b.txt") == "a\\b.txt"
    assert printable("new\nline.txt") == "new\\nline.txt"
    assert printable("tab\there\r.txt") == "tab\\there\\r.txt"
    assert printable(os.fsdecode(b"bad\xff\xfe.txt")) == "bad\\xff\\xfe.txt"
    assert printable("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert printable("a\\b\n.txt") == "a\\\\b\\n.txt"  # once escaping, backslashes are doubled
    assert printable("esc\x1b[31m.txt") == "esc\\x1b[31m.txt"


def test_nul_in_a_name_is_an_error_not_a_crash():
    assert targets("a\0b.txt") == {"a\\x00b.txt": "invalid file name (contains a NUL character)"}


# -- reading -----------------------------------------------------------------------


def test_reading_a_fifo_does_not_block(here):
    os.mkfifo("pipe.txt")
    with pytest.raises(InputError, match="FIFO"):
        read_bytes("pipe.txt")


def test_reading_a_symlink_loop(here):
    os.symlink("b.txt", "a.txt")
    os.symlink("a.txt", "b.txt")
    with pytest.raises(InputError, match="^a.txt: symbolic link loop$"):
        read_bytes("a.txt")


def refuse_opening(monkeypatch, name: str) -> None:
    """Make opening files called `name` fail with EACCES (the tests run as root, who may read anything)."""
    real = os.open

    def refuse(path, *args, **kwargs):
        if os.fspath(path).endswith(name):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)


def test_permission_denied_when_opening(here, monkeypatch):
    (here / "secret.txt").write_bytes(MARKED)
    refuse_opening(monkeypatch, "secret.txt")
    with pytest.raises(InputError, match="^secret.txt: permission denied$"):
        read_bytes("secret.txt")


def test_a_directory_is_not_read(here):
    (here / "d.txt").mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_bytes("d.txt")


# -- whole runs --------------------------------------------------------------------


def test_unreadable_files_each_one_line_and_the_run_goes_on(cli, here, monkeypatch):
    (here / "ok.txt").write_bytes(MARKED)
    (here / "secret.txt").write_bytes(MARKED)
    os.mkfifo("pipe.txt")
    os.symlink("loop2.txt", "loop1.txt")
    os.symlink("loop1.txt", "loop2.txt")
    (here / "new\nline.txt").write_bytes(MARKED)
    (here / os.fsdecode(b"bad-\xff\xfe.txt")).write_bytes(MARKED)
    (here / "with space.txt").write_bytes(MARKED)
    refuse_opening(monkeypatch, "secret.txt")
    run = cli("check", "--no-config", "--lang", "en", "--format", "json", ".")
    assert run.code == 2
    assert sorted(lines(run.err)) == [
        "disclint: loop1.txt: symbolic link loop",
        "disclint: loop2.txt: symbolic link loop",
        "disclint: pipe.txt: a FIFO (named pipe), not a regular file: skipped",
        "disclint: secret.txt: permission denied",
    ]
    files = {f["path"]: f for f in run.json()["files"]}
    assert set(files) == {"bad-\\xff\\xfe.txt", "loop1.txt", "loop2.txt", "new\\nline.txt", "ok.txt",
                          "pipe.txt", "secret.txt", "with space.txt"}
    for name in ("bad-\\xff\\xfe.txt", "new\\nline.txt", "ok.txt", "with space.txt"):
        assert [f["rule"] for f in files[name]["findings"]] == ["confidential-marker"]
    assert run.json()["summary"]["unchecked"] == 4


def test_text_output_names_stay_on_one_line(cli, here):
    (here / "new\nline.txt").write_bytes(MARKED)
    run = cli("check", "--no-config", "--lang", "en", "--no-source", "new\nline.txt")
    assert run.code == 1
    assert run.out.splitlines()[0].startswith("new\\nline.txt:1:1: error confidential-marker")


def test_a_file_deleted_after_discovery(cli, here, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        (here / name).write_bytes(MARKED)
    from linter import check

    def discover_then_delete(paths, include):
        found = list(discover.iter_targets(paths, include))
        os.unlink("b.txt")  # gone between discovery and reading
        yield from found

    monkeypatch.setattr(check, "iter_targets", discover_then_delete)
    run = cli("check", "--no-config", "--lang", "en", "--no-source", ".")
    assert run.code == 2
    assert lines(run.err) == ["disclint: b.txt: no such file or directory"]
    assert [line.split(":")[0] for line in run.out.splitlines()[:2]] == ["a.txt", "c.txt"]


def test_missing_path_keeps_its_message(cli, here):
    run = cli("check", "--no-config", "missing.txt")
    assert (run.code, lines(run.err)) == (2, ["disclint: missing.txt: no such file or directory"])


def test_walk_is_sorted_and_skips_hidden_and_tool_folders(here):
    for name in ("b.txt", "a.txt", ".hidden/x.txt", "node_modules/y.txt", "sub/c.txt"):
        path = here / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(MARKED)
    assert list(targets(".")) == ["a.txt", "b.txt", "sub/c.txt"]


def test_explicit_file_given_twice_is_checked_once(here):
    (here / "a.txt").write_bytes(MARKED)
    assert [t.display for t in iter_targets(["a.txt", str(Path("a.txt").resolve()), "."], ("*.txt",))] == ["a.txt"]


def test_a_walked_file_is_known_by_its_absolute_path_however_its_folder_is_spelled(here):
    for name in ("docs/a.txt", "docs/sub/b.txt"):
        (here / name).parent.mkdir(parents=True, exist_ok=True)
        (here / name).write_bytes(MARKED)
    for folder in (".", "./", "docs", "docs/", "./docs//sub", "docs/sub/..", str(here), f"{here}/", f"{here}//docs"):
        walked = list(discover._walk(Path(folder), ("*.txt",)))
        assert walked, folder
        assert [key for _, key, _, _ in walked] == [os.path.abspath(found) for found, _, _, _ in walked], folder
