"""The shortcuts of the text-integrity rules, the view and the line index give the exact results.

Each shortcut skips work when a cheap test proves it would find nothing; these tests check the
facts the proofs rest on (over every code point where they are about characters) and compare
the shortcuts with the plain computation on generated text.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import normalize, t2s_keys, textmap
from linter.kinds import text_integrity as ti

_CODE_POINTS = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, sys.maxunicode + 1)))
_UTF8_LEADS = set(range(0xE3, 0xEA)) | {0xEF}
_CONTINUATIONS = set(range(0x80, 0xC0))


# --- mojibake: the GBK cluster prefilter ------------------------------------------------------

def _gbk_classes():
    a = set(ti._two_byte_characters(ti._UTF8_LEADS, ti._CONTINUATIONS))
    x = set(ti._two_byte_characters(bytes(range(0x81, 0xFF)), ti._UTF8_LEADS))
    y = set(ti._two_byte_characters(ti._GBK_LEADS, ti._CONTINUATIONS))
    return a, x, y


def test_the_gbk_classes_hold_every_character_of_their_codes():
    """The facts the prefilter's proof uses, for every character a garbled run can hold."""
    a, x, y = _gbk_classes()
    in_runs = "".join(ti._NON_ASCII_RUN.findall("\n".join(_CODE_POINTS))).replace("\ufffd", "")
    assert len(in_runs) > 1_000_000
    assert re.fullmatch(f"[^{ti._NOT_IN_RUN}]*", in_runs)  # the gap class lets every one through
    astral = "".join(re.findall("[\U00010000-\U0010ffff]+", in_runs))
    four = astral.encode("gb18030")  # every one four bytes (none takes more), 2nd and 4th in 30-39
    assert len(four) == 4 * len(astral) and re.fullmatch(rb"(?:[\x81-\xfe][0-9][\x81-\xfe][0-9])*", four)
    for ch in re.sub("[\U00010000-\U0010ffff]+", "", in_runs):
        code = ch.encode("gb18030")
        if len(code) == 4:
            assert 0x30 <= code[1] <= 0x39 and 0x30 <= code[3] <= 0x39, hex(ord(ch))
            continue
        assert len(code) == 2, hex(ord(ch))
        lead, trail = code
        if lead in _UTF8_LEADS and trail in _CONTINUATIONS:
            assert ch in a, hex(ord(ch))
        if trail in _UTF8_LEADS:
            assert ch in x, hex(ord(ch))
        if lead in _CONTINUATIONS and trail in _CONTINUATIONS:
            assert ch in y, hex(ord(ch))


def _garbled(rng: random.Random) -> str:
    common = "的一是在不了有和人这中大为上个国以要他时来用们生到作地于出就分对成会可也说年政府信息公开工作报告"
    chinese = "".join(rng.choice(common) if rng.random() < 0.7 else chr(rng.randint(0x4E00, 0x9FA5))
                      for _ in range(rng.randint(1, 8)))
    raw = chinese.encode("utf-8")
    if rng.random() < 0.5:
        raw = raw[rng.randint(0, 2):]
    if rng.random() < 0.3:
        raw = raw[:-1]
    text = raw.decode("gbk", errors="replace")
    if rng.random() < 0.3:
        at = rng.randint(0, len(text))
        text = text[:at] + "\ufffd" * rng.randint(1, 3) + text[at:]
    return text


def _random_gb(rng: random.Random) -> str:
    pool = [0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF, 0xBC, 0xB8, 0xA0, 0x81, 0x9F, 0xBF, 0xA1, 0xB0]
    return bytes(rng.choice(pool) for _ in range(rng.randint(2, 20))).decode("gb18030", errors="replace")


def _any_run_decodes(text: str) -> bool:
    return any(ti._decodes_as_utf8(m.group()) for m in ti._NON_ASCII_RUN.finditer(text))


