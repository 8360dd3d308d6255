"""PDF files: text in reading order with pages, wrapped lines rejoined, scans, encryption, damage."""

from __future__ import annotations

import regex
import pytest

from conftest import FIXTURES

from linter.engine import lint, load_document
from linter.errors import InputError
from linter.formats.pdf import _assemble, _joiner, _Line, _Page, read_pdf
from linter.ruleset import load_ruleset

FORMATS = FIXTURES / "formats"


def _norm(text: str) -> str:
    return regex.sub(r"\s+", " ", text).strip()


def test_printed_lines_become_the_paragraphs_of_the_text_version():
    parsed = read_pdf((FORMATS / "good-report.pdf").read_bytes())
    text = (FORMATS / "good-report.txt").read_text(encoding="utf-8")
    assert [_norm(line) for line in parsed.plain.split("\n")] == \
        [_norm(line) for line in text.split("\n") if line.strip()]
    assert "— 1 —" not in parsed.plain and "— 2 —" not in parsed.plain  # page numbers dropped
    assert "\n信息类别\t条数\n政策法规类\t46\n" in parsed.plain  # a ruled table: rows of cells


def test_every_piece_of_text_knows_its_page():
    parsed = read_pdf((FORMATS / "good-report.pdf").read_bytes())
    assert parsed.locator(parsed.plain.index("一、加强组织领导")) == {"page": 1}
    assert parsed.locator(parsed.plain.index("六、存在的主要问题")) == {"page": 2}
    assert parsed.locator(len(parsed.plain) - 1) == {"page": 2}


def test_a_scan_gives_one_clear_finding_not_silence(cli):
    doc = load_document(str(FORMATS / "scanned.pdf"))
    found = lint(doc, load_ruleset("common"), "en")
    assert [(f.rule, f.severity.label, f.line, f.location) for f in found] == [
        ("no-text-layer", "error", 1, None)]
    assert "no text layer" in found[0].message and "OCR" in found[0].message
    run = cli("check", "--no-config", "--ruleset", "common", FORMATS / "scanned.pdf")
    assert run.code == 1 and "Traceback" not in run.err
    assert "no-text-layer" in run.out and "没有文字层" in run.out


def test_scanned_pages_among_text_pages_are_named_in_one_warning():
    doc = load_document(str(FORMATS / "partly-scanned.pdf"))
    notices = [f for f in lint(doc, load_ruleset("common"), "zh") if f.rule == "no-text-layer"]
    assert [(f.severity.label, dict(f.data)) for f in notices] == [("warning", {"pages": [2]})]
    assert "第 2 页" in notices[0].message


def test_a_pdf_that_needs_a_password_is_one_line_with_exit_code_2(cli):
    run = cli("check", "--no-config", FORMATS / "encrypted.pdf", FIXTURES / "good-report.txt")
    assert run.code == 2
    assert run.err.startswith("disclint: ") and run.err.count("\n") == 1
    assert run.err.endswith("encrypted.pdf: encrypted PDF: it cannot be opened without a password; "
                            "check an unprotected copy (open it with the password and save or export "
                            "it without one)\n")


def test_a_pdf_with_only_an_owner_password_is_read():
    doc = load_document(str(FORMATS / "restricted.pdf"))
    assert doc.format == "pdf" and "一、加强组织领导" in doc.plain
    assert lint(doc, load_ruleset("cn-ogi-2008"), "zh") == []


@pytest.mark.parametrize("data,message", [
    (b"hello, not a pdf\n", "not a PDF file (no %PDF header)"),
    (b"%PDF-1.4\n%%EOF\n", "damaged PDF file"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + b"\x00garbage" * 50,
     "damaged PDF file"),
])
def test_damaged_pdfs_are_one_line_never_a_traceback(cli, tmp_path, data, message):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(data)
    run = cli("check", "--no-config", bad)
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err.count("\n") == 1 and f"bad.pdf: {message}" in run.err


def test_a_truncated_pdf_is_one_line(cli, tmp_path):
    data = (FORMATS / "good-report.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    run = cli("check", "--no-config", cut, FIXTURES / "markings.txt")
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err.count("\n") == 1 and "cut.pdf: damaged PDF file" in run.err
    assert "confidential-marker" in run.out  # the run went on


def test_read_pdf_raises_input_error_for_encrypted_files():
    with pytest.raises(InputError, match="encrypted PDF"):
        read_pdf((FORMATS / "encrypted.pdf").read_bytes())


def _line(text, page, x0, x1, top, size=12.0):
    return _Line(text, page, x0, x1, top, top + size, size)


def test_wrapped_lines_join_across_a_page_break_but_not_into_an_indented_paragraph():
    first = _Page(1, 600, 800, [
        _line("本报告仅供内部使用，不得", 1, 72, 528, 700),
        _line("外传。下一句", 1, 72, 300, 720),
        _line("新段落首行缩进两字，一直写到右边距为止", 1, 96, 528, 740),
    ], scanned=False, unmapped=False)
    second = _Page(2, 600, 800, [
        _line("跨页接续的文字。", 2, 72, 250, 80),
        _line("（二）另起一项", 2, 72, 200, 100),
    ], scanned=False, unmapped=False)
    parsed = _assemble([first, second])
    assert parsed.plain.split("\n") == ["本报告仅供内部使用，不得外传。下一句",
                                        "新段落首行缩进两字，一直写到右边距为止跨页接续的文字。",
                                        "（二）另起一项"]
    joined = parsed.plain.index("跨页")
    assert parsed.locator(joined - 1) == {"page": 1} and parsed.locator(joined) == {"page": 2}


def test_latin_words_wrapped_at_the_margin_keep_a_space():
    assert _joiner("INTERNAL", "USE ONLY") == " "
    assert _joiner("内部", "资料") == ""
    assert _joiner("2016年", "2月") == ""
