"""The `check`, `fix` and `baseline` commands: targets in, reports and exit code out.

For each file: find its configuration and ruleset choice, read and lint it (or
fix it: apply the safe fixes, re-check, write atomically), drop what the baseline
accepts, and stream the result to the reporter. Exit codes: 0 nothing at or above
`--fail-on`, 1 findings (with `--diff`: fixes to make), 2 a file could not be
checked or a usage/configuration error.
"""

from __future__ import annotations

import functools
import gc
import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from linter import cache
from linter.discover import DEFAULT_INCLUDE, Target, is_excluded, iter_targets, printable
from linter.records import NamedTuple
from linter.result import FileResult
from linter.errors import InputError, UsageError
from linter.finding import Severity
from linter.i18n import default_lang
from linter.registry import reporters
from linter.reporters import ReportOptions, Summary
from linter.ruleclock import RunClock
from linter.session import RunOptions, Session
from linter.source import DEFAULT_MAX_BYTES, read_bytes


def split_list(values: list[str] | None) -> list[str]:
    items: list[str] = []
    for value in values or []:
        items.extend(v.strip() for v in value.split(",") if v.strip())
    return items


def _warn(line: str) -> None:
    print(f"disclint: {line}", file=sys.stderr)


def _session(args) -> Session:
    return Session(RunOptions(ruleset=args.ruleset, config=args.config, no_config=args.no_config,
                              select=split_list(args.select) or None, ignore=tuple(split_list(args.ignore))),
                   on_warning=_warn)


def _check_environment() -> None:
    value = os.environ.get("DISCLINT_RULE_TIME_LIMIT")
    if value is not None:
        try:
            if float(value) < 0:
                raise ValueError
        except ValueError:
            raise UsageError(f"DISCLINT_RULE_TIME_LIMIT={value!r}: expected a number of seconds (0 for no limit)")


def _anchor(args) -> Path:
    if getattr(args, "stdin", False) and args.stdin_filename:
        return Path(args.stdin_filename)
    return Path(args.paths[0]) if args.paths else Path.cwd() / "."


def _targets(args, session: Session, include) -> Iterator[tuple[Target, bytes | None]]:
    """Files to check, with their bytes for --stdin; excluded and unchanged files left out.

    A generator, so that a run over many files never holds them all; what can go
    wrong with the command line (--stdin with paths, --changed-since) is raised here,
    before anything is written.
    """
    if args.stdin:
        if args.paths:
            raise UsageError("--stdin reads one document: give no PATH (name it with --stdin-filename)")
        name = printable(args.stdin_filename) if args.stdin_filename else "-"
        return iter([(Target(Path(args.stdin_filename or "stdin.txt"), name, True), sys.stdin.buffer.read())])
    changed = changed_files(args.changed_since) if args.changed_since else None
    return _chosen(args.paths or ["."], include, session, list(args.exclude or []), changed)


def _chosen(paths, include, session: Session, exclude: list[str], changed: set[str] | None):
    cwd = Path.cwd()
    for target in iter_targets(paths, include):
        config = session.config_for(target.path)
        if is_excluded(target.path, exclude, cwd) or is_excluded(target.path, config.model.exclude, config.root):
            continue
        if changed is not None and os.path.abspath(target.path) not in changed:
            continue
        yield target, None


