"""A third-party rule kind living outside the linter package (used by test_plugins).

What it checks:
    Lines longer than `max_chars` characters.

Why:
    A plugin test needs a real kind from another module.

Fails:
    A line of 100 characters with max_chars 80.

Passes:
    Short lines.

Options:
    max_chars: the longest line allowed.
"""

from __future__ import annotations

from linter.kinds.base import KindOptions, RuleKind
from linter.finding import Hit


class LongLineOptions(KindOptions):
    max_chars: int = 80


class LongLine(RuleKind):
    __doc__ = __doc__
    name = "long-line"
    Options = LongLineOptions
    messages = {"default": {"zh": "行过长（{length} 字）", "en": "line too long ({length} characters)"}}

    def check(self, doc, options):
        for line in doc.view_lines:
            if len(line.text) > options.max_chars:
                start, end = doc.source_span(line.start, line.end)
                yield Hit(start, end, data={"length": len(line.text)})
