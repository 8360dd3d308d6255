"""Reporters: render results. Each is a plugin of the `disclint.reporters` group."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, TextIO


@dataclass
class Summary:
    files: int = 0
    unchecked: int = 0
    counts: dict = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    fixing: bool = False
    fixed: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict:
        summary = {"files": self.files, "checked": self.files - self.unchecked,
                   "unchecked": self.unchecked, "findings": self.total, **self.counts}
        if self.fixing:
            summary["fixed"] = self.fixed
        return summary


@dataclass(frozen=True)
class ReportOptions:
    lang: str = "zh"
    verbose: bool = False
    quiet: bool = False
    color: bool = False
    show_source: bool = True
    rules: Callable[[], dict] = dict  # rule id -> Rule, for reporters that describe rules


class Reporter:
    """Lifecycle: `start()`, `file(result)` once per file in order, `finish(summary)`."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.options = options

    def start(self) -> None:
        pass

    def file(self, result) -> None:  # pragma: no cover - every reporter overrides it
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        pass
