"""Makers of hostile files, generated in test setup (none is committed as a blob).

Each returns bytes or writes a file quickly: a 25 MB file is written sparsely, a
300 MiB ZIP member is streamed from a zero buffer, a PDF of thousands of pages is
written by hand with one shared content stream.
"""

from __future__ import annotations

import io
import os
import zipfile

MIB = 1024 * 1024


def sparse_file(path, size: int, head: bytes = b"", tail: bytes = b"") -> None:
    """A file of `size` bytes: `head`, a hole of zeros or spaces, `tail` (written in milliseconds)."""
    with open(path, "wb") as handle:
        handle.write(head)
        handle.truncate(size - len(tail))
        handle.seek(size - len(tail))
        handle.write(tail)


def long_text_file(path, size: int, line: bytes = "发布时间：2016-01-01 机密★10年\n".encode("utf-8")) -> None:
    """A real text file of about `size` bytes (a repeated line), written in large blocks."""
    block = line * (MIB // len(line))
    with open(path, "wb") as handle:
        written = 0
        while written < size:
            handle.write(block)
            written += len(block)


def zip_bomb_docx(unpacked_mib: int = 300) -> bytes:
    """A real .docx-looking ZIP whose document part unpacks to `unpacked_mib` MiB of zeros (~0.3% packed)."""
    buffer = io.BytesIO()
    chunk = b"\0" * MIB
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        with package.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked_mib):
                member.write(chunk)
    return buffer.getvalue()


def lying_zip_docx(declared: int = 10**12, content: bytes = b"<w:document/>") -> bytes:
    """A ZIP whose document part declares `declared` unpacked bytes in its directory but holds `content`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        package.writestr("word/document.xml", content)
    data = bytearray(buffer.getvalue())
    # the central directory entry of word/document.xml: uncompressed size is 4 bytes at +24
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml"))
    data[at + 24:at + 28] = min(declared, 0xFFFFFFFE).to_bytes(4, "little")
    return bytes(data)


def many_parts_docx(parts: int = 20_000) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        for index in range(parts):
            package.writestr(f"p/{index}", b"")
    return buffer.getvalue()


CONTENT_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                 b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 b'</Types>')
RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument" Target="word/document.xml"/></Relationships>')


def pdf(pages: list[list[tuple[float, float, float, bytes]]], claim: int | None = None) -> bytes:
    """A PDF by hand: each page a list of (x, y, size, text) lines in Helvetica.

    `text` is a PDF string body (parentheses and backslashes escaped by `pdf_string`);
    `claim` overrides the page count the page tree states. Identical pages share one
    content stream, so thousands of pages stay small and quick to write.
    """
    objects: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
                                 3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    streams: dict[bytes, int] = {}
    page_numbers = []
    next_number = 4
    for lines in pages:
        content = b"".join(b"BT /F1 %.1f Tf %.1f %.1f Td (%s) Tj ET\n" % (size, x, y, text)
                           for x, y, size, text in lines)
        if content not in streams:
            streams[content] = next_number
            objects[next_number] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
            next_number += 1
        page_numbers.append((next_number, streams[content]))
        next_number += 1
    for number, stream in page_numbers:
        objects[number] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                           b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % stream)
    kids = b" ".join(b"%d 0 R" % number for number, _ in page_numbers)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, claim if claim is not None else len(pages))
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets.get(number, 0)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def pdf_string(text: bytes) -> bytes:
    return text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r")


def many_pages_pdf(pages: int, first_page: bytes = b"CONFIDENTIAL", claim: int | None = None) -> bytes:
    """`pages` pages: the first shows `first_page`, the rest are blank."""
    return pdf([[(72, 700, 24, pdf_string(first_page))]] + [[] for _ in range(pages - 1)], claim)


def deep_html(depth: int = 100_000, inner: str = "机密★10年") -> str:
    return "<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>"


BILLION_LAUGHS = """\
name: laughs
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
rules: []
"""


def runaway_ruleset(pattern: str) -> str:
    return f"""\
name: runaway
rules:
  - id: runaway-pattern
    kind: forbidden-terms
    severity: warning
    message:
      zh: 命中 {{term}}
      en: matched {{term}}
    options:
      patterns: ['{pattern}']
"""


def fsname(raw: bytes) -> str:
    """A file name from raw bytes, as the file system hands it to Python."""
    return os.fsdecode(raw)
