"""Reporters: render results. Each is a plugin of the `disclint.reporters` group."""

from __future__ import annotations

from collections.abc import Callable

from linter.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from typing import TextIO


class Summary:
    """The counts a run reports at the end (filled in as files are checked)."""

    __slots__ = ("files", "unchecked", "counts", "fixing", "fixed")

    def __init__(self, fixing: bool = False) -> None:
        self.files = 0
        self.unchecked = 0
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.fixing = fixing
        self.fixed = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict:
        summary = {"files": self.files, "checked": self.files - self.unchecked,
                   "unchecked": self.unchecked, "findings": self.total, **self.counts}
        if self.fixing:
            summary["fixed"] = self.fixed
        return summary


class ReportOptions(NamedTuple):
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
