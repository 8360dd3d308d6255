"""A finding about the whole document is fingerprinted by its data written as json writes it.

`linter.fingerprint.canonical_json` writes plain data itself (so a run need not import json)
and must give json.dumps's very text: a baseline stores the fingerprints.
"""

from __future__ import annotations

import enum
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.fingerprint import canonical_json


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _outcome(write, value):
    """What `write(value)` gives: its text, or the kind of error and the message it raises."""
    try:
        return write(value)
    except (TypeError, ValueError) as error:
        return type(error), str(error)


class _Level(enum.IntEnum):
    LOW = 1


class _Name(str):
    pass


_TEXT = st.text(st.characters(codec="utf-8", categories=None) | st.sampled_from('"\\\n\r\t\b\f\x00\x1f\x7f中'),
                max_size=12)
_PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=4).map(tuple)
    | st.dictionaries(_TEXT, inner, max_size=4), max_leaves=20)
_ANY = st.recursive(
    _PLAIN | st.floats() | st.sampled_from([_Level.LOW, _Name("名"), b"bytes", object, 3j]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.one_of(_TEXT, st.integers(), st.booleans(), st.none()), inner, max_size=3),
    max_leaves=10)


@settings(max_examples=400, deadline=None)
@given(_PLAIN)
def test_plain_data_is_written_as_json_writes_it(value):
    assert canonical_json(value) == _json(value)


@settings(max_examples=300, deadline=None)
@given(_ANY)
def test_anything_else_is_left_to_json(value):
    assert _outcome(canonical_json, value) == _outcome(_json, value)


def test_the_data_of_real_document_findings():
    data = {"section": "applications", "title": {"zh": "四、政府信息公开行政复议、行政诉讼情况", "en": "4. reviews"},
            "expected": ["组织领导", "规章制度"], "count": 3, "ratio": 0.25, "missing": None, "ok": False,
            "quote": '他说"可以"\\n', "level": _Level.LOW, "name": _Name("来源")}
    assert canonical_json(data) == _json(data)
    looped: list = []
    looped.append(looped)
    assert _outcome(canonical_json, looped) == _outcome(_json, looped)
    assert _outcome(_json, looped) == (ValueError, "Circular reference detected")
