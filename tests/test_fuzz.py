"""Property-based tests over the whole pipeline: hostile bytes and text never break disclint.

For arbitrary bytes and arbitrary Unicode (CJK, combining marks, right-to-left text and
bidirectional controls, lone surrogates written as a bad decode leaves them, NUL and
other controls, very long lines, CRLF/CR/LF mixes, fake pinyin annotations, fake tables
with tabs and numbers, fake headings 一、 / （一）, and real reports cut short with such text
spliced in) read as .txt, .md and .html, and hostile bytes and damaged packages named .docx
and .pdf:

- reading raises nothing but InputError, and linting raises nothing;
- every finding lies inside the file: 1 <= line <= lines in the file, the column at most
  one past the end of its line, the end not before the start;
- `disclint check --format json` always prints JSON that parses, exits 0, 1 or 2, and an
  exit code 2 comes with exactly one line on stderr;
- `fix` changes only what its edits say (the fixed text is the reported edits applied
  to the original, round by round) and a second run fixes nothing.

Generated inputs per run (settings below; derandomized, so CI runs the same inputs every time):
  bytes as .txt/.md/.html 2,500 + text in six encodings 3,000 + command line 1,000 + fix 1,300
  + .docx/.pdf bytes 800 + regexcheck 1,200 + printable names 300 = 10,100 generated inputs
  (>= 10,000, the acceptance of issue 7), plus a few explicit examples: 37 s measured on the
  two-core development machine when idle, under a minute with another test run beside it.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import unicodedata
import zipfile
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from linter import fixer
from linter.atomic import encode_like
from linter.autoselect import automatic
from linter.cli import main
from linter.discover import printable
from linter.engine import lint, load_document
from linter.errors import InputError
from linter.regexcheck import nested_quantifiers, overlapping_alternatives, risky_pattern
from linter.textmap import LineIndex

from adversarial.hostile import pdf, pdf_string
from conftest import FIXTURES

FUZZ = dict(deadline=None, derandomize=True, database=None, print_blob=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                   HealthCheck.large_base_example, HealthCheck.filter_too_much])

CHOICE = automatic(None, None, "fuzz")
TEXT_EXTENSIONS = (".txt", ".md", ".html")

# -- strategies ----------------------------------------------------------------------

def _every(low: int, high: int, step: int = 1) -> list[str]:
    return [chr(code) for code in range(low, high + 1, step)]


# One pool of characters, drawn from with a single cheap choice each (far faster to generate
# than a union of character strategies): ASCII, CJK (a spread of the block and the common
# characters of a report), full-width forms, combining marks, Hebrew and Arabic (right to left),
# bidirectional controls and other format characters, lone surrogates (as bad decodes leave
# them), NUL and other controls, and odd line and space characters.
_POOL = sorted(set(
    _every(0x20, 0x7E) + _every(0x4E00, 0x9FFF, 97) + list("政府信息公开工作年度报告发布时间来源机密秘密内部资料现在將")
    + _every(0xFF01, 0xFF5E, 3) + _every(0x0300, 0x036F, 2) + _every(0x0590, 0x05FF, 5) + _every(0x0600, 0x06FF, 5)
    + list("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c")
    + _every(0xD800, 0xDFFF, 61) + [chr(0xDC80 + i) for i in range(0, 128, 9)]
    + _every(0x00, 0x1F) + list("\x7f\x85\u2028\u2029\u3000\u00a0\ufffd\u3007\u25cb★☆\U0001F600\U00020000")
))
_ALPHABET = st.sampled_from(_POOL)


def pool_text(max_size: int):
    """Text from the pool in one draw of bytes (two per character): much cheaper to generate
    than a draw per character, which matters for 10,000 examples in a minute."""
    def decode(data: bytes) -> str:
        return "".join(_POOL[int.from_bytes(data[i:i + 2], "little") % len(_POOL)] for i in range(0, len(data) - 1, 2))

    return st.binary(max_size=2 * max_size).map(decode)


_FRAGMENTS = [
    "\n", "\r\n", "\r", "\n\n", "\t",
    "一、", "二、", "三、", "（一）", "（二）", "第一部分", "1.", "1.1 ", "# ", "## ", "> ", "- ", "---\n",
    "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "存在的主要问题及改进情况", "其他需要报告的事项",
    "政府信息公开工作年度报告", "发布时间：", "来源：", "发布机构：", "2023年", "2023-02-30", "二○二三年十二月三十一日",
    "自2023年1月1日起至2023年12月31日止", "现(xiàn)", "將(jiāng)", "现（xiàn）", "機密★10年", "机密★", "秘密",
    "内部资料", "XX局", "××年", "【待补充】", "征求意见稿", "CONFIDENTIAL", "110101199003074477", "13800138000",
    "</p>", "<p>", "&nbsp;", "?/p>", "字体:[大 中 小]", "<div>", "</div>", "<table><tr><td>", "</td><td>",
    "<h1>", "</h1>", "<!--", "-->", "<script>", "`", "```", "[", "](", ")", "|", "&#x4e2d;", "&amp;",
    "鍙戝竷鏃堕棿", "Ã©", "\ufffd", "<!-- disclint-disable -->", "<!-- disclint-disable-next-line confidential-marker -->",
]
_RUNS = ["a", "机", "密", " ", "\t", "<div>", "(", "1", "\u0301", "\u202e"]
_BREAKS = ["\n", "\r\n", "\r", "\t", " ", "\n\n", "\r\r\n"]


def assemble(program: bytes, fragments: list[str] = _FRAGMENTS) -> str:
    """Hostile text from one draw of bytes, read as a little program (cheap to generate, shrinks well).

    Each byte picks what comes next: a character of the pool (with the next byte), a fragment
    (headings, fields, markings, pinyin annotations, markup…), a number, a table row of numbers
    separated by tabs, a line break (LF, CRLF, CR), or a long run of one character.
    """
    out: list[str] = []
    data = program
    i = 0
    while i < len(data):
        op = data[i]
        arg = data[i + 1] if i + 1 < len(data) else 0
        if op < 96:
            out.append(_POOL[(op * 256 + arg) % len(_POOL)])
            i += 2
        elif op < 176:
            out.append(fragments[(op * 256 + arg) % len(fragments)])
            i += 1
        elif op < 196:
            out.append(str(int.from_bytes(data[i + 1:i + 4], "little") - 5))
            i += 4
        elif op < 212:
            cells = [str(b * (arg + 1)) if b % 7 else "" for b in data[i + 2:i + 2 + arg % 16]]
            out.append("\t".join(cells) + "\n")
            i += 2 + arg % 16
        elif op < 244:
            out.append(_BREAKS[op % len(_BREAKS)])
            i += 1
        else:
            length = int.from_bytes(data[i + 2:i + 4], "little") % 2500
            out.append(_RUNS[arg % len(_RUNS)] * length)
            i += 4
    return "".join(out)


def _report(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# Real reports (a free-form one, its pinyin-corrupted and markup-damaged copies, a 2021 standard-format
# one with its tables), cut short and with hostile text spliced in: the section, date and table
# rules then run on text that is almost a report.
_REPORTS = [_report("good-report.txt"), _report("pinyin-corrupted.txt"), _report("markup-debris.txt"),
            _report("ogi2021/good-2021.txt")]


def splice(report: int, cut: int, where: int, program: bytes, fragments: list[str] = _FRAGMENTS) -> str:
    text = _REPORTS[report % len(_REPORTS)]
    text = text[:max(200, cut % len(text))]
    at = where % (len(text) + 1)
    return text[:at] + assemble(program, fragments) + text[at:]


hostile_text = st.one_of(
    st.binary(max_size=200).map(assemble),
    st.binary(max_size=200).map(assemble),  # twice as often as a spliced report, which costs more to check
    st.builds(splice, st.integers(0, 3), st.integers(0, 10**5), st.integers(0, 10**5), st.binary(max_size=80)),
)

ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "big5")


def encode(text: str, codec: str, errors: str) -> bytes:
    """Bytes as a careless tool would write them: surrogates and unmappable characters kept or mangled."""
    if codec.startswith("utf"):
        try:
            return text.encode(codec, errors)
        except UnicodeEncodeError:
            return text.encode(codec, "surrogatepass")
    return text.encode(codec, "replace" if errors != "ignore" else "ignore")


hostile_bytes = st.one_of(
    st.binary(max_size=2000),
    st.tuples(hostile_text, st.sampled_from(ENCODINGS), st.sampled_from(["surrogateescape", "surrogatepass",
                                                                          "replace", "ignore"]))
    .map(lambda t: encode(*t)),
    st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<meta charset=gbk>",
                               b'<meta charset="big5">', b"<meta charset=nonsense>", b""]),
              st.binary(max_size=500), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
    .map(lambda t: b"".join(t)),
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


# -- invariants ----------------------------------------------------------------------

def assert_inside(findings, lines: LineIndex) -> None:
    for finding in findings:
        where = f"{finding.rule} at {finding.line}:{finding.column}-{finding.end_line}:{finding.end_column}"
        assert 1 <= finding.line <= lines.count, where
        assert 1 <= finding.end_line <= lines.count, where
        assert 1 <= finding.column <= len(lines.line_text(finding.line)) + 1, where
        assert 1 <= finding.end_column <= len(lines.line_text(finding.end_line)) + 1, where
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column), where
        json.dumps(finding.to_json(), ensure_ascii=False)


def read_and_lint(path: str):
    """The document and its findings, or None when the file is refused with an InputError."""
    try:
        doc = load_document(path)
    except InputError as exc:
        assert exc.message and "\n" not in exc.message
        event("refused: " + exc.message.split(":")[0].split("(")[0].strip())
        return None, []
    ruleset, _ = CHOICE.pick(doc)
    findings = lint(doc, ruleset, "en")
    assert_inside(findings, doc.lines)
    event(f"read as {doc.format}, {'with' if findings else 'no'} findings, ruleset {ruleset.name}")
    return doc, findings


# -- the pipeline on bytes and on text ------------------------------------------------

@settings(max_examples=2500, **FUZZ)
@given(data=hostile_bytes, extension=st.sampled_from(TEXT_EXTENSIONS))
def test_any_bytes_read_as_text_markdown_or_html(workdir, data, extension):
    path = workdir / f"bytes{extension}"
    path.write_bytes(data)
    read_and_lint(str(path))


@settings(max_examples=3000, **FUZZ)
@given(text=hostile_text, extension=st.sampled_from(TEXT_EXTENSIONS),
       codec=st.sampled_from(ENCODINGS), errors=st.sampled_from(["surrogateescape", "surrogatepass", "replace"]))
@example(text="发布时间：2023-01-01\n" + "机" * 150_000 + "机密★10年\n", extension=".txt", codec="utf-8",
         errors="replace")
@example(text="<p>" + "<div>" * 3000 + "机密★10年", extension=".html", codec="utf-8", errors="replace")
@example(text="a\r\n\r\rb\n\r" + "现(xiàn)\r" * 50, extension=".md", codec="utf-16", errors="replace")
def test_any_text_in_any_encoding(workdir, text, extension, codec, errors):
    path = workdir / f"text{extension}"
    path.write_bytes(encode(text, codec, errors))
    doc, findings = read_and_lint(str(path))
    if "\ufeff" not in text and "\x00" not in text and codec == "utf-8" and errors == "surrogateescape" \
            and all(not 0xD800 <= ord(ch) <= 0xDFFF for ch in text) and doc is not None:
        assert doc.source == text  # clean UTF-8 comes back exactly


# -- the command line: JSON always parses ---------------------------------------------

def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=1000, **FUZZ)
@given(data=hostile_bytes, extension=st.sampled_from(TEXT_EXTENSIONS + (".docx", ".pdf", ".doc", "")),
       lang=st.sampled_from(["zh", "en"]), cache=st.sampled_from([(), ("--no-cache",)]))
def test_json_output_always_parses(workdir, data, extension, lang, cache):
    path = workdir / f"cli{extension}"
    path.write_bytes(data)
    code, out, err = run_cli("check", "--no-config", *cache, "--format", "json", "--lang", lang, str(path))
    report = json.loads(out)
    assert code in (0, 1, 2)
    assert report["summary"]["files"] == 1
    (entry,) = report["files"]
    if code == 2:
        assert len(err.splitlines()) == 1 and err.startswith("disclint: ") and "Traceback" not in err
        assert "error" in entry
    else:
        assert err == ""
        lines = load_document(str(path)).lines
        for finding in entry["findings"]:
            assert 1 <= finding["line"] <= finding["end_line"] <= lines.count
            assert finding["column"] <= len(lines.line_text(finding["line"])) + 1


# -- fix: only its edits, and a second run fixes nothing -------------------------------

_FIXABLE_FRAGMENTS = ["现(xiàn)", "將(jiāng)", "時(shí)間(jiān)", "發(fā)", "</p>", "&nbsp;", "?/p>", "。</p>", "?! ?/p>",
                      "二○二三年", "二O一三年", "二零二三年", "<br>", "開(kāi)展", "機(jī)關(guān)", "。", "\n", "\r\n"]
_FIXABLE = st.one_of(
    st.binary(max_size=120).map(functools.partial(assemble, fragments=_FIXABLE_FRAGMENTS * 10 + _FRAGMENTS)),
    st.builds(splice, st.integers(0, 3), st.integers(0, 900), st.integers(0, 10**5), st.binary(max_size=60),
              st.just(_FIXABLE_FRAGMENTS * 10 + _FRAGMENTS)),
)


def reference_apply(text: str, edits) -> str:
    """Apply edits, checking that they are inside the text and do not overlap."""
    out, position = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        assert position <= edit.start <= edit.end <= len(text), edit
        out.append(text[position:edit.start])
        out.append(edit.text)
        position = edit.end
    return "".join(out) + text[position:]


@settings(max_examples=1300, **FUZZ)
@given(text=_FIXABLE, extension=st.sampled_from(TEXT_EXTENSIONS), codec=st.sampled_from(["utf-8", "gb18030",
                                                                                           "utf-16"]))
@example(text="发布时间：二○二三年一月五日\n现(xiàn)在</p>&nbsp;", extension=".txt", codec="utf-8")
def test_fix_changes_only_its_edits_and_is_idempotent(workdir, text, extension, codec):
    path = workdir / f"fix{extension}"
    path.write_bytes(text.encode(codec, "replace"))
    calls = []
    real = fixer.apply_edits

    def recording(source, edits):
        result = real(source, edits)
        calls.append((source, list(edits), result))
        return result

    with mock.patch.object(fixer, "apply_edits", recording):
        outcome = fixer.fix_file(str(path), str(path), CHOICE, "en")
    if outcome.start_document is None:  # refused as input
        assert outcome.error and not calls
        return
    assert_inside(outcome.initial, outcome.start_document.lines)
    refused = bool(outcome.error and outcome.error.startswith("fix refused"))
    accepted = calls[:-1] if refused else calls
    current = outcome.original
    for index, (source, edits, result) in enumerate(calls):
        assert source == current  # each round starts from the last accepted text
        assert reference_apply(source, edits) == result
        if index < len(accepted):
            current = result
    if calls:
        offered = {edit for finding in outcome.initial if finding.fix and finding.fix.safety == "safe"
                   for edit in finding.fix.edits}
        assert set(calls[0][1]) <= offered  # the first round applies the findings' own edits
    event(f"fixed {min(outcome.fixed, 3)}{'+' if outcome.fixed > 3 else ''}; {outcome.error or 'no error'}")
    if not outcome.changed:
        assert outcome.fixed == 0 or outcome.text == outcome.original
        return
    assert outcome.text == current
    assert outcome.fixed > 0
    path.write_bytes(encode_like(str(path), outcome.text, outcome.encoding, str(path)))
    again = fixer.fix_file(str(path), str(path), CHOICE, "en")
    assert again.fixed == 0 and not again.changed, (again.fixed, again.error)
    if codec != "gb18030":  # UTF-8 and UTF-16 (with its byte-order mark) are read back for certain
        assert again.start_document is not None, again.error
    if again.start_document is not None:
        assert_inside(again.remaining, again.start_document.lines)


# -- .docx and .pdf: hostile bytes end as an InputError or findings --------------------

def _zip(members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        names = {}
        for name, content in members.items() if isinstance(members, dict) else members:
            names[zipfile.ZipInfo(name).filename or "x"] = content  # as ZIP stores it; no duplicates
        for name, content in names.items():
            package.writestr(name, content)
    return buffer.getvalue()


@functools.lru_cache(maxsize=1)
def _word_parts() -> dict[str, bytes]:
    """python-docx's default package with tiny style parts (so that reading one takes ~2 ms)."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    styles = (f'<w:styles xmlns:w="{_W}"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              f'</w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>')
    parts["word/styles.xml"] = parts["word/stylesWithEffects.xml"] = styles.encode()
    parts["docProps/thumbnail.jpeg"] = b""
    return parts


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SAFE = st.text(st.sampled_from([ch for ch in _POOL if ch in "\t\n\r" or (ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF
                                                                           and ch not in "\ufffe\uffff")]),
                    max_size=40).map(lambda t: t.replace("&", "&amp;").replace("<", "&lt;"))