def test_the_gbk_cluster_finds_every_text_the_exact_check_accepts():
    cluster = ti._compile_gbk_cluster()
    rng = random.Random(20240601)
    accepted = 0
    for index in range(6000):
        inner = _garbled(rng) if index % 2 else _random_gb(rng)
        text = "前文：" + inner + "，后文。"
        if _any_run_decodes(text):
            accepted += 1
            assert cluster.search(text), repr(text)
    assert accepted > 1000  # the generator does produce what the check accepts
    # ordinary prose with dense look-alike byte pairs passes the cluster, and the exact check
    # then rejects it: its characters are all common ones (text_integrity._rare_enough)
    assert cluster.search("规范配备涉及规定归档") and not _any_run_decodes("规范配备涉及规定归档")
    assert not cluster.search("江川市人力资源和社会保障局认真贯彻落实《条例》，全年主动公开信息。")


def test_the_gbk_cluster_pattern_comes_back_from_the_start_up_cache_as_written(tmp_path, monkeypatch):
    """Written once, the pattern is read back from the start-up cache; without a cache it is
    written each time. Either way it is the pattern _gbk_cluster_pattern writes."""
    from linter import cache

    written = ti._gbk_cluster_pattern()
    cache.configure(tmp_path)
    try:
        assert ti._compile_gbk_cluster().pattern == written  # written, and kept
        assert list(tmp_path.glob("gbk-cluster-*.bin"))
        monkeypatch.setattr(ti, "_gbk_cluster_pattern", lambda: pytest.fail("written again"))
        assert ti._compile_gbk_cluster().pattern == written  # read back
        cache.configure(tmp_path, enabled=False)
        monkeypatch.setattr(ti, "_gbk_cluster_pattern", lambda: written + "|x")
        assert ti._compile_gbk_cluster().pattern == written + "|x"  # no cache: written each time
    finally:
        cache.configure(None)


@pytest.mark.parametrize("text", [
    "标题：鏀垮簻淇℃伅鍏紑宸ヤ綔骞村害鎶ュ憡\n", "日期：鍙戝竷\n", "标题：骞村害鎶ュ\ufffd\n",
    "鍙\ufffd\ufffd戝竷\n", "甲：鍙戝\n", "内容：俊鎭\ufffd鍏\ufffd寮\ufffd\n", "规范配备涉及规定归档。\n",
    "标题：æ\u0094¿åº\u009cä¿¡æ\u0081¯\n", "全年受理申请\ufffd\ufffd件。\n", "江川市认真贯彻落实《条例》。\n",
])
def test_mojibake_is_the_same_before_and_after_the_cluster_is_compiled(text, monkeypatch):
    from conftest import lint_text

    monkeypatch.setattr(ti, "_gbk_cluster", None)
    monkeypatch.setattr(ti, "_run_checks", 0)  # every run checked: the prefilter is not compiled yet
    before = [(f.line, f.column, dict(f.data)) for f in lint_text(text, ["mojibake"])]
    monkeypatch.setattr(ti, "_gbk_cluster", ti._compile_gbk_cluster())
    after = [(f.line, f.column, dict(f.data)) for f in lint_text(text, ["mojibake"])]
    assert before == after


def test_the_cluster_is_compiled_only_after_a_few_texts(monkeypatch, tmp_path):
    from linter import cache

    cache.configure(tmp_path)  # nothing kept: the cluster is written and compiled after twenty texts
    try:
        monkeypatch.setattr(ti, "_gbk_cluster", None)
        monkeypatch.setattr(ti, "_run_checks", 0)
        for _ in range(ti._CLUSTER_AFTER):
            assert ti._may_hold_gbk_mojibake("江川市認真貫徹落實") is True  # not proven: check the runs
            assert ti._may_hold_gbk_mojibake("江川市认真贯彻落实") is False  # all common: not counted
        assert ti._gbk_cluster is None
        assert ti._may_hold_gbk_mojibake("江川市認真貫徹落實") is False
        assert ti._gbk_cluster is not None
        # kept now: a later process uses it from the first text that needs it
        monkeypatch.setattr(ti, "_gbk_cluster", None)
        monkeypatch.setattr(ti, "_run_checks", 0)
        monkeypatch.setattr(ti, "_gbk_cluster_pattern", lambda: pytest.fail("written again"))
        assert ti._may_hold_gbk_mojibake("江川市认真贯彻落实") is False and ti._gbk_cluster is None
        assert ti._may_hold_gbk_mojibake("江川市認真貫徹落實") is False and ti._gbk_cluster is not None
    finally:
        cache.configure(None)


