"""Severities, the Hit a rule kind yields, and the frozen Finding the engine stamps."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from operator import attrgetter
from types import MappingProxyType

from linter.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from typing import Any

NO_DATA: Mapping[str, Any] = MappingProxyType({})  # the shared, read-only default of `data` and `args`


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    label: str  # "info", "warning", "error" (set below)

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.upper()]


# each member's label, an attribute of the member rather than a property: it is read for every
# finding reported (its count in the summary, its line of output)
for _member in Severity:
    _member.label = _member.name.lower()
del _member


def equal_but_last(record: tuple, other: object) -> bool:
    """`==` for a record whose last field is not part of what it is (a finding's fix)."""
    return type(other) is type(record) and record[:-1] == other[:-1]  # never equal to a plain tuple


def unequal_but_last(record: tuple, other: object) -> bool:
    return not equal_but_last(record, other)


class Edit(NamedTuple):
    """Replace source[start:end] with `text` (offsets into the decoded source)."""

    start: int
    end: int
    text: str


class Fix(NamedTuple):
    """Edits that repair one finding. `safety` "safe" fixes run by default; "unsafe" need
    `--unsafe-fixes` (they may change meaning, e.g. guessing a lost character)."""

    edits: tuple[Edit, ...]
    safety: str = "safe"
    independent: bool = False  # each edit stands alone: those that overlap another fix may be left out


class Hit(NamedTuple):
    """What a kind reports: a source span (None for the whole document) and data.

    `data` goes into the JSON output as is; `args` are extra message arguments
    (a value may be a {"zh": ..., "en": ...} mapping, picked by language);
    `variant` picks one of the rule's messages; `severity` overrides the rule's.
    """

    start: int | None = None
    end: int | None = None
    data: Mapping[str, Any] = NO_DATA
    args: Mapping[str, Any] = NO_DATA
    variant: str = "default"
    severity: Severity | None = None
    fix: Fix | None = None


class Finding(NamedTuple):
    """One problem in one file, as every reporter sees it. Lines and columns are 1-based."""

    path: str
    rule: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    data: Mapping[str, Any] = NO_DATA
    location: Mapping[str, Any] | None = None  # container position (page, paragraph, cell), if any
    fingerprint: str = ""  # stable across edits elsewhere in the file (baselines, SARIF)
    fix: Fix | None = None

    # the fix is not part of what a finding is; `data` is a mapping, so no hash
    __eq__, __ne__, __hash__ = equal_but_last, unequal_but_last, None

    def sort_key(self) -> tuple:
        """Where the finding stands, then its rule: the order of a file's findings (SORT_KEY)."""
        return SORT_KEY(self)

    def to_json(self) -> dict:
        entry = {
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "data": dict(self.data),
        }
        if self.location is not None:
            entry["location"] = dict(self.location)
        if self.fingerprint:
            entry["fingerprint"] = self.fingerprint
        if self.fix is not None:
            entry["fix"] = {"safety": self.fix.safety}
        return entry


# the key `Finding.sort_key` gives, made in C (the findings of every file are sorted by it)
SORT_KEY = attrgetter("line", "column", "rule", "end_line", "end_column")
