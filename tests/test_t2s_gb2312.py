"""t2s_keys: a text in GB2312 is checked against the few keys GB2312 holds, with the same answers."""

from __future__ import annotations

import random

import pytest

from linter import t2s_keys


def _keys() -> frozenset[str]:
    keys = t2s_keys._known_keys()
    if not keys:
        pytest.skip("no opencc_dict in this opencc: there are no keys to check against")
    return keys[0]


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def test_the_gb2312_keys_are_the_keys_gb2312_holds():
    characters = _keys()
    expected = {ch for ch in characters if _in_gb2312(ch)}
    got = t2s_keys._gb2312_keys(characters)
    assert set(got) == expected and len(got) == len(expected) and expected  # e.g. 乾, 著, 覆
    assert t2s_keys._gb2312_keys(frozenset("乾著發")) == ("乾", "著")


def test_a_text_holds_a_key_exactly_when_one_of_its_characters_is_one():
    characters = _keys()
    gb2312_keys = list(t2s_keys._gb2312_keys(characters))
    other_keys = sorted(characters - set(gb2312_keys))[:200]
    plain = list("政府信息公开工作年度报告，（一）总体情况：2016年。\n ab1") + ["\u3000"]
    outside = ["•", "\u00a0", "😀", "\u4dff", "€"]  # not in GB2312, not keys (checked below)
    assert not any(ch in characters or _in_gb2312(ch) for ch in outside)
    rng = random.Random(3)
    texts = ["", "政府信息公开", "乾隆", "內部資料", "著作 😀"]
    for _ in range(3000):
        pool = plain + rng.choice([[], gb2312_keys, other_keys, outside, gb2312_keys + outside])
        texts.append("".join(rng.choice(pool) for _ in range(rng.randint(0, 30))))
    for text in texts:
        assert t2s_keys._in_gb2312(text) == all(map(_in_gb2312, text))
        assert t2s_keys._has_key_character(text, characters) == (not characters.isdisjoint(text)), text