# --- mojibake: the common-characters prefilter --------------------------------------------------

def test_gb2312_codes_read_as_gb18030_ones_but_for_the_listed_characters():
    """The facts `_all_common` rests on, for every code point GB2312 has."""
    found = 0
    for ch in _CODE_POINTS:
        try:
            code = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        found += 1
        if ch.isascii():
            assert code == ch.encode("ascii")
            continue
        assert len(code) == 2 and code[0] >= 0xA1 and code[1] >= 0xA1, hex(ord(ch))
        if code[0] in ti._COMMON_LEADS:
            assert ti._is_rare(ch) == (ch in ti._GB2312_RARE), hex(ord(ch))
    assert found == 128 + 7445
    assert all(ti._is_rare(ch) and ch.encode("gb2312")[0] in ti._COMMON_LEADS for ch in ti._GB2312_RARE)


_MIXED = st.lists(st.sampled_from(["政府信息公开", "岚", "開", "—", "\u2015", "\u30fb", "\ufffd", "（一）", "a1 ",
                                   "\n", "鍙戝竷", "规范配备", "é", "\U00020000", "\u3000", "·"]), max_size=12).map("".join)


@settings(derandomize=True, database=None, deadline=None, max_examples=400)
@given(_MIXED)
def test_all_common_only_when_no_character_is_rare(text):
    common = not any(ti._is_rare(ch) for ch in text if not ch.isascii())
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        assert not ti._all_common(text)  # not proven: the slower checks decide
    else:
        assert ti._all_common(text) == common


@settings(derandomize=True, database=None, deadline=None, max_examples=200)
@given(_MIXED)
def test_mojibake_is_the_same_without_the_common_characters_prefilter(text):
    from conftest import lint_text

    def found():
        return [(f.line, f.column, dict(f.data)) for f in lint_text(text, ["mojibake"])]

    fast = found()
    with mock.patch.object(ti, "_all_common", lambda plain: False):
        assert found() == fast


def test_character_class_is_exact():
    chars = "abcdxz-]^\\[一二丁七\U00020000"
    pattern = re.compile(ti._character_class(chars))
    for ch in _CODE_POINTS[:0x10000:7] + chars + "ey丂":
        assert bool(pattern.fullmatch(ch)) == (ch in chars), repr(ch)


# --- markup-debris: the marks ------------------------------------------------------------------

def test_every_builtin_debris_expression_starts_with_a_mark():
    for expression in ti.DEBRIS:
        assert expression.startswith(("[?？]", "</?", "&")), expression
    starts = {"字体": ti.CHROME[0], "扫一扫": ti.CHROME[1], "【": ti.CHROME[2], "您": ti.CHROME[3]}
    assert set(starts) == set(ti.CHROME_MARKS)
    for mark, expression in starts.items():
        assert expression.startswith(mark), expression
    assert set(ti.DEBRIS_MARKS) == {"?", "？", "<", "&"}


# --- the normalised view: NFKC per character ---------------------------------------------------

def test_a_character_nfkc_changes_is_never_reported_normalised():
    for ch in _CODE_POINTS:
        if unicodedata.normalize("NFKC", ch) != ch:
            for text in (ch, "中" + ch, ch + "中", "a" + ch + "\u0301"):
                assert not unicodedata.is_normalized("NFKC", text), hex(ord(ch))


def test_folding_characters_equals_the_table():
    rng = random.Random(7)
    pool = list("，（）：；！？\u3000。、“”《》中文abc123 ō★×") + ["㈠", "①", "ﬁ", "Å", "e\u0301", "\u0301", "\uff21"]
    for _ in range(3000):
        piece = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        assert normalize._fold_characters(piece) == piece.translate(normalize._NFKC), repr(piece)


# --- t2s: the key-character class --------------------------------------------------------------

