"""Reading files: encodings are detected and reported; bad input is one clear error."""

from __future__ import annotations

import pytest

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
