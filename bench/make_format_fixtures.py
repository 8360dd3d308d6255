"""Make fixtures/formats/: the good report and the marked report as .txt, .md, .html, .docx and .pdf.

Run from the repository root after changing fixtures/good-report.txt or
fixtures/markings.txt:

    pip install reportlab pypdf        # only for this script; disclint itself does not need them
    python bench/make_format_fixtures.py

Every file is derived from the two base texts (see fixtures/formats/README.md):
`good-report.txt` and `markings.txt` here are the base texts with the 四 section's
breakdown added as a table (tab-separated rows); the marked report moves its
`密级：秘密` line into that table as its last row, and its first line `机密★10年`
becomes the page header in Word and a running header in the PDF. The PDF uses
reportlab's built-in CID font STSong-Light (not embedded, so the files stay a
few KB; pdfminer maps it to Unicode through its bundled Adobe-GB1 CMaps).
`scanned.pdf` is an image-only page, `partly-scanned.pdf` has an image-only page
between two text pages; `encrypted.pdf` is the good report protected with the
user password `secret`, `restricted.pdf` the good report with only an owner
password (it opens without one, copying is not permitted).
"""

from __future__ import annotations

import html
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "fixtures"
OUT = BASE / "formats"
TABLE = ["信息类别\t条数", "政策法规类\t46", "业务工作类\t138", "其他类\t84"]
AFTER_TABLE = "（三）其他类信息84条"
HEADER_MARK = "机密★10年"
TABLE_MARK = "密级：秘密"
TITLE = "江川市人力资源和社会保障局2015年政府信息公开工作年度报告"
DATE = "2016-02-26"
SOURCE = "江川市人力资源和社会保障局"


def base_lines(name: str) -> list[str]:
    lines = (BASE / name).read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    table = list(TABLE)
    if TABLE_MARK in lines:
        lines.remove(TABLE_MARK)
        table.append(TABLE_MARK + "\t")
    at = next(i for i, line in enumerate(lines) if line.startswith(AFTER_TABLE)) + 1
    return lines[:at] + table + lines[at:]


def blocks(lines: list[str]):
    """(kind, text or rows) in order: header-mark, title, info, heading, para, table, closing."""
    out, rows = [], []
    closing_from = len(lines) - 2
    for index, line in enumerate(lines):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            out.append(("table", rows))
            rows = []
        if not line.strip():
            continue
        if line == HEADER_MARK:
            out.append(("header-mark", line))
        elif line == TITLE:
            out.append(("title", line))
        elif line.startswith("发布时间"):
            out.append(("info", line))
        elif len(line) > 1 and line[0] in "一二三四五六" and line[1] == "、":
            out.append(("heading", line))
        elif index >= closing_from:
            out.append(("closing", line))
        else:
            out.append(("para", line))
    if rows:
        out.append(("table", rows))
    return out


def write_txt(name: str, lines: list[str]) -> None:
    (OUT / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_md(name: str, lines: list[str]) -> None:
    parts = [f"---\ntitle: {TITLE}\ndate: {DATE}\nsource: {SOURCE}\n---\n"]
    for kind, value in blocks(lines):
        if kind == "title":
            parts.append(f"# {value}\n")
        elif kind == "heading":
            parts.append(f"## {value}\n")
        elif kind == "table":
            header, *rest = value
            table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            table += ["| " + " | ".join(row) + " |" for row in rest]
            parts.append("\n".join(table) + "\n")
        else:
            parts.append(value + "\n")
    (OUT / f"{name}.md").write_text("\n".join(parts), encoding="utf-8")


PAGE_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}_江川市人力资源和社会保障局</title>
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{date} 09:30">
<meta name="ContentSource" content="{source}">
<script>var _hmt = _hmt || [];</script>
</head>
<body>
<div id="top" class="top-bar">欢迎访问江川市人力资源和社会保障局网站 <a href="/login">登录</a> <a href="/en">English</a></div>
<div class="header">
  <div class="logo"><img src="/logo.png" alt="江川人社"> 江川市人力资源和社会保障局</div>
  <form class="search" action="/search"><input name="q" placeholder="请输入关键字"><button>搜索</button></form>
</div>
<ul class="nav">
  <li><a href="/">首页</a></li><li><a href="/gk/">政府信息公开</a></li><li><a href="/bs/">办事服务</a></li>
  <li><a href="/hd/">互动交流</a></li><li><a href="/nb/">内部资料（需登录）</a></li>
</ul>
<div class="wrap">
<div class="bt-position">您现在的位置：<a href="/">首页</a> &gt; <a href="/gk/">政府信息公开</a> &gt; 年度报告</div>
<div class="sidebar">
  <h3>相关链接</h3>
  <ul><li><a href="/a">保密工作常识</a></li><li><a href="/b">来源：市政府办公室 通知公告</a></li></ul>
</div>
<div class="content">
  <h1>{title}</h1>
  <div class="info">发布时间：{date}　来源：{source}　浏览次数：<span id="count">1024</span>　字体：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</div>
  <div id="zoom"><div class="TRS_Editor">
"""
PAGE_TAIL = """  </div></div>
  <div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
  <div class="share bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a> <a class="bds_tsina">微博</a></div>
  <div class="qrcode">扫一扫在手机打开当前页<img src="/qr.png"></div>
