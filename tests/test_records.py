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


# --- linter.records.NamedTuple builds what typing.NamedTuple builds ----------------------------------

def _both(body: str) -> tuple[type, type]:
    """The same class body under typing.NamedTuple and linter.records.NamedTuple."""
    import typing

    from linter import records

    made = []
    for base in (typing.NamedTuple, records.NamedTuple):
        namespace = {"NamedTuple": base, "__name__": "tests.records_probe"}
        exec("from __future__ import annotations\nclass Probe(NamedTuple):\n" + body, namespace)
        made.append(namespace["Probe"])
    return made[0], made[1]


BODY = '''
    """A probe."""
    rule: str
    line: int
    data: dict | None = None
    origin: str = "config"

    def where(self) -> str:
        return f"{self.rule}:{self.line}"

    @property
    def known(self) -> bool:
        return self.data is not None
'''


def test_records_match_typing_named_tuples():
    expected, made = _both(BODY)
    assert issubclass(made, tuple) and made.__bases__ == (tuple,)
    assert made._fields == expected._fields == ("rule", "line", "data", "origin")
    assert made._field_defaults == expected._field_defaults
    # (typing turns each annotation into a ForwardRef, which is what costs; records keep the text)
    assert made.__annotations__ == {name: annotation.__forward_arg__
                                    for name, annotation in expected.__annotations__.items()}
    assert made.__doc__ == expected.__doc__ == "A probe."
    assert (made.__name__, made.__qualname__, made.__module__) == ("Probe", "Probe", "tests.records_probe")
    one, other = made("a", 1), expected("a", 1)
    assert tuple(one) == tuple(other) == ("a", 1, None, "config")
    assert repr(one) == repr(other) == "Probe(rule='a', line=1, data=None, origin='config')"
    assert one.where() == "a:1" and not one.known and one._replace(data={}).known
    assert one._asdict() == other._asdict()
    assert made._make(("b", 2, None, "x")) == expected._make(("b", 2, None, "x"))
    with pytest.raises(TypeError):
        made("a")  # a field without a default is required
    with pytest.raises(AttributeError):
        one.rule = "b"


def test_record_classes_pickle_by_name():
    import pickle

    from linter.finding import Edit

    edit = Edit(1, 3, "")
    assert pickle.loads(pickle.dumps(edit)) == edit
    assert type(pickle.loads(pickle.dumps(edit))) is Edit


@pytest.mark.parametrize("body,error", [
    ("    a: int = 0\n    b: int\n", TypeError),           # a required field after a default
    ("    a: int\n    def _replace(self): pass\n", AttributeError),  # would break the tuple
])
def test_records_refuse_what_typing_refuses(body, error):
    import typing

    from linter import records

    for base in (typing.NamedTuple, records.NamedTuple):
        with pytest.raises(error):
            exec("from __future__ import annotations\nclass Probe(NamedTuple):\n" + body,
                 {"NamedTuple": base, "__name__": "probe"})
