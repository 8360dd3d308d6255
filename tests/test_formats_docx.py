"""Word documents: paragraphs, styles, numbering, tables, headers and footers, and broken files."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from conftest import ROOT

from linter.engine import lint, load_document
from linter.errors import InputError
from linter.formats.docx import read_docx
from linter.formats.docx_numbering import chinese_numeral, format_number
from linter.ruleset import load_ruleset


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def lines_and_places(parsed):
    out, offset = [], 0
    for line in parsed.plain.split("\n"):
        out.append((line, parsed.locator(offset)))
        offset += len(line) + 1
    return out


def test_paragraphs_tables_headers_and_footers_in_reading_order():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "机密★10年"
    document.sections[0].footer.paragraphs[0].text = "第1页"
    document.add_paragraph("某局2015年政府信息公开工作年度报告", style="Title")
    document.add_paragraph("一、加强组织领导", style="Heading 1")
    document.add_paragraph("正文\t对齐")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([["项目", "数量", "备注"], ["本年新收\n申请", "12", ""]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("")
    document.add_paragraph("结尾")
    parsed = read_docx(save(document))
    assert lines_and_places(parsed) == [
        ("机密★10年", {"part": "header", "section": 1}),
        ("某局2015年政府信息公开工作年度报告", {"paragraph": 1}),
        ("一、加强组织领导", {"paragraph": 2}),
        ("正文 对齐", {"paragraph": 3}),  # a tab stop is spacing: tabs are kept for table cells
        ("项目\t数量\t备注", {"table": 1, "row": 1, "cell": 1}),
        ("本年新收 申请\t12\t", {"table": 1, "row": 2, "cell": 1}),  # a row is one line
        ("", {"paragraph": 4}),
        ("结尾", {"paragraph": 5}),
        ("第1页", {"part": "footer", "section": 1}),
    ]
    twelve = parsed.plain.index("12\t")
    assert parsed.locator(twelve) == {"table": 1, "row": 2, "cell": 2}
    assert [(h.level, parsed.plain[h.start:h.end]) for h in parsed.headings] == [
        (1, "某局2015年政府信息公开工作年度报告"), (1, "一、加强组织领导")]


def test_a_marking_in_the_page_header_is_reported_with_its_location(tmp_path, cli):
    source = (ROOT / "fixtures" / "good-report.txt").read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "江川市人力资源和社会保障局"
    header.add_paragraph("秘密★1年")
    for line in source:
        if line.strip():
            document.add_paragraph(line)
    path = tmp_path / "report.docx"
    path.write_bytes(save(document))
    run = cli("check", "--no-config", "--ruleset", "cn-ogi-2008", "--format", "json", path)
    findings = run.json()["files"][0]["findings"]
    assert [(f["rule"], f["data"], f["location"], f["line"]) for f in findings] == [
        ("confidential-marker", {"marker": "秘密★1年"}, {"part": "header", "section": 1}, 2)]
    text = cli("check", "--no-config", "--ruleset", "cn-ogi-2008", path)
    assert f"{path}:2:1: error confidential-marker" in text.out


def test_headers_of_later_sections_and_first_pages_are_read_once_each():
    document = docx.Document()
    document.add_paragraph("第一节正文")
    first = document.sections[0]
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = "绝密"
    first.header.paragraphs[0].text = "普通页眉"
    document.add_section()
    second = document.sections[1]
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "内部资料"
    document.add_paragraph("第二节正文")
    places = dict(lines_and_places(read_docx(save(document))))
    assert places["绝密"] == {"part": "header", "section": 1, "page": "first-page"}
    assert places["普通页眉"] == {"part": "header", "section": 1}
    assert places["内部资料"] == {"part": "header", "section": 2}
    assert read_docx(save(document)).plain.count("普通页眉") == 1


def _add_numbering(document, fmt: str, text: str, level1_fmt: str = "decimal") -> str:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:suff w:val="nothing"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="{level1_fmt}"/>'
        f'<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
        f'<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="%1.%2.%3"/><w:isLgl/></w:lvl></w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return "90"


def _number(paragraph, num_id: str, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))


def test_automatic_numbering_is_drawn_so_numbered_headings_are_found():
    document = docx.Document()
    num = _add_numbering(document, "chineseCounting", "%1、")
    for title in ["加强组织领导", "健全规章制度"]:
        _number(document.add_paragraph(title), num)
        _number(document.add_paragraph("细则"), num, 1)
        _number(document.add_paragraph("再细"), num, 1)
        _number(document.add_paragraph("条目"), num, 2)
    plain = read_docx(save(document)).plain
    assert plain.split("\n") == ["一、加强组织领导", "（1）细则", "（2）再细", "1.2.1 条目",
                                 "二、健全规章制度", "（1）细则", "（2）再细", "2.2.1 条目"]


@pytest.mark.parametrize("n,fmt,expected", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCountingThousand", "十一"),
    (20, "chineseCounting", "二十"), (3, "chineseLegalSimplified", "叁"), (2, "ideographTraditional", "乙"),
    (3, "decimalEnclosedCircle", "③"), (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"),
    (7, "decimalZero", "07"), (5, "decimalFullWidth", "５"), (12, "somethingNew", "12"),
])
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_chinese_numerals():
    assert [chinese_numeral(n) for n in (1, 9, 10, 15, 30, 99)] == ["一", "九", "十", "十五", "三十", "九十九"]


def test_heading_levels_come_from_styles_and_outline_levels():
    document = docx.Document()
    document.add_paragraph("总标题", style="Title")
    document.add_paragraph("二级", style="Heading 2")
    outlined = document.add_paragraph("大纲三级")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))
    document.add_paragraph("正文")
    parsed = read_docx(save(document))
    assert [(h.level, parsed.plain[h.start:h.end]) for h in parsed.headings] == [
        (1, "总标题"), (2, "二级"), (3, "大纲三级")]


def test_tracked_changes_read_as_accepted_and_field_codes_skipped():
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>新增内部资料</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>删去的机密</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText> PAGE </w:instrText></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>3</w:t></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    assert read_docx(save(document)).plain == "新增内部资料3"


VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'


def test_text_boxes_are_read_once_after_their_paragraph():
    document = docx.Document()
    anchor = document.add_paragraph("锚定段落")
    box = ('<w:txbxContent><w:p><w:r><w:t>机密★5年</w:t></w:r></w:p></w:txbxContent>')
    anchor._p.append(parse_xml(
        f'<w:r {nsdecls("w")} {VML} {MC} {WPS}><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
        f'</mc:AlternateContent></w:r>'))
    old_style = document.add_paragraph("旧式文本框")
    old_style._p.append(parse_xml(
        f'<w:r {nsdecls("w")} {VML}><w:pict><v:shape><v:textbox>'
        f'<w:txbxContent><w:p><w:r><w:t>内部资料</w:t></w:r></w:p></w:txbxContent>'
        f'</v:textbox></v:shape></w:pict></w:r>'))
    assert lines_and_places(read_docx(save(document))) == [
        ("锚定段落", {"paragraph": 1}),
        ("机密★5年", {"paragraph": 1, "textbox": 1}),
        ("旧式文本框", {"paragraph": 2}),
        ("内部资料", {"paragraph": 2, "textbox": 1}),
    ]


def test_merged_cells_keep_grid_columns_and_nested_tables_stay_in_their_cell():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "合并"
    table.cell(0, 2).text = "右"
    inner = table.cell(1, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内一"
    inner.cell(0, 1).text = "内二"
    table.cell(1, 2).text = "末"
    parsed = read_docx(save(document))
    lines = parsed.plain.split("\n")
    assert lines[0] == "合并\t右"
    assert lines[1] == "内一 内二\t\t末"
    assert parsed.locator(parsed.plain.index("右")) == {"table": 1, "row": 1, "cell": 3}


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("data,message", [
    (b"PK\x03\x04" + b"\x00" * 40, "damaged Word file: not a valid .docx (ZIP) package"),
    (b"just some text\n", "not a Word .docx file (not a ZIP package)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "not a .docx package: this is an old Word .doc"),
    (_zip({"hello.txt": b"hi"}), "not a Word document"),
    (_zip({"[Content_Types].xml": b"<Types"}), "damaged Word file"),
])
def test_broken_word_files_are_one_line_and_the_run_goes_on(cli, tmp_path, data, message):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(data)
    good = ROOT / "fixtures" / "good-report.txt"
    run = cli("check", "--no-config", "--ruleset", "cn-ogi-2008", bad, good)
    assert run.code == 2
    assert run.err.count("\n") == 1 and "Traceback" not in run.err
    assert run.err.startswith(f"disclint: {bad}: {message}")
    with pytest.raises(InputError):
        read_docx(data)


def test_word_findings_match_the_text_version(tmp_path):
    """The whole marked fixture, typed into Word paragraph by paragraph, finds what the text finds."""
    lines = (ROOT / "fixtures" / "markings.txt").read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "m.docx"
    path.write_bytes(save(document))
    ruleset = load_ruleset("cn-ogi-2008")
    text = lint(load_document(str(ROOT / "fixtures" / "markings.txt")), ruleset, "zh")
    word = lint(load_document(str(path)), ruleset, "zh")
    assert [(f.rule, f.line, f.column, dict(f.data)) for f in word] == \
        [(f.rule, f.line, f.column, dict(f.data)) for f in text]
    assert [f.location for f in word][:2] == [{"paragraph": 1}, {"paragraph": 2}]


def test_python_docx_and_pdfplumber_load_only_for_their_formats():
    script = ("import sys\n"
              "from linter.engine import load_document\n"
              "from linter.formats import extensions, reader_for\n"
              "load_document('fixtures/good-report.txt'); load_document('fixtures/good-report.html')\n"
              "load_document('fixtures/good-report.md'); extensions(); reader_for('x.docx'); reader_for('x.pdf')\n"
              "print(sorted(m for m in ('docx', 'pdfplumber', 'pdfminer', 'lxml') if m in sys.modules))\n"
              "load_document('fixtures/formats/good-report.docx')\n"
              "print('docx' in sys.modules, 'pdfplumber' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[:2] == ["[]", "True False"]


def test_the_reader_can_be_chosen_for_a_file_without_its_extension(cli, tmp_path):
    renamed = tmp_path / "report.bin"
    renamed.write_bytes((ROOT / "fixtures" / "formats" / "markings.docx").read_bytes())
    run = cli("check", "--no-config", "--ruleset", "common", "--reader", "docx", "--format", "json", renamed)
    data = run.json()["files"][0]
    assert data["format"] == "docx"
    assert {f["data"]["marker"] for f in data["findings"]} >= {"机密★10年", "密级:秘密"}


@pytest.mark.parametrize("place,zh,en", [
    ({"paragraph": 12}, "第12段", "paragraph 12"),
    ({"table": 1, "row": 3, "cell": 2}, "表格1第3行第2列", "table 1, row 3, cell 2"),
    ({"part": "header", "section": 1}, "第1节页眉", "header of section 1"),
    ({"part": "header", "section": 2, "page": "first-page"}, "第2节首页页眉", "first-page header of section 2"),
    ({"paragraph": 4, "textbox": 1}, "第4段文本框1", "paragraph 4, text box 1"),
    ({"page": 2}, "第2页", "page 2"),
    (None, "", ""),
])
def test_locations_read_as_words(place, zh, en):
    from linter.formats.located import describe

    assert describe(place, "zh") == zh
    assert describe(place, "en") == en


def test_wps_files_are_refused_with_how_to_convert(cli, tmp_path):
    wps = tmp_path / "report.wps"
    wps.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    run = cli("check", "--no-config", wps)
    assert run.code == 2
    assert run.err.strip().endswith("unsupported format: WPS .wps files are not read: save the file as "
                                    ".docx in WPS, or run `libreoffice --headless --convert-to docx FILE`")
