"""The readers' input limits, in process: what each reports, that all text is still read, how to change them."""

from __future__ import annotations

import io
import zipfile

import pytest

from conftest import ROOT
from hostile import MIB, deep_html, many_pages_pdf, pdf, zip_bomb_docx
from linter.engine import lint, load_document
from linter.errors import InputError, UsageError
from linter.formats import limits, parse_text
from linter.formats.docx import read_docx
from linter.formats.html import read_html
from linter.formats.pdf import read_pdf
from linter.ruleset import load_ruleset

GOOD_DOCX = (ROOT / "fixtures" / "formats" / "good-report.docx").read_bytes()


def limit_notices(parsed):
    return [n for n in parsed.notices if n.rule == "input-limit"]


# -- line length ---------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["text", "markdown", "html"])
def test_one_notice_for_long_lines_and_the_whole_text_still_read(reader):
    lines = ["发布时间：2016-01-01", "x" * 100_001 + "机密★10年", "y" * 200_000]
    text = "".join(f"<p>{line}</p>\n" if reader == "html" else f"{line}\n" for line in lines)
    parsed = parse_text(reader, text)
    (notice,) = limit_notices(parsed)  # one, for the first long line
    assert notice.severity == "warning"
    assert notice.data == {"limit": "line-length", "max": 100_000, "length": 100_007}
    assert "机密★10年" in parsed.plain and parsed.plain.rstrip().endswith("y")


def test_a_line_at_the_limit_is_fine():
    assert limit_notices(parse_text("text", "x" * 100_000 + "\r\n" + "y" * 100_000)) == []


def test_the_notice_becomes_a_finding_at_the_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("first\n" + "x" * 100_001 + "\n", encoding="utf-8")
    doc = load_document(str(path))
    (finding,) = [f for f in lint(doc, load_ruleset("common"), "en") if f.rule == "input-limit"]
    assert (finding.line, finding.column, finding.severity.label) == (2, 1, "warning")
    assert finding.message.startswith("a line of 100,001 characters, over the limit of 100,000: it was still checked")


def test_line_limit_can_be_changed_or_turned_off(monkeypatch):
    monkeypatch.setenv("DISCLINT_MAX_LINE_LENGTH", "10")
    assert limit_notices(parse_text("text", "x" * 11))[0].data["max"] == 10
    monkeypatch.setenv("DISCLINT_MAX_LINE_LENGTH", "0")
    assert limit_notices(parse_text("text", "x" * 1_000_000)) == []
    monkeypatch.setenv("DISCLINT_MAX_LINE_LENGTH", "-3")
    with pytest.raises(UsageError, match="DISCLINT_MAX_LINE_LENGTH='-3': expected a whole number"):
        parse_text("text", "x")


# -- HTML nesting --------------------------------------------------------------------


def test_deep_nesting_is_read_flat_beyond_the_limit_with_all_its_text():
    parsed = read_html(deep_html(5_000, "机密★10年"))
    (notice,) = limit_notices(parsed)
    assert notice.data == {"limit": "html-depth", "max": 512, "depth": 5_002}
    assert parsed.plain.strip() == "机密★10年"


def test_structure_within_the_limit_is_unchanged(monkeypatch):
    page = ("<html><body><div class='nav'>首页 新闻</div><div class='content'>"
            + "<div>" * 40 + "<p>发布时间：2016-01-01</p><p>正文内容</p>" + "</div>" * 40 + "</div></body></html>")
    normal = read_html(page)
    monkeypatch.setenv("DISCLINT_MAX_HTML_DEPTH", "30")
    flat = read_html(page)
    assert limit_notices(normal) == [] and len(limit_notices(flat)) == 1
    assert normal.plain == "发布时间：2016-01-01\n正文内容\n"
    assert "首页" not in flat.plain and "正文内容" in flat.plain  # the navigation above the limit is still left out


def test_end_tags_of_flattened_elements_close_them_not_their_ancestors(monkeypatch):
    monkeypatch.setenv("DISCLINT_MAX_HTML_DEPTH", "3")
    page = "<body><div><div><div><span><b>a</b></span></div>b</div>c</div></body>"
    assert read_html(page).plain.split() == ["a", "b", "c"]


