"""Fast paths of the rule engine compared with the straightforward computation."""

from __future__ import annotations

import bisect

from hypothesis import given, settings, strategies as st

from linter.fingerprint import path_table

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=400)


def stack_path(headings: list[tuple[int, int, str]], offset: int) -> str:
    """section_path as it was written first: replay the heading stack up to `offset`."""
    stack: list[tuple[int, str]] = []
    for start, level, title in headings:
        if start > offset:
            break
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
    return " > ".join(title for _, title in stack)


headings_lists = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 4), st.sampled_from(["一", "二、概况", "（三）", "A", ""])),
    max_size=12)


@SETTINGS
@given(headings_lists, st.lists(st.integers(-2, 70), min_size=1, max_size=8))
def test_path_table_matches_stack_replay(headings, offsets):
    # Starts are not sorted here on purpose: the table must follow the replay's order too.
    reaches, paths = path_table(headings)
    for offset in offsets:
        assert paths[bisect.bisect_right(reaches, offset)] == stack_path(headings, offset)


@SETTINGS
@given(headings_lists, st.lists(st.integers(-2, 70), min_size=1, max_size=8))
def test_path_table_sorted_headings(headings, offsets):
    headings = sorted(headings, key=lambda h: h[0])
    reaches, paths = path_table(headings)
    for offset in offsets:
        assert paths[bisect.bisect_right(reaches, offset)] == stack_path(headings, offset)


@SETTINGS
@given(st.lists(st.text(alphabet="机密秘 \t\u3000\xa0\n（）()ＡＢab１2xiàn\u2003", max_size=160), min_size=1, max_size=4))
def test_remembered_normalisation_is_the_normalisation(texts):
    import unicodedata

    import regex

    from linter.fingerprint import normalise

    for text in texts * 2:  # the second time from memory (texts up to 100 characters)
        expected = regex.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
        assert normalise(text) == expected


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(["0", "7", "12", "", " 3 ", "/", "-1", "1.5", "\u30003", "x", "٣"]),
                         min_size=7, max_size=16), min_size=1, max_size=6))
def test_remembered_counts_are_each_cell_s_count(rows):
    from linter.kinds.statistics_tables import _counts
    from linter.tables import Cell, Row, count_of

    for texts in rows * 2:  # the second time from memory
        row = Row(1, (Cell("label", 0, 5),), tuple(Cell(text, 0, 0) for text in texts))
        for last in (7, len(texts)):
            assert _counts(row, last) == tuple(count_of(text) for text in texts[-last:])


TITLES = ["一、总体情况", "（一）主动公开", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
          "依申请公开", "存在的主要问题及改进措施", "其他需要报告的事项", "组织领导", "", "五、\n"]


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(TITLES), max_size=8), min_size=1, max_size=6))
def test_remembered_concept_positions_are_each_title_search(title_lists):
    """`concept_positions`, remembered per list of titles, is `Titles.first_with` for each concept,
    for the built-in concept lists (required-sections and section-order), asked once or again."""
    from linter.kinds.required_sections import Titles, concept_positions
    from linter.ruleset import load_ruleset

    concept_lists = [rule.options.concepts for name in ("cn-ogi-2021", "cn-ogi-2008")
                     for rule in load_ruleset(name).rules if rule.kind_name in ("required-sections", "section-order")]
    assert len(concept_lists) >= 3
    for titles in title_lists + title_lists:
        for concepts in concept_lists:
            expected = tuple(Titles(titles).first_with(concept.headings) for concept in concepts)
            assert concept_positions(titles, concepts) == expected


def _section_order_verdicts(titles, concepts):
    """section-order's verdicts as its check first worked them out, document by document."""
    from linter.kinds.required_sections import Titles
    from linter.kinds.section_order import ordinal

    positions = [Titles(titles).first_with(concept.headings) for concept in concepts]
    found = sorted((position, index) for index, position in enumerate(positions) if position is not None)
    present = {index for _, index in found}
    verdicts = []
    for place, (position, index) in enumerate(found, 1):
        number = ordinal(titles[position])
        if number is not None and all(i in present for i in range(index)):
            actual = number
        elif not all(other < index for _, other in found[:place - 1]):
            actual = place
        else:
            continue
        if actual != index + 1:
            verdicts.append((position, index, index + 1, actual))
    return tuple(verdicts)


ORDERED_TITLES = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                  "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
                  "三、主动公开政府信息情况", "二、收到和处理政府信息公开申请情况", "十二、其他需要报告的事项",
                  "总体情况", "（一）主动公开", "组织领导", ""]


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(ORDERED_TITLES), max_size=9), min_size=1, max_size=6))
def test_remembered_section_order_verdicts_are_worked_out_afresh(title_lists):
    """section-order's `misplaced`, remembered per list of titles, gives the verdicts worked out
    title by title, asked once or again; and the rule reports one finding per verdict."""
    from linter.kinds.section_order import misplaced
    from linter.ruleset import load_ruleset

    rule = next(rule for rule in load_ruleset("cn-ogi-2021").rules if rule.kind_name == "section-order")
    concepts = rule.options.concepts
    for titles in title_lists + title_lists:
        assert misplaced(titles, concepts) == _section_order_verdicts(titles, concepts)


def test_section_order_reports_each_misplaced_heading_at_its_heading():
    """The remembered verdicts name titles by index: each finding is at its own document's heading."""
    from linter.engine import lint, load_document
    from linter.ruleset import load_ruleset

    ruleset = load_ruleset("cn-ogi-2021").restricted(["section-order"], None, "test", None)
    for lead in ("", "\n\n\n"):  # the same titles at other lines: the answer is remembered, the spans are not
        text = (f"某局2022年政府信息公开工作年度报告\n{lead}\n一、总体情况\n正文。\n\n二、收到和处理政府信息公开申请情况\n"
                "正文。\n\n三、主动公开政府信息情况\n正文。\n\n四、政府信息公开行政复议、行政诉讼情况\n正文。\n")
        doc = load_document("r.txt", "r.txt", data=text.encode())
        found = [(f.data["section"], f.data["expected"], f.data["found"], f.line) for f in lint(doc, ruleset, "zh")]
        assert found == [("applications", 3, 2, 6 + len(lead)), ("proactive", 2, 3, 9 + len(lead))]
