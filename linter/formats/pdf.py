"""PDF reader: the text layer of a PDF, page by page in reading order, with lines joined into paragraphs.

Reports are often attached to the published page as PDF. The reader uses
pdfplumber (pdfminer.six underneath), imported only when a PDF is read, because
it gives every character with its position, which is what turning printed lines
back into paragraphs needs:

- the characters of each page are grouped into lines, top to bottom;
- ruled tables become one line per row, cells separated by a tab (as the HTML
  and Word readers give them);
- page numbers alone on a line at the top or bottom of a page (`— 1 —`, `第1页`)
  are dropped;
- a line that reaches the right margin continues into the next one when that one
  is not indented (also across a page break), so a marking or a phrase wrapped at
  the line end is read whole; consecutive centred lines of a large title are one
  title;
- characters whose font has no Unicode mapping become U+FFFD.

Every piece of text knows its page: the locator gives `{"page": n}`. A PDF without
a text layer (a scan) gives one `no-text-layer` error instead of silence; scanned
pages among text pages give one `no-text-layer` warning naming them. An encrypted
PDF that needs a password to open, and a damaged one, are input errors.
"""

from __future__ import annotations

import io
import logging
import statistics

import regex

from linter.document import Notice, Parsed
from linter.errors import InputError
from linter.formats import limits
from linter.formats.located import LocatedText

_PAGE_NUMBER = regex.compile(
    r"^[\s\-—–－_·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－_·•]*$"
    r"|^\s*(?:page\s*)?\d{1,4}\s*(?:of|/)\s*\d{1,4}\s*$", regex.I)
_CID = regex.compile(r"\(cid:\d+\)")
_NEW_ITEM = regex.compile(r"^(?:第[一二三四五六七八九十百]+(?:部分|章|节)|[一二三四五六七八九十]+\s*[、.．]"
                          r"|[（(]\s*[一二三四五六七八九十]+\s*[)）]|\d{1,2}\s*(?:、|[.．](?!\d)))")
_MARGIN_ZONE = 0.12     # page numbers are looked for in the top and bottom 12% of a page
_UNMAPPED_SHARE = 0.5   # a page most of whose characters have no Unicode mapping has no usable text


class PdfReader:
    """Reads the text layer of PDF files with pdfplumber; see the module docstring."""

    name = "pdf"
    extensions = (".pdf",)
    binary = True

    def read_bytes(self, data: bytes) -> Parsed:
        return read_pdf(data)


def read_pdf(data: bytes) -> Parsed:
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF header)")
    import pdfplumber  # lazy: only PDF files pay for pdfplumber and pdfminer
    from pdfplumber.utils.exceptions import PdfminerException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font and xref warnings are not findings
    most = limits.limit("pdf-pages")
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            pages, more = _read_pages(pdf, most)
            claimed = _claimed_pages(pdf) if more else None
    except PdfminerException as exc:
        raise InputError(_pdfminer_message(exc.args[0] if exc.args else exc)) from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file is one line, never a traceback
        raise InputError(f"cannot read PDF: {type(exc).__name__}: {exc}") from None
    parsed = _assemble(pages)
    if more:
        parsed = parsed._replace(notices=parsed.notices + (_page_limit_notice(most, claimed),))
    return parsed


def _read_pages(pdf, most: int) -> tuple[list["_Page"], bool]:
    """The first `most` pages (0: all) as lines, and whether the PDF has more pages than that.

    Pages are taken from the page tree one at a time, so a file claiming a million pages
    costs no more than `most` pages; each page's parsed objects are dropped once read.
    """
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page
    from pdfplumber.utils.exceptions import PdfminerException

    pages: list[_Page] = []
    tree = PDFPage.create_pages(pdf.doc)
    doctop = 0.0
    while True:
        try:
            page_object = next(tree)
        except StopIteration:
            return pages, False
        except Exception as exc:  # noqa: BLE001 - as pdfplumber reports a broken page tree
            raise PdfminerException(exc) from None
        if most and len(pages) >= most:
            return pages, True
        page = Page(pdf, page_object, page_number=len(pages) + 1, initial_doctop=doctop)
        pages.append(_page_items(page, len(pages) + 1))
        doctop += page.height
        page.close()


