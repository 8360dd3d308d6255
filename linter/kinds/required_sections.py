"""required-sections: every required part of the report is there.

What it checks:
    Each configured concept (组织领导, 依申请公开 …) must be covered by the report:
    first by a heading whose title contains one of the concept's heading phrases
    (any heading level: 一、 / （一） / 1. / markdown `#` / HTML `h1`-`h6`); failing
    that, if `body_fallback` is on, by one of its body phrases anywhere in the text.
    Matching runs on the normalised view, so Traditional characters, full-width
    forms and pinyin-annotation corruption do not hide a section. One finding per
    missing concept, with `data.section` naming it.

Why:
    The OGI regulations (2007 Art. 32; 2019 Art. 50) list what an annual report
    must contain; an editor needs to know which part a draft lacks before it is
    published, not after a reviewer finds the gap.

Fails:
    A report with the headings 一、主动公开政府信息情况 and 二、存在的主要问题及改进措施
    and no word about 依申请公开 anywhere: `missing-section` with section
    `applications`.

Passes:
    五、依申请公开情况 / 全年未收到政府信息公开申请。 (a negative statement still covers
    the concept).

Options:
    concepts: list of {id, name: {zh, en}, headings: [phrase…], body: [phrase…],
        unless: [regex…] (the concept is not required when one matches, e.g. fees when
        the report states that no application was received), severity (optional,
        overrides the rule's for this concept)}.
    body_fallback: accept a body phrase when no heading matches (default true).
    max_level: only headings of this level or above count (default: all levels;
        2 keeps the sub-items of 一、总体情况 from standing in for whole sections).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator, Sequence

from linter.document import Document
from linter.finding import Hit, Severity
from linter.kinds.base import RuleKind, options_model
from linter.kinds.patterns import compile_any, timeout_for

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.kinds.options import RequiredSectionsOptions


class RequiredSections(RuleKind):
    __doc__ = __doc__
    name = "required-sections"
    Options = options_model("linter.kinds.options:RequiredSectionsOptions")
    plain_options = True
    messages = {
        "default": {"zh": "缺少必备章节：{name}（未找到相应标题或内容）",
                    "en": "missing required section: {name} (no heading or text covers it)"},
    }

    def check(self, doc: Document, options: RequiredSectionsOptions) -> Iterator[Hit]:
        titles = [heading.title for heading in doc.headings
                  if options.max_level is None or heading.level <= options.max_level]
        for concept, position in zip(options.concepts, concept_positions(titles, options.concepts)):
            if position is not None:
                continue
            if options.body_fallback and any(phrase in doc.view for phrase in concept.body):
                continue
            unless = compile_any(tuple(concept.unless)) if concept.unless else None
            if unless is not None and unless.search(doc.view, timeout=timeout_for(unless)):
                continue
            yield Hit(
                data={"section": concept.id},
                args={"name": {"zh": concept.name.zh, "en": concept.name.en}},
                severity=Severity.parse(concept.severity) if concept.severity else None,
            )


# A remembered answer's store: id(concepts) -> (concepts, {titles: answer}). An entry holds its
# concept list, so no other object takes its id; a program that makes option after option starts
# again past _MAX_CONCEPT_LISTS
_MAX_CONCEPT_LISTS = 64
_MAX_TITLE_SETS = 512  # remembered per concept list; the answers are dropped when there are more


def per_titles_and_concepts(compute):
    """Decorate `compute(titles: tuple[str, ...], concepts)`, an answer that depends on nothing but
    the titles and the concepts: it is remembered for each list of titles, per concept list (a
    rule's options live as long as the rule). Reports repeat their headings (the six of the
    standard format, the sub-headings of 一、总体情况), so most documents find it remembered.
    """
    store: dict[int, tuple[object, dict]] = {}

    @functools.wraps(compute)
    def remembered(titles: list[str], concepts):
        entry = store.get(id(concepts))
        if entry is None:
            if len(store) >= _MAX_CONCEPT_LISTS:
                store.clear()
            entry = store[id(concepts)] = (concepts, {})
        known = entry[1]
        key = tuple(titles)
        answer = known.get(key)
        if answer is None:
            answer = compute(key, concepts)
            if len(known) >= _MAX_TITLE_SETS:
                known.clear()
            known[key] = answer
        return answer

    return remembered


@per_titles_and_concepts
def concept_positions(titles: tuple[str, ...], concepts) -> tuple[int | None, ...]:
    """For each concept, `Titles(titles).first_with(concept.headings)`: the index of the first
    title holding one of its heading phrases, or None (remembered: per_titles_and_concepts)."""
    found = Titles(titles)
    return tuple(found.first_with(concept.headings) for concept in concepts)


class Titles:
    """Heading titles, searched for phrases with one `str.find` per phrase instead of one
    `in` per phrase and title.

    The titles are joined with newlines. An occurrence of a phrase without a newline in
    the joined text lies between two newlines, so inside one title, and its first
    occurrence is in the first title that holds the phrase. A phrase with a newline is
    looked for title by title.
    """

    def __init__(self, titles: Sequence[str]) -> None:
        self.titles = titles
        self.joined = "\n".join(titles)
        self.offsets = []  # where each title starts in `joined`
        offset = 0
        for title in titles:
            self.offsets.append(offset)
            offset += len(title) + 1

    def first_with(self, phrases: Iterable[str]) -> int | None:
        """The index of the first title that contains one of `phrases`, or None."""
        if not self.titles:
            return None
        first = None
        for phrase in phrases:
            if "\n" in phrase:
                index = next((i for i, title in enumerate(self.titles) if phrase in title), None)
            else:
                at = self.joined.find(phrase)
                index = bisect.bisect_right(self.offsets, at) - 1 if at >= 0 else None
            if index is not None and (first is None or index < first):
                first = index
        return first