_RUN = st.one_of(_XML_SAFE, st.sampled_from([f.replace("&", "&amp;").replace("<", "&lt;") for f in _FRAGMENTS]))
_PARAGRAPH = st.tuples(
    st.sampled_from(["", '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>', '<w:pPr><w:pStyle w:val="Title"/></w:pPr>',
                     '<w:pPr><w:outlineLvl w:val="0"/></w:pPr>', '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
                     '</w:numPr></w:pPr>', '<w:pPr><w:pStyle w:val="NoSuchStyle"/></w:pPr>']),
    st.lists(st.tuples(st.sampled_from(["<w:r><w:t xml:space='preserve'>{}</w:t></w:r>",
                                        "<w:ins><w:r><w:t>{}</w:t></w:r></w:ins>",
                                        "<w:del><w:r><w:delText>{}</w:delText></w:r></w:del>",
                                        "<w:r><w:tab/><w:t>{}</w:t><w:br/></w:r>",
                                        "<w:hyperlink><w:r><w:t>{}</w:t></w:r></w:hyperlink>"]), _RUN)
             .map(lambda pair: pair[0].format(pair[1])), max_size=4).map("".join),
).map(lambda pair: f"<w:p>{pair[0]}{pair[1]}</w:p>")
_TABLE = st.lists(st.lists(_PARAGRAPH.map(lambda p: f"<w:tc>{p}</w:tc>"), min_size=1, max_size=4).map(
    lambda cells: "<w:tr>" + "".join(cells) + "</w:tr>"), max_size=3).map(lambda rows: "<w:tbl>" + "".join(rows) + "</w:tbl>")