def _claimed_pages(pdf) -> int | None:
    """The page count the PDF's page tree states (/Count), if it states a plausible one."""
    try:
        from pdfminer.pdftypes import resolve1

        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:  # noqa: BLE001 - only for the message
        return None
    return count if isinstance(count, int) and count > 0 else None


def _page_limit_notice(most: int, claimed: int | None) -> Notice:
    stated_zh = f"（文件自称 {claimed:,} 页）" if claimed and claimed > most else ""
    stated_en = f" (it states {claimed:,})" if claimed and claimed > most else ""
    return limits.notice(
        "pdf-pages",
        f"PDF 超过 {most:,} 页{stated_zh}：只读取并检查了前 {most:,} 页，其余各页未检查",
        f"the PDF has more than {most:,} pages{stated_en}: only the first {most:,} were read and "
        "checked, the rest were not",
        None, max=most, pages=claimed if claimed and claimed > most else None)


def _pdfminer_message(cause) -> str:
    name = type(cause).__name__
    if name == "PDFPasswordIncorrect":
        return ("encrypted PDF: it cannot be opened without a password; "
                "check an unprotected copy (open it with the password and save or export it without one)")
    if name in ("PDFEncryptionError", "PDFEncryptionWarning"):
        return f"encrypted PDF with an encryption method that cannot be read: {cause}"
    if name in ("PDFSyntaxError", "PSEOF", "PSSyntaxError", "PDFNoValidXRef"):
        return f"damaged PDF file: {cause or name}"
    return f"cannot read PDF: {name}: {cause}"


class _Line:
    """One printed line (or one table row) of a page, with its geometry."""

    __slots__ = ("text", "page", "x0", "x1", "top", "bottom", "size", "row")

    def __init__(self, text, page, x0, x1, top, bottom, size, row=False):
        self.text, self.page, self.x0, self.x1 = text, page, x0, x1
        self.top, self.bottom, self.size, self.row = top, bottom, size, row


class _Page:
    def __init__(self, number: int, width: float, height: float, lines: list[_Line],
                 scanned: bool, unmapped: bool) -> None:
        self.number, self.width, self.height, self.lines = number, width, height, lines
        self.scanned, self.unmapped = scanned, unmapped


def _page_items(page, number: int) -> _Page:
    chars = page.chars
    unmapped = sum(1 for c in chars if _CID.fullmatch(c.get("text", "")))
    if chars and unmapped > len(chars) * _UNMAPPED_SHARE:
        return _Page(number, page.width, page.height, [], scanned=True, unmapped=True)
    if not chars:
        return _Page(number, page.width, page.height, [], scanned=bool(page.images), unmapped=False)
    try:
        tables = [t for t in page.find_tables() if len(t.rows) > 1 or len(t.columns) > 1]
    except Exception:  # noqa: BLE001 - odd ruling lines: read the page as lines of text
        tables = []
    boxes = [t.bbox for t in tables]

    def outside_tables(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside_tables) if boxes else page
    lines = []
    for line in text_page.extract_text_lines(strip=True, return_chars=True):
        text = _CID.sub("\ufffd", line["text"])
        sizes = [c.get("size", 0) for c in line["chars"] if not c["text"].isspace()]
        lines.append(_Line(text, number, line["x0"], line["x1"], line["top"], line["bottom"],
                           statistics.median(sizes) if sizes else 0))
    for table in tables:
        for row, cells in zip(table.rows, table.extract()):
            texts = [_CID.sub("\ufffd", regex.sub(r"\s+", " ", cell or "").strip()) for cell in cells]
            x0, top, x1, bottom = row.bbox
            lines.append(_Line("\t".join(texts), number, x0, x1, top, bottom, 0, row=True))
    lines.sort(key=lambda item: (round(item.top, 1), item.x0))
    lines = [line for line in lines if not _is_page_number(line, page.height)]
    return _Page(number, page.width, page.height, lines, scanned=False, unmapped=False)


def _is_page_number(line: _Line, height: float) -> bool:
    in_margin = line.bottom < height * _MARGIN_ZONE or line.top > height * (1 - _MARGIN_ZONE)
    return not line.row and in_margin and bool(_PAGE_NUMBER.match(line.text))


