"""section-order: the fixed sections stand in their fixed order, with the right numbers.

What it checks:
    The top-level headings (level `max_level` or above) that match the configured
    concepts, taken in document order: each must carry the ordinal of its place in
    the `concepts` list (一 for the first, 二 for the second …) and come after the
    concepts listed before it. A misplaced or misnumbered heading gets one finding,
    with `data.section`, `data.expected` (its ordinal in the format) and `data.found`
    (the ordinal or position it has). Missing sections are left to `missing-section`;
    after a missing section the numbers of later ones are not judged.

Why:
    The standard format (国办公开办函〔2021〕30号) fixes six numbered headings so that
    readers and tools find each part in the same place; practitioners' consistency
    checks flag misnumbered ordinals (e.g. a “三、主动公开…”).

Fails:
    一、总体情况 / 二、收到和处理政府信息公开申请情况 / 三、主动公开政府信息情况 …

Passes:
    一、总体情况 / 二、主动公开政府信息情况 / 三、收到和处理政府信息公开申请情况 …

Options:
    concepts: ordered list of {id, name: {zh, en}, headings: [phrase…]} (the same list
        `required-sections` uses; extra keys there are ignored here).
    max_level: deepest heading level considered (default 2: 一、 and markdown ##).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import regexes
from linter.document import Document
from linter.finding import Hit
from linter.kinds.base import RuleKind, options_model
from linter.kinds.required_sections import concept_positions, per_titles_and_concepts

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.kinds.options import SectionOrderOptions

_ORDINAL = regexes.compile(r"^\s*([一二三四五六七八九十]+)\s*[、.]")
_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
_CN = "一二三四五六七八九十"


def ordinal(title: str) -> int | None:
    match = _ORDINAL.match(title)
    if not match:
        return None
    text = match.group(1)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, _, units = text.partition("十")
        return _DIGITS.get(tens, 0) * 10 + (_DIGITS.get(units, 0) if units else 0)
    return _DIGITS.get(text)


class SectionOrder(RuleKind):
    __doc__ = __doc__
    name = "section-order"
    Options = options_model("linter.kinds.options:SectionOrderOptions")
    plain_options = True
    messages = {
        "default": {"zh": "“{title}”应为第{expected_cn}部分（{name}），现为第{found_cn}部分",
                    "en": "'{title}' should be section {expected} ({name}), but is section {found}"},
    }

    def check(self, doc: Document, options: SectionOrderOptions) -> Iterator[Hit]:
        top = [h for h in doc.headings if h.level <= options.max_level]
        for position, index, expected, actual in misplaced([h.title for h in top], options.concepts):
            heading = top[position]
            concept = options.concepts[index]
            start, end = doc.source_span(heading.start, heading.end)
            yield Hit(start, end, data={"section": concept.id, "expected": expected, "found": actual},
                      args={"title": heading.title, "name": {"zh": concept.name.zh, "en": concept.name.en},
                            "expected_cn": _cn(expected), "found_cn": _cn(actual)})


@per_titles_and_concepts
def misplaced(titles: tuple[str, ...], concepts) -> tuple[tuple[int, int, int, int], ...]:
    """The misplaced or misnumbered headings among the top-level `titles`, in document order: for
    each, (its index in `titles`, its concept's index, the number it should have, the number or
    place it has). The answer depends on the titles alone, and reports repeat their headings (the
    six of the standard format): it is remembered (per_titles_and_concepts)."""
    found = []  # (position in document, concept index)
    for index, position in enumerate(concept_positions(titles, concepts)):
        if position is not None:
            found.append((position, index))
    found.sort()
    present = {index for _, index in found}
    verdicts = []
    for place, (position, index) in enumerate(found, 1):
        expected = index + 1
        number = ordinal(titles[position])
        complete_before = all(i in present for i in range(index))
        in_order = all(other < index for _, other in found[:place - 1])
        if number is not None and complete_before:
            actual = number
        elif not in_order:
            actual = place
        else:
            continue
        if actual != expected:
            verdicts.append((position, index, expected, actual))
    return tuple(verdicts)


def _cn(number: int) -> str:
    if number <= 10:
        return _CN[number - 1] if number < 10 else "十"
    return "十" + _CN[number - 11] if number < 20 else str(number)
