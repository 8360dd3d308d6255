"""Word (.docx) reader: the text of a Word document, in reading order, with where each line came from.

Annual reports are drafted in Word and often published as the .docx itself, so
the file is checked as Word shows it:

- the body in order: paragraphs, and tables with each row on one line and its
  cells separated by a tab (the same shape the HTML reader gives a table);
- automatic numbering drawn as Word draws it (一、 / （一） / 1.1, see
  `docx_numbering`), so numbered headings are found;
- headings from paragraph styles (Heading 1-9 / 标题 1-9 / Title) and outline levels;
- text boxes after the paragraph that anchors them;
- the headers of every section before the body and the footers after it: a
  secrecy marking in a page header is the classic leak;
- tracked changes as if accepted (insertions kept, deletions dropped); field
  codes are skipped, their displayed results kept.

The extracted text becomes the source that lines and columns refer to; the
locator tells where a line is in the document: `{"paragraph": 12}` (the 12th
paragraph of the body, empty ones counted, as `Document.paragraphs[11]` in
python-docx), `{"table": 1, "row": 3, "cell": 2}` (cell = grid column),
`{"part": "header", "section": 1}`. python-docx is imported only when a .docx
file is read.
"""

from __future__ import annotations

import io
import zipfile

import regex

from linter.document import Parsed
from linter.errors import InputError
from linter.formats import limits
from linter.formats.located import LocatedText

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_NAME = regex.compile(r"^(?:heading|标题)\s*([1-9])$", regex.I)
_TITLE_NAMES = {"title", "标题"}
_VARIANTS = {"default": None, "first": "first-page", "even": "even-page"}


class DocxReader:
    """Reads Word 2007+ documents (.docx) with python-docx; see the module docstring."""

    name = "docx"
    extensions = (".docx",)
    binary = True

    def read_bytes(self, data: bytes) -> Parsed:
        return read_docx(data)


def read_docx(data: bytes) -> Parsed:
    document = _open(data)
    try:
        return _Extractor(document).run()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a malformed part must be one line, never a traceback
        raise InputError(f"cannot read Word document: {type(exc).__name__}: {exc}") from None


