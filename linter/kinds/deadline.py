"""deadline: the report was published on time.

What it checks:
    The header publication date against the deadline for the report year Y:
    - "department": Y+1-01-31 (县级以上人民政府部门, Art. 49 of the 2019 Regulations);
    - "government": Y+1-03-31 (the report of a government, published by its 办公厅/室);
    - "pre-2019": Y+1-03-31 (Art. 31 of the 2007 Regulations, report years up to 2018);
    - "custom": Y+1 with the month and day of `deadline` ("02-20"), for local rules;
    - "auto" (default): pre-2019 for years up to 2018, then government when the issuer
      in the title (or the source) is a 人民政府 / 政府办公厅（室）, else department.
    No finding when the year or the publication date is unknown (other rules say so).

Why:
    Both regulations set a hard deadline; 国办公开办函〔2021〕30号 lists late
    publication among the failures to be held accountable under Art. 47. Local rules
    often set earlier dates, so the deadline is a profile, not a constant.

Fails:
    A 2022 department report with 发布时间：2023-03-15 (deadline 2023-01-31).

Passes:
    The same report published 2023-01-20.

Options:
    profile: "auto", "department", "government", "pre-2019" or "custom".
    deadline: "MM-DD" in the year after the report year (required with "custom").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from linter.document import Document
from linter.finding import Hit
from linter.kinds.base import RuleKind, options_model
from linter.reportinfo import report_info

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.kinds.options import DeadlineOptions

_PROFILES = {"department": (1, 31), "government": (3, 31), "pre-2019": (3, 31)}
_PROFILE_NAMES = {"department": {"zh": "政府部门", "en": "department"},
                  "government": {"zh": "人民政府", "en": "government"},
                  "pre-2019": {"zh": "2007年条例", "en": "2007 Regulations"},
                  "custom": {"zh": "本地规定", "en": "local rule"}}


class Deadline(RuleKind):
    __doc__ = __doc__
    name = "deadline"
    Options = options_model("linter.kinds.options:DeadlineOptions")
    plain_options = True
    messages = {
        "default": {"zh": "发布日期 {published} 晚于{profile_name}公开期限 {deadline}（逾期 {days_late} 天）",
                    "en": "published {published}, {days_late} days after the {profile_name} deadline {deadline}"},
    }

    def check(self, doc: Document, options: DeadlineOptions) -> Iterator[Hit]:
        info = report_info(doc)
        if info.year is None or info.published is None or info.published_field is None:
            return
        profile = options.profile
        if profile == "auto":
            profile = "pre-2019" if info.year <= 2018 else ("government" if info.government else "department")
        if profile == "custom":
            month, day = (int(part) for part in options.deadline.split("-"))
        else:
            month, day = _PROFILES[profile]
        try:
            deadline = datetime.date(info.year + 1, month, day)
        except ValueError:  # 02-29 in a common year
            deadline = datetime.date(info.year + 1, month, 28)
        if info.published <= deadline:
            return
        late = (info.published - deadline).days
        field = info.published_field
        yield Hit(field.start, field.end,
                  data={"published": info.published.isoformat(), "deadline": deadline.isoformat(),
                        "profile": profile, "days_late": late},
                  args={"profile_name": _PROFILE_NAMES[profile]})