def _word(blocks: list[str], broken: bytes) -> bytes:
    body = "".join(blocks)
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>{body}'
           f"</w:body></w:document>").encode("utf-8") + broken
    return _zip({**_word_parts(), "word/document.xml": xml})


hostile_docx = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=2000).map(lambda b: b"PK\x03\x04" + b),
    st.lists(st.tuples(st.text(max_size=20), st.binary(max_size=200)), max_size=5).map(_zip),
    st.tuples(st.lists(st.one_of(_PARAGRAPH, _PARAGRAPH, _TABLE), max_size=8),
              st.sampled_from([b"", b"", b"", b"<", b"\x00", b"<w:p>"])).map(lambda t: _word(*t)),
)
_PDF_TEXT = st.one_of(st.binary(max_size=40), st.sampled_from([b"CONFIDENTIAL", b"INTERNAL USE ONLY", b"DRAFT",
                                                                b"1\t2\t3", b"- 1 -", b"Page 2 of 9", b"TODO"]))
hostile_pdf = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=2000).map(lambda b: b"%PDF-1.4\n" + b),
    st.lists(st.sampled_from([b"1 0 obj", b"<< /Type /Catalog /Pages 2 0 R >>", b"endobj", b"2 0 obj",
                              b"<< /Type /Pages /Kids [3 0 R] /Count 99999 >>", b"3 0 obj", b"<< /Type /Page >>",
                              b"stream\n", b"BT (CONFIDENTIAL) Tj ET", b"endstream", b"xref", b"0 1", b"trailer",
                              b"<< /Root 1 0 R /Encrypt 9 0 R >>", b"startxref", b"9", b"%%EOF", b"\n", b"(", b"<<"]),
             max_size=40).map(lambda parts: b"%PDF-1.7\n" + b"\n".join(parts)),
    st.tuples(st.lists(st.lists(st.tuples(st.floats(-50, 700), st.floats(-50, 850), st.sampled_from([0, 1, 10, 12, 24]),
                                          _PDF_TEXT.map(pdf_string)), max_size=6), min_size=1, max_size=3),
              st.one_of(st.none(), st.integers(0, 10**6))).map(lambda t: pdf(*t)),
)


