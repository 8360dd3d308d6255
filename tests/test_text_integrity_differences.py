"""traditional-conversion finds the differing characters in C and remembers which characters it may convert.

`_differences` XORs the two texts' UTF-32 code units as integers; `_convertible` is the
Han-and-NFKC-stable test, kept per character. These tests compare them with the
straightforward per-character forms, on texts with every kind of character a view may hold
(astral characters, lone surrogates from undecodable bytes, NUL padding).
"""

from __future__ import annotations

import unicodedata

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.kinds.text_integrity import _convertible, _differences

_ALPHABET = list("政府信息公開开現现a1\0\u3000（") + ["\U00020000", "\U0002a6a5", "\udc80", "\ud800", "\uf900", "\u2f00"]


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.sampled_from(_ALPHABET), st.sampled_from(_ALPHABET)), max_size=60))
def test_differences_are_the_indexes_where_the_characters_differ(pairs):
    first = "".join(a for a, _ in pairs)
    second = "".join(b for _, b in pairs)
    assert _differences(first, second) == [i for i, (a, b) in enumerate(pairs) if a != b]


def test_convertible_is_a_han_character_nfkc_leaves_alone():
    for character in _ALPHABET + ["國", "\u2e80", "〇", "々", "\uf907"]:
        expected = regex.match(r"\p{Han}", character) is not None and \
            unicodedata.normalize("NFKC", character) == character
        assert _convertible(character) == expected, hex(ord(character))
    assert _convertible("開") and not _convertible("\uf900") and not _convertible("a")
