"""The three statistics tables of the 2021 standard annual-report format, read from the view.

Tables reach the view as one line per row: HTML and Word rows with tab-separated
cells, markdown rows with `|`, and the flattened text that copies of web pages
produce (cells separated by runs of spaces, or single spaces before the numbers).
A row is its label cells followed by a trailing run of value cells (numbers,
blanks, or placeholders such as "/"). Rows are identified by their labels
(国办公开办函〔2021〕30号, DOMAIN.md 1.4), so a table with merged cells, missing
header rows or another column layout is still read; what cannot be identified is
left to `table-structure` to report.

Every document is read for its tables (the automatic ruleset choice asks whether
it has them), so reading is kept cheap: rows are read from their cell texts alone
(`str.split`; the usual all-digit values recognised without a regular expression),
their cells, with offsets, are built only when a rule asks for them, and what a
line's text says as a row (its cells, labels and the row its label names) is worked
out once per distinct text: most rows (header rows, rows of zeros) recur in report
after report.
"""

from __future__ import annotations

from collections.abc import Sequence

from linter import regexes
from linter.document import Document
from linter.memo import per_document, per_short_text
from linter.records import NamedTuple

_NUMBER = regexes.compile(r"^\s*-?\d+(?:\.\d+)?\s*$")
_PLACEHOLDER = regexes.compile(r"^\s*(?:/|—|-|–|无|X+|×+|\?|？)?\s*$")


def number_of(text: str) -> float | None:
    """The text as a number (`Cell.number`), or None."""
    return float(text) if _NUMBER.match(text) else None


def count_of(text: str) -> int | None:
    """The text as a non-negative integer count (`Cell.count`), or None."""
    text = text.strip()
    return int(text) if text.isdigit() else None


def all_counts(texts) -> bool:
    """Whether `count_of` is an integer for every text: all texts non-empty, all digits.

    Sufficient, not necessary (a text with white space around its digits is a count,
    but makes this False): a False answer only means looking at each text.
    """
    return all(texts) and "".join(texts).isdigit()


class Cell(NamedTuple):
    """A table cell: its text (view) and view offsets.

    A named tuple rather than a frozen dataclass: a tuple is built several times faster.
    """

    text: str
    start: int
    end: int

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def number(self) -> float | None:
        return number_of(self.text)

    @property
    def count(self) -> int | None:
        """The cell as a non-negative integer count, or None."""
        return count_of(self.text)


class Row:
    """A table row: its label cells, then the trailing run of value cells.

    Reading the tables needs only the cell texts (`label_texts`, `value_texts`); the
    cells, with their offsets, are needed where a finding is reported. So a row read
    from a line keeps the line, and builds its cells (split_row again: the same cells)
    the first time `label_cells` or `values` is asked for.
    """

    __slots__ = ("line", "label_texts", "value_texts", "_cells", "_source")

    def __init__(self, line: int, label_cells: tuple[Cell, ...], values: tuple[Cell, ...]):
        self.line = line
        self.label_texts = tuple(c.text for c in label_cells)
        self.value_texts = tuple(c.text for c in values)
        self._cells: tuple[tuple[Cell, ...], tuple[Cell, ...]] | None = (tuple(label_cells), tuple(values))
        self._source: tuple[str, int, int] | None = None

    @classmethod
    def of_line(cls, line: int, text: str, offset: int, texts: Sequence[str], labels: int, first: int = 0) -> Row:
        """The row of a line whose cells (split_row(text, offset)) have `texts`: the cells
        from `first` on, of which `labels` are labels; its cells are built when needed."""
        row = cls.__new__(cls)
        row.line = line
        row.label_texts = tuple(texts[first:first + labels])
        row.value_texts = tuple(texts[first + labels:])
        row._cells = None
        row._source = (text, offset, first)
        return row

    def __repr__(self) -> str:
        return f"Row(line={self.line}, labels={self.label_texts!r}, values={self.value_texts!r})"

    @property
    def label_cells(self) -> tuple[Cell, ...]:
        return self._built()[0]

    @property
    def values(self) -> tuple[Cell, ...]:
        return self._built()[1]

    def _built(self) -> tuple[tuple[Cell, ...], tuple[Cell, ...]]:
        if self._cells is None:
            text, offset, first = self._source
            cells = split_row(text, offset)[first:]
            labels = len(self.label_texts)
            self._cells = (tuple(cells[:labels]), tuple(cells[labels:]))
        return self._cells

    @property
    def label(self) -> str:
        return "".join(text.strip() for text in self.label_texts)

    @property
    def last_label(self) -> str:
        texts = [text.strip() for text in self.label_texts if text.strip()]
        return texts[-1] if texts else ""

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
    """Cells of one line: tab, `|` or 2+ spaces separated; else numbers split off by single spaces.

    A cell's text is stripped of white space, and its offsets are those of the stripped text.
    """
    separator = _separator(text)
    cells = []
    position = 0
    for match in separator.finditer(text):
        cells.append(_cell(text, position, match.start(), offset))
        position = match.end()
    cells.append(_cell(text, position, len(text), offset))
    if separator is _PIPE:
        cells = _markdown_cells(cells, text, _is_blank_cell)
    return cells


