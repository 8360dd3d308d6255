"""report-format: a report for 2019 onwards uses the State Council's standard format.

What it checks:
    That an annual report whose year is `since` (2019) or later follows the uniform
    format: its fixed headings (一、总体情况 … 六、其他需要报告的事项) or its statistics
    tables. A report of such a year written in the old free-form style (加强组织领导,
    健全规章制度 …) gets one finding at its title.

Why:
    Art. 50 of the 2019 Regulations has the national OGI office publish a uniform
    format; the trial format (国办公开办函〔2019〕60号) applied from report year 2019 and
    the standard one (国办公开办函〔2021〕30号) replaced it. A free-form report can no
    longer be compared or summed with others.

Fails:
    江川市审计局2021年政府信息公开工作年度报告 with headings 一、加强组织领导 …

Passes:
    The same report with 一、总体情况 … 六、其他需要报告的事项 and the three tables; any
    report for 2018 or earlier.

Options:
    since: the first report year that must use the standard format (default 2019).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.document import Document
from linter.finding import Hit
from linter.kinds.base import RuleKind, options_model
from linter.reportinfo import report_info

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.kinds.options import ReportFormatOptions


class ReportFormat(RuleKind):
    __doc__ = __doc__
    name = "report-format"
    Options = options_model("linter.kinds.options:ReportFormatOptions")
    plain_options = True
    messages = {
        "default": {"zh": "{year} 年度报告应采用国务院办公厅规定的统一格式（总体情况、主动公开政府信息情况等六部分及统计表），本报告仍为旧式自由格式",
                    "en": "a report for {year} must follow the standard format (six fixed sections and statistics tables); this one is free-form"},
    }

    def check(self, doc: Document, options: ReportFormatOptions) -> Iterator[Hit]:
        info = report_info(doc)
        if not info.is_report or info.year is None or info.year < options.since or info.standard_format:
            return
        start, end = (info.title.start, info.title.end) if info.title else (None, None)
        yield Hit(start, end, data={"year": info.year, "since": options.since})
