"""Read-only records that stand in for validated pydantic models at run time.

Options and configuration are validated with pydantic when a file is loaded, then
turned into `Frozen` records with the same attribute names (nested models become
nested records; lists stay lists). Records pickle cheaply into the start-up cache
(linter.cache) and need no pydantic to be read back, so a run whose configuration
is unchanged never imports it. `model_dump()` answers like pydantic's, for the
code that shows options (`disclint explain`).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from typing import Any


class Frozen:
    """Attributes from a validated model; setting or deleting one is an error."""

    __slots__ = ("__dict__", "_non_default")

    def __init__(self, fields: dict[str, Any], non_default: dict[str, Any] | None = None) -> None:
        self.__dict__.update(fields)
        object.__setattr__(self, "_non_default", non_default if non_default is not None else {})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot set '{name}': options are read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete '{name}': options are read-only")

    def __reduce__(self):
        return Frozen, (dict(self.__dict__), self._non_default)

    def __eq__(self, other: object) -> bool:
        return type(other) is Frozen and self.__dict__ == other.__dict__

    __hash__ = None  # like a frozen pydantic model holding lists: not hashable

    def __repr__(self) -> str:
        return "Frozen(" + ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items()) + ")"

    def model_dump(self, *, exclude_defaults: bool = False) -> dict[str, Any]:
        """The fields as plain data; with `exclude_defaults`, only those given a non-default value."""
        if exclude_defaults:
            import copy  # (only `disclint explain` asks: not imported at start-up)

            return copy.deepcopy(self._non_default)
        return {name: _dump(value) for name, value in self.__dict__.items()}


def _dump(value: Any) -> Any:
    if isinstance(value, Frozen):
        return value.model_dump()
    if isinstance(value, list):
        return [_dump(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_dump(item) for item in value)
    if isinstance(value, dict):
        return {key: _dump(item) for key, item in value.items()}
    return value


def freeze(value: Any) -> Any:
    """A validated pydantic model (and the models, lists and dicts inside it) as Frozen records."""
    fields = getattr(type(value), "model_fields", None)
    if isinstance(fields, dict) and hasattr(value, "model_dump"):
        return Frozen({name: freeze(getattr(value, name)) for name in fields},
                      value.model_dump(exclude_defaults=True))
    if isinstance(value, list):
        return [freeze(item) for item in value]
    if isinstance(value, tuple):
        return tuple(freeze(item) for item in value)
    if isinstance(value, dict):
        return {key: freeze(item) for key, item in value.items()}
    return value
