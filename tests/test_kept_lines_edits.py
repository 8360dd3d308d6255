"""KeptLines.of keeps the line of each end of each edit, as `position` places it, however many edits."""

from __future__ import annotations

import random

from linter.finding import Edit, Finding, Fix
from linter.keptlines import KeptLines, _edited_lines
from linter.textmap import LineIndex


def _finding(fix: Fix | None, line: int = 1) -> Finding:
    return Finding("x", "r", None, "m", line, 1, line, 1, {}, None, "f", fix)


def _positions_lines(lines: LineIndex, findings) -> set[int]:
    return {lines.position(offset)[0] for f in findings if f.fix is not None
            for edit in f.fix.edits for offset in (edit.start, edit.end)}


def test_the_lines_of_many_edits_are_those_position_gives():
    rng = random.Random(7)
    texts = ["", "一", "\n", "一\n二三\r\n\n四五六\r七", "\n\n\n", "甲乙\n" * 40 + "末行"]
    for _ in range(400):
        text = rng.choice(texts)
        lines = LineIndex(text)
        findings = []
        for _ in range(rng.randint(0, 6)):
            edits = []
            for _ in range(rng.randint(1, 30)):
                a, b = sorted(rng.randint(-3, len(text) + 3) for _ in range(2))
                edits.append(Edit(a, b, "x"))
            findings.append(_finding(Fix(tuple(edits), "safe", True) if rng.random() < 0.8 else None))
        assert _edited_lines(lines.starts, findings) == _positions_lines(lines, findings), (text, findings)


def test_kept_texts_cover_findings_and_edits():
    text = "一\n二三\r\n\n四五六\r七"
    lines = LineIndex(text)
    fix = Fix((Edit(4, 5, ""), Edit(100, 101, "")), "safe", True)
    kept = KeptLines.of(lines, [_finding(None, 2), _finding(fix, 2)])
    assert sorted(kept.texts) == [2, 5]  # (offsets 4 and 5 are on line 2; 100, past the end, on the last)
    assert all(kept.line_text(n) == lines.line_text(n) for n in kept.texts)


def test_no_edits_no_lines():
    assert _edited_lines([0, 3, 5], [_finding(None)]) == set()
    assert _edited_lines([0], []) == set()
