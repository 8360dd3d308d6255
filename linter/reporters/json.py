"""Machine output, version 1 (documented in the README; keep it stable).

{"version": 1, "tool": {...}, "files": [{"path", "format", "ruleset", "encoding",
"findings": [{"rule", "severity", "message", "line", "column", "end_line",
"end_column", "data"}], "error"?}], "summary": {...}}
"""

from __future__ import annotations

import json

from linter import __version__
from linter.reporters import Reporter, Summary

JSON_VERSION = 1


class JsonReporter(Reporter):
    def start(self) -> None:
        self._files: list[dict] = []

    def file(self, result) -> None:
        self._files.append(result.to_json())

    def finish(self, summary: Summary) -> None:
        document = {
            "version": JSON_VERSION,
            "tool": {"name": "disclint", "version": __version__},
            "files": self._files,
            "summary": summary.to_json(),
        }
        json.dump(document, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
