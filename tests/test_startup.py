"""Start-up: the plain check path imports nothing heavy once the start-up cache is warm.

The cache (linter.cache) keeps the entry-point table, validated rulesets and
configurations, compiled patterns and OpenCC's t2s keys. These tests run disclint
in fresh processes with a cache folder of their own, and check that a warm cache
avoids the heavy imports, that editing a ruleset (or a file it extends) takes
effect, that a damaged entry is ignored and rewritten, and that output is the
same with and without the cache. Timings are measured by bench/run.py, never
asserted here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

HEAVY = ("pydantic", "yaml", "charset_normalizer", "pypinyin", "docx", "pdfplumber", "markdown_it",
         "importlib.metadata", "stdnum")
GOOD = FIXTURES / "good-report.txt"  # UTF-8, Simplified Chinese, no findings


def run(*argv, cache_dir: Path | None, extra_env: dict | None = None, cwd: Path = ROOT):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLINT_")}
    env["LANG"] = "C.UTF-8"
    if cache_dir is None:
        env["DISCLINT_NO_CACHE"] = "1"
    else:
        env["DISCLINT_CACHE_DIR"] = str(cache_dir)
    env.update(extra_env or {})
    return subprocess.run([sys.executable, *map(str, argv)], capture_output=True, env=env, cwd=cwd,
                          text=True, encoding="utf-8")


def imported(importtime_stderr: str) -> set[str]:
    names = set()
    for line in importtime_stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.add(name)
    return names


def heavy_among(names) -> list[str]:
    return sorted(n for n in names if any(n == h or n.startswith(h + ".") for h in HEAVY))


def test_a_warm_cache_imports_nothing_heavy(tmp_path):
    cache = tmp_path / "cache"
    first = run("-X", "importtime", "-m", "linter", "check", GOOD, cache_dir=cache)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "pydantic" in imported(first.stderr)  # the cold run validates
    second = run("-X", "importtime", "-m", "linter", "check", GOOD, cache_dir=cache)
    assert second.returncode == 0
    assert second.stdout == first.stdout
    assert heavy_among(imported(second.stderr)) == []


@pytest.mark.parametrize("document", [GOOD, FIXTURES / "good-report.gb18030.txt"])
def test_a_warm_cache_loads_no_heavy_module_at_all(tmp_path, document):
    # -X importtime does not list modules loaded through importlib.import_module (plugins):
    # look at sys.modules after a whole run as well.
    script = ("import sys; from linter.cli import main; code = main(['check', sys.argv[1]]); "
              "print('MODULES', ' '.join(sorted(sys.modules))); sys.exit(code)")
    cache = tmp_path / "cache"
    assert run("-c", script, document, cache_dir=cache).returncode == 0
    warm = run("-c", script, document, cache_dir=cache)
    assert warm.returncode == 0
    modules = warm.stdout.split("MODULES ", 1)[1].split()
    assert heavy_among(modules) == []
    assert "typing" not in modules  # records are linter.records.NamedTuple, see there why
    assert "linter.kinds.options" not in modules and "linter.ruleset_schema" not in modules
    assert "threading" not in modules and "string" not in modules  # (see linter.ruleclock, linter.normalize)
    assert "signal" not in modules and "pickle" not in modules  # (linter.ruleclock, linter.pickling)


@pytest.mark.parametrize("collecting", [True, False])
def test_the_collector_is_off_only_while_starting(tmp_path, collecting):
    """`main` turns the cyclic garbage collector off for start-up and on before the first file
    (linter.__main__ says why), with its run threshold, and leaves it as the caller had it."""
    script = ("import gc, sys; import linter.check as check; seen = []; real = check._check_all\n"
              "def spy(*args):\n    seen.append((gc.isenabled(), gc.get_threshold())); return real(*args)\n"
              "check._check_all = spy\n"
              f"{'' if collecting else 'gc.disable()'}\n"
              "gc.set_threshold(600, 9, 8)\n"
              "from linter.cli import main, RUN_GC_THRESHOLD; code = main(['check', sys.argv[1]])\n"
              "print('STATES', seen == [(True, (RUN_GC_THRESHOLD, 9, 8))], gc.isenabled(), gc.get_threshold())\n"
              "sys.exit(code)")
    assert _states(tmp_path, script, GOOD) == ["True", str(collecting), "(600,", "9,", "8)"]


def test_the_collector_is_restored_when_the_command_line_raises(tmp_path):
    script = ("import gc, linter.cli as cli\n"
              "def broken(argv):\n    raise ZeroDivisionError\n"
              "cli._main = broken; gc.set_threshold(600, 9, 8)\n"
              "try:\n    cli.main([])\nexcept ZeroDivisionError:\n    pass\n"
              "print('STATES', gc.isenabled(), gc.get_threshold())")
    assert _states(tmp_path, script) == ["True", "(600,", "9,", "8)"]


def test_the_disclint_command_starts_with_the_collector_off(tmp_path):
    """The console script's entry point turns the collector off before importing the command line."""
    script = ("import gc, sys; import linter.__main__ as entry; states = []\n"
              "import builtins; real_import = builtins.__import__\n"
              "def spy(name, *args, **kw):\n"
              "    if name == 'linter.cli': states.append(gc.isenabled())\n"
              "    return real_import(name, *args, **kw)\n"
              "builtins.__import__ = spy; sys.argv = ['disclint', '--version']\n"
              "try:\n    entry.run()\nexcept SystemExit:\n    pass\n"
              "print('STATES', states)")
    assert _states(tmp_path, script) == ["[False]"]


