"""One report, five formats: the same findings, each pointing where to look in its format.

The files in fixtures/formats/ are made from fixtures/good-report.txt and
fixtures/markings.txt by bench/make_format_fixtures.py (see its README).
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES

from linter.engine import lint, load_document
from linter.ruleset import load_ruleset

FORMATS = FIXTURES / "formats"
EXTENSIONS = ["txt", "md", "html", "docx", "pdf"]
MARKERS = {"机密★10年", "内部资料", "内部使用", "不得外传", "CONFIDENTIAL", "密级:秘密"}


def findings(path):
    doc = load_document(str(path))
    return doc, lint(doc, load_ruleset("cn-ogi-2008"), "zh")


def rule_data(found) -> set:
    return {(f.rule, tuple(sorted(f.data.items()))) for f in found}


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_the_good_report_is_clean_in_every_format(extension):
    doc, found = findings(FORMATS / f"good-report.{extension}")
    assert doc.format == {"txt": "text", "md": "markdown"}.get(extension, extension)
    assert [(f.rule, f.line, f.message) for f in found] == []


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_the_marked_report_gives_the_same_findings_in_every_format(extension):
    _, base = findings(FIXTURES / "markings.txt")
    _, found = findings(FORMATS / f"markings.{extension}")
    assert rule_data(found) == rule_data(base)
    assert {f.data["marker"] for f in found} == MARKERS


@pytest.mark.parametrize("extension", ["txt", "md", "html"])
def test_text_formats_point_into_the_file(extension):
    doc, found = findings(FORMATS / f"markings.{extension}")
    for finding in found:
        line = doc.lines.line_text(finding.line)
        marked = line[finding.column - 1:]
        assert marked.replace("：", ":").startswith(finding.data["marker"]), (finding, line)
        assert finding.location is None


def _by_marker(found) -> dict:
    places: dict[str, list] = {}
    for finding in found:
        places.setdefault(finding.data["marker"], []).append(finding.location)
    return places


def test_word_findings_name_the_paragraph_the_table_cell_and_the_page_header():
    doc, found = findings(FORMATS / "markings.docx")
    assert _by_marker(found) == {
        "机密★10年": [{"part": "header", "section": 1}],
        "内部资料": [{"paragraph": 1}],
        "内部使用": [{"paragraph": 4}],
        "不得外传": [{"paragraph": 4}],
        "CONFIDENTIAL": [{"paragraph": 5}],
        "密级:秘密": [{"table": 1, "row": 5, "cell": 1}],
    }
    # line and column refer to the extracted text, which is the document's source
    first = next(f for f in found if f.data["marker"] == "机密★10年")
    assert doc.lines.line_text(first.line).startswith("机密★10年")


def test_pdf_findings_name_the_page():
    _, found = findings(FORMATS / "markings.pdf")
    assert _by_marker(found) == {
        "机密★10年": [{"page": 1}, {"page": 2}],  # a running header, printed on both pages
        "内部资料": [{"page": 1}],
        "内部使用": [{"page": 1}],
        "不得外传": [{"page": 1}],
        "CONFIDENTIAL": [{"page": 1}],
        "密级:秘密": [{"page": 2}],
    }


def test_the_report_text_is_the_same_in_every_format():
    """Headings, header fields and the table rows reach the rules alike, whatever the format."""
    def shape(doc):
        headings = [h.title.replace(" ", "") for h in doc.headings if h.title[:2] in
                    ("一、", "二、", "三、", "四、", "五、", "六、")]
        rows = [line.text.strip(" |").replace(" | ", "\t") for line in doc.view_lines
                if "\t" in line.text or line.text.startswith("|")]
        fields = {(f.name, f.value[:10]) for f in doc.fields if f.name in ("publish-date", "source")}
        return headings, [r for r in rows if not set(r) <= set("|-: ")], fields

    base = shape(load_document(str(FORMATS / "good-report.txt")))
    assert len(base[0]) == 6 and len(base[1]) == 4
    for extension in EXTENSIONS[1:]:
        headings, rows, fields = shape(load_document(str(FORMATS / f"good-report.{extension}")))
        assert headings == base[0], extension
        assert [r.split("\t") for r in rows] == [r.split("\t") for r in base[1]], extension
        assert {name for name, _ in fields} >= {"publish-date", "source"}, extension


def test_json_output_carries_the_location(cli):
    run = cli("check", "--no-config", "--ruleset", "cn-ogi-2008", "--format", "json",
              FORMATS / "markings.docx", FORMATS / "markings.pdf")
    assert run.code == 1
    docx, pdf = run.json()["files"]
    assert docx["format"] == "docx" and pdf["format"] == "pdf"
    assert docx["encoding"] is None
    header = next(f for f in docx["findings"] if f["data"]["marker"] == "机密★10年")
    assert header["location"] == {"part": "header", "section": 1}
    assert (header["line"], header["column"]) == (1, 1)
    assert all(f["location"]["page"] in (1, 2) for f in pdf["findings"])
