"""`python -m linter` and the `disclint` command (`run`): the command line of `linter.cli`.

Both start with the cyclic garbage collector off. Start-up (importing the modules,
unpickling the cached rulesets and patterns) makes many objects and almost no
garbage, and the collector walked them again and again: about 4% of a one-file run.
`linter.check.run_check` turns it back on, with what start-up built frozen, before
the first file; `linter.cli.main` turns it off too, for callers that import it.

At the end, everything is frozen again: the interpreter's exit runs full collections
over every object (about 8% of a one-file run) to call finalizers that nothing here
needs. Files are closed, the output flushed and exit handlers run as usual; the result
database, which holds a write-ahead log until it is closed, is closed first.
"""

import gc
import sys


def run() -> int:
    """The `disclint` console script's entry point."""
    gc.disable()
    from linter.cli import main

    code = main()
    results = sys.modules.get("linter.resultcache")
    if results is not None:
        results.close()
    gc.freeze()  # the collections of the interpreter's exit need not walk what the run built
    return code


if __name__ == "__main__":
    sys.exit(run())