def _open(data: bytes):
    if data.startswith(_OLE_MAGIC):
        raise InputError("not a .docx package: this is an old Word .doc file or a password-protected "
                         "document; remove the password, or open it in Word or WPS and save it as .docx")
    if not data.startswith(b"PK"):
        raise InputError("not a Word .docx file (not a ZIP package)")
    _check_package(data)
    import docx  # lazy: only .docx files pay for python-docx and lxml

    try:
        return docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError("damaged Word file: not a valid .docx (ZIP) package") from None
    except (KeyError, ValueError) as exc:
        raise InputError(f"not a Word document: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - broken XML and the like: one line, never a traceback
        raise InputError(f"damaged Word file: {type(exc).__name__}: {exc}") from None


def _check_package(data: bytes) -> None:
    """Refuse a ZIP bomb before anything is unpacked: too many parts, or too many bytes once unpacked.

    Only the ZIP's directory is read. The sizes it declares bound what is unpacked later:
    a part that holds more than its declared size fails its check when read (a damaged file).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except Exception:  # noqa: BLE001 - whatever a broken directory raises: one line, never a traceback
        raise InputError("damaged Word file: not a valid .docx (ZIP) package") from None
    most = limits.limit("docx-entries")
    if most and len(parts) > most:
        raise InputError(f"Word file has {len(parts):,} parts, more than the limit of {most:,} "
                         "(a ZIP bomb?): not read")
    mib = limits.limit("docx-mib")
    unpacked = sum(part.file_size for part in parts)
    if mib and unpacked > mib * 1048576:
        raise InputError(f"Word file expands to more than {mib:,} MiB ({unpacked / 1048576:,.0f} MiB "
                         "unpacked; a ZIP bomb?): not read")


class _Extractor:
    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        from linter.formats.docx_numbering import Numbering

        self.qn = qn
        self.document = document
        self.part = document.part
        self.text = LocatedText()
        self.styles = self._styles()
        self.numbering = Numbering(self._numbering_element())
        self.paragraphs = 0
        self.tables = 0
        self.T = {name: qn(f"w:{name}") for name in (
            "p", "r", "t", "tab", "ptab", "br", "cr", "noBreakHyphen", "softHyphen", "sym", "tbl",
            "tr", "tc", "sdt", "sdtContent", "del", "moveFrom", "delText", "instrText",
            "delInstrText", "txbxContent", "pPr", "pStyle", "outlineLvl", "numPr", "numId", "ilvl",
            "tcPr", "gridSpan", "trPr", "gridBefore", "sectPr", "headerReference",
            "footerReference", "customXml", "smartTag", "fldSimple", "hyperlink", "ins", "moveTo",
            "footnoteReference", "endnoteReference", "commentReference", "rPr")}
        self.skip = {self.T["del"], self.T["moveFrom"], self.T["delText"], self.T["instrText"],
                     self.T["delInstrText"], self.T["pPr"], self.T["rPr"], self.T["tcPr"],
                     self.T["trPr"],
                     # the VML copy of a drawing that newer Word writes beside its DrawingML version
                     "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}

    # -- document parts -------------------------------------------------------------

    def run(self) -> Parsed:
        body = self.document.element.body
        headers, footers = self._header_footer_parts(body)
        for part, place in headers:
            self._blocks(part.element, place)
        self._blocks(body, None)
        for part, place in footers:
            self._blocks(part.element, place)
        plain = self.text.text()
        long_line = limits.long_line(plain)
        return Parsed(format="docx", plain=plain, headings=tuple(self.text.headings),
                      locator=self.text.locator(), notices=(long_line,) if long_line else ())

    def _header_footer_parts(self, body):
        seen: set[str] = set()
        found: dict[str, list] = {"header": [], "footer": []}
        sections = body.findall(f".//{self.T['sectPr']}")
        for number, sect in enumerate(sections, start=1):
            for tag, kind in ((self.T["headerReference"], "header"), (self.T["footerReference"], "footer")):
                for ref in sect.findall(tag):
                    rid = ref.get(self.qn("r:id"))
                    part = self.part.related_parts.get(rid) if rid else None
                    if part is None or str(part.partname) in seen:
                        continue
                    seen.add(str(part.partname))
                    place = {"part": kind, "section": number}
                    variant = _VARIANTS.get(ref.get(self.qn("w:type")) or "default")
                    if variant:
                        place["page"] = variant
                    found[kind].append((part, place))
        return found["header"], found["footer"]

    def _styles(self) -> dict[str, tuple[str, str | None, object]]:
        """style id -> (name, based-on id, pPr element)."""
        styles = {}
        root = self.document.styles.element
        for style in root.findall(self.qn("w:style")):
            name_el = style.find(self.qn("w:name"))
            based = style.find(self.qn("w:basedOn"))
            styles[style.get(self.qn("w:styleId"))] = (
                (name_el.get(self.qn("w:val")) if name_el is not None else "") or "",
                based.get(self.qn("w:val")) if based is not None else None,
                style.find(self.qn("w:pPr")))
        return styles

    def _numbering_element(self):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        try:
            return self.part.part_related_by(RT.NUMBERING).element
        except (KeyError, AttributeError):
            return None

    # -- block content --------------------------------------------------------------

    def _blocks(self, container, place: dict | None) -> None:
        """Paragraphs and tables of the body, a header, a footer, a text box or a content control."""
        for child in container:
            if child.tag == self.T["p"]:
                self._paragraph(child, place)
            elif child.tag == self.T["tbl"]:
                self._table(child, place)
            elif child.tag in (self.T["sdt"], self.T["customXml"]):
                content = child.find(self.T["sdtContent"]) if child.tag == self.T["sdt"] else child
                if content is not None:
                    self._blocks(content, place)

    def _paragraph(self, p, place: dict | None) -> None:
        if place is None:
            self.paragraphs += 1
            here = {"paragraph": self.paragraphs}
        else:
            here = place
        boxes: list = []
        text = self._inline(p, boxes)
        num_id, ilvl, level = self._paragraph_props(p)
        label = self.numbering.label(num_id, ilvl) if num_id else ""
        self.text.line(label + text, here, level)
        for number, box in enumerate(boxes, start=1):
            self._blocks(box, {**here, "textbox": number})

    def _table(self, tbl, place: dict | None) -> None:
        if place is None:
            self.tables += 1
            base = {"table": self.tables}
        else:
            base = dict(place)
        for row_number, tr in enumerate(self._rows(tbl), start=1):
            column = 1 + self._int_val(tr.find(self.T["trPr"]), "gridBefore", 0)
            cells = []
            for tc in self._cells(tr):
                cells.append((column, self._cell_text(tc)))
                column += self._int_val(tc.find(self.T["tcPr"]), "gridSpan", 1)
            row_place = {**base, "row": row_number}
            if not cells:
                self.text.line("", row_place)
                continue
            self.text.line(cells[0][1], {**row_place, "cell": cells[0][0]})
            for col, content in cells[1:]:
                self.text.piece(content, {**row_place, "cell": col}, "\t")

    def _rows(self, tbl):
        for child in tbl:
            if child.tag == self.T["tr"]:
                yield child
            elif child.tag in (self.T["sdt"], self.T["customXml"]):
                yield from self._rows(child.find(self.T["sdtContent"]) if child.tag == self.T["sdt"] else child)

    def _cells(self, tr):
        for child in tr:
            if child.tag == self.T["tc"]:
                yield child
            elif child.tag in (self.T["sdt"], self.T["customXml"]):
                yield from self._cells(child.find(self.T["sdtContent"]) if child.tag == self.T["sdt"] else child)

    def _cell_text(self, tc) -> str:
        """A cell on one line: its paragraphs, nested tables and text boxes joined by spaces."""
        pieces: list[str] = []
        for child in tc.iter(self.T["p"]):
            if self._inside_other_paragraph(child, tc):
                continue  # a text box paragraph: read through its anchor below
            boxes: list = []
            num_id, ilvl, _ = self._paragraph_props(child)
            label = self.numbering.label(num_id, ilvl) if num_id else ""
            text = label + self._inline(child, boxes)
            for box in boxes:
                text += " " + " ".join(self._inline(p, []) for p in box.iter(self.T["p"]))
            pieces.append(text)
        joined = " ".join(piece.strip() for piece in pieces if piece.strip())
        return regex.sub(r"[\t\r\n]+", " ", joined)

    def _inside_other_paragraph(self, p, stop) -> bool:
        parent = p.getparent()
        while parent is not None and parent is not stop:
            if parent.tag == self.T["p"]:
                return True
            parent = parent.getparent()
        return False

    @staticmethod
    def _int_val(props, name: str, default: int) -> int:
        if props is None:
            return default
        for child in props:
            if child.tag.endswith("}" + name):
                value = child.get(child.tag.split("}")[0] + "}val")
                try:
                    return int(value)
                except (TypeError, ValueError):
                    return default
        return default

    # -- paragraph properties --------------------------------------------------------

    def _paragraph_props(self, p) -> tuple[str | None, int, int | None]:
        """(numbering id, numbering level, heading level) from the paragraph and its style chain."""
        ppr = p.find(self.T["pPr"])
        num_id = ilvl = level = None
        style_id = None
        if ppr is not None:
            num_id, ilvl = self._num_pr(ppr)
            outline = self._val(ppr.find(self.T["outlineLvl"]))
            if outline is not None and outline.isdigit() and int(outline) < 9:
                level = int(outline) + 1
            style_id = self._val(ppr.find(self.T["pStyle"]))
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            name, based, style_ppr = self.styles[style_id]
            if level is None:
                level = _style_level(name)
            if style_ppr is not None:
                if level is None:
                    outline = self._val(style_ppr.find(self.T["outlineLvl"]))
                    if outline is not None and outline.isdigit() and int(outline) < 9:
                        level = int(outline) + 1
                if num_id is None:
                    style_num, style_lvl = self._num_pr(style_ppr)
                    if style_num is not None:
                        num_id, ilvl = style_num, ilvl if ilvl is not None else style_lvl
            style_id = based
        return num_id, ilvl or 0, level

    def _num_pr(self, ppr) -> tuple[str | None, int | None]:
        num_pr = ppr.find(self.T["numPr"])
        if num_pr is None:
            return None, None
        num_id = self._val(num_pr.find(self.T["numId"]))
        ilvl = self._val(num_pr.find(self.T["ilvl"]))
        return num_id, int(ilvl) if ilvl is not None and ilvl.isdigit() else None

    def _val(self, element) -> str | None:
        return element.get(self.qn("w:val")) if element is not None else None

    # -- runs ------------------------------------------------------------------------

    def _inline(self, element, boxes: list) -> str:
        """The displayed text of a paragraph; text boxes are collected into `boxes`."""
        out: list[str] = []
        self._walk(element, out, boxes)
        return "".join(out)

    def _walk(self, element, out: list[str], boxes: list) -> None:
        T = self.T
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in self.skip:
                continue
            if tag == T["t"]:
                out.append(child.text or "")
            elif tag in (T["tab"], T["ptab"]):
                out.append(" ")  # a tab stop is spacing; tabs in the text separate table cells
            elif tag in (T["br"], T["cr"]):
                if child.get(self.qn("w:type")) in (None, "textWrapping"):
                    out.append("\n")
            elif tag == T["noBreakHyphen"]:
                out.append("-")
            elif tag == T["sym"]:
                char = child.get(self.qn("w:char")) or ""
                code = int(char, 16) if regex.fullmatch(r"[0-9A-Fa-f]{1,6}", char) else 0
                if code and not 0xF000 <= code <= 0xF0FF:  # symbol-font glyphs have no Unicode meaning
                    out.append(chr(code))
            elif tag == T["txbxContent"]:
                boxes.append(child)
            elif tag == T["p"]:
                continue  # a paragraph nested in a drawing outside a text box: read with the box
            else:
                self._walk(child, out, boxes)


def _style_level(name: str) -> int | None:
    lowered = name.strip().lower()
    if lowered in _TITLE_NAMES:
        return 1
    match = _HEADING_NAME.match(lowered)
    return int(match.group(1)) if match else None