@pytest.mark.parametrize("page", [
    "<body>" + "<div class='content'>x" * 20_000,
    "<body>" + "<header>发布时间：2020-01-01 " * 20_000,
    "<body>" + "<table><tr><td>" * 20_000 + "1",
    "<body><article>" + "<footer>来源：x" * 20_000,
    "<body>" + "<h1>t" * 20_000 + "<div class=content>" + "正文" * 1000 + "</div>",
])
def test_hostile_nesting_shapes_neither_recurse_nor_crawl(page):
    import time

    started = time.monotonic()
    parsed = read_html(page)
    assert time.monotonic() - started < 20
    assert len(limit_notices(parsed)) == 1


# -- Word ----------------------------------------------------------------------------


def test_docx_parts_limit(monkeypatch):
    assert read_docx(GOOD_DOCX).plain  # 18 parts: fine by default
    monkeypatch.setenv("DISCLINT_MAX_DOCX_ENTRIES", "10")
    with pytest.raises(InputError, match=r"^Word file has 18 parts, more than the limit of 10 \(a ZIP bomb\?\): not read$"):
        read_docx(GOOD_DOCX)


def test_docx_size_limit(monkeypatch):
    monkeypatch.setenv("DISCLINT_MAX_DOCX_MIB", "1")
    with pytest.raises(InputError, match=r"^Word file expands to more than 1 MiB \(2 MiB unpacked; a ZIP bomb\?\)"):
        read_docx(zip_bomb_docx(2))
    monkeypatch.setenv("DISCLINT_MAX_DOCX_MIB", "0")  # no limit: then it is simply not a Word document
    with pytest.raises(InputError, match="Word"):
        read_docx(zip_bomb_docx(2))


def test_a_damaged_zip_directory_is_one_clear_error():
    data = bytearray(GOOD_DOCX)
    end = data.rfind(b"PK\x05\x06")
    data[end + 16:end + 20] = (len(data) * 2).to_bytes(4, "little")  # the directory is "after the end"
    with pytest.raises(InputError) as error:
        read_docx(bytes(data))
    assert "\n" not in error.value.message


# -- PDF -----------------------------------------------------------------------------


def test_pdf_pages_beyond_the_limit_are_not_read(monkeypatch):
    pages = [[(72, 700, 12, b"PAGE %d CONFIDENTIAL" % n)] for n in range(1, 9)]
    monkeypatch.setenv("DISCLINT_MAX_PDF_PAGES", "5")
    parsed = read_pdf(pdf(pages))
    (notice,) = limit_notices(parsed)
    assert notice.data == {"limit": "pdf-pages", "max": 5, "pages": 8}
    assert "PAGE 5 CONFIDENTIAL" in parsed.plain and "PAGE 6" not in parsed.plain
    monkeypatch.setenv("DISCLINT_MAX_PDF_PAGES", "8")
    assert limit_notices(read_pdf(pdf(pages))) == []


def test_a_page_count_the_file_misstates_is_not_repeated(monkeypatch):
    monkeypatch.setenv("DISCLINT_MAX_PDF_PAGES", "2")
    (notice,) = limit_notices(read_pdf(many_pages_pdf(3, claim=1)))
    assert notice.data["pages"] is None and "states" not in notice.message["en"]


# -- the table of limits -------------------------------------------------------------


def test_defaults_and_stamp(monkeypatch):
    for name, (variable, _) in limits.DEFAULTS.items():
        monkeypatch.delenv(variable, raising=False)
    assert limits.stamp() == (100_000, 512, 10_000, 200, 2_000)
    monkeypatch.setenv("DISCLINT_MAX_PDF_PAGES", "1_000")
    assert limits.stamp()[-1] == 1000


def test_word_zip_check_reads_only_the_directory():
    # a member that claims to be stored but is not even there: the check passes on the directory alone
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("a", b"x" * MIB)
    from linter.formats.docx import _check_package

    _check_package(buffer.getvalue())