</div>
</div>
<div class="footer">
  <p>主办单位：江川市人力资源和社会保障局　地址：江川市人民路1号　电话：0000-12345678</p>
  <p>Copyright © 2016 江川市人力资源和社会保障局 版权所有　网站标识码：0000000000</p>
</div>
</body>
</html>
"""


def write_html(name: str, lines: list[str]) -> None:
    body = []
    for kind, value in blocks(lines):
        if kind in ("title", "info"):
            continue  # the page template carries the title and the info line
        if kind == "heading":
            body.append(f"<h2>{html.escape(value)}</h2>")
        elif kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>\n"
                           for row in value)
            body.append(f'<table border="1" cellspacing="0">\n{rows}</table>')
        elif kind == "closing":
            body.append(f'<p style="text-align:right">{html.escape(value)}</p>')
        else:
            body.append(f"<p>{html.escape(value)}</p>")
    page = PAGE_HEAD.format(title=TITLE, date=DATE, source=SOURCE) + "\n".join(body) + "\n" + PAGE_TAIL
    (OUT / f"{name}.html").write_text(page, encoding="utf-8")


def write_docx(name: str, lines: list[str]) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.font.name = "宋体"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    for kind, value in blocks(lines):
        if kind == "header-mark":
            document.sections[0].header.paragraphs[0].text = value
        elif kind == "title":
            document.add_paragraph(value, style="Title")
        elif kind == "heading":
            document.add_paragraph(value, style="Heading 1")
        elif kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            table.style = "Table Grid"
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            paragraph = document.add_paragraph(value)
            if kind == "info":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif kind == "closing":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                paragraph.paragraph_format.first_line_indent = Pt(24)
    document.sections[0].footer.paragraphs[0].text = "江川市人力资源和社会保障局"
    document.core_properties.title = TITLE
    document.save(OUT / f"{name}.docx")


def write_pdf(name: str, lines: list[str]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK")
    styles = {
        "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=26, alignment=TA_CENTER,
                                wordWrap="CJK", spaceAfter=6),
        "info": ParagraphStyle("info", fontName=font, fontSize=12, leading=20, alignment=TA_CENTER,
                               wordWrap="CJK", spaceAfter=6),
        "heading": ParagraphStyle("heading", fontName=font, fontSize=12, leading=22,
                                  firstLineIndent=24, wordWrap="CJK"),
        "closing": ParagraphStyle("closing", fontName=font, fontSize=12, leading=20,
                                  alignment=TA_RIGHT, wordWrap="CJK"),
        "para": body,
    }
    header = [value for kind, value in blocks(lines) if kind == "header-mark"]
    story = []
    for kind, value in blocks(lines):
        if kind == "header-mark":
            continue
        if kind == "table":
            table = Table(value, colWidths=[120] * len(value[0]))
            table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 11),
                                       ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(table)
        else:
            story.append(Paragraph(html.escape(value), styles[kind]))

    def page(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 10)
        canvas.drawCentredString(A4[0] / 2, 30, f"— {doc.page} —")
        if header:
            canvas.drawString(72, A4[1] - 50, header[0])
        canvas.restoreState()

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=TITLE, author=SOURCE, invariant=1).build(
        story, onFirstPage=page, onLaterPages=page)
    (OUT / f"{name}.pdf").write_bytes(buffer.getvalue())
    return buffer.getvalue()


def _scan_image():
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (120, 160), 255)
    draw = ImageDraw.Draw(image)
    for y in range(20, 150, 12):  # grey bars standing for scanned lines of text
        draw.rectangle((12, y, 108, y + 5), fill=90)
    return ImageReader(image)


def write_scanned_pdf() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.drawImage(_scan_image(), 40, 40, width=A4[0] - 80, height=A4[1] - 80)
    pdf.showPage()
    pdf.save()
    (OUT / "scanned.pdf").write_bytes(buffer.getvalue())


def write_partly_scanned_pdf() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setFont("STSong-Light", 16)
    pdf.drawCentredString(A4[0] / 2, A4[1] - 100, TITLE)
    pdf.showPage()
    pdf.drawImage(_scan_image(), 40, 40, width=A4[0] - 80, height=A4[1] - 80)
    pdf.showPage()
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(72, A4[1] - 100, "江川市人力资源和社会保障局")
    pdf.showPage()
    pdf.save()
    (OUT / "partly-scanned.pdf").write_bytes(buffer.getvalue())


def write_protected_pdfs(data: bytes) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import UserAccessPermissions

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="secret", owner_password="owner-secret", algorithm="AES-128")
    with open(OUT / "encrypted.pdf", "wb") as handle:
        writer.write(handle)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="AES-128",
                   permissions_flag=UserAccessPermissions.PRINT)  # no copying: opens without a password
    with open(OUT / "restricted.pdf", "wb") as handle:
        writer.write(handle)


def main() -> int:
    OUT.mkdir(exist_ok=True)
    good = None
    for name, source in (("good-report", "good-report.txt"), ("markings", "markings.txt")):
        lines = base_lines(source)
        write_txt(name, lines)
        write_md(name, lines)
        write_html(name, lines)
        write_docx(name, lines)
        data = write_pdf(name, lines)
        good = good or data
    write_scanned_pdf()
    write_partly_scanned_pdf()
    write_protected_pdfs(good)
    return 0


if __name__ == "__main__":
    sys.exit(main())
