"""text-integrity: the published text is intact.

What it checks:
    One of four kinds of damage, chosen by `detect`:
    - "pinyin-annotation": a Han character followed by its own reading in
      parentheses, 現(xiàn), 政(zheng)(zheng) — the syllable must be a real reading of
      the character (pypinyin), so (PPP), (a) or (一) never count. One finding per
      annotation, at the annotation. Fix (safe): delete the annotation.
    - "traditional-conversion": a Simplified document converted to Traditional by a
      mirror site: at least `min_ratio` of its Han characters change under OpenCC t2s
      and (with `require_annotations`, the default) it carries pinyin annotations, the
      mirror's signature, so a genuinely Traditional document never fires. One finding
      at the first such character. Fix (safe): convert those characters back.
    - "mojibake": U+FFFD replacement characters; runs of text that are UTF-8 bytes
      decoded as GBK (鍙戝竷…: re-encoding the run as GB18030 gives valid UTF-8
      Chinese); UTF-8 decoded as Latin-1/cp1252 (æ\x94¿åº\x9c…). One finding per run.
    - "markup-debris": HTML left in the text (</p>, <br>, &nbsp;, the mangled "?/p>"
      of a lost "。</p>") and, outside HTML files, site chrome copied with the text
      (字体:[大 中 小], 打印本页, 扫一扫在手机打开当前页面). One finding per occurrence.
      Fix (safe): remove it; the mangled "?! ?/p>" of a lost "。</p>" becomes "。".
    Pinyin and mojibake are looked for in the text as read (before normalisation);
    debris in the normalised view.

Why:
    Mirror and crawler sites corrupt official reports (pinyin after every other
    character, Simplified text converted to Traditional, stray tags); an agency
    that republishes such a copy publishes a damaged official document. Mojibake
    with U+FFFD cannot be reversed: the source must be re-exported.

Fails:
    完善公開(kāi)目錄 (pinyin-annotation); 做到件件有落实?! ?/p> (markup-debris);
    鍙戝竷鏃堕棿 (mojibake).

Passes:
    （一）完善公开目录；PPP(政府和社会资本合作)项目 — parentheses that are not readings.

Options:
    detect: "pinyin-annotation", "traditional-conversion", "mojibake" or "markup-debris".
    min_ratio, require_annotations: traditional-conversion only (defaults 0.05, true).
    patterns: markup-debris only: regular expressions replacing the built-in debris list.
    chrome: markup-debris only: site-chrome expressions, checked outside HTML
        documents (in a web page the chrome belongs to the page).
    min_run: mojibake only: shortest garbled run reported, in characters (default 3).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import compress, count

from linter import regexes
from linter.document import Document
from linter.finding import Edit, Fix, Hit
from linter.kinds.base import RuleKind, options_model
from linter.kinds.patterns import compile_any, timeout_for
from linter.memo import per_short_text

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.kinds.options import TextIntegrityOptions

DEBRIS = (
    r"[?？][!！]?[ \t]?[?？]?/[a-zA-Z]{1,10}>",
    r"</?(?:p|br|div|span|font|strong|b|i|u|em|td|tr|th|table|tbody|thead|a|img|h[1-6]|li|ul|ol"
    r"|section|article|center|o:p)(?:\s[^<>\n]*)?/?>",
    r"&(?:nbsp|ensp|emsp|thinsp|lt|gt|amp|quot|apos|[lr]dquo|[lr]squo|mdash|ndash|hellip|middot"
    r"|copy|reg|times|#\d{2,7}|#x[0-9a-fA-F]{2,6});",
)
CHROME = (
    r"字体\s*[:：]?\s*\[[^\]\n]{0,12}\]",
    r"扫一扫在手机(?:上)?打开(?:当前页(?:面)?)?",
    r"【\s*(?:打印本页|关闭窗口|打印|关闭)\s*】",
    r"您(?:现在)?(?:所在)?的位置\s*[:：][^\n]*",  # the whole breadcrumb
)
# Every match of a DEBRIS / CHROME expression contains one of these (the expressions start with
# them): text without any of them has no built-in debris, and needs no regular-expression scan.
DEBRIS_MARKS = ("?", "？", "<", "&")
CHROME_MARKS = ("字体", "扫一扫", "【", "您")
_NON_ASCII_RUN = regexes.compile(r"[^\x00-\x7f\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+")
_LATIN1_MOJIBAKE = regexes.compile(
    r"(?:[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,2}){2,}"
)


class TextIntegrity(RuleKind):
    __doc__ = __doc__
    name = "text-integrity"
    Options = options_model("linter.kinds.options:TextIntegrityOptions")
    plain_options = True
    messages = {
        "pinyin-annotation": {"zh": "拼音注音残留“{text}”（转载或抓取造成的文本损坏）",
                              "en": "pinyin annotation '{text}' left in the text (corrupted copy)"},
        "traditional-conversion": {"zh": "简体原文被转换为繁体（{count} 个字），并带有拼音注音：这是镜像网站的损坏副本",
                                   "en": "Simplified text converted to Traditional ({count} characters) with pinyin annotations: a mirror site's damaged copy"},
        "mojibake": {"zh": "乱码“{text}”（编码错误，需从原稿重新导出）",
                     "en": "garbled text '{text}' (wrong encoding; re-export from the original)"},
        "markup-debris": {"zh": "网页标记残留“{text}”", "en": "markup debris '{text}' left in the text"},
    }

    def check(self, doc: Document, options: TextIntegrityOptions) -> Iterator[Hit]:
        if options.detect == "pinyin-annotation":
            yield from self._pinyin(doc)
        elif options.detect == "traditional-conversion":
            yield from self._traditional(doc, options)
        elif options.detect == "mojibake":
            yield from self._mojibake(doc, options.min_run)
        else:
            yield from self._debris(doc, options)

    def _pinyin(self, doc: Document) -> Iterator[Hit]:
        for start, end in doc.annotations:
            text = doc.source[start:end]
            character = doc.source[start - 1] if start > 0 else ""
            yield Hit(start, end, variant="pinyin-annotation",
                      data={"annotation": text, "character": character}, args={"text": text},
                      fix=Fix((Edit(start, end, ""),)))

    def _traditional(self, doc: Document, options: TextIntegrityOptions) -> Iterator[Hit]:
        """Simplified text converted to Traditional by a mirror site (with its pinyin signature)."""
        if options.require_annotations and not doc.annotations:
            return
        view = doc.view
        offsets = _view_offsets(doc)
        originals = _characters_at(doc.source, offsets)
        han = sum(map(len, _HAN_RUN.findall(originals)))  # view characters that come from a Han one
        edits = []
        for index in _differences(view, originals):  # a Han character can only change where they differ
            original, source = originals[index], offsets[index]
            single = index + 1 >= len(view) or offsets[index + 1] != source
            if single and _convertible(original):
                edits.append(Edit(source, source + 1, view[index]))
        if not edits or len(edits) < options.min_ratio * han:
            return
        first = edits[0].start
        yield Hit(first, first + 1, variant="traditional-conversion",
                  data={"characters": len(edits), "ratio": round(len(edits) / han, 3)},
                  args={"count": len(edits)}, fix=Fix(tuple(edits), independent=True))

    def _mojibake(self, doc: Document, min_run: int) -> Iterator[Hit]:
        plain = doc.plain
        pieces: list[tuple[int, int, str]] = []
        if _may_hold_gbk_mojibake(plain):
            for match in _NON_ASCII_RUN.finditer(plain):
                if len(match.group()) >= min_run and _decodes_as_utf8(match.group()):
                    pieces.append((match.start(), match.end(), "gbk-decoded-utf8"))
        for match in _LATIN1_MOJIBAKE.finditer(plain):
            pieces.append((match.start(), match.end(), "latin1-decoded-utf8"))
        if "\ufffd" in plain:
            for match in regexes.compile("\ufffd+").finditer(plain):
                pieces.append((match.start(), match.end(), "replacement-character"))
        for start, end, kind in _merge(sorted(pieces), plain):
            src_start, src_end = doc.plain_span(start, end)
            text = plain[start:end]
            shown = text if len(text) <= 12 else text[:12] + "…"
            yield Hit(src_start, src_end, variant="mojibake", data={"kind": kind, "text": text},
                      args={"text": shown})

    def _debris(self, doc: Document, options: TextIntegrityOptions) -> Iterator[Hit]:
        patterns = tuple(options.patterns if options.patterns is not None else DEBRIS)
        if doc.format != "html":
            patterns += tuple(options.chrome if options.chrome is not None else CHROME)
        if not patterns or _no_builtin_debris(doc, options):
            return
        debris = compile_any(patterns, ignore_case=True)
        for match in debris.finditer(doc.view, timeout=timeout_for(debris)):
            if match.start() == match.end():
                continue
            src_start, src_end = doc.source_span(*match.span())
            text = doc.source[src_start:src_end]
            yield Hit(src_start, src_end, variant="markup-debris",
                      data={"debris": match.group()}, args={"text": text},
                      fix=Fix((_debris_edit(doc, src_start, src_end, match.group()),)))


_MANGLED_END = regexes.compile(r"^[?？][!！]?[ \t]?[?？]?/[a-zA-Z]{1,10}>$")
_HAN = regexes.compile(r"\p{Han}")
_HAN_RUN = regexes.compile(r"\p{Han}+")
_WIDE = regexes.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _view_offsets(doc: Document) -> list[int]:
    """The source offset of every view character (`doc.source_offset` of each index)."""
    if len(doc.view_origin) == len(doc.view):
        return doc.view_origin
    return [doc.source_offset(index) for index in range(len(doc.view))]


def _characters_at(source: str, offsets: list[int]) -> str:
    """The source character at each offset, NUL for an offset past the end (no Han character)."""
    beyond = max(offsets, default=-1) + 1 - len(source)
    padded = source + "\0" * beyond if beyond > 0 else source
    return "".join(map(padded.__getitem__, offsets))


def _is_convertible(character: str) -> bool:
    """A Han character that NFKC leaves as it is."""
    return _HAN.match(character) is not None and unicodedata.normalize("NFKC", character) == character


# remembered: a copy repeats the same few hundred characters
_convertible = per_short_text(_is_convertible, maxsize=4096)


def _differences(first: str, second: str) -> list[int]:
    """Indexes where two strings of the same length differ.

    Their UTF-32 code units, XORed as two integers, are zero where the characters agree: a few
    passes in C over the text instead of comparing two one-character strings at each index.
    """
    size = 4 * len(first)
    xored = (int.from_bytes(first.encode("utf-32-le", "surrogatepass"), "little")
             ^ int.from_bytes(second.encode("utf-32-le", "surrogatepass"), "little"))
    return list(compress(count(), memoryview(xored.to_bytes(size, "little")).cast("I")))


def _no_builtin_debris(doc: Document, options: TextIntegrityOptions) -> bool:
    """True when the rule looks for the built-in debris only and the view holds none of its marks."""
    if options.patterns is not None or (doc.format != "html" and options.chrome is not None):
        return False
    marks = DEBRIS_MARKS if doc.format == "html" else DEBRIS_MARKS + CHROME_MARKS
    return not any(mark in doc.view for mark in marks)


def _debris_edit(doc: Document, start: int, end: int, debris: str) -> Edit:
    """Remove debris; a mangled "。</p>" gets its 。 back; chrome takes its leading spaces along."""
    if _MANGLED_END.match(debris):
        return Edit(start, end, "。")
    line_end = doc.source.find("\n", end)
    rest = doc.source[end: line_end if line_end != -1 else len(doc.source)]
    if not rest.strip(" \t\u3000\u00a0\r"):  # debris ends its line: drop the spaces before it too
        while start > 0 and doc.source[start - 1] in " \t\u3000\u00a0":
            start -= 1
    return Edit(start, end, "")


_MAX_GAP = 8


def _merge(pieces: list[tuple[int, int, str]], plain: str) -> list[tuple[int, int, str]]:
    """Join garbled pieces separated by at most a few characters on the same line.

    The kind of a joined run is that of its longest piece.
    """
    merged: list[list] = []
    for start, end, kind in pieces:
        if merged and start <= merged[-1][1] + _MAX_GAP and "\n" not in plain[merged[-1][1]:start]:
            last = merged[-1]
            if end - start > last[3]:
                last[2], last[3] = kind, end - start
            last[1] = max(last[1], end)
        else:
            merged.append([start, end, kind, end - start])
    return [(start, end, kind) for start, end, kind, _ in merged]


# GBK mojibake prefilter. `_decodes_as_utf8` accepts a run only when its GB18030 bytes hold at
# least two "good" UTF-8 sequences (lead byte E3-E9 or EF, two continuation bytes 80-BF) and at
# least one for every five bytes. In GB18030 a non-ASCII character takes two bytes, or four with
# the second and fourth in 30-39 (never a continuation byte), so a good sequence starts either
# - at the first byte of a two-byte character whose code is (E3-E9/EF, 80-BF): class A; or
# - at the second byte of a two-byte character whose second byte is E3-E9/EF (class X) followed,
#   once the U+FFFD the check drops are dropped, by a two-byte character (81-BF, 80-BF): class Y.
# Each good sequence thus starts at its own character of the run, and with at least
# max(2, 0.4 n) of them among the run's n characters (U+FFFD not counted: each of the n takes at
# least two bytes) two of them are at most four characters apart. The cluster pattern
# (`_compile_gbk_cluster`) looks for exactly that anywhere in the text, with any character a run
# may hold in between, so a text it does not match has no run `_decodes_as_utf8` accepts.
# Ordinary text almost never matches it (none of the 5,000 bench reports does).
_UTF8_LEADS = bytes(range(0xE3, 0xEA)) + b"\xef"
_CONTINUATIONS = bytes(range(0x80, 0xC0))
_GBK_LEADS = bytes(range(0x81, 0xC0))
_NOT_IN_RUN = r"\x00-\x7f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\ufffd"  # never in a garbled run
_CLUSTER_AFTER = 20  # texts checked run by run before the cluster pattern is compiled (see below)
_run_checks = 0
_gbk_cluster = None


def _may_hold_gbk_mojibake(plain: str) -> bool:
    """False only when no non-ASCII run of `plain` can pass `_decodes_as_utf8`.

    A text whose characters are all common (most Simplified Chinese) holds no run `_rare_enough`
    accepts. For the others, the cluster pattern: one that an earlier run kept in the start-up
    cache is used from the first such text on. Otherwise writing and compiling it takes about
    as long (some 8 ms) as twenty texts take to check run by run, so it is made only once twenty
    texts have been checked: a run of a few files never pays for it, a long run saves nearly all
    of the per-run checks.
    """
    global _run_checks, _gbk_cluster
    if _all_common(plain):
        return False
    if _gbk_cluster is None:
        _run_checks += 1
        if _run_checks == 1:
            _gbk_cluster = _compile_gbk_cluster(kept_only=True)
        if _gbk_cluster is None:
            if _run_checks <= _CLUSTER_AFTER:
                return True
            _gbk_cluster = _compile_gbk_cluster()
    return _gbk_cluster.search(plain) is not None


_ASCII_BYTES = bytes(range(0x80))
_COMMON_LEADS = bytes(range(0xA1, 0xAA)) + bytes(range(0xB0, 0xD8))
_GB2312_RARE = "\u2015\u30fb"  # GB2312 codes them in a common row, GB18030 (what `_is_rare` reads) elsewhere


def _all_common(plain: str) -> bool:
    """True only when no non-ASCII character of `plain` is rare (`_is_rare`).

    Found with the GB2312 codec (in C; a little cheaper than the cluster search, and needs no
    compiling): it writes ASCII as one byte below 80 and every other character it has as two
    bytes from A1 up, so once the ASCII bytes are dropped the characters' first bytes are those
    at even positions. Apart from `_GB2312_RARE`, a GB2312 code has the same bytes in GB18030
    (tests/test_text_speedups.py).
    """
    try:
        raw = plain.encode("gb2312")
    except UnicodeEncodeError:
        return False
    leads = raw.translate(None, _ASCII_BYTES)[::2]
    return not leads.translate(None, _COMMON_LEADS) and not any(ch in plain for ch in _GB2312_RARE)


def _compile_gbk_cluster(kept_only: bool = False):
    """Two good-sequence starts (class A, or class X before class Y) at most four characters apart.

    Compiled with `re`, not `regex`: `re` tests a large class with one bitmap lookup. Writing
    the pattern (its classes come from this Python's GB18030 codec) and compiling it take
    about 4 ms each: both are kept in the start-up cache, the pattern keyed by the
    interpreter and this file, its program by the pattern (linter.re_programs). With
    `kept_only`, None unless both are kept.
    """
    from linter import cache, re_programs

    key = cache.key("gbk-cluster", cache.python_tag(), cache.file_stamps([__file__]))
    pattern = cache.load("gbk-cluster", key)
    if not isinstance(pattern, str):
        if kept_only:
            return None
        pattern = _gbk_cluster_pattern()
        cache.store("gbk-cluster", key, pattern)
    return re_programs.compile(pattern, kept_only=kept_only)


def _gbk_cluster_pattern() -> str:
    a = _two_byte_characters(_UTF8_LEADS, _CONTINUATIONS)
    x = _two_byte_characters(bytes(range(0x81, 0xFF)), _UTF8_LEADS)
    y = _two_byte_characters(_GBK_LEADS, _CONTINUATIONS)
    # One class first (A or X, then which of the two), so that `re` skips to candidates quickly.
    start = (f"{_character_class(a + x)}"
             f"(?:(?<={_character_class(a)})|(?=\ufffd*{_character_class(y)}))")
    return f"{start}\ufffd*(?:[^{_NOT_IN_RUN}]\ufffd*){{0,3}}{start}"


def _two_byte_characters(leads: bytes, trails: bytes) -> str:
    """The characters that may stand in a garbled run whose GB18030 code is (lead, trail)."""
    codes = bytes(byte for lead in leads for trail in trails for byte in (lead, trail))
    return re.sub(f"[{_NOT_IN_RUN}]", "", codes.decode("gb18030"))


def _character_class(characters: str) -> str:
    """A regular-expression class of `characters`, consecutive code points as ranges (shorter to compile)."""
    points = sorted(set(map(ord, characters)))
    parts = []
    first = 0
    for index, point in enumerate(points):
        if index + 1 == len(points) or points[index + 1] != point + 1:
            low, high = re.escape(chr(points[first])), re.escape(chr(point))
            parts.append(low if point == points[first] else f"{low}-{high}")
            first = index + 1
    return "[" + "".join(parts) + "]"


def _decodes_as_utf8(run: str) -> bool:
    """True when the run reads as UTF-8 Chinese once re-encoded as GB18030 (GBK mojibake)."""
    try:
        raw = run.replace("\ufffd", "").encode("gb18030")
    except UnicodeEncodeError:
        return False
    if len(raw) < 6:
        return False
    decoded = raw.decode("utf-8", errors="replace")
    good = len(_WIDE.findall(decoded))
    return good * 3 >= len(raw) * 0.6 and _rare_enough(run)


def _rare_enough(run: str) -> bool:
    """At least a quarter of the run is characters prose seldom uses, as GBK-read UTF-8 always is.

    Every character of UTF-8 Chinese starts with a byte E4-E9, and read as GBK such a byte
    begins a level-2 hanzi (rows D8-F7), so at least one character in three of real
    mojibake lies outside GB2312's level-1 hanzi and its punctuation rows. A run of common
    words whose bytes happen to form UTF-8 (规范配备涉及规定归档) does not.
    """
    rare = total = 0
    for ch in run:
        if ch == "\ufffd":
            continue
        total += 1
        rare += _is_rare(ch)
    return rare * 4 >= total


def _is_rare(ch: str) -> bool:
    """Outside GB2312's level-1 hanzi (rows B0-D7) and its punctuation rows (A1-A9)."""
    code = ch.encode("gb18030")
    return len(code) != 2 or not (0xA1 <= code[0] <= 0xA9 or 0xB0 <= code[0] <= 0xD7) or code[1] < 0xA1
