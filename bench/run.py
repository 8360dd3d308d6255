"""Benchmark disclint against its floor and the alternatives, on one generated corpus.

    python bench/run.py [--files 2000,20000] [--runs 20] [--out /tmp/issue6-readme.md]

Makes the corpus (bench/corpus.py: deterministic ~6 KB report-like files) in
--work, then measures, in this one run and side by side:

- `python -c pass`: the interpreter's floor;
- `disclint check one.txt` (start-up, a clean 6 KB report, start-up cache warm),
  and the pre-commit case: `disclint check` on 5 files;
- one process on N files for each N (default 2,000 and 20,000, for the
  linearity check): files/s, MB/s and peak memory (max RSS of the process);
  the largest N runs in turns with the smallest (--linearity-pairs pairs): the
  linearity is the median of the pairs' ratios, as the machine's speed drifts
  between runs far more than 15%;
  where disclint has them, `--jobs 2` against `--jobs 1` on 1,000 files (run
  in turns, --jobs-pairs pairs: the ratio is the median of the pairs' ratios),
  and unchanged files answered from the result cache;
- the same for `grep -F -f markers.txt` (the floor: the literal marker terms of
  the `common` ruleset, the same list disclint matches), proselint and textlint
  with a forbidden-word rule (textlint-rule-ng-word, given the same markers),
  where installed; a missing tool is skipped with a note.

disclint runs with its own `--cache-dir` in --work: the start-up cache is warm
(as after the first run), and cached results are deleted before every run
except the "unchanged" ones, so every other row lints every file. Deleting
empties the result database and keeps the file, as a hook finds it when the
files it is given have changed. Start-up rows
use hyperfine when it is installed (else repeated runs timed here); all rows
are medians. Peak memory comes from the resource usage of a
small wrapper's only child. The markdown table, the machine and the exact
command go to stdout and to --out. Nothing is asserted: targets are listed
beside the measurements.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

WRAPPER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=sys.argv[1] or None)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "code": done.returncode}))
"""


