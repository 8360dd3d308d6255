"""Reading files: encodings are detected and reported; bad input is one clear error."""

from __future__ import annotations

import pytest

import linter.source as source_module
from linter.errors import InputError
from linter.source import read_source

TEXT = "江川市人力资源和社会保障局2015年政府信息公开工作年度报告\n发布时间：2016-02-26　来源：江川市人力资源和社会保障局\n一、加强组织领导\n我局调整了政府信息公开工作领导小组，明确专人负责日常工作。\n"


@pytest.mark.parametrize("codec,reported", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
    ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
])
def test_encodings_are_detected(tmp_path, codec, reported):
    path = tmp_path / "r.txt"
    path.write_bytes(TEXT.encode(codec))
    source = read_source(str(path))
    assert source.text == TEXT
    assert source.encoding == reported


def test_big5_is_detected(tmp_path):
    text = "市民政局認真貫徹政府信息公開條例，完善政務公開制度，豐富政務公開內容，創新政務公開形式。\n發布時間：2013年1月16日\n"
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode("big5"))
    source = read_source(str(path))
    assert (source.text, source.encoding) == (text, "big5")


def test_html_meta_charset_is_honoured(tmp_path):
    from linter.engine import load_document

    html = '<html><head><meta charset="gbk"></head><body><p>发布时间：2016-01-01</p></body></html>'
    path = tmp_path / "p.html"
    path.write_bytes(html.encode("gbk"))
    assert load_document(str(path)).encoding == "gb18030"


@pytest.mark.parametrize("data,message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)) * 4, "binary file"),
    (b"\x00\x01\x02\x03" * 200, "binary file"),
    (bytes([0x81, 0xFF, 0x80, 0xFE, 0x30, 0xFF]) * 300, "cannot decode"),
])
def test_bad_bytes_are_one_clear_error(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_source(str(path))
    assert message in str(info.value)
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(InputError, match="too large"):
        read_source(str(path), max_bytes=1024)


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.txt"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert read_source(str(empty)).text == ""


# --- GBK-repertoire text is read as GB18030 without the detector ---------------------------------

GB_REPORT = ("柳川县住房和城乡建设局2021年政府信息公开工作年度报告\n"
             "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n"
             "（七）总计\t1\t6\t5\t0\t3\t0\n")


def _no_detector(monkeypatch):
    def refuse(data):
        raise AssertionError("the detector was asked")
    monkeypatch.setattr(source_module, "_detect", refuse)


def test_gb2312_text_needs_no_detector(tmp_path, monkeypatch):
    path = tmp_path / "r.txt"
    path.write_bytes(GB_REPORT.encode("gb18030"))
    _no_detector(monkeypatch)
    source = read_source(str(path))
    assert (source.text, source.encoding) == (GB_REPORT, "gb18030")


def test_fast_reading_agrees_with_the_detector_on_whole_documents():
    from pathlib import Path

    fixture = Path(__file__).parent.parent / "fixtures" / "good-report.gb18030.txt"
    data = fixture.read_bytes()
    assert source_module._plain_gb(data) == source_module._detect(data)
    assert source_module._plain_gb(data)[1] == "gb18030"


@pytest.mark.parametrize("line", [
    "柳川县住房和城乡建设局2021年政府信息公开工作",  # the detector reads this as UTF-16
    "\t0\t0\n\t（七）总计\t1\t6\t5\t0\t3\t0\t",     # and this as Big5
])
def test_short_gb2312_lines_the_detector_misreads_are_read_right(line):
    data = line.encode("gb18030")
    assert source_module._detect(data)[1] != "gb18030"  # why the fast reading matters
    assert source_module.decode_bytes(data) == (line, "gb18030")


def test_other_encodings_are_left_to_the_detector(monkeypatch):
    big5 = "市民政局認真貫徹政府信息公開條例，完善政務公開制度，豐富政務公開內容。".encode("big5")
    utf16 = "政府信息公开工作年度报告，本报告由概述和统计表组成。".encode("utf-16-le")
    short = "现。".encode("gb18030")  # too few characters to be sure of
    for data in (big5, utf16, short):
        assert source_module._plain_gb(data) is None, data
    assert source_module.decode_bytes(big5)[1] == "big5"


TRADITIONAL_REPORT = ("本機關認真貫徹《政府信息公開條例》，開展政務公開工作。\n"
                      "本報告中所列數據的統計期限自2021年1月1日起至2021年12月31日止。\n")


@pytest.mark.parametrize("text", [
    TRADITIONAL_REPORT,  # all Traditional: about a third of the characters are outside GB2312
    GB_REPORT + "（二）公開內容：市民政局門戶網站。\n",  # a Simplified report quoting a Traditional line
])
def test_gbk_text_with_traditional_characters_needs_no_detector(text, monkeypatch):
    data = text.encode("gb18030")
    assert source_module._detect(data) == (text, "gb18030")  # what the detector would say
    _no_detector(monkeypatch)
    assert source_module.decode_bytes(data) == (text, "gb18030")


def test_traditional_text_is_taken_as_gbk_only_when_it_is_not_big5():
    big5 = "市民政局".encode("big5")  # reads as GBK too (カチ現Ы), one character outside GB2312
    assert big5.decode("gb18030").encode("gbk") and not big5.decode("gb18030").isascii()
    assert source_module._plain_gb(big5) is None
    assert source_module.decode_bytes(big5) == ("市民政局", "big5")
    # mostly characters outside GB2312: more like a Big5 extension the big5 codec lacks than GBK
    mostly_outside = "開關門時間報發務單實".encode("gbk") + "公开".encode("gbk")
    assert not source_module._gbk_not_big5(mostly_outside, mostly_outside.decode("gb18030"))


def test_looks_binary_counts_control_characters_as_before():
    import random

    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(chr(rng.choice([rng.randrange(0, 40), rng.randrange(0x20, 0x3000)]))
                       for _ in range(rng.randrange(0, 300)))
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
        expected = bool(text) and (controls > len(text) / 100 or "\x00" in text)
        assert source_module._looks_binary(text) == expected, text
