"""The path of a run over unchanged files: walk, read, key, batched cache lookup, text output.

Each shortcut taken there must give what the plain way gives: a folder's display
names joined once equal `display_path` of each file, reading to the size `fstat`
gave still reads a file that grew, a batched lookup equals one lookup per key
(a damaged entry is a miss), batched checking equals checking one file at a time,
and the text reporter's window of a wide line is the one measured slice by slice.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from linter import cache, check, resultcache
from linter.discover import DEFAULT_INCLUDE, iter_targets, printable
from linter.errors import InputError
from linter.paths import display_names, display_path
from linter.reporters import text
from linter.session import RunOptions, Session
from linter.source import _read_up_to, read_bytes
from linter.textmap import display_width

MARKED = "机密★10年\n正文。\n".encode("utf-8")
CLEAN = "正文。\n".encode("utf-8")


@pytest.fixture
def result_cache(tmp_path, monkeypatch):
    """A result cache of this test's own, in a fresh database handle."""
    cache.configure(directory=tmp_path / "cache")
    monkeypatch.setattr(resultcache, "_db", resultcache._Database())
    yield tmp_path / "cache" / resultcache.DATABASE
    cache.configure()


def make_docs(root: Path) -> Path:
    """A small tree: files with and without findings, a binary one, a subfolder."""
    docs = root / "docs"
    (docs / "sub").mkdir(parents=True)
    for index in range(7):
        (docs / f"r{index}.txt").write_bytes(MARKED if index % 2 else CLEAN)
    (docs / "binary.txt").write_bytes(b"\0\1\2" * 100)
    (docs / "sub" / "s.txt").write_bytes(MARKED)
    return docs


# -- walking: display names --------------------------------------------------------


def test_display_names_of_a_folder_are_display_path_of_each_file(tmp_path, monkeypatch):
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "docs")
    names = ["a.txt", "..b.txt", "...", "c d.txt", "new\nline.txt", "中文.txt"]
    folders = [".", "./", "sub", "./sub", "sub/", "sub/../sub", "..", "../docs", "../docs/sub", "/",
               str(tmp_path), str(tmp_path / "docs"), str(tmp_path / "docs" / "sub"), f"{tmp_path}//docs",
               f"/{tmp_path}/docs", f"{tmp_path}/docs/."]
    for folder in folders:
        shown = display_names(folder)
        for name in names:
            assert shown(name) == display_path(os.path.join(folder, name)), (folder, name)


def test_walked_targets_are_shown_as_display_path_shows_them(tmp_path, monkeypatch):
    docs = make_docs(tmp_path)
    (docs / "..odd.txt").write_bytes(CLEAN)
    (docs / "tab\tname.txt").write_bytes(CLEAN)
    monkeypatch.chdir(docs)
    spellings = [["."], ["sub"], [str(docs)], [str(docs / "sub")], [str(tmp_path)], [".."], ["../docs/"],
                 [".", "r1.txt", "sub", str(docs / "r2.txt")]]
    for paths in spellings:
        targets = list(iter_targets(paths, DEFAULT_INCLUDE))
        assert targets, paths
        for target in targets:
            assert isinstance(target.path, Path)
            assert target.display == printable(display_path(target.path)), (paths, target)
        absolute = [os.path.abspath(t.path) for t in targets]
        assert len(absolute) == len(set(absolute)), paths  # each file once


def test_a_file_asked_for_again_gets_its_own_folders_configuration(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".disclint.yaml").write_text("lang: en\n", encoding="utf-8")
    session, fresh = Session(RunOptions()), Session(RunOptions())
    paths = [Path("a/x.txt"), Path("b/y.txt"), Path("a/z.txt")]
    for path in paths + paths[::-1]:  # each path object asked for twice in a row, then again later
        assert session.config_for(path) is session.config_for(path)
        assert session.config_for(path).path == fresh.config_for(Path(str(path))).path
    assert session.config_for(paths[1]).model.lang == "en" and session.config_for(paths[0]).model.lang != "en"


# -- reading -----------------------------------------------------------------------


