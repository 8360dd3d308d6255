"""A kind whose (unsafe) fix does not remove its finding: the fixer must refuse it.

What it checks:
    Every 甲.

Why:
    Tests of the fixer's re-check.

Fails:
    甲

Passes:
    乙

Options:
    none.
"""

from __future__ import annotations

from linter.finding import Edit, Fix, Hit
from linter.kinds.base import RuleKind


class Doubling(RuleKind):
    __doc__ = __doc__
    name = "doubling"
    messages = {"default": {"zh": "甲", "en": "甲"}}

    def check(self, doc, options):
        start = doc.source.find("甲")
        while start != -1:
            yield Hit(start, start + 1, fix=Fix((Edit(start, start + 1, "甲甲"),), safety="unsafe"))
            start = doc.source.find("甲", start + 2)


class Sleeper(RuleKind):
    """A kind that never ends (for the per-rule time limit).

    What it checks:
        Nothing; it loops.

    Why:
        Tests of the engine's time limit.

    Fails:
        Any document.

    Passes:
        None.

    Options:
        none.
    """

    name = "sleeper"
    messages = {"default": {"zh": "x", "en": "x"}}

    def check(self, doc, options):
        while True:
            pass
        yield  # pragma: no cover
