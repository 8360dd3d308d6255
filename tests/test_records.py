"""The records that findings and results are: what equality means for them."""

from __future__ import annotations

import pytest

from linter.finding import Edit, Finding, Fix, Severity
from linter.result import FileResult


def _finding(**changes) -> Finding:
    return Finding("a.txt", "confidential-marker", Severity.ERROR, "机密", 1, 2, 1, 4, {"term": "机密"},
                   None, "f00", None)._replace(**changes)


def test_a_finding_is_what_it_says_not_how_it_is_fixed():
    plain = _finding()
    assert plain == _finding(fix=Fix((Edit(1, 3, ""),)))
    assert not plain != _finding(fix=Fix((Edit(1, 3, ""),)))
    assert plain != _finding(column=3)
    assert plain != _finding(data={"term": "绝密"})


def test_a_record_is_never_equal_to_a_plain_tuple():
    assert _finding() != tuple(_finding())
    assert tuple(_finding()) != _finding()
    with pytest.raises(TypeError):
        hash(_finding())


def test_a_result_is_its_findings_not_the_lines_it_keeps():
    result = FileResult("a.txt", (_finding(),), "common", "utf-8", "text")
    assert result == result._replace(lines=object())
    assert result != result._replace(findings=())