def _separator(text: str):
    if "\t" in text:
        return _TAB
    if "|" in text:
        return _PIPE
    return _WIDE_GAP if _WIDE_GAP.search(text.strip()) else _NUMBER_GAP


def _markdown_cells(cells: list, text: str, is_blank) -> list:
    """A markdown row's cells (or their texts) without the empty ones outside the outer pipes."""
    if cells and is_blank(cells[0]) and text.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and is_blank(cells[-1]) and text.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


def _cell(text: str, start: int, end: int, offset: int) -> Cell:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    stripped = piece.strip()
    return Cell(stripped, offset + start + lead, offset + start + lead + len(stripped))


def cell_texts(text: str) -> list[str]:
    """The texts of split_row(text, offset), without building the cells.

    A line with a tab or a `|` is cut with `str.split` (what finditer on the one-character
    separator cuts); a tab-separated line with no other white space (the usual HTML and
    Word row: every white-space character but the space is unprintable, as
    tests/test_tables.py checks) has nothing to strip.
    """
    if "\t" in text:
        pieces = text.split("\t")
        if " " not in text and text.replace("\t", "").isprintable():
            return pieces
        return [piece.strip() for piece in pieces]
    if "|" in text:
        return _markdown_cells([piece.strip() for piece in text.split("|")], text, _is_blank_text)
    return [cell.text for cell in split_row(text, 0)]


def _is_blank_text(text: str) -> bool:
    return not text.strip()


def _is_blank_cell(cell: Cell) -> bool:
    return cell.is_blank


def parse_row(text: str, line: int, offset: int) -> Row:
    """The row a line holds: its cells, split into the labels and the trailing run of values."""
    texts = cell_texts(text)
    return Row.of_line(line, text, offset, texts, _label_count(texts))


def _label_count(texts: Sequence[str]) -> int:
    """How many cells come before the trailing run of values (numbers, placeholders, blanks)."""
    index = len(texts) - _digit_tail(texts)
    while index > 0 and _is_value(texts[index - 1]):
        index -= 1
    return index


def _digit_tail(texts: Sequence[str]) -> int:
    """How many of the last texts are ASCII digits or empty (all values), found without a loop.

    No cell text holds a tab (split_row splits at tabs when a line has one), so in the
    texts joined by tabs the cells whose texts are all ASCII digits or empty are those
    wholly inside the trailing run of digits and tabs; the cell that run starts in
    (when it is not the first) has some other character, and is left to `_is_value`.
    """
    joined = "\t".join(texts)
    tail = joined[len(joined.rstrip("0123456789\t")):]
    return len(texts) if len(tail) == len(joined) else tail.count("\t")