def test_reading_goes_on_past_the_size_fstat_gave(tmp_path):
    path = tmp_path / "grown.txt"
    path.write_bytes(bytes(range(256)) * 1000)
    descriptor = os.open(path, os.O_RDONLY)
    try:
        assert _read_up_to(descriptor, 10, 10**6) == path.read_bytes()  # the file grew after fstat
        os.lseek(descriptor, 0, os.SEEK_SET)
        assert _read_up_to(descriptor, 10, 70_000) == path.read_bytes()[:70_000]  # never past the limit
        os.lseek(descriptor, 0, os.SEEK_SET)
        assert _read_up_to(descriptor, 10**6, 10**7) == path.read_bytes()  # the file shrank
    finally:
        os.close(descriptor)


def test_a_file_of_the_size_fstat_gave_is_read_in_one_call(tmp_path, monkeypatch):
    import linter.source as source

    reads = []
    real = os.read
    monkeypatch.setattr(source.os, "read", lambda fd, size: reads.append(size) or real(fd, size))
    for size in (0, 1, 6000, 70_000):
        path = tmp_path / f"{size}.txt"
        path.write_bytes(b"x" * size)
        reads.clear()
        assert read_bytes(str(path)) == b"x" * size
        assert reads == [size + 1]  # one read, asking one byte more than there is


def test_reading_empty_and_limit_sized_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "full.txt").write_bytes(b"x" * 1024)
    (tmp_path / "over.txt").write_bytes(b"x" * 1025)
    assert read_bytes(str(tmp_path / "empty.txt")) == b""
    assert read_bytes(str(tmp_path / "full.txt"), "full.txt", 1024) == b"x" * 1024
    with pytest.raises(InputError, match=r"^over.txt: file too large \(0.0 MiB, limit 0 MiB\)$"):
        read_bytes(str(tmp_path / "over.txt"), "over.txt", 1024)


# -- the result cache: one query for many keys -------------------------------------


def stored_results(docs: Path) -> dict[bytes, object]:
    """Lint each file of `docs`, store its result; the stored results by key."""
    from linter.engine import check_file

    session = Session(RunOptions(no_config=True))
    stored = {}
    for target in iter_targets([str(docs)], DEFAULT_INCLUDE):
        config = session.config_for(target.path)
        choice = session.choice_for(target.path, config)
        data = target.path.read_bytes()
        key = resultcache.key(data, target.display, choice, "en", None, (), 0.0)
        result = check_file(str(target.path), target.display, choice, "en", data=data)
        if result.error is None:  # results that are errors are never stored
            resultcache.store(key, result)
            stored[key] = result
    resultcache.flush()
    return stored


def test_a_batched_lookup_equals_one_lookup_per_key(tmp_path, result_cache):
    stored = stored_results(make_docs(tmp_path))
    keys = list(stored)
    damaged, missing = keys[2], b"\x01" * 20
    with sqlite3.connect(result_cache) as db:
        value = db.execute("SELECT value FROM results WHERE key = ?", (damaged,)).fetchone()[0]
        db.execute("UPDATE results SET value = ? WHERE key = ?", (value[:-1] + bytes([value[-1] ^ 1]), damaged))
    asked = keys + [missing, keys[0]]  # a key no file has, and one asked for twice
    one_by_one = [resultcache.load(key) for key in asked]
    batched = list(resultcache.load_many(asked))
    assert batched == one_by_one
    assert [result is None for result in batched] == [key in (damaged, missing) for key in asked]
    for key, result in zip(asked, batched):
        if result is not None:
            assert result.to_json() == stored[key].to_json()


def test_a_batched_lookup_in_several_queries(tmp_path, result_cache, monkeypatch):
    stored = stored_results(make_docs(tmp_path))
    monkeypatch.setattr(resultcache, "_LOOKUP", 2)
    keys = list(stored) + [b"\x02" * 20]
    assert list(resultcache.load_many(keys)) == list(stored.values()) + [None]
    assert list(resultcache.load_many([])) == []


def test_a_batched_lookup_without_a_usable_database_misses_every_key(tmp_path, result_cache, monkeypatch):
    stored = stored_results(make_docs(tmp_path))
    monkeypatch.setattr(resultcache, "_db", resultcache._Database())
    resultcache._db.broken = True  # as after a failed query, or a database that could not be opened
    assert list(resultcache.load_many(list(stored))) == [None] * len(stored)


