"""`NamedTuple`: `typing.NamedTuple`'s class syntax at a fraction of its start-up cost.

disclint's records (findings, results, documents' parts …) are named tuples written
as `class Finding(NamedTuple): rule: str …`. `typing.NamedTuple` costs a start-up the
command line feels: importing `typing` (3-4 ms), then for every class it checks each
annotation, which with postponed annotations (`from __future__ import annotations`)
means compiling every field's annotation string (about 150 µs a class, 29 classes).
This one builds the same class, `collections.namedtuple` with the fields in
annotation order, their defaults, the class's docstring and methods, and keeps the
annotations as written, unchecked.
"""

from __future__ import annotations

import collections

# names a record class may not define: they would break the tuple underneath
_RESERVED = frozenset(("__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
                       "_make", "_replace", "_asdict", "_source"))
# names every class body has, which the tuple class already has its own of
_OWN = frozenset(("__module__", "__qualname__", "__annotations__", "__orig_bases__", "__classcell__"))


class _RecordMeta(type):
    def __new__(mcs, name: str, bases: tuple, namespace: dict):
        annotations = namespace.get("__annotations__", {})
        fields = list(annotations)
        defaults = []
        for field in fields:
            if field in namespace:
                defaults.append(namespace[field])
            elif defaults:
                raise TypeError(f"{name}: field {field!r} without a default follows a field with one")
        record = collections.namedtuple(name, fields, defaults=defaults, module=namespace.get("__module__"))
        record.__annotations__ = dict(annotations)
        record.__qualname__ = namespace.get("__qualname__", name)
        for key, value in namespace.items():
            if key in _RESERVED:
                raise AttributeError(f"{name}: cannot set {key!r} on a record")
            if key not in _OWN and key not in annotations:
                setattr(record, key, value)
        return record


_Record = type.__new__(_RecordMeta, "NamedTuple", (), {})


class _RecordBase:
    """What `class Name(NamedTuple)` names: it stands in for the base the class really gets."""

    def __mro_entries__(self, bases: tuple) -> tuple:
        return (_Record,)

    def __repr__(self) -> str:
        return "linter.records.NamedTuple"


NamedTuple = _RecordBase()  # write `class Name(NamedTuple): field: type = default` (see the module docstring)
