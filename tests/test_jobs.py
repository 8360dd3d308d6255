"""`--jobs`: worker processes give exactly the output of one process, in the same order."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zlib

import pytest

from conftest import ROOT

from linter import resultcache
from linter.check import PARALLEL_THRESHOLD


def run(*args):
    return subprocess.run([sys.executable, "-m", "linter", "check", "--no-config", "--lang", "en", *args, "fixtures"],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_2_equals_jobs_1(fmt):
    files = len([p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".txt", ".md", ".html", ".docx", ".pdf")])
    assert files >= PARALLEL_THRESHOLD  # or the pool would not start
    one, two = run("--format", fmt, "--jobs", "1"), run("--format", fmt, "--jobs", "2")
    assert one.returncode == two.returncode == 2  # fixtures/formats holds an encrypted PDF
    assert two.stdout == one.stdout and two.stderr == one.stderr
    assert one.stdout.count("confidential-marker") >= 6


@pytest.mark.parametrize("value,message", [("0", "--jobs must be at least 1"), ("many", "--jobs takes a number")])
def test_bad_jobs_value(cli, value, message):
    result = cli("check", "--jobs", value, str(ROOT / "fixtures"))
    assert result.code == 2 and message in result.err


def _run_with_cache(cache_dir, *args):
    env = {**os.environ, "DISCLINT_CACHE_DIR": str(cache_dir)}
    env.pop("DISCLINT_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "linter", "check", "--no-config", "--lang", "en", "--format", "json",
                           *args, "fixtures"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env)


def _cached(cache_dir) -> list[tuple[bytes, bytes]]:
    with sqlite3.connect(cache_dir / "results.sqlite3") as db:
        return db.execute("SELECT key, value FROM results ORDER BY key").fetchall()


def test_warm_cache_and_jobs_give_identical_output(tmp_path):
    cold = run("--format", "json", "--no-cache")
    first = _run_with_cache(tmp_path, "--jobs", "1")
    warm = _run_with_cache(tmp_path, "--jobs", "1")
    warm_parallel = _run_with_cache(tmp_path, "--jobs", "2")
    assert len(_cached(tmp_path)) >= PARALLEL_THRESHOLD
    assert cold.stdout == first.stdout == warm.stdout == warm_parallel.stdout
    assert cold.stderr == warm.stderr == warm_parallel.stderr


def test_corrupted_cache_entries_are_ignored_and_rewritten(tmp_path):
    expected = _run_with_cache(tmp_path).stdout
    good = _cached(tmp_path)
    with sqlite3.connect(tmp_path / "results.sqlite3") as db:  # damage every stored value
        db.executemany("UPDATE results SET value = ? WHERE key = ?",
                       [(value[:20] + bytes(len(value) - 20), key) for key, value in good])
    assert _run_with_cache(tmp_path).stdout == expected
    rewritten = _cached(tmp_path)  # each damaged value was replaced by the file's result
    assert [key for key, _ in rewritten] == [key for key, _ in good]
    assert all(zlib.crc32(key + value[4:]) == int.from_bytes(value[:4], "big") for key, value in rewritten)


def test_a_value_found_under_another_files_key_is_not_used(tmp_path):
    """The database is written without waiting for the disk (see linter.resultcache): after a
    power loss, a stale index page could hand back another file's value. Each value's check
    covers its key, so such a value is a miss, and the file is linted again."""
    expected = _run_with_cache(tmp_path).stdout
    good = _cached(tmp_path)
    values = [value for _, value in good]
    with sqlite3.connect(tmp_path / "results.sqlite3") as db:  # every file's key now holds the next file's value
        db.executemany("UPDATE results SET value = ? WHERE key = ?",
                       [(value, key) for (key, _), value in zip(good, values[1:] + values[:1])])
    assert _run_with_cache(tmp_path).stdout == expected
    rewritten = _cached(tmp_path)  # each file's own result is back under its key
    assert [key for key, _ in rewritten] == [key for key, _ in good]
    assert all(zlib.crc32(key + value[4:]) == int.from_bytes(value[:4], "big") for key, value in rewritten)
    assert [resultcache._result_of(key, value, 1 << 30) for key, value in rewritten] == \
        [resultcache._result_of(key, value, 1 << 30) for key, value in good]


def test_a_damaged_cache_database_is_set_aside_and_started_again(tmp_path):
    first = _run_with_cache(tmp_path)
    database = tmp_path / "results.sqlite3"
    for name in ("results.sqlite3-wal", "results.sqlite3-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    database.write_bytes(b"this is not a database" * 100)
    second = _run_with_cache(tmp_path)
    assert second.stdout == first.stdout and second.stderr == first.stderr  # no word about the cache
    assert len(_cached(tmp_path)) >= PARALLEL_THRESHOLD


def test_two_parallel_runs_sharing_a_cache_agree_with_one_run(tmp_path):
    expected = run("--format", "json", "--no-cache").stdout
    env = {**os.environ, "DISCLINT_CACHE_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "linter", "check", "--no-config", "--lang", "en", "--format", "json",
               "--jobs", "2", "fixtures"]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for _ in range(2)]
    outputs = [proc.communicate(timeout=300)[0].decode("utf-8") for proc in runs]
    assert outputs == [expected, expected]


def test_an_edited_file_is_linted_again(tmp_path, monkeypatch):
    doc = tmp_path / "docs" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("正文。\n", encoding="utf-8")
    env = {**os.environ, "DISCLINT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "linter", "check", "--no-config", "--format", "json", str(doc)]
    first = subprocess.run(command, capture_output=True, text=True, env=env)
    doc.write_text("正文。机密★\n", encoding="utf-8")
    second = subprocess.run(command, capture_output=True, text=True, env=env)
    assert '"confidential-marker"' not in first.stdout and '"confidential-marker"' in second.stdout


def test_a_compact_result_answers_like_the_whole_line_index():
    """Cached and worker results keep only the lines their findings and fixes touch."""
    from linter.autoselect import automatic
    from linter.engine import check_file

    path = str(ROOT / "fixtures" / "pinyin-corrupted.txt")
    full = check_file(path, path, automatic(None, None, "test"), "en")
    compact = full.compact()
    assert full.findings and any(f.fix for f in full.findings)
    assert len(compact.lines.texts) < full.lines.count
    for finding in full.findings:
        for line in (finding.line, finding.end_line):
            assert compact.line_text(line) == full.line_text(line)
        for edit in (finding.fix.edits if finding.fix else ()):
            for offset in (edit.start, edit.end):
                assert compact.lines.position(offset) == full.lines.position(offset)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_results_read_from_the_cache_are_marked_used(tmp_path, jobs):
    """An entry read today (by this process or a worker) is not pruned as unused a month later."""
    import datetime

    _run_with_cache(tmp_path)
    with sqlite3.connect(tmp_path / "results.sqlite3") as db:
        db.execute("UPDATE results SET used = 1")
    assert _run_with_cache(tmp_path, "--jobs", jobs).returncode == 2  # the encrypted PDF
    with sqlite3.connect(tmp_path / "results.sqlite3") as db:
        used = {row[0] for row in db.execute("SELECT used FROM results")}
    assert used == {datetime.date.today().toordinal()}


def test_workers_store_what_one_process_stores(tmp_path):
    """A worker sends a result to be cached as its stored value: the same bytes one process stores."""
    one = _run_with_cache(tmp_path / "one", "--jobs", "1", "--format", "text")
    two = _run_with_cache(tmp_path / "two", "--jobs", "2", "--format", "text")
    assert two.stdout == one.stdout and two.stderr == one.stderr
    stored = _cached(tmp_path / "one")
    assert len(stored) >= PARALLEL_THRESHOLD
    assert _cached(tmp_path / "two") == stored


def _worker_that(monkeypatch, action):
    """--jobs 2 in this process, with workers (forked from it) that do `action` on their first file."""
    from linter import check, pool

    if not pool.available():
        pytest.skip("no os.fork here: concurrent.futures runs the workers")
    worked, parent = check._worked, os.getpid()
    monkeypatch.setattr(check, "_worked", lambda jobs: action() if os.getpid() != parent else worked(jobs))
    monkeypatch.chdir(ROOT)


def test_a_worker_that_dies_gives_one_line_and_exit_code_2(cli, monkeypatch):
    _worker_that(monkeypatch, lambda: os._exit(3))
    result = cli("check", "--no-config", "--no-cache", "--jobs", "2", "fixtures")
    assert result.code == 2
    assert result.err.splitlines() == [result.err.strip()]
    assert result.err.startswith("disclint: worker process ") and "exited with code 3" in result.err
    with pytest.raises(ChildProcessError):  # every worker was waited for
        os.waitpid(-1, os.WNOHANG)


def test_ctrl_c_stops_the_workers_and_exits_130(cli, monkeypatch):
    import signal

    def interrupt():  # as Ctrl-C does: the whole process group gets SIGINT
        os.kill(os.getppid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)

    _worker_that(monkeypatch, interrupt)
    result = cli("check", "--no-config", "--no-cache", "--jobs", "2", "fixtures")
    assert result.code == 130 and "Traceback" not in result.err
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_a_worker_reads_and_looks_up_a_batch_at_a_time_with_the_same_answers(tmp_path, monkeypatch):
    """A worker makes its range's files ready and looks their results up a batch at a time (a batch
    ends once its bytes reach READ_AHEAD_BYTES, as in one process): whatever the bound, each file
    gets the answer it gets alone, cached or linted, and a missing file its error."""
    from linter import cache, check, resultcache
    from linter.discover import Target
    from linter.session import RunOptions

    names = ["markings.txt", "good-report.txt", "pinyin-corrupted.txt", "no-such-file.txt", "good-report.html",
             "mojibake.txt"]
    jobs = [(Target(ROOT / "fixtures" / name, name, True), "en", None, None) for name in names]
    cache.configure(tmp_path)
    monkeypatch.setattr(resultcache, "_db", resultcache._Database())  # a database handle of this test's own
    monkeypatch.setattr(check, "_WORKER", check.Session(RunOptions(no_config=True)))
    try:
        first = [check._worked([job])[0] for job in jobs]  # nothing cached: each linted
        assert [value is not None for _, _, value, _ in first] == [True, True, True, False, True, True]
        assert first[3][0].error and first[3][1:] == (None, None, [])
        for index, (_, entry, value, _) in enumerate(first):
            if index % 2 == 0:  # cache every other file
                resultcache.store_value(entry, value)
        resultcache.flush()
        each = [check._worked([job])[0] for job in jobs]
        assert [result is not None and entry is None for result, entry, _, _ in each] == \
            [True, False, True, True, True, False]  # cached (or unreadable), linted, ...
        assert each[1] == first[1] and each[5] == first[5]
        assert each[0][0] == resultcache.result_of_value(first[0][2])  # what the stored value holds
        for bound in (1, 10_000, check.READ_AHEAD_BYTES):
            monkeypatch.setattr(check, "READ_AHEAD_BYTES", bound)
            assert check._worked(jobs) == each
    finally:
        resultcache.close()
        cache.configure(None)