def test_a_batched_lookup_that_fails_is_a_miss_and_stops_the_cache(tmp_path, result_cache):
    stored = stored_results(make_docs(tmp_path))

    class Busy:
        def execute(self, *args):
            raise sqlite3.OperationalError("database is locked")

        def close(self):
            pass

    resultcache._db.connection = Busy()
    assert list(resultcache.load_many(list(stored))) == [None] * len(stored)
    assert resultcache._db.broken and resultcache._db.connection is None


def test_keys_read_by_a_batched_lookup_are_marked_used(tmp_path, result_cache):
    stored = stored_results(make_docs(tmp_path))
    with sqlite3.connect(result_cache) as db:
        db.execute("UPDATE results SET used = 1")
    list(resultcache.load_many(list(stored)))
    assert sorted(resultcache.drain_touched()) == sorted(stored)


def test_a_stored_value_reads_back_as_the_very_records_it_was_made_of():
    from linter.finding import Edit, Finding, Fix, Severity
    from linter.keptlines import KeptLines
    from linter.result import FileResult

    fix = Fix((Edit(0, 1, "甲"), Edit(4, 4, "")), "unsafe", True)
    findings = (Finding("a.txt", "rule-a", Severity.ERROR, "消息", 1, 1, 1, 2, {"term": "机密"}),
                Finding("a.txt", "rule-b", Severity.INFO, "m", 2, 3, 2, 4, {}, {"page": 2}, "f" * 20, fix),
                Finding("a.txt", "rule-c", Severity.WARNING, "m", 2, 5, 2, 6, {"n": [1, 2]}, None, "e" * 20))
    result = FileResult("a.txt", findings, "gov", "utf-8", "text", None, "默认", KeptLines([0, 3], 9, {1: "ab\n"}))
    back = resultcache.result_of_value(resultcache.value_of(result, b"k"))
    assert type(back) is FileResult and back[:-1] == result[:-1]
    for made, read in zip(findings, back.findings):
        assert type(read) is Finding and tuple(read) == tuple(made)  # (a tuple's == also compares the fix)
        assert read.severity is made.severity
    assert type(back.findings[1].fix) is Fix and {type(edit) for edit in back.findings[1].fix.edits} == {Edit}
    assert (back.lines.starts, back.lines.length, back.lines.texts) == ([0, 3], 9, {1: "ab\n"})


# -- checking in batches -----------------------------------------------------------


def checked(docs: Path, batched: bool) -> list[tuple[str, object]]:
    """(display, result) for each file of `docs`, checked in batches or one at a time."""
    session = Session(RunOptions(no_config=True))
    targets = [(target, None) for target in iter_targets([str(docs), str(docs / "gone.txt")], DEFAULT_INCLUDE)]
    if batched:
        pairs = check._checked_in_order(session, iter(targets), "en", None, None)
        return [(target.display, result) for (target, _), result in pairs]
    return [(target.display, check._checked(session, target, None, "en", None, None)) for target, _ in targets]


def test_checking_in_batches_equals_checking_one_file_at_a_time(tmp_path, result_cache, monkeypatch):
    docs = make_docs(tmp_path)
    monkeypatch.setattr(check, "READ_AHEAD_FILES", 3)
    cache.configure(enabled=False)
    expected = checked(docs, batched=False)
    cache.configure(directory=tmp_path / "cache")
    cold = checked(docs, batched=True)
    resultcache.flush()
    warm = checked(docs, batched=True)
    assert cold == warm == expected
    assert [display for display, _ in expected][-1].endswith("gone.txt")
    errors = {display: result.error for display, result in expected if result.error}
    assert len(errors) == 2  # the binary file and the missing one
    assert any(result.findings for _, result in expected)