def test_the_t2s_class_finds_the_same_keys_as_the_set():
    keys = t2s_keys._known_keys()
    if not keys:
        pytest.skip("no opencc_dict in this opencc: every non-ASCII text goes through OpenCC")
    characters = keys[0]
    pattern = t2s_keys._character_class(characters)
    found = lambda text: any(m.group() in characters for m in pattern.finditer(text))  # noqa: E731
    rng = random.Random(3)
    sample = sorted(characters)
    for _ in range(2000):
        text = "".join(rng.choice(["政", "府", "公", "开", "\U00020000", "a", rng.choice(sample)])
                       for _ in range(rng.randint(0, 6)))
        assert found(text) == (not characters.isdisjoint(text)), repr(text)
    for ch in sample:
        assert found("简体" + ch + "文字")


# --- line splitting ----------------------------------------------------------------------------

def _reference_split(text: str) -> list[textmap.Line]:
    lines, start = [], 0
    for number, match in enumerate(re.finditer(r"\r\n|\r|\n", text)):
        lines.append(textmap.Line(number, start, match.start(), text[start:match.start()]))
        start = match.end()
    if start < len(text) or not lines:
        lines.append(textmap.Line(len(lines), start, len(text), text[start:]))
    return lines


def test_split_lines_and_line_index_match_the_plain_computation():
    rng = random.Random(11)
    texts = ["", "\n", "\n\n", "a", "a\n", "a\nb", "\r\n", "a\r\nb\rc\n", "\r", "a\r", "\ra", "x\n\ny\n\n"]
    texts += ["".join(rng.choice("ab中\n\r") for _ in range(rng.randint(0, 14))) for _ in range(3000)]
    for text in texts:
        expected = _reference_split(text)
        got = textmap.split_lines(text)
        assert got == expected
        assert [repr(line) for line in got] == [repr(line) for line in expected]
        assert [hash(line) for line in got] == [hash(line) for line in expected]
        starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        assert textmap.LineIndex(text).starts == starts
        assert textmap.split_lines_and_starts(text) == (expected, starts)


def test_a_split_line_is_a_frozen_line():
    line = textmap.split_lines("甲\n乙")[1]
    assert type(line) is textmap.Line and line == textmap.Line(1, 2, 3, "乙")
    with pytest.raises(AttributeError):
        line.text = "丙"


# --- traditional-conversion: the character loop -----------------------------------------------

def _reference_traditional(doc, min_ratio: float):
    """The rule as one loop over the view, character by character (as it was first written)."""
    edits, han = [], 0
    for index, ch in enumerate(doc.view):
        source = doc.source_offset(index)
        original = doc.source[source] if source < len(doc.source) else ""
        if not ti._HAN.match(original):
            continue
        han += 1
        single = index + 1 >= len(doc.view) or doc.source_offset(index + 1) != source
        if ch != original and single and unicodedata.normalize("NFKC", original) == original:
            edits.append((source, source + 1, ch))
    if not edits or len(edits) < min_ratio * han:
        return None
    return edits, han


def test_traditional_conversion_matches_the_character_loop():
    from linter.engine import load_document
    from linter.kinds.options import TextIntegrityOptions

    options = TextIntegrityOptions(detect="traditional-conversion", min_ratio=0.05, require_annotations=False)
    rng = random.Random(5)
    source = "市民政局認(rèn)真貫徹條例，豐富政務公開內容。\n㈠發布時間：2020年\n"
    base = load_document("case.txt", data=source.encode("utf-8"))
    for _ in range(400):
        # view characters standing for source characters in order, some for the same one (an
        # expansion), some past the end of the source; each a converted or an unchanged one
        offsets, view = [], []
        for offset in sorted(rng.sample(range(len(source) + 3), rng.randint(0, len(source)))):
            for _ in range(rng.choice((1, 1, 1, 2))):
                offsets.append(offset)
                original = source[offset] if offset < len(source) else "x"
                view.append(rng.choice((original, original, "认", "贯")))
        doc = base.replace(view="".join(view), view_origin=offsets)
        expected = _reference_traditional(doc, options.min_ratio)
        hits = list(ti.TextIntegrity().check(doc, options))
        if expected is None:
            assert hits == []
        else:
            edits, han = expected
            assert [(e.start, e.end, e.text) for e in hits[0].fix.edits] == edits
            assert hits[0].data == {"characters": len(edits), "ratio": round(len(edits) / han, 3)}