def _assemble(pages: list[_Page]) -> Parsed:
    text = LocatedText()
    sizes = [line.size for page in pages for line in page.lines if line.size]
    body_size = statistics.median(sizes) if sizes else 0
    margins = {page.number: _margins(page) for page in pages}
    previous: _Line | None = None
    for page in pages:
        for line in page.lines:
            place = {"page": page.number}
            if previous is not None and _continues(previous, line, margins, body_size):
                text.piece(line.text, place, _joiner(previous.text, line.text))
            else:
                text.line(line.text, place)
            previous = line
    plain = text.text()
    long_line = limits.long_line(plain)
    return Parsed(format="pdf", plain=plain, locator=text.locator(),
                  notices=tuple(_notices(pages, bool(sizes))) + ((long_line,) if long_line else ()))


def _margins(page: _Page) -> tuple[float, float, float]:
    """(left margin, right margin, usual gap between lines) of the text on a page."""
    lines = [line for line in page.lines if not line.row]
    if not lines:
        return 0.0, page.width, 0.0
    left = min(line.x0 for line in lines)
    wide = [line.x1 for line in lines if line.x1 - line.x0 > page.width / 2]
    right = statistics.median(wide) if wide else max(line.x1 for line in lines)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom]
    return left, right, statistics.median(gaps) if gaps else 0.0


def _continues(a: _Line, b: _Line, margins: dict, body_size: float) -> bool:
    """Whether line `b` carries on the paragraph of line `a` (wrapped at the margin)."""
    if a.row or b.row or not a.text or not b.text or abs(a.size - b.size) > 0.5:
        return False
    a_left, a_right, a_gap = margins[a.page]
    b_left, _, b_gap = margins[b.page]
    size = a.size or body_size or 10
    if a.page == b.page and b.top - a.bottom > max(a_gap * 1.5, size * 0.3) + 1:
        return False
    if b.page not in (a.page, a.page + 1):
        return False
    if body_size and a.size >= body_size * 1.15 and a.page == b.page:  # a title broken over lines
        return _centred(a, margins) and _centred(b, margins)
    full = a.x1 >= a_right - 1.5 * size
    indented = b.x0 > b_left + 0.5 * size
    return full and not indented and not _NEW_ITEM.match(b.text)


def _centred(line: _Line, margins: dict) -> bool:
    left, right, _ = margins[line.page]
    middle = (left + right) / 2
    return abs((line.x0 + line.x1) / 2 - middle) < max(line.size, 4)


def _joiner(before: str, after: str) -> str:
    """No space between wrapped CJK text; one space between wrapped Latin words."""
    last, first = before[-1:], after[:1]
    if last.isascii() and first.isascii() and last.isalnum() and first.isalnum():
        return " "
    if last in ",.;:!?)" and first.isascii() and first.isalnum():
        return " "
    return ""


def _notices(pages: list[_Page], has_text: bool) -> list[Notice]:
    if not pages:
        return [Notice("no-text-layer", "error", {
            "zh": "PDF 文件没有页面，无法检查",
            "en": "the PDF file has no pages; nothing could be checked"}, data={"pages": []})]
    unmapped = [page.number for page in pages if page.unmapped]
    if not has_text:
        if unmapped:
            message = {"zh": "PDF 的文字没有 Unicode 映射（字体未嵌入对照表），无法提取文字，未能检查；"
                             "请用原始文档重新导出 PDF，或提供 Word/网页版本",
                       "en": "the PDF's text has no Unicode mapping (its fonts lack a ToUnicode map), so "
                             "no text could be extracted or checked; export the PDF again from the source "
                             "document, or check the Word or web version"}
        else:
            message = {"zh": "PDF 没有文字层（可能是扫描件），无法检查；请检查原始 Word 文档或网页版本，"
                             "或先做文字识别（OCR）",
                       "en": "the PDF has no text layer (probably a scan), so nothing could be checked; "
                             "check the original Word document or web page, or run OCR first"}
        return [Notice("no-text-layer", "error", message,
                       data={"pages": [page.number for page in pages]})]
    missing = [page.number for page in pages if page.scanned]
    if not missing:
        return []
    listed = "、".join(str(n) for n in missing)
    return [Notice("no-text-layer", "warning", {
        "zh": f"PDF 第 {listed} 页没有可提取的文字（可能是扫描页），这些页未检查",
        "en": f"page{'s' if len(missing) > 1 else ''} {', '.join(str(n) for n in missing)} of the PDF "
              "have no extractable text (probably scanned) and were not checked"},
        data={"pages": missing})]
