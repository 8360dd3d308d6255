"""The contract every rule kind follows.

A kind is a class with a `name`, a docstring with the headings "What it checks",
"Why", "Fails", "Passes" and "Options" (shown by `disclint explain`), a pydantic
`Options` model that forbids unknown keys, default messages in Chinese and
English, and `check(doc, options)` yielding Hits. A kind never knows the rule id,
severity or message a ruleset gives it: the engine stamps those.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Iterator

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict

from linter.document import Document
from linter.finding import Hit


class KindOptions(BaseModel):
    """Base of every kind's options: unknown keys are errors, values are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _compile_check(pattern: str) -> str:
    try:
        regex.compile(pattern, regex.V0)
    except regex.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return pattern


Pattern = Annotated[str, AfterValidator(_compile_check)]
"""A string option that must compile as a regular expression (checked at load time)."""


class RuleKind:
    """Base class for rule kinds (see the module docstring)."""

    name: ClassVar[str] = ""
    Options: ClassVar[type[KindOptions]] = KindOptions
    messages: ClassVar[dict[str, dict[str, str]]] = {}

    def check(self, doc: Document, options: KindOptions) -> Iterator[Hit]:  # pragma: no cover
        raise NotImplementedError