def changed_files(revision: str) -> set[str]:
    """Absolute paths changed since `revision` (committed or not) plus untracked files."""
    import subprocess  # only --changed-since needs it

    def git(*arguments: str) -> str:
        try:
            done = subprocess.run(["git", *arguments], capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise UsageError("--changed-since needs git, which is not installed") from None
        if done.returncode != 0:
            problem = (done.stderr.strip().splitlines() or ["git failed"])[-1]
            raise UsageError(f"--changed-since {revision}: {problem}")
        return done.stdout

    top = git("rev-parse", "--show-toplevel").strip()
    git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    names = git("diff", "--name-only", "-z", "--diff-filter=ACMRT", revision, "--").split("\0")
    names += git("ls-files", "-z", "--others", "--exclude-standard").split("\0")
    return {os.path.abspath(os.path.join(top, name)) for name in names if name}


def _max_bytes(max_file_size: int | None, config) -> int:
    """The size limit for a file: --max-file-size, else the configuration's, else the default."""
    mib = max_file_size or config.model.max_file_size
    return mib * 1024 * 1024 if mib else DEFAULT_MAX_BYTES


def _load_baseline(path_arg: str | None, config):
    path = path_arg or (config.root / config.model.baseline if config.model.baseline else None)
    if path is None:
        return None
    from linter import baseline as baselines

    return baselines.load(path)


def run_check(args) -> int:
    fixing = args.command == "fix" or getattr(args, "fix", False) or args.diff
    _check_environment()
    session = _session(args)
    anchor = _anchor(args)
    first = session.config_for(anchor)
    lang = args.lang or first.model.lang or default_lang()
    fail_on = Severity.parse(args.fail_on or first.model.fail_on or "error")
    if args.format not in reporters():
        raise UsageError(f"unknown output format '{args.format}' (available: {', '.join(reporters().names())})")
    if args.reader:
        from linter.formats import readers

        if args.reader not in readers():
            raise UsageError(f"unknown reader '{args.reader}' (available: {', '.join(readers().names())})")
    if args.stdin_filename and not args.stdin:
        raise UsageError("--stdin-filename goes with --stdin")
    session.choice_for(anchor, first)  # a typo in --select or a ruleset warning must not wait for a file
    baseline = _load_baseline(args.baseline, first)
    stream = sys.stderr if (fixing and args.stdin and not args.diff) else sys.stdout
    color = args.color == "always" or (args.color == "auto" and stream.isatty() and not os.environ.get("NO_COLOR"))
    reporter = reporters().load(args.format)(stream, ReportOptions(
        lang=lang, verbose=args.verbose, quiet=args.quiet, color=color, show_source=not args.no_source,
        rules=session.rules_seen))
    include = tuple(args.include or first.model.include or DEFAULT_INCLUDE)
    summary = Summary(fixing=fixing)
    targets = _targets(args, session, include)
    jobs, targets = (1, targets) if fixing else _jobs(args.jobs, targets)
    if not args.diff:
        reporter.start()
    gc.freeze()  # what start-up built lives to the end: the collector need not walk it again and again
    gc.enable()  # (off during start-up: see linter.__main__)
    try:
        with RunClock():  # the files linted here share one rule clock, armed once (see linter.ruleclock)
            return _check_all(args, session, reporter, summary, targets, jobs, fixing, lang, fail_on, baseline,
                              stream)
    finally:
        gc.unfreeze()


def _check_all(args, session, reporter, summary, targets, jobs, fixing, lang, fail_on, baseline, stream) -> int:
    """Check (or fix) each target in turn and stream its result to the reporter; the exit code."""
    failed = diffs = False
    parallel = None
    if fixing:
        pairs = (((t, d), FileResult(t.display, error=t.error) if t.error else None) for t, d in targets)
    elif jobs > 1:
        targets = list(targets)
        parallel = _parallel(session.options, targets, lang, args, jobs)
        pairs = zip(targets, parallel)
    else:
        pairs = _checked_in_order(session, targets, lang, args.reader, args.max_file_size)
    for (target, data), result in pairs:
        summary.files += 1
        if fixing and not target.error:
            config = session.config_for(target.path)
            result, changed = _fix_one(args, target, data, session.choice_for(target.path, config), lang,
                                       _max_bytes(args.max_file_size, config), config.waivers_for(target.path),
                                       summary)
            diffs = diffs or changed
        if baseline is not None and result.error is None:
            result = result._replace(findings=baseline.filter(str(target.path), result.findings))
        if result.error:
            summary.unchecked += 1
            print(f"disclint: {result.path}: {result.error}", file=sys.stderr)
        for finding in result.findings:
            summary.counts[finding.severity.label] += 1
            failed = failed or finding.severity >= fail_on
        if not args.diff:
            reporter.file(result)
        stream.flush()
    _flush_results()
    if parallel is not None:
        parallel.close()  # the workers, told to exit at the last range, are waited for (see linter.pool)
    if not args.diff:
        reporter.finish(summary)
    if summary.unchecked:
        return 2
    if args.diff:
        return 1 if diffs else 0
    return 1 if failed else 0


def _flush_results() -> None:
    """Write the new results kept for the result cache (only if the cache was used)."""
    results = sys.modules.get("linter.resultcache")
    if results is not None:
        results.flush()


PARALLEL_THRESHOLD = 32  # fewer files than this are not worth starting worker processes


def _jobs(value: str | None, targets: Iterator) -> tuple[int, Iterator]:
    """Worker processes to use (`--jobs N` or `auto`: one per CPU; one below the threshold), and the targets.

    Only as many targets as the threshold are looked at to decide; they are put back in front.
    """
    jobs = _requested_jobs(value)
    if jobs == 1:
        return 1, targets
    head = list(itertools.islice(targets, PARALLEL_THRESHOLD))
    return (jobs if len(head) >= PARALLEL_THRESHOLD else 1), itertools.chain(head, targets)


def _requested_jobs(value: str | None) -> int:
    if value in (None, "1"):
        return 1
    if value == "auto":
        try:
            jobs = len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            jobs = os.cpu_count() or 1
    else:
        try:
            jobs = int(value)
        except ValueError:
            raise UsageError(f"--jobs takes a number or 'auto', not {value!r}") from None
        if jobs < 1:
            raise UsageError("--jobs must be at least 1")
    return jobs


class _Ready(NamedTuple):
    """A target ready to be linted: what `_check_one` works out before looking in the result cache."""

    target: Target
    data: bytes | None
    choice: object
    waivers: tuple
    max_bytes: int
    entry: bytes | None  # its key in the result cache (None: the cache is off, or the bytes were given)


def _keying(lang: str, reader: str | None):
    """`(data, display, choice, waivers) -> key` in the result cache; None when the cache is off."""
    if not cache.enabled():
        return None
    from linter import resultcache
    from linter.ruleclock import RULE_TIME_LIMIT

    def key(data: bytes, display: str, choice, waivers: tuple) -> bytes:
        return resultcache.key(data, display, choice, lang, reader, waivers, RULE_TIME_LIMIT)

    return key


def _ready(session: Session, target: Target, data, max_file_size: int | None, keying) -> FileResult | _Ready:
    """What linting the target needs, and with `keying` (the cache on) its bytes and cache key.

    A FileResult instead for a target that cannot be read.
    """
    if target.error:
        return FileResult(target.display, error=target.error)
    config = session.config_for(target.path)
    max_bytes = _max_bytes(max_file_size, config)
    choice, waivers = session.choice_for(target.path, config), config.waivers_for(target.path)
    entry = None
    if data is None and keying is not None:
        try:  # read once: the digest keys the result cache, the bytes feed the linter
            data = read_bytes(str(target.path), target.display, max_bytes)
        except InputError as exc:
            return FileResult(target.display, error=exc.message)
        entry = keying(data, target.display, choice, waivers)
    return _new_ready((target, data, choice, waivers, max_bytes, entry))


# _Ready._make without its Python-level call: one is made for every file
_new_ready = functools.partial(tuple.__new__, _Ready)


def _lint(ready: _Ready, lang: str, reader: str | None) -> FileResult:
    from linter.engine import check_file  # not imported by a run answered from the result cache

    target = ready.target
    return check_file(str(target.path), target.display, ready.choice, lang, ready.max_bytes, data=ready.data,
                      reader_name=reader, waivers=ready.waivers)


def _check_one(session: Session, target: Target, data, lang: str, reader: str | None,
               max_file_size: int | None) -> tuple[FileResult, bytes | None]:
    """Lint one target with the session's configuration, or answer from the result cache.

    Returns the result and, when it was linted with the cache on, the key to store it
    under (the caller stores it: worker processes send it back instead).
    """
    ready = _ready(session, target, data, max_file_size, _keying(lang, reader))
    if not isinstance(ready, _Ready):
        return ready, None
    if ready.entry is not None:
        from linter import resultcache

        cached = resultcache.load(ready.entry)
        if cached is not None:
            return cached, None
    return _lint(ready, lang, reader), ready.entry


def _checked(session: Session, target: Target, data, lang: str, reader: str | None,
             max_file_size: int | None) -> FileResult:
    """`_check_one`, with a new result stored in the result cache."""
    result, entry = _check_one(session, target, data, lang, reader, max_file_size)
    if entry is not None:
        from linter import resultcache

        resultcache.store(entry, result)
    return result


READ_AHEAD_FILES = 128  # files read, then looked up in the result cache with one query
READ_AHEAD_BYTES = 8 * 1024 * 1024  # ... or fewer, once their bytes add up to this


def _checked_in_order(session: Session, targets, lang: str, reader: str | None, max_file_size: int | None):
    """`((target, data), result)` for each target in order: `_checked`, with batched cache lookups."""
    for batch in _ready_batches(session, targets, lang, reader, max_file_size):
        for pair, ready, result in _looked_up(batch):
            if not isinstance(ready, _Ready):
                yield pair, ready
                continue
            if result is None:
                result = _lint(ready, lang, reader)
                if ready.entry is not None:
                    from linter import resultcache

                    resultcache.store(ready.entry, result)
            yield pair, result


def _ready_batches(session: Session, targets, lang: str, reader: str | None, max_file_size: int | None):
    """`((target, data), ready)` for each target, a list at a time: its cached results are then
    looked up in one query (`_looked_up`).

    A batch holds READ_AHEAD_FILES targets, or fewer once their bytes (read to key them, with
    the cache on) add up to READ_AHEAD_BYTES: bytes are held for one batch only.
    """
    keying, batch, held = _keying(lang, reader), [], 0
    for target, data in targets:
        ready = _ready(session, target, data, max_file_size, keying)
        batch.append(((target, data), ready))
        if isinstance(ready, _Ready) and ready.data is not None:
            held += len(ready.data)
        if len(batch) >= READ_AHEAD_FILES or held >= READ_AHEAD_BYTES:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _looked_up(batch: list):
    """`(pair, ready, cached result or None)` for each of a batch of `_ready_batches`, in order."""
    entries = [ready.entry for _, ready in batch if isinstance(ready, _Ready) and ready.entry is not None]
    cached = iter(())
    if entries:
        from linter import resultcache

        cached = resultcache.load_many(entries)  # one answer per entry, in the batch's order
    for pair, ready in batch:
        yield pair, ready, next(cached) if isinstance(ready, _Ready) and ready.entry is not None else None


_WORKER: Session | None = None


def _prepare_workers() -> None:
    """Import the engine and load the built-in rulesets here, once: forked workers inherit them.

    So too the result cache's modules, when the cache is on: this process needs them as
    well, to store what the workers send back (3 ms less in each worker).
    """
    import linter.engine  # noqa: F401
    from linter.autoselect import CANDIDATES
    from linter.ruleset import load_ruleset

    for name in CANDIDATES:
        load_ruleset(name)
    if cache.enabled():
        import sqlite3  # noqa: F401

        import linter.resultcache  # noqa: F401


def _start_worker(options: RunOptions) -> None:
    global _WORKER
    _WORKER = Session(options)  # each worker finds configurations and compiles rulesets once


def _work(job) -> tuple[FileResult | None, bytes | None, bytes | None, list[bytes]]:
    """(result, cache key, cache value, keys read): a result to cache travels as its cache value only."""
    return _worked([job])[0]


def _work_range(work: list, start: int, stop: int) -> list:
    """`_work` of the jobs `work[start:stop]` in a worker: its files share one rule clock, as in run_check."""
    with RunClock():
        return _worked(work[start:stop])


def _worked(jobs: list) -> list:
    """`_work` of each of `jobs` (of one run: one language, reader and size limit), their cached
    results looked up a batch at a time, as `_checked_in_order` does."""
    _, lang, reader, max_file_size = jobs[0]
    done = []
    for batch in _ready_batches(_WORKER, ((job[0], None) for job in jobs), lang, reader, max_file_size):
        for _, ready, result in _looked_up(batch):
            results = sys.modules.get("linter.resultcache")  # (imported by _keying: the cache is on)
            if not isinstance(ready, _Ready):
                done.append((ready.compact(), None, None, []))
            elif result is not None:
                done.append((result.compact(), None, None, results.drain_touched()))
            else:
                result = _lint(ready, lang, reader)
                value = results.value_of(result, ready.entry) if ready.entry is not None else None
                touched = results.drain_touched() if results is not None else []
                done.append((None, ready.entry, value, touched) if value is not None else
                            (result.compact(), ready.entry, None, touched))
    return done


def _parallel(options: RunOptions, targets, lang: str, args, jobs: int):
    """Results in the order of `targets`, computed by `jobs` worker processes, streamed as they come.

    The workers only read the result cache; this process stores what they send back and
    marks the entries they read as used. Forked by linter.pool, or where it cannot fork,
    by concurrent.futures.
    """
    from linter import pool

    _prepare_workers()
    work = [(target, lang, args.reader, args.max_file_size) for target, _ in targets]
    # As run_check froze what start-up built, so what the workers inherit besides (the engine,
    # the rulesets): no collection in a worker then writes to it and makes it copy memory pages.
    gc.freeze()
    if pool.available():
        results = pool.ordered(len(work), functools.partial(_work_range, work), jobs, lambda: _start_worker(options))
    else:
        results = _executor(options, work, jobs)
    resultcache = None
    try:
        for result, entry, value, touched in results:
            if entry is not None or touched:
                if resultcache is None:
                    from linter import resultcache
                if value is not None:
                    resultcache.store_value(entry, value)
                    result = resultcache.result_of_value(value)
                resultcache.touched(touched)
            yield result
    finally:
        results.close()  # (the workers are waited for: see linter.pool.ordered)


def _executor(options: RunOptions, work: list, jobs: int):
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(options,)) as executor:
        yield from executor.map(_work, work, chunksize=max(1, min(16, len(work) // (jobs * 8))))


def _fix_one(args, target: Target, data, choice, lang, max_bytes, waivers, summary) -> tuple[FileResult, bool]:
    from linter.atomic import write_fixed
    from linter.engine import result_for
    from linter.fixer import fix_file

    outcome = fix_file(str(target.path), target.display, choice, lang, args.unsafe_fixes, max_bytes,
                       args.reader, data, waivers)
    if outcome.start_document is None:
        return FileResult(target.display, error=outcome.error), False
    if outcome.error:
        print(f"disclint: {target.display}: {outcome.error}", file=sys.stderr)
    if not outcome.changed:
        return result_for(outcome.start_document, choice, lang, findings=outcome.initial), False
    if args.diff:
        sys.stdout.write(outcome.diff())
        summary.fixed += outcome.fixed
        return result_for(outcome.start_document, choice, lang, findings=outcome.initial), True
    if args.stdin:
        sys.stdout.write(outcome.text)
    else:
        try:
            write_fixed(str(target.path), outcome.text, outcome.encoding)
        except (InputError, OSError) as exc:
            message = exc.message if isinstance(exc, InputError) else f"cannot write: {exc.strerror or exc}"
            print(f"disclint: {target.display}: {message}", file=sys.stderr)
            return result_for(outcome.start_document, choice, lang, findings=outcome.initial), False
    summary.fixed += outcome.fixed
    return result_for(outcome.document, choice, lang, findings=outcome.remaining), True


def run_baseline(args) -> int:
    from linter import baseline as baselines

    session = _session(args)
    anchor = _anchor(args)
    first = session.config_for(anchor)
    lang = args.lang or first.model.lang or default_lang()
    if args.baseline_file:
        path = Path(args.baseline_file)
    elif first.model.baseline:
        path = first.root / first.model.baseline
    else:
        path = Path(baselines.DEFAULT_NAME)
    args.stdin = False
    args.stdin_filename = None
    include = tuple(args.include or first.model.include or DEFAULT_INCLUDE)
    current = baselines.Baseline(path)
    checked: set[str] = set()
    unchecked = 0
    gc.enable()  # start-up is over (see run_check)
    with RunClock():  # (as in run_check)
        for target, _ in _targets(args, session, include):
            result = _checked(session, target, None, lang, args.reader, args.max_file_size)
            if result.error:
                unchecked += 1
                print(f"disclint: {result.path}: {result.error}", file=sys.stderr)
                continue
            checked.add(current.key(str(target.path)))
            current.add(str(target.path), result.findings)
    _flush_results()
    if args.action == "create":
        baselines.write(current)
        print(_say(lang, f"已写入基线 {path}：{current.count()} 个已接受的问题，{len(current.entries)} 个文件",
                   f"wrote {path}: {current.count()} accepted findings in {len(current.entries)} files"))
        return 2 if unchecked else 0
    old = baselines.load(path)
    stale = [entry for entry in baselines.stale(old, current) if entry[0] in checked]
    updated = current if getattr(args, "accept_new", False) else baselines.pruned(old, current)
    for key, bucket in old.entries.items():  # files not checked this time keep their entries
        if key not in checked:
            updated.entries[key] = bucket
    baselines.write(updated)
    for file_key, rule, fingerprint, count in stale:
        print(_say(lang, f"过期：{file_key}：{rule} {fingerprint}（{count} 处不再出现）",
                   f"stale: {file_key}: {rule} {fingerprint} ({count} no longer found)"))
    print(_say(lang, f"已更新基线 {path}：移除 {len(stale)} 项过期条目，共 {updated.count()} 个已接受的问题",
               f"updated {path}: {len(stale)} stale entries removed, {updated.count()} accepted findings"))
    return 2 if unchecked else 0


def _say(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh
