"""Which ruleset checks a document: the one named, or the one `auto` picks for it.

`auto` (the default) reads the document first: a document that is not an annual
report (a notice, news, a regulation, a 公开指南) gets `common` only, so no section,
table or date findings; a report in the 2021 standard format gets `cn-ogi-2021`;
any other report gets `cn-ogi-2008` (whose `outdated-format` rule then warns about
a free-form report for 2019 or later). The choice and its reason go into the
output (`ruleset`, `ruleset_reason`).
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Callable, Iterator

from linter.records import NamedTuple
from linter.ruleset import LocalText, Ruleset, load_ruleset

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.document import Document

AUTO = "auto"
CANDIDATES = ("cn-ogi-2021", "cn-ogi-2008", "common")


class Choice(NamedTuple):
    """A ruleset chooser: `pick(doc)` gives the ruleset and the reason for it."""

    name: str
    rulesets: Mapping[str, Ruleset]  # for `auto`, Candidates: each loaded when first picked
    reason: LocalText | None = None  # for a fixed choice

    def pick(self, doc: Document) -> tuple[Ruleset, LocalText]:
        if self.name != AUTO:
            return self.rulesets[self.name], self.reason or LocalText(zh="指定的规则集", en="the ruleset given")
        name, reason = choose(doc)
        return self.rulesets[name], reason

    @property
    def rule_ids(self) -> set[str]:
        return {rule.id for ruleset in self.rulesets.values() for rule in ruleset.rules}


def fixed(ruleset: Ruleset, reason: LocalText) -> Choice:
    return Choice(ruleset.name, {ruleset.name: ruleset}, reason)


class Candidates(Mapping):
    """The rulesets `auto` picks from, each loaded the first time it is needed.

    A run whose results all come from the result cache loads none of them, and a
    run over one report loads only the one it picks. When `select` or `ignore`
    names rules, all are loaded at once, to check those names against every
    candidate's rules.
    """

    def __init__(self, select: list[str] | None, ignore: list[str] | None, where: str,
                 on_load: Callable[[Ruleset], None] | None = None) -> None:
        self.select, self.ignore, self.where = select, ignore, where
        self.on_load = on_load
        self.known: set[str] | None = None
        self.loaded: dict[str, Ruleset] = {}
        if select or ignore:
            full = {name: load_ruleset(name) for name in CANDIDATES}
            self.known = {rule.id for ruleset in full.values() for rule in ruleset.rules}
            for name in CANDIDATES:
                self.__getitem__(name)

    def __getitem__(self, name: str) -> Ruleset:
        ruleset = self.loaded.get(name)
        if ruleset is None:
            if name not in CANDIDATES:
                raise KeyError(name)
            ruleset = load_ruleset(name).restricted(self.select, self.ignore, self.where, self.known)
            self.loaded[name] = ruleset
            if self.on_load is not None:
                self.on_load(ruleset)
        return ruleset

    def __iter__(self) -> Iterator[str]:
        return iter(CANDIDATES)

    def __len__(self) -> int:
        return len(CANDIDATES)


def automatic(select: list[str] | None, ignore: list[str] | None, where: str,
              on_load: Callable[[Ruleset], None] | None = None) -> Choice:
    """The `auto` choice; `on_load(ruleset)` is called once for each candidate as it is loaded."""
    return Choice(AUTO, Candidates(select, ignore, where, on_load))


def choose(doc: Document) -> tuple[str, LocalText]:
    from linter.reportinfo import report_info  # not needed by a run answered from the result cache

    info = report_info(doc)
    title = info.title.value if info.title else _first_line(doc)
    if not info.is_report:
        shown = f"“{title}”" if title else "空文档"
        shown_en = f"'{title}'" if title else "empty document"
        return "common", LocalText(zh=f"不是政府信息公开工作年度报告（{shown}），只做通用检查",
                                   en=f"not an OGI annual report ({shown_en}): common checks only")
    if info.standard_format:
        tables = "，含统计表" if info.has_tables else ""
        tables_en = ", statistics tables" if info.has_tables else ""
        return "cn-ogi-2021", LocalText(
            zh=f"统一格式年度报告（{info.standard_headings}/6 个固定标题{tables}）",
            en=f"standard-format annual report ({info.standard_headings} of 6 fixed headings{tables_en})")
    year = f"{info.year}年度" if info.year else "年度不详"
    year_en = str(info.year) if info.year else "year unknown"
    if info.year is not None and info.year >= 2019:
        return "cn-ogi-2008", LocalText(zh=f"自由格式年度报告（{year}），2019年度起应采用统一格式",
                                        en=f"free-form annual report ({year_en}); from 2019 the standard format applies")
    return "cn-ogi-2008", LocalText(zh=f"自由格式年度报告（{year}）", en=f"free-form annual report ({year_en})")


def _first_line(doc: Document) -> str:
    line = next((line.text.strip() for line in doc.view_lines if line.text.strip()), "")
    return line if len(line) <= 40 else line[:40] + "…"