def test_the_reading_table_gives_pypinyin_s_readings_for_every_character():
    """normalize keeps pypinyin's readings in a compact table: the same answers as pypinyin itself."""
    import pypinyin
    from pypinyin.pinyin_dict import pinyin_dict

    from linter.normalize import _reading_table, _strip_tones

    table = _reading_table()
    assert len(table) == len(pinyin_dict)
    for code in pinyin_dict:
        ch = chr(code)
        expected = {_strip_tones(r) for group in pypinyin.pinyin(ch, style=pypinyin.Style.TONE, heteronym=True,
                                                                  errors="ignore") for r in group}
        assert set(table[ch].split(",")) == expected, ch


def test_the_compact_reading_table_answers_as_the_dict_it_was_made_from():
    """_ReadingTable: each character's readings, None for a character it lacks (below, between and
    above its code points, and beyond the BMP), the same after the start-up cache's round trip."""
    import pytest

    from linter.normalize import _ReadingTable

    plain = {"中": "zhong", "乐": "le,yue", "𠀀": "qiu", "a": "a", "\u4e01": ""}
    table = _ReadingTable.of(plain)
    again = _ReadingTable(*table.parts())
    for made in (table, again):
        assert len(made) == len(plain)
        assert {ch: made[ch] for ch in plain} == plain
        assert [made.get(ch) for ch in ("\x00", "b", "\u4e02", "\U0010ffff", "国")] == [None] * 5
        with pytest.raises(KeyError):
            made["国"]
    codes, ends, readings = table.parts()
    with pytest.raises(ValueError):
        _ReadingTable(codes, ends, readings + "x")  # the ends must reach the end of the readings
    with pytest.raises(ValueError):
        _ReadingTable(codes[:-1], ends, readings)
    assert len(_ReadingTable(b"", b"", "")) == 0 and _ReadingTable(b"", b"", "").get("中") is None


# --- the lines a result keeps -------------------------------------------------------------------

def test_kept_lines_are_those_of_the_findings_and_of_every_edit_end():
    """KeptLines.of finds each edit's line with one binary search: the lines `position` gives."""
    from conftest import FIXTURES

    from linter.engine import check_file
    from linter.finding import Edit, Finding, Fix
    from linter.keptlines import KeptLines
    from linter.session import RunOptions, Session

    session = Session(RunOptions())
    fixed = 0
    for name in ("pinyin-corrupted.txt", "traditional-report.big5.txt", "markup-debris.txt", "markings.txt"):
        path = FIXTURES / name
        result = check_file(str(path), name, session.choice_for(path), "zh")
        lines = result.lines
        expected = {n for f in result.findings for n in (f.line, f.end_line)}
        for finding in result.findings:
            for edit in finding.fix.edits if finding.fix else ():
                fixed += 1
                expected.update((lines.position(edit.start)[0], lines.position(edit.end)[0]))
        kept = KeptLines.of(lines, result.findings)
        assert sorted(kept.texts) == sorted(expected)
        assert all(kept.line_text(n) == lines.line_text(n) for n in expected)
    assert fixed > 100  # (the traditional-conversion fix has an edit per character)
    text = "一\n二三\r\n\n四五六\r七"
    lines = textmap.LineIndex(text)
    rng = random.Random(5)
    for _ in range(500):
        offsets = [rng.randint(-3, len(text) + 3) for _ in range(2)]
        fix = Fix((Edit(min(offsets), max(offsets), ""),))
        finding = Finding("x", "r", None, "m", 1, 1, 1, 1, {}, None, "f", fix)
        kept = KeptLines.of(lines, [finding])
        assert set(kept.texts) == {1} | {lines.position(o)[0] for o in offsets}
