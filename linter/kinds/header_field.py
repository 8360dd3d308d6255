"""header-field: the report carries a header field, and a date field parses.

What it checks:
    That the document states a field on its first lines (or in its page metadata:
    `<meta name="PubDate">`, markdown front matter): the publication date
    (发布时间 / 发布日期 / 发文日期 / 公开日期 / 日期 …), the source (来源 / 信息来源 /
    发布机构 / 发布单位 …) or the closing date line (落款). For a date field the value
    must parse as a real day in one of the forms used in practice (2013-01-16,
    2013年1月16日, 二〇一三年一月十六日, 2013.1.16, 2013/01/16).

Why:
    A disclosure must say when and by whom it was published: the publication date
    fixes the statutory deadline (Art. 49 of the 2019 regulations) and the source
    makes the issuing organ accountable. An unparseable date ("2013-13-45",
    "201511日") is as bad as none: no reader or archive can use it.

Fails:
    A report whose first lines are only its title and 来源：某市统计局 (no date):
    `missing-publish-date`. 发布时间：2016-02-30 (no such day): the same rule, with
    `data.reason` = "unparseable".

Passes:
    发布时间：2013-01-16 00:00　来源：某市民政局

Options:
    field: "publish-date", "source" or "closing-date".
    accept: other fields that also satisfy the rule (e.g. ["closing-date"]).
    header_lines: how many non-empty lines at the top count as the header (default 15, at most 30).
    defer_invalid_dates: leave a date-shaped value that names no real day (2023-02-30,
        202311日) to an `invalid-date` rule instead of reporting it here (default false).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.dates import looks_like_a_date, parse_date
from linter.document import Document
from linter.finding import Hit
from linter.kinds.base import RuleKind, options_model

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.kinds.options import HeaderFieldOptions

_NAMES = {
    "publish-date": {"zh": "发布日期", "en": "publication date"},
    "source": {"zh": "来源（发布机构）", "en": "source (issuing organ)"},
    "closing-date": {"zh": "落款日期", "en": "closing date"},
}


class HeaderField(RuleKind):
    __doc__ = __doc__
    name = "header-field"
    Options = options_model("linter.kinds.options:HeaderFieldOptions")
    plain_options = True
    messages = {
        "default": {"zh": "缺少{field_name}：文首未找到“{field_name}”字段",
                    "en": "missing {field_name}: no such field at the top of the document"},
        "unparseable": {"zh": "{field_name}“{value}”不是有效日期",
                        "en": "{field_name} '{value}' is not a valid date"},
    }

    def check(self, doc: Document, options: HeaderFieldOptions) -> Iterator[Hit]:
        wanted = [options.field, *options.accept]
        last = _header_end(doc, options.header_lines)
        candidates = [f for f in doc.fields
                      if f.name in wanted and (f.name == "closing-date" or f.line <= last)]
        args = {"field_name": _NAMES[options.field]}
        if not candidates:
            yield Hit(data={"field": options.field, "reason": "absent"}, args=args)
            return
        if options.field == "source":
            if not any(f.value.strip() for f in candidates):
                empty = candidates[0]
                yield Hit(empty.start, empty.end, data={"field": options.field, "reason": "empty"},
                          args=args)
            return
        if any(parse_date(f.value) for f in candidates):
            return
        if options.defer_invalid_dates and any(looks_like_a_date(f.value) for f in candidates):
            return  # a date that names no real day: the ruleset's invalid-date rule reports it
        bad = candidates[0]
        yield Hit(bad.start, bad.end, variant="unparseable",
                  data={"field": options.field, "reason": "unparseable", "value": bad.value},
                  args=args)


def _header_end(doc: Document, count: int) -> int:
    """The view line number of the `count`-th non-blank line (of the last one if there are
    fewer, -1 if there is none): the header ends there. Stops at that line instead of
    looking at the whole text."""
    last, seen = -1, 0
    for line in doc.view_lines:
        if line.text.strip():
            last, seen = line.number, seen + 1
            if seen == count:
                break
    return last
