"""Machine output, version 1 (documented in the README; keep it stable).

{"version": 1, "tool": {...}, "files": [{"path", "format", "ruleset", "encoding",
"findings": [{"rule", "severity", "message", "line", "column", "end_line",
"end_column", "data"}], "error"?}], "summary": {...}}

The document is written as the files come (each file's entry as soon as it is
checked), so memory stays flat however many files a run has; the bytes are those
`json.dump(document, indent=2, ensure_ascii=False)` would write in one go.
"""

from __future__ import annotations

import json

from linter import __version__
from linter.reporters import Reporter, Summary

JSON_VERSION = 1


def _dumps(value, depth: int) -> str:
    """`value` as it stands `depth` levels deep in a document indented by 2."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


class JsonReporter(Reporter):
    def start(self) -> None:
        self._count = 0
        head = {"version": JSON_VERSION, "tool": {"name": "disclint", "version": __version__}}
        self.stream.write(_dumps(head, 0)[:-2] + ',\n  "files": [')

    def file(self, result) -> None:
        self.stream.write(("," if self._count else "") + "\n    " + _dumps(result.to_json(), 2))
        self._count += 1

    def finish(self, summary: Summary) -> None:
        self.stream.write(("\n  ]" if self._count else "]") + ',\n  "summary": ' + _dumps(summary.to_json(), 1)
                          + "\n}\n")
