"""`python -m linter` and the `disclint` command (`run`): the command line of `linter.cli`.

Both start with the cyclic garbage collector off. Start-up (importing the modules,
unpickling the cached rulesets and patterns) makes many objects and almost no
garbage, and the collector walked them again and again: about 4% of a one-file run.
`linter.check.run_check` turns it back on, with what start-up built frozen, before
the first file; `linter.cli.main` turns it off too, for callers that import it.

At the end, everything is frozen again: the interpreter's exit runs full collections
over every object (about 8% of a one-file run) to call finalizers that nothing here
needs. The result database, which holds a write-ahead log until it is closed, is closed
first. Then (`main`, see `_end`) the process ends without the interpreter's teardown
when only disclint's own code ran, after the exit handlers and with the output flushed.
"""

import gc
import os
import sys


def run() -> int:
    """The command line, its result database closed: the exit code."""
    gc.disable()
    from linter.cli import main

    code = main()
    results = sys.modules.get("linter.resultcache")
    if results is not None:
        results.close()
    gc.freeze()  # the collections of the interpreter's exit need not walk what the run built
    return code


def main() -> None:
    """The `disclint` console script and `python -m linter`: `run`, then the end of the process."""
    _end(run())


def _end(code: int) -> None:
    """End the process with `code`, without the interpreter's teardown when that is safe.

    The teardown frees every module's objects one by one (2-5 ms, a twentieth of a one-file
    run) for a process that is about to end anyway. What it would do that matters is done
    here: the exit handlers run (linter.cache's stores are written by one) and the output
    is flushed; everything disclint writes is closed already. A plugin from elsewhere
    may count on the teardown (a file it never closed), as may a thread still running:
    with another plugin installed (or none known), a thread running, or anything here
    failing, the usual exit.
    """
    import atexit

    registry = sys.modules.get("linter.registry")
    threading = sys.modules.get("threading")
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if (run_handlers is None or registry is None or not registry.only_own_installed()
            or (threading is not None and threading.active_count() > 1)):
        sys.exit(code)
    try:
        run_handlers()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - a closed pipe, say: the usual exit reports it as it always has
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    main()