def test_a_warm_batch_lints_only_what_the_cache_cannot_answer(tmp_path, result_cache, monkeypatch):
    from linter import engine

    docs = make_docs(tmp_path)
    monkeypatch.setattr(check, "READ_AHEAD_BYTES", 50)  # a batch ends after a few small files
    cold = checked(docs, batched=True)
    resultcache.flush()
    (docs / "r3.txt").write_bytes(CLEAN)  # changed: a new key
    linted = []
    real = engine.check_file

    def counting(path, *args, **kwargs):
        linted.append(os.path.basename(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(engine, "check_file", counting)
    warm = checked(docs, batched=True)
    assert linted == ["binary.txt", "r3.txt"]  # an error (not a text document) is never stored
    assert [d for d, _ in warm] == [d for d, _ in cold]
    assert dict(warm)[str(docs / "r3.txt").removeprefix(os.getcwd() + os.sep)].findings == ()


def test_a_run_in_small_batches_prints_what_a_run_in_one_batch_prints(cli, tmp_path, monkeypatch):
    make_docs(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(resultcache, "_db", resultcache._Database())
    arguments = ("check", "--no-config", "--lang", "en", "--cache-dir", str(tmp_path / "cache"), "docs")
    whole = cli(*arguments)
    monkeypatch.setattr(check, "READ_AHEAD_FILES", 2)
    small = cli(*arguments)
    plain = cli(*arguments[:4], "--no-cache", "docs")
    assert (whole.code, whole.out, whole.err) == (small.code, small.out, small.err) == \
        (plain.code, plain.out, plain.err)
    assert whole.code == 2 and "confidential-marker" in whole.out


# -- the text reporter: windows of wide lines --------------------------------------


def window_by_slices(line: str, start: int) -> tuple[int, int]:
    """The window as measured slice by slice (the reporter's first way)."""
    left = start
    while left > 0 and display_width(line[left - 1:start]) <= 25:
        left -= 1
    right = left
    while right < len(line) and display_width(line[left:right + 1]) <= 100:
        right += 1
    return left, right


@pytest.mark.parametrize("line", [
    "a" * 300,
    "政" * 300,
    "报告" * 40 + "abc " * 60 + "，。" * 50,
    "x" * 99 + "宽",
    "混合 mixed 文本\u3000全角　text " * 20,
])
def test_the_window_of_a_wide_line_is_the_one_measured_slice_by_slice(line):
    assert text._width(line) == display_width(line)
    assert text._wider_than(line, 100) == (display_width(line) > 100)
    shown, wide, running = text._prepared(line)
    assert shown == line and wide and running == [display_width(line[:i]) for i in range(len(line) + 1)]
    for start in sorted({0, 1, 5, 24, 25, 26, 50, 99, 100, 101, len(line) - 1, len(line), len(line) + 3}):
        # cut by the line's running widths (as the reporter does for a line up to RUNNING_LIMIT), and without
        assert text._window(line, start, running) == text._window(line, start) == window_by_slices(line, start), start


def test_a_line_over_the_running_limit_is_measured_around_each_finding():
    line = "报告 text\t" * (text.RUNNING_LIMIT // 7)
    shown, wide, running = text._prepared(line)
    assert shown == line.replace("\t", " ") and wide and running is None
    for start in (0, 30, text.RUNNING_LIMIT - 10, len(shown) - 1, len(shown)):
        assert text._window(shown, start) == window_by_slices(shown, start)


def underlined(source: str, caret: str) -> str:
    """The characters of a snippet's source line that its caret line marks (by terminal cells)."""
    marked, cells = [], 0
    for char in source:
        if caret[cells:cells + 1] == "^":
            marked.append(char)
        cells += display_width(char)
    return "".join(marked)


def test_findings_on_one_wide_line_each_get_their_window(cli, tmp_path):
    """The line is prepared once for all its findings; each still shows its own window and caret."""
    markers = ["机密★10年", "草稿", "内部资料"]
    body = "，".join(("正文" * 20 + marker) for marker in markers * 3) + "。\n"
    (tmp_path / "r.txt").write_text("标题\n" + body, encoding="utf-8")
    out = cli("check", "--no-config", "--no-cache", "--lang", "en", str(tmp_path / "r.txt")).out.splitlines()
    shown = [(head, source, caret) for head, source, caret in zip(out, out[1:], out[2:]) if source.startswith("2 | ")]
    assert len(shown) == 6
    for head, source, caret in shown:
        assert display_width(source) <= len("2 | ") + 100 and caret.startswith("  | ")
        assert f"'{underlined(source[4:], caret[4:])}'" in head