# Empties the result cache but keeps its database, as a run finds it after the first one
# (the pre-commit case: the files given have changed, the cache folder is there).
FORGET_RESULTS = r"""
import sqlite3, sys
try:
    with sqlite3.connect(sys.argv[1]) as db:
        db.execute("DELETE FROM results")
except sqlite3.Error:
    pass
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark disclint and the alternatives (see the module docstring).")
    parser.add_argument("--files", default="2000,20000", help="corpus sizes for one process (default 2000,20000)")
    parser.add_argument("--runs", type=int, default=20, help="runs per start-up measurement (default 20)")
    parser.add_argument("--throughput-runs", type=int, default=3,
                        help="runs per corpus size but the largest (default 3)")
    parser.add_argument("--jobs-pairs", type=int, default=21,
                        help="runs of --jobs 1 and --jobs 2, each pair in turn (default 21: a pair's ratio "
                             "varies by some 0.1 on a shared machine)")
    parser.add_argument("--linearity-pairs", type=int, default=3,
                        help="runs of the largest size, each in turn with one of the smallest (default 3)")
    parser.add_argument("--alt-files", type=int, default=500,
                        help="files given to proselint and textlint for their throughput (default 500)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "disclint-bench",
                        help="where the corpus is made (kept between runs)")
    parser.add_argument("--seed", default="6")
    parser.add_argument("--disclint", default=None,
                        help="the disclint command (default: the disclint script beside this Python)")
    parser.add_argument("--proselint", default=shutil.which("proselint"), help="the proselint executable")
    parser.add_argument("--textlint-dir", type=Path, default=Path.cwd(),
                        help="a folder whose node_modules has textlint and textlint-rule-ng-word (npx --no-install)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "issue6-readme.md")
    args = parser.parse_args(argv)

    sizes = sorted(int(n) for n in args.files.split(","))
    work = args.work
    started = time.time()
    counts = corpus.generate(work / "corpus", max(sizes), args.seed)
    script = Path(sys.executable).with_name("disclint")
    disclint = shlex.split(args.disclint) if args.disclint else \
        [str(script)] if script.exists() else [sys.executable, "-m", "linter"]
    env = _environment()
    markers = _markers(work)
    one, five = _samples(args.seed, work / "corpus")
    notes: list[str] = []
    rows: dict[str, dict[str, str]] = {}

    help_text = subprocess.run(disclint + ["check", "--help"], capture_output=True, text=True, env=env).stdout
    check = disclint + ["check"]
    cold_results = None  # a run that finds no cached results (the start-up cache stays warm)
    if "--cache-dir" in help_text:
        cache_dir = work / "cache"
        check += ["--cache-dir", str(cache_dir)]
        forget = work / "forget_results.py"  # a file: hyperfine -N splits --prepare on spaces
        forget.write_text(FORGET_RESULTS, encoding="utf-8")
        cold_results = [sys.executable, str(forget), str(cache_dir / "results.sqlite3")]
    else:
        notes.append("this disclint has no result cache (--cache-dir): every run lints every file.")

    floor = _startup([sys.executable, "-c", "pass"], args.runs, env)
    _warm(check + [str(one)], env)
    # one run over a mixed sample fills the start-up cache's one-time entries (pinyin readings, pattern
    # analyses, compiled patterns) as a user's first run would, so no measured run pays for them
    _warm(check + ["-q", "--no-source", *map(str, _files(work / "corpus", 300))], env)
    startup = _startup(check + [str(one)], args.runs, env, prepare=cold_results)
    hook = _startup(check + [str(p) for p in five], args.runs, env, prepare=cold_results)
    unchanged = _startup(check + [str(one)], args.runs, env) if cold_results else None
    grep_one = _startup(["grep", "-F", "-f", str(markers), str(one)], args.runs, env)
    grep_five = _startup(["grep", "-F", "-f", str(markers), *map(str, five)], args.runs, env)

    alternatives = {}
    if args.proselint and Path(args.proselint).exists():
        alternatives["proselint"] = ([args.proselint, "check"], None)
    else:
        notes.append("proselint: not installed (pip install proselint; or give --proselint PATH), skipped.")
    textlint = _textlint(args.textlint_dir, markers, work, env)
    if textlint:
        alternatives["textlint"] = textlint
    else:
        notes.append("textlint: `npx --no-install textlint` with textlint-rule-ng-word not found in "
                     f"{args.textlint_dir} (npm install textlint textlint-rule-ng-word there; or give "
                     "--textlint-dir), skipped.")

    def timed(seconds: float) -> str:
        return f"{_ms(seconds)} ({seconds / floor:.1f}x floor)"

    rows["`python -c pass` (floor)"] = {"disclint": _ms(floor)}
    rows["start-up: `check one.txt` (6 KB)"] = {"disclint": timed(startup), "grep -F": timed(grep_one),
                                                "target": "<= 80 ms, <= 8x floor"}
    rows["hook: `check` on 5 files"] = {"disclint": timed(hook), "grep -F": timed(grep_five), "target": "<= 100 ms"}
    if unchanged is not None:
        rows["start-up: `check one.txt`, unchanged (result cache)"] = {"disclint": timed(unchanged)}
    for name, (command, cwd) in alternatives.items():
        rows["start-up: `check one.txt` (6 KB)"][name] = timed(_startup(command + [str(one)],
                                                                        max(5, args.runs // 4), env, cwd))
        rows["hook: `check` on 5 files"][name] = timed(_startup(command + [str(p) for p in five],
                                                                max(5, args.runs // 4), env, cwd))

    throughput: dict[int, dict] = {}
    linearity = None  # the median ratio of time per file, largest size to smallest, over pairs run in turns
    for size in sizes:
        files = _files(work / "corpus", size)
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        lint_all = check + ["--no-source", "-q", *_folders(work / "corpus", size)]
        runs = max(1, args.linearity_pairs) if size == max(sizes) and len(sizes) > 1 else args.throughput_runs
        if size == max(sizes) and len(sizes) > 1:
            small = min(sizes)
            lint_small = check + ["--no-source", "-q", *_folders(work / "corpus", small)]
            result, _, ratio = _paired(lint_all, lint_small, runs, env, prepare=cold_results)
            linearity = ratio * small / size
        else:
            result = _measure(lint_all, runs, env, prepare=cold_results)
        grep = _measure(["grep", "-F", "-r", "-f", str(markers), *_folders(work / "corpus", size)], runs, env)
        throughput[size] = result
        label = f"one process, {size:,} files"
        rate = size / result["seconds"]
        rows[label] = {"disclint": _rate(size, megabytes, result),
                       "grep -F": _rate(size, megabytes, grep) + f"; disclint {rate / (size / grep['seconds']):.3f}x",
                       "target": ">= 1,500 files/s" if size == min(sizes) else "within 15% of linear"}
        rows[f"peak memory, {size:,} files"] = {"disclint": _mib(result), "grep -F": _mib(grep),
                                                "target": "<= 100 MiB, flat"}
        if size == min(sizes) and cold_results:
            warm = _measure(lint_all, runs, env)  # the files are unchanged: every result comes from the cache
            rows[f"unchanged files with the result cache, {size:,} files"] = {
                "disclint": _rate(size, megabytes, warm), "target": ">= 10,000 files/s"}
        if size == min(sizes):
            subset = files[: min(args.alt_files, size)]
            for name, (command, cwd) in alternatives.items():
                chosen = [p for p in subset if name != "textlint" or p.suffix == ".txt"]
                measured = _measure(command + [str(p) for p in chosen], 1, env, cwd)
                size_mb = sum(p.stat().st_size for p in chosen) / 1e6
                ratio = rate / (len(chosen) / measured["seconds"])
                rows[label][name] = _rate(len(chosen), size_mb, measured) + \
                    f" on {len(chosen)} files; disclint {ratio:.1f}x"
                rows[f"peak memory, {size:,} files"][name] = _mib(measured) + f" on {len(chosen)} files"
    if "--jobs" in help_text:
        count = min(1000, max(sizes))
        folders = _folders(work / "corpus", count)
        count_mb = sum(p.stat().st_size for p in _files(work / "corpus", count)) / 1e6
        one_job, two_jobs, speedup = _paired(check + ["--no-source", "-q", "--jobs", "1", *folders],
                                             check + ["--no-source", "-q", "--jobs", "2", *folders],
                                             max(1, args.jobs_pairs), env, prepare=cold_results)
        rows[f"`--jobs 2`, {count:,} files"] = {
            "disclint": _rate(count, count_mb, two_jobs) + f"; {speedup:.2f}x "
                        f"`--jobs 1` ({_rate(count, count_mb, one_job)}); peak {_mib(two_jobs)} (largest process)",
            "target": ">= 1.6x one process"}
    else:
        notes.append("this disclint has no --jobs: the parallel row is left out.")
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        rows["linearity"] = {"disclint": f"{large:,} files take {linearity:.2f}x the time per file of "
                                         f"{small:,} (the median of {max(1, args.linearity_pairs)} pairs run in turns)",
                             "target": "<= 1.15x"}
        memory = throughput[large]["rss_kib"] / max(1, throughput[small]["rss_kib"])
        rows["linearity"]["disclint"] += f"; memory {memory:.2f}x"
    size = counts.pop("bytes")
    described = (f"{max(sizes):,} generated files ({size / max(sizes) / 1000:.1f} KB on average; "
                 + ", ".join(f"{name} {count}" for name, count in sorted(counts.items())) + ")")
    command = "python bench/run.py " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    text = _report(rows, ["disclint", "grep -F", *alternatives, "target"], described, command, notes,
                   time.time() - started, env)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    print(f"(written to {args.out})", file=sys.stderr)
    return 0


def _environment() -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as installed: with compiled bytecode
    env.setdefault("LANG", "C.UTF-8")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _markers(work: Path) -> Path:
    """The literal terms of the `common` ruleset's forbidden-terms rules, one a line."""
    sys.path.insert(0, str(ROOT))
    from linter.ruleset import load_ruleset

    terms = sorted({term for rule in load_ruleset("common").rules if rule.kind_name == "forbidden-terms"
                    for term in rule.options.terms})
    path = work / "markers.txt"
    path.write_text("\n".join(terms) + "\n", encoding="utf-8")
    return path


