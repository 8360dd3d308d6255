"""Hostile files, each run through the real command line in its own process.

Every case is generated in setup (see hostile.py; nothing large is committed) and
asserts that the run ends (a subprocess timeout), with exactly one clear line on
stderr or the one documented finding, the documented exit code (1 findings, 2 a file
that could not be checked), and never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import ROOT
from hostile import (BILLION_LAUGHS, MIB, deep_html, lying_zip_docx, many_pages_pdf, many_parts_docx,
                     runaway_ruleset, sparse_file, zip_bomb_docx)

MARKED = "发布时间：2016-01-01\n机密★10年\n".encode("utf-8")
TIMEOUT = 120  # seconds: far above what any case takes; only a hang reaches it


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")  # one start-up cache for the module's runs


@pytest.fixture
def run(cache, tmp_path):
    """Run `python -m linter ARGS` (or a Python driver with `code=`) in tmp_path; stdout, stderr, code, time."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLINT_")}
    env.update(DISCLINT_CACHE_DIR=str(cache), LANG="C.UTF-8", PYTHONPATH=str(ROOT))

    def go(*args, code: str | None = None, extra_env: dict | None = None, timeout: float = TIMEOUT):
        argv = [sys.executable, "-c", textwrap.dedent(code), *args] if code else \
            [sys.executable, "-m", "linter", *map(os.fsdecode, args)]
        started = time.monotonic()
        done = subprocess.run(argv, cwd=tmp_path, env={**env, **(extra_env or {})}, capture_output=True,
                              timeout=timeout)
        done.seconds = time.monotonic() - started
        done.out = done.stdout.decode("utf-8")  # strict: the output is valid UTF-8 whatever the names
        done.err = done.stderr.decode("utf-8")
        assert "Traceback" not in done.err, done.err
        return done

    return go


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("disclint: "), err
    return lines[0]


def findings(done) -> list[dict]:
    (entry,) = json.loads(done.out)["files"]
    return entry["findings"]


CHECK = ("check", "--no-config", "--lang", "en")


# -- files that are not documents ----------------------------------------------------


