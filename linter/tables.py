"""The three statistics tables of the 2021 standard annual-report format, read from the view.

Tables reach the view as one line per row: HTML and Word rows with tab-separated
cells, markdown rows with `|`, and the flattened text that copies of web pages
produce (cells separated by runs of spaces, or single spaces before the numbers).
A row is its label cells followed by a trailing run of value cells (numbers,
blanks, or placeholders such as "/"). Rows are identified by their labels
(国办公开办函〔2021〕30号, DOMAIN.md 1.4), so a table with merged cells, missing
header rows or another column layout is still read; what cannot be identified is
left to `table-structure` to report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter import regexes
from linter.document import Document
from linter.memo import per_document

_NUMBER = regexes.compile(r"^\s*-?\d+(?:\.\d+)?\s*$")
_PLACEHOLDER = regexes.compile(r"^\s*(?:/|—|-|–|无|X+|×+|\?|？)?\s*$")


@dataclass(frozen=True)
class Cell:
    """A table cell: its text (view) and view offsets."""

    text: str
    start: int
    end: int

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def number(self) -> float | None:
        return float(self.text) if _NUMBER.match(self.text) else None

    @property
    def count(self) -> int | None:
        """The cell as a non-negative integer count, or None."""
        text = self.text.strip()
        return int(text) if text.isdigit() else None


@dataclass(frozen=True)
class Row:
    line: int
    label_cells: tuple[Cell, ...]
    values: tuple[Cell, ...]

    @property
    def label(self) -> str:
        return "".join(c.text.strip() for c in self.label_cells)

    @property
    def last_label(self) -> str:
        cells = [c.text.strip() for c in self.label_cells if c.text.strip()]
        return cells[-1] if cells else ""

    @property
    def start(self) -> int:
        cells = self.label_cells + self.values
        return cells[0].start if cells else 0


_TAB = regexes.compile(r"\t")
_PIPE = regexes.compile(r"\|")
_WIDE_GAP = regexes.compile(r"(?<=\S) {2,}(?=\S)")
_NUMBER_GAP = regexes.compile(r"(?<=\S) (?=[-\d/])")
_ROW_END = set("0123456789/—-–无X×?？|")


def could_be_row(text: str) -> bool:
    """Cheap test: only a line with cells or ending in a value can be a table row."""
    stripped = text.rstrip()
    return bool(stripped) and ("\t" in text or stripped[-1] in _ROW_END)


def split_row(text: str, offset: int) -> list[Cell]:
    """Cells of one line: tab, `|` or 2+ spaces separated; else numbers split off by single spaces."""
    if "\t" in text:
        separator = _TAB
    elif "|" in text:
        separator = _PIPE
    elif _WIDE_GAP.search(text.strip()):
        separator = _WIDE_GAP
    else:
        separator = _NUMBER_GAP
    cells = []
    position = 0
    for match in separator.finditer(text):
        cells.append(_cell(text, position, match.start(), offset))
        position = match.end()
    cells.append(_cell(text, position, len(text), offset))
    if "|" in text and "\t" not in text:  # markdown: drop the empty cells outside the outer pipes
        if cells and cells[0].is_blank and text.lstrip().startswith("|"):
            cells = cells[1:]
        if cells and cells[-1].is_blank and text.rstrip().endswith("|"):
            cells = cells[:-1]
    return cells


def _cell(text: str, start: int, end: int, offset: int) -> Cell:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    stripped = piece.strip()
    return Cell(stripped, offset + start + lead, offset + start + lead + len(stripped))


def parse_row(text: str, line: int, offset: int) -> Row:
    cells = split_row(text, offset)
    index = len(cells)
    while index > 0 and (cells[index - 1].number is not None or _PLACEHOLDER.match(cells[index - 1].text)):
        index -= 1
    labels = tuple(cells[:index])
    values = tuple(cells[index:])
    if not labels:  # a row of numbers only (table 四's data row)
        return Row(line, (), values)
    return Row(line, labels, values)


# ---- table 三: applications received and handled -------------------------------------------

T3_COLUMNS = ("natural-person", "business", "research", "public-interest", "legal-services",
              "other-org", "total")
T3_COLUMN_NAMES = {
    "natural-person": ("自然人", "natural persons"),
    "business": ("商业企业", "businesses"),
    "research": ("科研机构", "research institutions"),
    "public-interest": ("社会公益组织", "public-interest organisations"),
    "legal-services": ("法律服务机构", "legal-service organisations"),
    "other-org": ("其他", "other organisations"),
    "total": ("总计", "total"),
}
# key, zh label, en label, pattern on the row's most specific label, group
T3_ROWS = (
    ("new", "一、本年新收政府信息公开申请数量", "1. new applications this year", r"本年新收", None),
    ("carried-over", "二、上年结转政府信息公开申请数量", "2. carried over from last year", r"上年结转", None),
    ("granted", "（一）予以公开", "3(1) disclosed", r"予以公开", None),
    ("partly-granted", "（二）部分公开", "3(2) partly disclosed", r"部分公开", None),
    ("refused-secret", "（三）1.属于国家秘密", "3(3)1 state secret", r"国家秘密", "refused"),
    ("refused-prohibited", "（三）2.其他法律行政法规禁止公开", "3(3)2 barred by other laws", r"禁止公开", "refused"),
    ("refused-security", "（三）3.危及“三安全一稳定”", "3(3)3 endangers security or stability", r"三安全一稳定|危及", "refused"),
    ("refused-third-party", "（三）4.保护第三方合法权益", "3(3)4 third-party rights", r"第三方", "refused"),
    ("refused-internal", "（三）5.属于三类内部事务信息", "3(3)5 internal affairs", r"内部事务", "refused"),
    ("refused-process", "（三）6.属于四类过程性信息", "3(3)6 process information", r"过程性", "refused"),
    ("refused-enforcement", "（三）7.属于行政执法案卷", "3(3)7 enforcement files", r"执法案卷", "refused"),
    ("refused-inquiry", "（三）8.属于行政查询事项", "3(3)8 administrative inquiries", r"查询事项", "refused"),
    ("unavailable-none", "（四）1.本机关不掌握相关政府信息", "3(4)1 not held", r"不掌握", "unavailable"),
    ("unavailable-create", "（四）2.没有现成信息需要另行制作", "3(4)2 would need creating", r"另行制作", "unavailable"),
    ("unavailable-unclear", "（四）3.补正后申请内容仍不明确", "3(4)3 still unclear", r"补正后|仍不明确", "unavailable"),
    ("ignored-petition", "（五）1.信访举报投诉类申请", "3(5)1 petitions and complaints", r"信访|举报投诉", "ignored"),
    ("ignored-repeat", "（五）2.重复申请", "3(5)2 repeated applications", r"重复申请", "ignored"),
    ("ignored-publication", "（五）3.要求提供公开出版物", "3(5)3 published material", r"公开出版物", "ignored"),
    ("ignored-mass", "（五）4.无正当理由大量反复申请", "3(5)4 mass applications", r"大量反复", "ignored"),
    ("ignored-confirm", "（五）5.要求行政机关确认或重新出具已获取信息", "3(5)5 confirmation requests", r"重新出具|确认", "ignored"),
    ("other-overdue", "（六）1.申请人无正当理由逾期不补正", "3(6)1 not completed in time", r"逾期不补正", "other"),
    ("other-fee", "（六）2.申请人逾期未按收费通知要求缴纳费用", "3(6)2 fee not paid", r"收费通知|缴纳费用", "other"),
    ("other-other", "（六）3.其他", "3(6)3 other", r"^(?:\d+\.)?其他$", "other"),
    ("total", "（七）总计", "3(7) total", r"总计", None),
    ("carried-forward", "四、结转下年度继续办理", "4. carried forward", r"结转下年度", None),
)
T3_LEAVES = tuple(key for key, *_ in T3_ROWS if key not in ("new", "carried-over", "total", "carried-forward"))
T3_TRIAL_LEAVES = tuple(k for k in T3_LEAVES if not k.startswith("other-")) + ("other",)
_T3_PATTERNS = [(key, regexes.compile(pattern)) for key, _, _, pattern, _ in T3_ROWS]
_T3_GROUPS = {key: group for key, _, _, _, group in T3_ROWS}
_T3_OTHER = regexes.compile(r"其他处理")

# ---- table 四: administrative reconsideration and litigation --------------------------------

T4_COLUMNS = tuple(f"{group}-{part}" for group in ("review", "direct-suit", "suit-after-review")
                   for part in ("upheld", "corrected", "other", "pending", "total"))
_T4_GROUP_NAMES = {"review": ("行政复议", "administrative review"),
                   "direct-suit": ("未经复议直接起诉", "lawsuits without review"),
                   "suit-after-review": ("复议后起诉", "lawsuits after review")}
_T4_PART_NAMES = {"upheld": ("结果维持", "upheld"), "corrected": ("结果纠正", "corrected"),
                  "other": ("其他结果", "other outcome"), "pending": ("尚未审结", "pending"),
                  "total": ("总计", "total")}
T4_COLUMN_NAMES = {f"{g}-{p}": (f"{gz}{pz}", f"{ge}: {pe}")
                   for g, (gz, ge) in _T4_GROUP_NAMES.items() for p, (pz, pe) in _T4_PART_NAMES.items()}

# ---- table 二: proactive disclosure ---------------------------------------------------------

T2_ROWS = (
    ("regulations", "规章", "regulations", r"^规章$", 3),
    ("normative-documents", "行政规范性文件", "normative documents", r"规范性文件", 3),
    ("licensing", "行政许可", "administrative licensing", r"行政许可", 1),
    ("penalties", "行政处罚", "administrative penalties", r"行政处罚", 1),
    ("enforcement", "行政强制", "administrative enforcement", r"行政强制", 1),
    ("fees", "行政事业性收费", "administrative fees", r"行政事业性收费", 1),
)
_T2_PATTERNS = [(key, regexes.compile(pattern)) for key, _, _, pattern, _ in T2_ROWS]


@dataclass
class Table:
    """One statistics table: rows by key (each a Row), and where it starts (view offset)."""

    name: str
    rows: dict[str, Row] = field(default_factory=dict)
    start: int | None = None
    duplicates: list[Row] = field(default_factory=list)


@dataclass
class StatisticsTables:
    table2: Table
    table3: Table
    table4: Table


@per_document
def statistics_tables(doc: Document) -> StatisticsTables:
    """The three tables of `doc` (computed once per document)."""
    table2, table3, table4 = Table("table-2"), Table("table-3"), Table("table-4")
    group = None
    for line in doc.view_lines:
        if not could_be_row(line.text):
            continue
        row = parse_row(line.text, line.number, line.start)
        if not row.values:
            continue
        if not row.label_cells:
            if len(row.values) >= 15 and all(c.number is not None or c.is_blank for c in row.values):
                _keep(table4, "data", Row(row.line, (), row.values[-15:]))
            continue
        label, last = row.label, row.last_label
        if _T3_OTHER.search(label):
            group = "other"
        key = _t3_key(last, group)
        if key is not None and len(row.values) >= 2:
            group = _T3_GROUPS.get(key, group)
            _keep(table3, key, row)
            continue
        for t2_key, pattern in _T2_PATTERNS:
            if pattern.search(last) and len(row.values) <= 3:
                _keep(table2, t2_key, row)
                break
    return StatisticsTables(table2, table3, table4)


def _t3_key(last: str, group: str | None) -> str | None:
    if "其他处理" in last:  # the 2019 trial format's （六）其他处理, a leaf without sub-rows
        return "other"
    for key, pattern in _T3_PATTERNS:
        if key == "other-other":
            if group == "other" and pattern.search(last):
                return key
            continue
        if pattern.search(last):
            return key
    return None


def _keep(table: Table, key: str, row: Row) -> None:
    if key in table.rows:
        table.duplicates.append(row)
        return
    table.rows[key] = row
    if table.start is None or row.start < table.start:
        table.start = row.start


_SECTION_HEADINGS = {"table-2": regexes.compile(r"主动公开"),
                     "table-3": regexes.compile(r"收到和处理|依申请"),
                     "table-4": regexes.compile(r"行政复议|行政诉讼")}


def section_heading(doc: Document, table: str):
    """The top-level heading of the section a table belongs in (二 / 三 / 四), if present."""
    top = min((h.level for h in doc.headings), default=0)
    for heading in doc.headings:
        if heading.level <= max(top, 2) and _SECTION_HEADINGS[table].search(heading.title):
            return heading
    return None


def row_names(key: str) -> tuple[str, str]:
    for row_key, zh, en, *_ in T3_ROWS:
        if row_key == key:
            return zh, en
    for row_key, zh, en, *_ in T2_ROWS:
        if row_key == key:
            return zh, en
    if key == "other":
        return "（六）其他处理", "3(6) other handling"
    return key, key