def _states(tmp_path, script: str, *args) -> list[str]:
    """The words a probe script printed after STATES (it must end well)."""
    done = run("-c", script, *args, cache_dir=tmp_path / "cache")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split("STATES ", 1)[1].split()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def findings(result) -> list[tuple[str, str]]:
    report = json.loads(result.stdout)
    return [(f["rule"], f["data"].get("term", "")) for f in report["files"][0]["findings"]]


def test_editing_a_ruleset_or_what_it_extends_takes_effect(tmp_path):
    cache = tmp_path / "cache"
    parent = write(tmp_path / "rules" / "parent.yaml", """
        rules:
          - id: banned-a
            kind: forbidden-terms
            severity: error
            options: {terms: [甲]}
    """)
    child = write(tmp_path / "rules" / "child.yaml", """
        extends: ./parent.yaml
        rules:
          - id: banned-b
            kind: forbidden-terms
            severity: error
            options: {terms: [乙]}
    """)
    doc = write(tmp_path / "doc.txt", "甲乙丙丁\n")
    check = ("-m", "linter", "check", "--no-config", "--format", "json", "--ruleset", child, doc)
    assert findings(run(*check, cache_dir=cache)) == [("banned-a", "甲"), ("banned-b", "乙")]
    assert findings(run(*check, cache_dir=cache)) == [("banned-a", "甲"), ("banned-b", "乙")]

    write(child, """
        extends: ./parent.yaml
        rules:
          - id: banned-b
            kind: forbidden-terms
            severity: error
            options: {terms: [丙]}
    """)
    assert findings(run(*check, cache_dir=cache)) == [("banned-a", "甲"), ("banned-b", "丙")]

    write(parent, """
        rules:
          - id: banned-a
            kind: forbidden-terms
            severity: error
            options: {terms: [丁]}
    """)
    assert findings(run(*check, cache_dir=cache)) == [("banned-b", "丙"), ("banned-a", "丁")]

    write(parent, """
        rules:
          - id: banned-a
            kind: forbidden-terms
            severity: error
            options: {terms: []}
    """)  # an invalid edit is still reported at its line, with exit code 2
    broken = run(*check, cache_dir=cache)
    assert broken.returncode == 2
    assert broken.stderr.strip().endswith("give at least one of 'terms' or 'patterns'")
    assert "parent.yaml:6:" in broken.stderr


def test_editing_a_configuration_takes_effect(tmp_path):
    cache = tmp_path / "cache"
    config = write(tmp_path / ".disclint.yaml", "ruleset: common\n")
    doc = write(tmp_path / "a.txt", "机密★10年\n正文</p>\n")
    check = ("-m", "linter", "check", "--format", "json", doc)
    rules = lambda result: [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]]  # noqa: E731
    assert rules(run(*check, cache_dir=cache, cwd=tmp_path)) == ["confidential-marker", "markup-debris"]
    assert rules(run(*check, cache_dir=cache, cwd=tmp_path)) == ["confidential-marker", "markup-debris"]
    write(config, "ruleset: common\nignore: [markup-debris]\n")
    assert rules(run(*check, cache_dir=cache, cwd=tmp_path)) == ["confidential-marker"]
    write(config, "ruleset: common\nignore: markup-debris\n")
    broken = run(*check, cache_dir=cache, cwd=tmp_path)
    assert broken.returncode == 2 and ".disclint.yaml:2: ignore:" in broken.stderr


def test_a_damaged_cache_entry_is_ignored_and_rewritten(tmp_path):
    cache = tmp_path / "cache"
    docs = tmp_path / "docs"
    write(docs / ".disclint.yaml", "fail_on: warning\n")
    for fixture in (GOOD, FIXTURES / "markings.txt"):
        (docs / fixture.name).write_bytes(fixture.read_bytes())
    check = ("-m", "linter", "check", "--format", "json", "docs")
    cold = run(*check, cache_dir=cache, cwd=tmp_path)
    entries = sorted(cache.glob("*.bin"))
    assert {p.name.split("-")[0] for p in entries} >= {"entry", "ruleset", "regexes", "config", "literals"}
    damaged = {}
    for index, entry in enumerate(entries):
        data = entry.read_bytes()
        if index % 3 == 0:
            data = data[: len(data) // 2]  # truncated
        elif index % 3 == 1:
            data = data[:-1] + bytes([data[-1] ^ 0xFF])  # one flipped byte
        else:
            data = b"not a cache entry"
        entry.write_bytes(data)
        damaged[entry] = data
    for results in cache.glob("results.sqlite3*"):  # lint again, so that every entry is needed
        results.unlink()
    again = run(*check, cache_dir=cache, cwd=tmp_path)
    assert (again.returncode, again.stdout, again.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    rewritten = [entry for entry in entries if entry.read_bytes() != damaged[entry]]
    assert len(rewritten) == len(entries)
    warm = run("-X", "importtime", "-m", "linter", "check", "docs", cache_dir=cache, cwd=tmp_path)
    assert warm.stdout.count("confidential-marker") == 6
    assert heavy_among(imported(warm.stderr)) == []


def test_output_is_the_same_with_and_without_the_cache(tmp_path):
    cache = tmp_path / "cache"
    files = sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "ogi2021").glob("*.txt")) + \
        [FIXTURES / "good-report.html", FIXTURES / "good-report.md"]
    check = ("-m", "linter", "check", "--format", "json", "--fail-on", "info", *files)
    uncached = run(*check, cache_dir=None)
    cold = run(*check, cache_dir=cache)
    warm = run(*check, cache_dir=cache)
    assert uncached.stdout.count('"rule"') > 20
    for result in (cold, warm):
        assert (result.returncode, result.stdout, result.stderr) == \
            (uncached.returncode, uncached.stdout, uncached.stderr)


def test_explain_and_rules_are_the_same_from_the_cache(tmp_path):
    cache = tmp_path / "cache"
    for argv in (("rules", "--format", "json"), ("explain", "missing-section"), ("explain", "confidential-marker"),
                 ("--version",)):
        uncached = run("-m", "linter", *argv, "--lang", "en", cache_dir=None) if argv[0] != "--version" \
            else run("-m", "linter", *argv, cache_dir=None)
        cold = run("-m", "linter", *argv, "--lang", "en", cache_dir=cache) if argv[0] != "--version" \
            else run("-m", "linter", *argv, cache_dir=cache)
        warm = run("-m", "linter", *argv, "--lang", "en", cache_dir=cache) if argv[0] != "--version" \
            else run("-m", "linter", *argv, cache_dir=cache)
        assert uncached.returncode == 0, uncached.stderr
        assert cold.stdout == uncached.stdout == warm.stdout


def test_a_newly_installed_plugin_is_seen(tmp_path):
    cache = tmp_path / "cache"
    site = tmp_path / "site"
    site.mkdir()
    env = {"PYTHONPATH": os.pathsep.join([str(site), str(ROOT / "tests")])}
    script = "from linter.registry import kinds; print(' '.join(kinds().names()))"
    before = run("-c", script, cache_dir=cache, extra_env=env)
    assert "long-line" not in before.stdout.split() and "forbidden-terms" in before.stdout.split()
    dist = site / "sample_plugin-1.0.dist-info"
    write(dist / "METADATA", "Metadata-Version: 2.1\nName: sample-plugin\nVersion: 1.0\n")
    write(dist / "entry_points.txt", "[disclint.kinds]\nlong-line = plugins.sample_kind:LongLine\n")
    after = run("-c", script, cache_dir=cache, extra_env=env)
    assert "long-line" in after.stdout.split()
    write(dist / "entry_points.txt", "[disclint.kinds]\nlonger-line = plugins.sample_kind:LongLine\n")
    changed = run("-c", script, cache_dir=cache, extra_env=env)
    assert "longer-line" in changed.stdout.split() and "long-line" not in changed.stdout.split()


