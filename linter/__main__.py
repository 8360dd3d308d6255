"""`python -m linter` and the `disclint` command (`run`): the command line of `linter.cli`.

Both start with the cyclic garbage collector off. Start-up (importing the modules,
unpickling the cached rulesets and patterns) makes many objects and almost no
garbage, and the collector walked them again and again: about 4% of a one-file run.
`linter.check.run_check` turns it back on, with what start-up built frozen, before
the first file; `linter.cli.main` turns it off too, for callers that import it.
"""

import gc
import sys


def run() -> int:
    """The `disclint` console script's entry point."""
    gc.disable()
    from linter.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