def _remembered(compute):
    """`compute(text)`, its answers for short texts remembered (linter.memo.per_short_text).

    Table labels are the fixed texts of the format, so the same few dozen recur in every
    report: each is matched against the patterns once.
    """
    return per_short_text(compute, maxsize=4096)


@_remembered
def _is_value(text: str) -> bool:
    """A number or a placeholder (a blank is one)."""
    return number_of(text) is not None or _PLACEHOLDER.match(text) is not None


def _numbers_or_blanks(texts) -> bool:
    """Whether every text is a number or blank; ASCII digits and empty texts need no regex."""
    joined = "".join(texts)
    if joined.isascii() and (joined.isdigit() or not joined):
        return True
    return all(number_of(text) is not None or _is_blank_text(text) for text in texts)


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


class Table:
    """One statistics table: rows by key (each a Row), and where it starts (view offset)."""

    __slots__ = ("name", "rows", "duplicates")

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: dict[str, Row] = {}
        self.duplicates: list[Row] = []

    def __repr__(self) -> str:
        return f"Table({self.name!r}, {len(self.rows)} rows)"

    @property
    def start(self) -> int | None:
        """The start of the table's first row; None for a table with no rows.

        Rows are kept in the order of their lines, each within its line, so the first
        row kept is the one that starts first (and only its cells need building).
        """
        first = next(iter(self.rows.values()), None)
        return first.start if first is not None else None


class StatisticsTables(NamedTuple):
    table2: Table
    table3: Table
    table4: Table


@per_document
def statistics_tables(doc: Document) -> StatisticsTables:
    """The three tables of `doc` (computed once per document)."""
    tables = StatisticsTables(Table("table-2"), Table("table-3"), Table("table-4"))
    _read_rows(doc, tables)
    return tables


def _read_rows(doc: Document, tables: StatisticsTables) -> None:
    """Keep each line that is a row of a table in that table (rows are built from texts only).

    What a line's text says as a row, and which table row its label names, is looked up
    (`_row_shape`); what is left to do per line is the group （六） state, and making the
    row, written out here rather than called (Row.of_line, _keep): a report has dozens.
    """
    table2, table3, table4 = tables.table2, tables.table3, tables.table4
    group = None
    row_end = _ROW_END
    new_row = object.__new__
    for line in doc.view_lines:
        text = line.text
        stripped = text.rstrip()
        if not stripped or ("\t" not in text and stripped[-1] not in row_end):
            continue  # not could_be_row(text), written out: it runs on every line, and most stop here
        label_texts, value_texts, other_handling, in_other, elsewhere, t2_key, t4_first = _row_shape(text)
        if other_handling:  # the （六）其他处理 group heading
            group = "other"
        key = in_other if group == "other" else elsewhere  # 3.其他 only within （六）其他处理
        first = 0
        if key is not None:
            table = table3
            group = _T3_GROUPS.get(key, group)
        elif t2_key is not None:
            table, key = table2, t2_key
        elif t4_first is not None:
            table, key, first = table4, "data", t4_first
        else:
            continue
        row = new_row(Row)  # Row.of_line(line.number, text, line.start, ...), its texts cut already
        row.line = line.number
        row.label_texts = label_texts
        row.value_texts = value_texts
        row._cells = None
        row._source = (text, line.start, first)
        rows = table.rows
        if key in rows:
            table.duplicates.append(row)
        else:
            rows[key] = row


# The shape of a line that is not a row of the tables: `_read_rows` passes it by.
_NOT_A_ROW = ((), (), False, None, None, None, None)


