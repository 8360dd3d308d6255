"""personal-data: no resident ID, mobile or bank-card number of a person is published.

What it checks:
    - "resident-id": 18-character resident identity numbers (GB 11643-1999) whose
      birth date is real and whose ISO 7064 MOD 11-2 check character is right
      (validated with python-stdnum's `stdnum.cn.ric`), so statistics, 索引号 and
      unified social credit codes that merely look alike do not fire;
    - "mobile": mainland mobile numbers 1[3-9]xxxxxxxxx, with or without +86;
    - "bank-card": 16-19 digit numbers that pass the Luhn check and stand within
      `context_window` characters after a context word (卡号, 账号, 银行卡, 开户行 …).
    A mobile number right after an explicit contact label (`contact_labels`:
    咨询电话, 联系电话 …, within the same sentence) is the office's contact data, not
    personal data; a number right after a `skip_labels` label (索引号, 文号,
    统一社会信用代码) is an identifier, not a person. The
    output masks the matched digits (`data.masked`); the number itself is never
    printed.

Why:
    Art. 15 of the 2019 Regulations (Art. 14 of 2007) forbids disclosing personal
    privacy without consent; an applicant's ID or phone number copied into a report
    is a reportable leak under the Personal Information Protection Law.

Fails:
    申请人李明（身份证号320102198503121234…）, 经办人手机13912345678.

Passes:
    咨询电话：0512-68881234; 联系电话：13800001111 (a contact line);
    索引号：113205000141234567/2023-00012.

Options:
    detect: which kinds to look for (default all three).
    contact_labels, skip_labels, context_words: label lists (defaults above).
    context_window: characters before a card number searched for a context word (default 12).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import regexes
from linter.dates import view_digits_are_ascii
from linter.document import Document
from linter.finding import Hit
from linter.kinds.base import RuleKind, options_model

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.kinds.options import PersonalDataOptions

_ID = regexes.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = regexes.compile(r"(?<![\d+])(?:(?:\+|00)?86[- ]?)?1[3-9]\d{9}(?!\d)")
_CARD = regexes.compile(r"(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)")
_NAMES = {"resident-id": {"zh": "居民身份证号码", "en": "resident ID number"},
          "mobile": {"zh": "手机号码", "en": "mobile number"},
          "bank-card": {"zh": "银行卡号", "en": "bank card number"}}


class PersonalData(RuleKind):
    __doc__ = __doc__
    name = "personal-data"
    Options = options_model("linter.kinds.options:PersonalDataOptions")
    plain_options = True
    messages = {
        "default": {"zh": "出现个人{kind_name}“{masked}”，不得公开个人隐私",
                    "en": "personal {kind_name} '{masked}' must not be published"},
    }

    def check(self, doc: Document, options: PersonalDataOptions) -> Iterator[Hit]:
        for start, text in _lines_with_numbers(doc):
            taken: list[tuple[int, int]] = []
            for kind, begin, end in self._candidates(text, options):
                if any(s < end and begin < e for s, e in taken):
                    continue
                lead = _lead(text, begin)
                if any(label in lead for label in options.skip_labels):
                    continue
                if kind == "mobile" and any(label in lead for label in options.contact_labels):
                    continue
                taken.append((begin, end))
                number = text[begin:end]
                src_start, src_end = doc.source_span(start + begin, start + end)
                masked = mask(number)
                yield Hit(src_start, src_end, data={"kind": kind, "masked": masked},
                          args={"kind_name": _NAMES[kind], "masked": masked})

    def _candidates(self, text: str, options: PersonalDataOptions):
        # python-stdnum takes ~20 ms to import: only a number that looks like one pays for it.
        if "resident-id" in options.detect:
            for match in _ID.finditer(text):
                from stdnum.cn import ric

                if ric.is_valid(match.group()):
                    yield "resident-id", match.start(), match.end()
        if "bank-card" in options.detect:
            for match in _CARD.finditer(text):
                digits = _NON_DIGIT.sub("", match.group())
                before = text[max(0, match.start() - options.context_window):match.start()]
                if any(word in before for word in options.context_words):
                    from stdnum import luhn

                    if luhn.is_valid(digits):
                        yield "bank-card", match.start(), match.end()
        if "mobile" in options.detect:
            for match in _MOBILE.finditer(text):
                yield "mobile", match.start(), match.end()


_DIGIT = regexes.compile(r"\d")
# eleven characters of digits, spaces and hyphens: every candidate number contains such a run
_NUMBER_RUN = regexes.compile(r"[0-9][0-9 -]{10}")
# For _may_hold_a_number: a byte of a digit becomes "1", any other "0" (spaces and hyphens are dropped).
_DIGIT_BYTES = bytes(0x31 if 0x30 <= byte <= 0x39 else 0x30 for byte in range(256))
_ELEVEN_DIGITS = b"1" * 11
_NON_DIGIT = regexes.compile(r"\D")
_CLAUSE_END = regexes.compile(r"[。；;！？!?]")
_LEAD = 24


def _lines_with_numbers(doc: Document) -> Iterator[tuple[int, str]]:
    r"""(start, text) of the view lines that may hold a number _candidates finds, in order.

    Every candidate has eleven digits in a row (an ID number, a mobile number) or sixteen
    digits with single spaces or hyphens between them (a card number), so its line holds
    a match of _NUMBER_RUN, which cannot run over a line break. That pattern names 0-9
    only: when the view has other decimal digits (which `\d` also takes), every line with
    a digit is looked at instead. Line bounds are those of doc.view_lines: lines end at
    \r, \n or \r\n.
    """
    if not view_digits_are_ascii(doc):
        for line in doc.view_lines:
            if _DIGIT.search(line.text):
                yield line.start, line.text
        return
    view = doc.view
    if not _may_hold_a_number(view):
        return
    end = -1
    for match in _NUMBER_RUN.finditer(view):
        if match.start() < end:
            continue  # another run on a line already looked at
        start = max(view.rfind("\n", 0, match.start()), view.rfind("\r", 0, match.start())) + 1
        end = _line_end(view, match.end())
        yield start, view[start:end]


def _may_hold_a_number(view: str) -> bool:
    """False when `view`, whose digits are 0-9, has no number _candidates could find.

    Every candidate has eleven digits in a row (an ID or mobile number) or sixteen with at most
    one space or hyphen between two (a card number): with the spaces and hyphens taken out,
    eleven digits in a row either way. That is looked for in C, in the view as ASCII bytes
    (every other character one "?") with its digits made "1", at a fraction of the cost of
    running _NUMBER_RUN over the view; only the few reports that pass (about 3% of the bench
    corpus: the date of a header line has eight digits) are scanned line by line.
    """
    return _ELEVEN_DIGITS in view.encode("ascii", "replace").translate(_DIGIT_BYTES, b" -")


def _line_end(view: str, at: int) -> int:
    r"""Where the line holding position `at` ends: at the next \r or \n, or the end of the view."""
    ends = [i for i in (view.find("\n", at), view.find("\r", at)) if i >= 0]
    return min(ends) if ends else len(view)


def _lead(text: str, start: int) -> str:
    """The words just before a number, within its own sentence: where its label stands."""
    lead = text[max(0, start - _LEAD):start]
    ends = list(_CLAUSE_END.finditer(lead))
    return lead[ends[-1].end():] if ends else lead


def mask(number: str) -> str:
    """Keep the first three and last two digits: 139******78."""
    digits = [i for i, ch in enumerate(number) if ch.isalnum()]
    keep = set(digits[:3] + digits[-2:])
    return "".join(ch if (i in keep or not ch.isalnum()) else "*" for i, ch in enumerate(number))