def test_no_cache_writes_nothing(tmp_path):
    cache = tmp_path / "cache"
    result = run("-m", "linter", "check", GOOD, cache_dir=cache, extra_env={"DISCLINT_NO_CACHE": "1"})
    assert result.returncode == 0
    assert not cache.exists()


# -- the pieces, in process ------------------------------------------------------------------------

def test_frozen_options_dump_like_the_validated_models():
    from linter.registry import kinds
    from linter.ruleset import builtin_names, load_ruleset

    for name in builtin_names():
        for rule in load_ruleset(name).rules:
            model = kinds().load(rule.kind_name).Options.model_validate(rule.options.model_dump())
            assert rule.options.model_dump(exclude_defaults=True) == model.model_dump(exclude_defaults=True)
            assert rule.options.model_dump() == model.model_dump()
            with pytest.raises(AttributeError):
                rule.options.anything = 1


def test_the_empty_configuration_is_the_models_defaults():
    from linter.config import DEFAULTS
    from linter.config_schema import ConfigModel
    from linter.frozen import freeze

    assert DEFAULTS == freeze(ConfigModel())


def test_text_t2s_leaves_alone_is_known_without_opencc():
    import opencc

    from linter import t2s_keys
    from linter.t2s_keys import unchanged_by_t2s

    if not t2s_keys._known_keys():
        pytest.skip("no opencc_dict in this opencc: every non-ASCII text goes through OpenCC")
    converter = opencc.OpenCC("t2s")
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt"))
             if p.read_bytes()[:3] != b"\xef\xbb\xbf" and _utf8(p)]
    texts += ["內部資料", "乾隆", "回覆", "一干二淨", "著作", "政府信息公开", "机密★10年"]
    shortcuts = 0
    for text in texts:
        if unchanged_by_t2s(text):
            shortcuts += 1
            assert converter.convert(text) == text
    assert shortcuts >= 10
    assert not unchanged_by_t2s("內部資料")