@_remembered
def _row_shape(text: str) -> tuple:
    """How a line's text reads as a row (`_read_shape`), remembered: most rows of a report
    recur in others (header rows, rows of zeros), and reading one takes several steps.

    A row of counts seldom recurs, but its labels do: a tab-separated line is read as its
    head, up to the tab that starts its trailing run of digits and tabs, and that run's
    cells. When the head has nothing to strip (cell_texts cuts the line with `str.split`
    alone: no space, and no other white space, which is unprintable), so has the line, and
    the head's last cell holds a character other than a digit (the run is as long as can
    be): the run's cells are the whole digit tail (`_digit_tail`), all values, and the
    labels are those of the head, whose reading is remembered (`_head_shape`) across the
    reports that share it.
    """
    head = text.rstrip(_DIGITS_AND_TABS)
    cut = text.find("\t", len(head))
    if head and cut >= 0:
        shape = _head_shape(text[:cut])
        if shape is not None:
            label_texts, value_texts, other_handling, in_other, elsewhere, t2_key = shape
            tail = text[cut + 1:].split("\t")
            values = len(value_texts) + len(tail)
            if values < 2:
                in_other = elsewhere = None
            return (label_texts, value_texts + tuple(tail), other_handling, in_other, elsewhere,
                    t2_key if values <= 3 else None, None)
    return _read_shape(tuple(cell_texts(text)))


_DIGITS_AND_TABS = "0123456789\t"


@_remembered
def _head_shape(head: str) -> tuple | None:
    """The label texts, value texts, 其他处理 flag and keys (as `_shape` has them, before the keys
    are left out for the row's number of values) of a tab-separated head of a row with labels
    and nothing to strip (see `_row_shape`); None for another head."""
    if " " in head or not head.replace("\t", "").isprintable():
        return None
    texts = tuple(head.split("\t"))
    labels = _label_count(texts)
    if not labels:
        return None
    return (texts[:labels], texts[labels:], *_label_facts(texts[:labels]))


def _read_shape(texts: tuple[str, ...]) -> tuple:
    """How a row whose cell texts are `texts` reads."""
    return _shape(texts, _label_count(texts))


def _shape(texts: tuple[str, ...], labels: int) -> tuple:
    """How a row of cell texts `texts`, of which `labels` are labels, reads: (label texts, value
    texts, whether a label holds 其他处理 (the （六）其他处理 group heading), its table 三 key within
    （六）, its table 三 key elsewhere, its table 二 key, and for a row of table 四 the index of its
    first value), with the keys of rows that have too few or too many values for their table
    left out.
    """
    values = len(texts) - labels
    if not values:
        return _NOT_A_ROW
    if not labels:
        if values >= 15 and _numbers_or_blanks(texts):
            return (), texts[values - 15:], False, None, None, None, values - 15
        return _NOT_A_ROW
    label_texts = texts[:labels]
    other_handling, in_other, elsewhere, t2_key = _label_facts(label_texts)
    if values < 2:
        in_other = elsewhere = None
    return (label_texts, texts[labels:], other_handling, in_other, elsewhere, t2_key if values <= 3 else None,
            None)


def _label_facts(label_texts: tuple[str, ...]) -> tuple[bool, str | None, str | None, str | None]:
    """Whether a label holds 其他处理 (the （六）其他处理 group heading), and the keys of the last
    non-empty label (`_label_keys`)."""
    last = next((label for label in reversed(label_texts) if label), "")  # stripped already, as Row.label sees it
    return ("其他处理" in "".join(label_texts), *_label_keys(last))


@_remembered
def _label_keys(last: str) -> tuple[str | None, str | None, str | None]:
    """(table 三 key within （六）, table 三 key elsewhere, table 二 key) for a row's last label.

    The answer depends on nothing but the label (and, for table 三, on whether the row
    is in the （六） group: both answers are kept), so it can be remembered. 3.其他 is a
    table 三 row only within （六）其他处理.
    """
    return (_match_t3(last, "other"), _match_t3(last, None),
            next((key for key, pattern in _T2_PATTERNS if pattern.search(last)), None))


def _match_t3(last: str, group: str | None) -> str | None:
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