def test_binary_committed_by_mistake(run, tmp_path):
    (tmp_path / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    (tmp_path / "report.txt").write_bytes(MARKED)
    done = run(*CHECK, "--no-source", ".")
    assert done.returncode == 2
    assert one_line(done.err) == "disclint: logo.txt: binary file (contains NUL bytes), not a text document"
    assert "report.txt:2:1: error confidential-marker" in done.out  # the run went on


def test_a_file_just_over_the_size_limit(run, tmp_path):
    sparse_file(tmp_path / "huge.txt", 25 * MIB, head=MARKED, tail=b"\n")
    done = run(*CHECK, "huge.txt")
    assert done.returncode == 2
    assert one_line(done.err) == "disclint: huge.txt: file too large (25.0 MiB, limit 20 MiB)"
    assert done.seconds < 30  # refused from its size, never read whole


def test_a_line_longer_than_the_line_limit(run, tmp_path):
    (tmp_path / "blob.txt").write_bytes(MARKED + b"x" * 1_000_000 + b"\n")
    done = run(*CHECK, "--format", "json", "blob.txt")
    assert (done.returncode, done.err) == (1, "")
    found = findings(done)
    assert [f["rule"] for f in found] == ["confidential-marker", "input-limit"]
    assert found[1]["severity"] == "warning" and found[1]["line"] == 3
    assert found[1]["data"] == {"limit": "line-length", "max": 100_000, "length": 1_000_000}


def test_100000_nested_divs(run, tmp_path):
    (tmp_path / "deep.html").write_text(deep_html(100_000), encoding="utf-8")
    done = run(*CHECK, "--format", "json", "deep.html")
    assert (done.returncode, done.err) == (1, "")
    found = findings(done)
    assert sorted(f["rule"] for f in found) == ["confidential-marker", "input-limit"]
    limit = next(f for f in found if f["rule"] == "input-limit")
    assert limit["severity"] == "warning"
    assert limit["data"] == {"limit": "html-depth", "max": 512, "depth": 100_002}
    assert "nested 100,002 levels deep, over the limit of 512" in limit["message"]


def test_html_depth_limit_can_be_changed(run, tmp_path):
    (tmp_path / "deep.html").write_text(deep_html(100), encoding="utf-8")
    uncached = {"DISCLINT_NO_CACHE": "1"}
    done = run(*CHECK, "--format", "json", "deep.html", extra_env={**uncached, "DISCLINT_MAX_HTML_DEPTH": "50"})
    assert [f["data"]["max"] for f in findings(done) if f["rule"] == "input-limit"] == [50]
    done = run(*CHECK, "--format", "json", "deep.html", extra_env={**uncached, "DISCLINT_MAX_HTML_DEPTH": "0"})
    assert [f["rule"] for f in findings(done)] == ["confidential-marker"]  # 0: no limit
    done = run(*CHECK, "deep.html", extra_env={**uncached, "DISCLINT_MAX_HTML_DEPTH": "many"})
    assert done.returncode == 2
    assert one_line(done.err) == "disclint: DISCLINT_MAX_HTML_DEPTH='many': expected a whole number (0 for no limit)"


def test_a_changed_limit_is_not_answered_from_the_result_cache(run, tmp_path):
    (tmp_path / "deep.html").write_text(deep_html(100), encoding="utf-8")
    first = run(*CHECK, "--format", "json", "deep.html", extra_env={"DISCLINT_MAX_HTML_DEPTH": "50"})
    second = run(*CHECK, "--format", "json", "deep.html", extra_env={"DISCLINT_MAX_HTML_DEPTH": "60"})
    assert [f["data"]["max"] for f in findings(first) + findings(second) if f["rule"] == "input-limit"] == [50, 60]


# -- containers ------------------------------------------------------------------------


@pytest.mark.parametrize("maker,message", [
    (lambda: zip_bomb_docx(300), "Word file expands to more than 200 MiB (300 MiB unpacked; a ZIP bomb?): not read"),
    (lambda: lying_zip_docx(4 * 1024 * MIB), "Word file expands to more than 200 MiB (4,096 MiB unpacked; a ZIP bomb?): "
                                             "not read"),
    (lambda: lying_zip_docx(10, b"<w:document>" + b" " * 30 * MIB + b"</w:document>"),
     "damaged Word file: not a valid .docx (ZIP) package"),  # holds more than it declares
    (lambda: many_parts_docx(20_000), "Word file has 20,001 parts, more than the limit of 10,000 (a ZIP bomb?): not read"),
], ids=["300-MiB-of-zeros", "declares-4-GiB", "holds-more-than-declared", "20000-parts"])
def test_zip_bomb_renamed_docx(run, tmp_path, maker, message):
    (tmp_path / "report.docx").write_bytes(maker())
    done = run(*CHECK, "report.docx")
    assert done.returncode == 2
    assert one_line(done.err) == f"disclint: report.docx: {message}"
    assert done.seconds < 30


def test_pdf_with_thousands_of_pages(run, tmp_path):
    (tmp_path / "report.pdf").write_bytes(many_pages_pdf(2_500))
    done = run(*CHECK, "--format", "json", "report.pdf")
    assert (done.returncode, done.err) == (1, "")
    found = findings(done)
    assert [f["rule"] for f in found] == ["confidential-marker", "input-limit"]
    assert found[0]["location"] == {"page": 1}
    assert found[1]["data"] == {"limit": "pdf-pages", "max": 2_000, "pages": 2_500}
    assert found[1]["message"] == ("the PDF has more than 2,000 pages (it states 2,500): only the first 2,000 were "
                                   "read and checked, the rest were not")


def test_pdf_claiming_a_million_pages_has_the_pages_it_has(run, tmp_path):
    (tmp_path / "report.pdf").write_bytes(many_pages_pdf(3, claim=1_000_000))
    done = run(*CHECK, "--format", "json", "report.pdf")
    assert (done.returncode, [f["rule"] for f in findings(done)]) == (1, ["confidential-marker"])


# -- rulesets --------------------------------------------------------------------------


def test_ruleset_alias_bomb(run, tmp_path):
    (tmp_path / "laughs.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(MARKED)
    done = run(*CHECK, "--ruleset", "laughs.yaml", "a.txt")
    assert done.returncode == 2
    assert one_line(done.err) == "disclint: laughs.yaml: YAML expands to too many nodes (alias bomb?)"
    assert done.seconds < 30


def test_ruleset_nested_too_deeply(run, tmp_path):
    (tmp_path / "deep.yaml").write_text("name: deep\nrules: []\nx: " + "[" * 20_000 + "]" * 20_000 + "\n",
                                        encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(MARKED)
    done = run(*CHECK, "--ruleset", "deep.yaml", "a.txt")
    assert done.returncode == 2
    assert one_line(done.err) == "disclint: deep.yaml: YAML nested too deeply"


@pytest.mark.parametrize("pattern,line", [("(a+)+$", "a" * 5000 + "b"), ("(a|aa)+$", "a" * 200 + "b")])
def test_catastrophic_pattern_is_stopped_and_named(run, tmp_path, pattern, line):
    (tmp_path / "runaway.yaml").write_text(runaway_ruleset(pattern), encoding="utf-8")
    (tmp_path / "a.txt").write_text(line + "\n", encoding="utf-8")
    # the pattern timeout counts the process's CPU time, the rule clock wall time: a higher rule
    # limit keeps a loaded machine's clock from stopping the rule first
    done = run(*CHECK, "--format", "json", "--ruleset", "runaway.yaml", "a.txt",
               extra_env={"DISCLINT_RULE_TIME_LIMIT": "50"})
    assert done.returncode == 1
    warning = one_line(done.err)  # loading the ruleset warned about the pattern, with its line
    assert warning.startswith(f"disclint: runaway.yaml:") and f"pattern {pattern!r} may backtrack" in warning
    (finding,) = findings(done)
    assert finding["rule"] == "internal-error" and finding["data"] == {"rule": "runaway-pattern"}
    assert finding["message"] == ("rule 'runaway-pattern' (forbidden-terms) failed on this file: a pattern took too "
                                  "long on this file (timed out)")
    assert done.seconds < 60  # the pattern timeout is 5 s


def test_runaway_pattern_the_check_misses_is_stopped_by_the_rule_clock(run, tmp_path):
    """A pattern the ruleset check does not warn about searches without the regex module's
    timeout; the rule clock's signal stops it in the middle of a search all the same."""
    pattern = "(?:[a-z]|a)+$"  # overlapping alternatives the heuristics do not recognise
    (tmp_path / "runaway.yaml").write_text(runaway_ruleset(pattern), encoding="utf-8")
    (tmp_path / "a.txt").write_text("a" * 60 + "!\n", encoding="utf-8")
    done = run(*CHECK, "--format", "json", "--ruleset", "runaway.yaml", "a.txt",
               extra_env={"DISCLINT_RULE_TIME_LIMIT": "1"})
    assert (done.returncode, done.err) == (1, "")  # no warning: the check does not see it
    (finding,) = findings(done)
    assert finding["rule"] == "internal-error" and finding["data"] == {"rule": "runaway-pattern"}
    assert finding["message"] == ("rule 'runaway-pattern' (forbidden-terms) failed on this file: it ran longer "
                                  "than 1 s on this file and was stopped")
    assert done.seconds < 30


# -- the file system -------------------------------------------------------------------


def test_symlink_loop(run, tmp_path):
    os.symlink("b.txt", tmp_path / "a.txt")
    os.symlink("a.txt", tmp_path / "b.txt")
    done = run(*CHECK, "a.txt")
    assert done.returncode == 2
    assert one_line(done.err) == "disclint: a.txt: symbolic link loop"


def test_fifo_does_not_hang_the_run(run, tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "report.txt").write_bytes(MARKED)
    for target in ("pipe.txt", "."):
        done = run(*CHECK, "--no-source", target, timeout=60)
        assert done.returncode == 2
        assert one_line(done.err) == "disclint: pipe.txt: a FIFO (named pipe), not a regular file: skipped"
    assert "report.txt:2:1: error confidential-marker" in done.out


DRIVER = """
    import os, sys
    from linter import check, discover
    from linter.cli import main

    def discover_then_delete(paths, include):
        found = list(discover.iter_targets(paths, include))
        os.unlink("b.txt")  # deleted after discovery, before it is read
        yield from found

    check.iter_targets = discover_then_delete
    sys.exit(main(sys.argv[1:]))
"""


def test_file_deleted_during_the_run(run, tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(MARKED)
    done = run(*CHECK, "--no-source", ".", code=DRIVER)
    assert done.returncode == 2
    assert one_line(done.err) == "disclint: b.txt: no such file or directory"
    assert [line.split(":")[0] for line in done.out.splitlines()[:2]] == ["a.txt", "c.txt"]


UNREADABLE = """
    import errno, os, sys
    from linter.cli import main

    real = os.open

    def refuse(path, *args, **kwargs):  # as a file with mode 000 does for a user other than root
        if os.fspath(path).endswith("secret.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real(path, *args, **kwargs)

    os.open = refuse
    sys.exit(main(sys.argv[1:]))
"""


def test_unreadable_file(run, tmp_path):
    (tmp_path / "secret.txt").write_bytes(MARKED)
    (tmp_path / "report.txt").write_bytes(MARKED)
    if os.geteuid() != 0:
        (tmp_path / "secret.txt").chmod(0)
        done = run(*CHECK, "--no-source", ".")
    else:  # root reads everything: refuse the open as the kernel would
        done = run(*CHECK, "--no-source", ".", code=UNREADABLE)
    assert done.returncode == 2
    assert one_line(done.err) == "disclint: secret.txt: permission denied"
    assert "report.txt:2:1: error confidential-marker" in done.out


def test_names_with_spaces_newlines_and_invalid_utf8(run, tmp_path):
    for raw in (b"with space.txt", b"new\nline.txt", b"bad-\xff\xfe.txt", b"rtl-\xe2\x80\xaetxt.txt"):
        (tmp_path / os.fsdecode(raw)).write_bytes(MARKED)
    os.symlink("gone.txt", tmp_path / "broken\nlink.txt")
    done = run(*CHECK, "--format", "json", ".")
    assert done.returncode == 2
    assert one_line(done.err) == "disclint: broken\\nlink.txt: broken symbolic link"
    files = {entry["path"]: entry for entry in json.loads(done.out)["files"]}
    assert set(files) == {"with space.txt", "new\\nline.txt", "bad-\\xff\\xfe.txt", "rtl-\\u202etxt.txt",
                          "broken\\nlink.txt"}
    text = run(*CHECK, "--no-source", ".")
    names = sorted(line.split(":")[0] for line in text.out.splitlines() if ":2:1:" in line)
    assert names == ["bad-\\xff\\xfe.txt", "new\\nline.txt", "rtl-\\u202etxt.txt", "with space.txt"]


def test_everything_at_once_each_problem_one_line(run, tmp_path):
    (tmp_path / "report.txt").write_bytes(MARKED)
    (tmp_path / "logo.txt").write_bytes(b"\x00\x01" * 100)
    sparse_file(tmp_path / "huge.txt", 25 * MIB, head=MARKED)
    (tmp_path / "bomb.docx").write_bytes(zip_bomb_docx(250))
    os.mkfifo(tmp_path / "pipe.md")
    os.symlink("loop2.html", tmp_path / "loop1.html")
    os.symlink("loop1.html", tmp_path / "loop2.html")
    for command in ("check", "fix"):
        done = run(command, "--no-config", "--lang", "en", "--no-source", ".")
        assert done.returncode == 2
        assert sorted(done.err.splitlines()) == [
            "disclint: bomb.docx: Word file expands to more than 200 MiB (250 MiB unpacked; a ZIP bomb?): not read",
            "disclint: huge.txt: file too large (25.0 MiB, limit 20 MiB)",
            "disclint: logo.txt: binary file (contains NUL bytes), not a text document",
            "disclint: loop1.html: symbolic link loop",
            "disclint: loop2.html: symbolic link loop",
            "disclint: pipe.md: a FIFO (named pipe), not a regular file: skipped",
        ]
        assert "report.txt:2:1: error confidential-marker" in done.out
