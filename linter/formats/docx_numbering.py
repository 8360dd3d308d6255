"""Word automatic numbering: the label (一、 / （二） / 1.1) Word draws before a paragraph.

A Word paragraph that is numbered automatically does not contain its number:
the text is `加强组织领导` and Word draws `一、` from the numbering definitions
(`word/numbering.xml`). Reports number their headings this way, and heading
detection relies on the number, so the reader renders the label the way Word
does: one counter per list and level, deeper levels restart when a higher level
advances, `%1`, `%2` … in the level text replaced by each level's counter in its
own number format (decimal, 一二三, 甲乙丙, ①②③, A B C, i ii iii …).
"""

from __future__ import annotations

from docx.oxml.ns import qn

_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_SUFFIX = {"tab": " ", "space": " ", "nothing": ""}


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Level:
    def __init__(self, element) -> None:
        self.format = _val(element, "w:numFmt") or "decimal"
        self.text = _val(element, "w:lvlText") or ""
        self.start = _int(_val(element, "w:start"), 1)
        self.legal = element.find(qn("w:isLgl")) is not None
        self.suffix = _SUFFIX.get(_val(element, "w:suff") or "tab", " ")


class Numbering:
    """The numbering definitions of one document, with the running counters."""

    def __init__(self, numbering_element) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering_element is None:
            return
        for abstract in numbering_element.findall(qn("w:abstractNum")):
            levels = {_int(lvl.get(qn("w:ilvl")), 0): _Level(lvl) for lvl in abstract.findall(qn("w:lvl"))}
            self._abstract[abstract.get(qn("w:abstractNumId"))] = levels
        for num in numbering_element.findall(qn("w:num")):
            overrides = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    overrides[_int(override.get(qn("w:ilvl")), 0)] = _int(start, 1)
            self._nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId"), overrides)

    def label(self, num_id: str | None, ilvl: int) -> str:
        """Advance the counter of list `num_id` at level `ilvl` and return the drawn label."""
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:  # a list instance with a start override begins anew
            self._started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [key for key in counters if key > ilvl]:
            del counters[deeper]
        if level.format in ("bullet", "none"):
            return ""
        text = level.text
        for index in range(8, -1, -1):  # %10 does not exist; replace %9 before %1
            placeholder = f"%{index + 1}"
            if placeholder in text:
                ref = levels.get(index)
                count = counters.get(index, ref.start if ref else 1)
                fmt = "decimal" if level.legal or ref is None else ref.format
                text = text.replace(placeholder, format_number(count, fmt))
        return text + level.suffix if text else ""


def format_number(n: int, fmt: str) -> str:
    """`n` in one of Word's number formats (ST_NumberFormat); unknown formats give decimals."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_numeral(n)
    if fmt == "chineseLegalSimplified":
        return chinese_numeral(n, _LEGAL, "拾")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional",) and 1 <= n <= len(_STEMS):
        return _STEMS[n - 1]
    if fmt in ("ideographZodiac",) and 1 <= n <= len(_BRANCHES):
        return _BRANCHES[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= n < 4000:
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(n)


def chinese_numeral(n: int, digits: str = _DIGITS, ten: str = "十") -> str:
    """一 … 十, 十一, 二十, 九十九, 一百 …: the counting numerals used in headings."""
    if n <= 0:
        return digits[0]
    if n < 10:
        return digits[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[units] if units else "")
    return "".join(digits[int(d)] for d in str(n))


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)
