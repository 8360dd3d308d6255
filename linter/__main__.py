"""`python -m linter` runs the same command line as `disclint`."""

import sys

from linter.cli import main

sys.exit(main())