def _samples(seed: str, root: Path) -> tuple[Path, list[Path]]:
    """A clean standard-format UTF-8 report, and the first five text files (as a commit might have)."""
    one = None
    five: list[Path] = []
    for index in range(1000):
        name, _, traits = corpus.document(seed, index)
        if one is None and traits == ["standard"]:
            one = root / name
        if len(five) < 5 and name.endswith(".txt"):
            five.append(root / name)
    assert one is not None
    return one, five


def _files(root: Path, size: int) -> list[Path]:
    """The first `size` files of the corpus (names sort by their number)."""
    files: list[Path] = []
    for index in range((size + corpus.PER_FOLDER - 1) // corpus.PER_FOLDER):
        files += sorted((root / f"d{index:03d}").iterdir())[: size - len(files)]
    return files


def _folders(root: Path, size: int) -> list[str]:
    """The first `size` files as whole folders of the corpus where possible, then single files."""
    whole = size // corpus.PER_FOLDER
    rest = _files(root, size)[whole * corpus.PER_FOLDER:]
    return [str(root / f"d{index:03d}") for index in range(whole)] + [str(p) for p in rest]


def _warm(command: list[str], env: dict) -> None:
    for _ in range(3):
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)


def _startup(command: list[str], runs: int, env: dict, cwd: str | None = None,
             prepare: list[str] | None = None) -> float:
    """Median seconds of `command` (hyperfine when installed); `prepare` runs before each run."""
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        extra = ["--prepare", shlex.join(prepare)] if prepare else []
        with tempfile.NamedTemporaryFile(suffix=".json") as export:
            subprocess.run([hyperfine, "-N", "-i", "--warmup", "3", "--runs", str(runs), *extra,
                            "--export-json", export.name, shlex.join(command)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=True)
            return json.loads(Path(export.name).read_text())["results"][0]["median"]
    _warm(command, env)
    times = []
    for _ in range(runs):
        if prepare:
            subprocess.run(prepare, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _measure(command: list[str], runs: int, env: dict, cwd: str | None = None,
             prepare: list[str] | None = None) -> dict:
    """Median seconds and the largest peak memory of `command` over `runs` runs."""
    results = []
    for _ in range(runs):
        if prepare:
            subprocess.run(prepare, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        done = subprocess.run([sys.executable, "-c", WRAPPER, cwd or "", *command], capture_output=True, text=True,
                              env=env, check=True)
        results.append(json.loads(done.stdout))
    return {"seconds": statistics.median(r["seconds"] for r in results),
            "rss_kib": max(r["rss_kib"] for r in results), "code": results[0]["code"]}


def _paired(first: list[str], second: list[str], runs: int, env: dict,
            prepare: list[str] | None = None) -> tuple[dict, dict, float]:
    """`_measure` of two commands run in turns, and the median of first/second over the pairs.

    On a shared machine the load drifts within seconds: measured in turns, both commands of a
    pair see about the same load, and their ratio does not depend on when each was run.
    """
    pairs = [(_measure(first, 1, env, prepare=prepare), _measure(second, 1, env, prepare=prepare))
             for _ in range(runs)]

    def summary(results):
        return {"seconds": statistics.median(r["seconds"] for r in results),
                "rss_kib": max(r["rss_kib"] for r in results), "code": results[0]["code"]}
    return (summary([a for a, _ in pairs]), summary([b for _, b in pairs]),
            statistics.median(a["seconds"] / b["seconds"] for a, b in pairs))


def _textlint(folder: Path, markers: Path, work: Path, env: dict):
    if not shutil.which("npx"):
        return None
    probe = subprocess.run(["npx", "--no-install", "textlint", "--version"], capture_output=True, text=True,
                           cwd=folder, env=env, check=False)
    if probe.returncode != 0 or not (folder / "node_modules" / "textlint-rule-ng-word").is_dir():
        return None
    words = [line for line in markers.read_text(encoding="utf-8").splitlines() if line]
    config = work / "textlintrc.json"
    config.write_text(json.dumps({"rules": {"ng-word": {"words": words}}}, ensure_ascii=False), encoding="utf-8")
    return ["npx", "--no-install", "textlint", "--no-color", "--config", str(config)], str(folder)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def _rate(files: int, megabytes: float, result: dict) -> str:
    seconds = result["seconds"]
    return f"{files / seconds:,.0f} files/s, {megabytes / seconds:.1f} MB/s ({seconds:.1f} s)"


def _mib(result: dict) -> str:
    return f"{result['rss_kib'] / 1024:.0f} MiB"


def _report(rows: dict, columns: list[str], described: str, command: str, notes: list[str], seconds: float,
            env: dict) -> str:
    from linter import __version__

    cpu = next((line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")), "unknown CPU")
    head = ["| what | " + " | ".join(columns) + " |", "| --- | " + " | ".join("---" for _ in columns) + " |"]
    body = ["| " + label + " | " + " | ".join(values.get(column, "") for column in columns) + " |"
            for label, values in rows.items()]
    lines = ["## Benchmark", "",
             f"Medians, measured in one run side by side on {os.cpu_count()} × {cpu}, "
             f"{platform.system()} {platform.release()}, Python {platform.python_version()}, disclint {__version__}. "
             f"Corpus: {described}. disclint with a warm start-up cache and no cached results, except in the "
             "rows on unchanged files.", "",
             *head, *body, ""]
    lines += [f"- {note}" for note in notes]
    lines += ["", "Produced by (from the repository root; the corpus is made in `--work`, by default "
              "/tmp/disclint-bench):", "",
              "```sh", command.strip(), "```", "", f"(the whole run took {seconds / 60:.1f} minutes)"]
    return "\n".join(lines) + "\n"


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return []


if __name__ == "__main__":
    sys.exit(main())
