"""personal-data skips a view that cannot hold a number it looks for, with one test in C.

`_may_hold_a_number` must say True for every view in which one of the candidate patterns
(resident ID, mobile, card number) matches; the findings must be those of the line-by-line
scan that has no such test.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from linter.frozen import Frozen
from linter.kinds import personal_data
from linter.kinds.personal_data import _CARD, _ID, _MOBILE, PersonalData, _may_hold_a_number

from test_view_mapping import doc_of

OPTIONS = Frozen(dict(detect=["resident-id", "mobile", "bank-card"],
                      contact_labels=["咨询电话", "联系电话"], skip_labels=["索引号", "文号", "统一社会信用代码"],
                      context_words=["卡号", "账号", "银行卡", "开户行"], context_window=12))

FRAGMENTS = ["1", "3", "8", "0", "13912345678", "320102198503121234", "6222", "0202", " ", "  ", "-", "--", "+86",
             "卡号", "手机", "咨询电话：", "2023-01-26", "年", "。", "\n", "X", "号", "６", "٣"]


def _findings(text: str) -> list:
    return [(hit.start, hit.end, hit.data) for hit in PersonalData().check(doc_of(text), OPTIONS)]


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
@example(["6222", " ", "0202", " ", "6222", " ", "0202"])  # a card number with single spaces
@example(["1", "-", "3", "8", "0", "0", "1", "3", "8", "0", "0", "1", "3", "8"])
def test_the_prefilter_passes_every_view_with_a_candidate(pieces):
    text = "".join(pieces)
    if any(pattern.search(text) for pattern in (_ID, _MOBILE, _CARD)) and text.isascii():
        assert _may_hold_a_number(text)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
@example(["卡号", "6222", " ", "0202", " ", "6222", " ", "0202"])
def test_the_findings_are_those_of_the_scan_without_the_prefilter(pieces):
    text = "".join(pieces)
    found = _findings(text)
    original = personal_data._may_hold_a_number
    personal_data._may_hold_a_number = lambda view: True
    try:
        assert found == _findings(text)
    finally:
        personal_data._may_hold_a_number = original


def test_a_header_date_does_not_pass_and_a_mobile_number_does():
    assert not _may_hold_a_number("发布时间:2019-01-26 10:30 来源:石门市市场监督管理局")
    assert _may_hold_a_number("经办人手机13912345678。")
    assert _may_hold_a_number("卡号6222 0202 6222 0202")
