"""The contract every rule kind follows.

A kind is a class with a `name`, a docstring with the headings "What it checks",
"Why", "Fails", "Passes" and "Options" (shown by `disclint explain`), a pydantic
`Options` model that forbids unknown keys, default messages in Chinese and
English, and `check(doc, options)` yielding Hits. A kind never knows the rule id,
severity or message a ruleset gives it: the engine stamps those.

The options a kind receives are its validated `Options` model. A kind that sets
`plain_options = True` receives them as a read-only `linter.frozen.Frozen` record
with the same attribute names instead, which lets a validated ruleset come from
the start-up cache without pydantic; the built-in kinds do that, and name their
models (kept in linter.kinds.options) with `options_model("module:Class")`, which
imports the model only when validation asks for it. `KindOptions` and `Pattern`
(a string option that must compile as a regular expression) are importable from
here, as third-party kinds do.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator

from linter.document import Document
from linter.finding import Hit

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from typing import Any, ClassVar
    from linter.kinds.options import KindOptions, Pattern  # noqa: F401


class options_model:  # noqa: N801 - used like a function in class bodies
    """`Options = options_model("module:Class")`: the model class, imported on first access."""

    def __init__(self, target: str) -> None:
        self.target = target
        self._model: Any = None

    def __get__(self, instance, owner) -> Any:
        if self._model is None:
            module, _, name = self.target.partition(":")
            self._model = getattr(importlib.import_module(module), name)
        return self._model


class RuleKind:
    """Base class for rule kinds (see the module docstring)."""

    name: ClassVar[str] = ""
    Options: ClassVar[Any] = options_model("linter.kinds.options:KindOptions")
    plain_options: ClassVar[bool] = False
    messages: ClassVar[dict[str, dict[str, str]]] = {}

    def check(self, doc: Document, options: Any) -> Iterator[Hit]:  # pragma: no cover
        raise NotImplementedError


def __getattr__(name: str) -> Any:
    if name in ("KindOptions", "Pattern"):
        from linter.kinds import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