def test_the_t2s_converter_is_opencc_s_own_made_without_its_package():
    """normalize loads OpenCC's C module by itself (3 ms less than importing the package first);
    the converter must be exactly the one `opencc.OpenCC("t2s")` gives."""
    script = textwrap.dedent("""
        import json, random, sys
        from pathlib import Path
        from linter import normalize
        converter = normalize._converter()
        alone = type(converter).__name__, "opencc" in sys.modules
        import opencc
        reference = opencc.OpenCC("t2s")
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
        pool = "這個問題臺灣與台灣乾燥後來發佈了著名的雲端軟體資訊網路內部資料回覆一干二淨政府信息公開"
        rng = random.Random(7)
        texts += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
        print(json.dumps([alone, [t for t in texts if converter.convert(t) != reference.convert(t)]]))
    """)
    done = subprocess.run([sys.executable, "-c", script, str(FIXTURES)], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    alone, different = json.loads(done.stdout)
    assert alone == ["_NativeT2S", False]
    assert different == []


def test_a_t2s_json_in_the_working_folder_turns_both_opencc_shortcuts_off(tmp_path, monkeypatch):
    """OpenCC("t2s") reads ./t2s.json when there is one: neither the keys nor the C module alone
    may then stand for it."""
    from linter import normalize, t2s_keys

    assert t2s_keys.share_dir() is not None
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t2s.json").write_text("{}", encoding="utf-8")
    assert t2s_keys.share_dir() is None
    monkeypatch.delitem(sys.modules, "opencc", raising=False)
    assert normalize._NativeT2S.load() is None


def _utf8(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_old_entries_are_pruned_at_most_daily(tmp_path):
    from linter import cache

    cache.configure(tmp_path)
    try:
        old = tmp_path / "x-old.bin"
        old.write_bytes(b"old")
        os.utime(old, (0, 0))
        # store() itself prunes now and then (at random): the old entry exists before it,
        # so whichever call prunes first, it is gone and the marker is set
        cache.store("x", "fresh", {"a": 1})
        cache._prune_daily(tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == [".pruned", "x-fresh.bin"]
        old.write_bytes(b"old")
        os.utime(old, (0, 0))
        cache._prune_daily(tmp_path)  # pruned less than a day ago: left alone
        assert old.exists() and cache.load("x", "fresh") == {"a": 1}
    finally:
        cache.configure()


@pytest.mark.parametrize("name", ["regex", "opencc", "pypinyin", "linter", "yaml", "no_such_package_here"])
def test_package_folder_is_where_importlib_finds_the_package(name):
    import importlib.util

    from linter.installed import package_folder

    spec = importlib.util.find_spec(name)
    expected = None if spec is None else (list(spec.submodule_search_locations)[0]
                                          if spec.submodule_search_locations else os.path.dirname(spec.origin))
    assert package_folder(name) == expected


def test_a_run_leaves_the_result_database_closed(tmp_path):
    """The exit skips the interpreter's final collections (linter.__main__), but the result
    database is closed first: no write-ahead log is left behind, and the results are there."""
    cache = tmp_path / "cache"
    first = run("-m", "linter", "check", "--format", "json", GOOD, cache_dir=cache)
    assert first.returncode == 0, first.stderr[-2000:]
    assert (cache / "results.sqlite3").is_file()
    assert not (cache / "results.sqlite3-wal").exists()
    import sqlite3

    with sqlite3.connect(cache / "results.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 1
    again = run("-m", "linter", "check", "--format", "json", GOOD, cache_dir=cache)
    assert again.stdout == first.stdout


_ENDING = """
import sys, threading, time
import linter.__main__ as entry, linter.registry as registry
left_open = open(sys.argv[3], "w")
left_open.write("written at the teardown")  # buffered: flushed when the teardown frees the file
import atexit
atexit.register(lambda: sys.stderr.write("EXIT HANDLER\\n"))
if sys.argv[2] == "foreign":
    registry.only_own_installed = lambda: False  # as if another package's plugin were installed
if sys.argv[2] == "thread":
    threading.Thread(target=time.sleep, args=(0.3,)).start()
sys.argv = ["disclint", "check", "--format", "json", sys.argv[1]]
entry.main()
"""


@pytest.mark.parametrize("case,torn_down", [("own", False), ("foreign", True), ("thread", True)])
def test_the_command_ends_without_the_teardown_only_when_that_is_safe(tmp_path, case, torn_down):
    """With only disclint's own plugins and no other thread, the process ends without the interpreter's
    teardown; the exit handlers have run and the output is whole either way, with the run's exit code."""
    for path, code in ((GOOD, 0), (FIXTURES / "markings.txt", 1)):
        left = tmp_path / f"left-{code}.txt"
        done = run("-c", _ENDING, path, case, left, cache_dir=tmp_path / "cache")
        assert done.returncode == code, done.stderr[-2000:]
        assert json.loads(done.stdout)["summary"]["files"] == 1  # the whole document, flushed
        assert "EXIT HANDLER" in done.stderr
        assert bool(left.read_text()) is torn_down


def test_only_disclint_s_own_plugins_are_installed_here():
    """What the ending above relies on, in this environment: every installed plugin is a `linter.` module."""
    from linter import registry

    registry.installed(registry.KINDS_GROUP)
    assert registry.only_own_installed()
    kept = registry._TABLE
    try:
        registry._TABLE = {**kept, registry.KINDS_GROUP: [*kept[registry.KINDS_GROUP], ("extra", "acme.kinds:Extra")]}
        assert not registry.only_own_installed()
        registry._TABLE = None
        assert not registry.only_own_installed()  # not known yet: not assumed
    finally:
        registry._TABLE = kept


def test_a_ruleset_loaded_from_the_cache_knows_its_source_identity(tmp_path):
    """--jobs: the parent loads the rulesets, the workers key their results with the rulesets'
    source identity. Loading found the files unchanged: the identity is not worked out again."""
    script = textwrap.dedent("""
        import json, sys
        from linter import cache, ruleset
        if sys.argv[1] != "ask only":
            ruleset.load_ruleset("common")
        if sys.argv[1] == "load first":
            def no_second_look(*args):
                raise AssertionError("the entry was loaded again")
            cache.load = no_second_look
        print(json.dumps(ruleset.source_identity("common")))
    """)
    env = {**os.environ, "DISCLINT_CACHE_DIR": str(tmp_path)}
    env.pop("DISCLINT_NO_CACHE", None)

    def identity(how: str) -> str | None:
        done = subprocess.run([sys.executable, "-c", script, how], capture_output=True, text=True, env=env,
                              cwd=ROOT, check=True)
        return json.loads(done.stdout)

    identity("compile")  # the cache holds the compiled ruleset from now on
    assert identity("load first") == identity("ask only") is not None