@settings(max_examples=800, **FUZZ)
@given(data=st.one_of(hostile_docx.map(lambda d: (".docx", d)), hostile_pdf.map(lambda d: (".pdf", d))))
def test_hostile_word_and_pdf_bytes(workdir, data):
    extension, content = data
    path = workdir / f"binary{extension}"
    path.write_bytes(content)
    read_and_lint(str(path))


# -- small pure functions --------------------------------------------------------------

@settings(max_examples=1200, **FUZZ)
@given(pattern=st.one_of(st.text(max_size=40), st.lists(st.sampled_from(
    ["(", ")", "(?:", "(?>", "(?P<n>", "(?=", "(?<!", "(?i)", "(?#", "[", "]", "[^", "\\", "\\d", "\\p{Han}",
     "a", "b", "|", "*", "+", "?", "{", "}", "{2}", "{1,3}", "{2,}", "*+", "+?", ".", "^", "$"]), max_size=30)
    .map("".join)))
def test_regexcheck_never_raises(pattern):
    nested = nested_quantifiers(pattern)
    overlapping = overlapping_alternatives(pattern)
    assert isinstance(nested, bool) and isinstance(overlapping, bool)
    assert (risky_pattern(pattern) is not None) == (nested or overlapping)


@settings(max_examples=300, **FUZZ)
@given(name=st.one_of(st.text(_ALPHABET, max_size=30), pool_text(30),
                      st.binary(max_size=30).map(lambda b: os.fsdecode(b.replace(b"\0", b"")))))
def test_printable_names_are_one_line(name):
    shown = printable(name)
    assert not any(unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") for ch in shown)
    assert not any(ch in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for ch in shown)
    shown.encode("utf-8")  # writable to any UTF-8 stream
    assert len(shown.splitlines()) <= 1
