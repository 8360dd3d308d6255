"""linter.regexes: cached patterns run on regex's C matcher alone, and match as regex compiles them."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap

import regex

from conftest import FIXTURES, ROOT
from linter import regexes


def test_flags_are_regex_flags():
    assert (regexes.I, regexes.IGNORECASE) == (regex.I, regex.IGNORECASE)
    assert (regexes.M, regexes.MULTILINE) == (regex.M, regex.MULTILINE)
    assert (regexes.S, regexes.DOTALL) == (regex.S, regex.DOTALL)
    assert (regexes.V0, regexes.V1) == (regex.V0, regex.V1)
    assert regexes._LOCALE == regex.LOCALE


def test_escape_is_regex_escape():
    rng = random.Random(5)
    alphabet = "()[]{}?*+|^$\\.-#&~ \t\n\u3000abc019_中文“”：:%@!/'\"<>=,;`\u00a0"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 20)))
        assert regexes.escape(text) == regex.escape(text), text


def _run(script: str, cache_dir, *argv) -> subprocess.CompletedProcess:
    """`python -c script argv...` in the repository, with `cache_dir` as disclint's cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLINT_")}
    env["DISCLINT_CACHE_DIR"] = str(cache_dir)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script), *map(str, argv)], capture_output=True,
                          text=True, env=env, cwd=ROOT, encoding="utf-8")


def _python(script: str, cache_dir) -> str:
    done = _run(script, cache_dir)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


PROBE = r"""
    import sys
    from linter import regexes
    patterns = [(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])", 0), (r"\p{Han}+", 0),
                (r"^[ \t]*(?:您(?:现在)?的位置|当前位置)[^\S\n]*[:：].*$", regexes.M),
                (r"confidential|内部资料", regexes.I), (rb"charset\s*=\s*(\w+)", regexes.I)]
    text = "身份证号 11010519491231002X，当前位置：首页\nCONFIDENTIAL 内部资料 ä"
    for pattern, flags in patterns:
        compiled = regexes.compile(pattern, flags)
        subject = text.encode() if isinstance(pattern, bytes) else text
        print([m.span() for m in compiled.finditer(subject)], compiled.sub(type(subject)(), subject))
    print("PACKAGE", "regex" in sys.modules, "MATCHER", "regex._regex" in sys.modules)
"""


def test_cached_patterns_run_without_the_regex_package(tmp_path):
    first = _python(PROBE, tmp_path)  # compiles: imports regex, stores the patterns at exit
    assert first.endswith("PACKAGE True MATCHER True\n")
    second = _python(PROBE, tmp_path)  # the same patterns from the cache, on the C matcher alone
    assert second.endswith("PACKAGE False MATCHER True\n")
    assert second.split("PACKAGE")[0] == first.split("PACKAGE")[0]


def test_the_package_imported_later_shares_the_matcher(tmp_path):
    _python(PROBE, tmp_path)
    out = _python("""
        import sys
        from linter import regexes
        cached = regexes.compile(r"\\p{Han}+")
        assert "regex" not in sys.modules
        fresh = regexes.compile(r"[一二三四五六七八九十]+年")  # not cached: imports the package
        import regex
        assert regex._regex is regexes.engine() and type(cached) is type(fresh)
        print(fresh.findall("二〇二一年 十一年"), cached.findall("ab中文"), regex.escape("a.b"))
    """, tmp_path)
    assert out == "['二一年', '十一年'] ['中文'] a\\.b\n"


def test_without_a_loadable_matcher_the_package_is_imported(tmp_path):
    _python(PROBE, tmp_path)
    out = _python("""
        import sys
        from linter import regexes
        regexes._MATCHER = None  # as if the package were laid out differently
        print(regexes.compile(r"\\p{Han}+").findall("ab中文"), "regex" in sys.modules)
    """, tmp_path)
    assert out == "['中文'] True\n"


def test_a_warm_check_never_imports_the_regex_package(tmp_path):
    script = """
        import sys
        from linter.cli import main
        code = main(["check", "--no-source", *sys.argv[1:]])
        print("MODULES", " ".join(sorted(m for m in sys.modules if m.startswith("regex"))))
        sys.exit(code)
    """
    documents = [FIXTURES / name for name in ("good-report.txt", "markings.txt", "good-report.html",
                                              "good-report.gb18030.txt", "markup-debris.txt")]
    runs = []
    for _ in range(2):
        (tmp_path / "results.sqlite3").unlink(missing_ok=True)  # lint again: no stored results
        done = _run(script, tmp_path, *documents)
        assert done.returncode == 1, done.stderr[-3000:]
        runs.append(done.stdout)
    assert runs[1].split("MODULES")[0] == runs[0].split("MODULES")[0]  # the same findings
    assert runs[1].split("MODULES")[1].split() == ["regex._regex"]
