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

from typing import TYPE_CHECKING, Iterator

import unicodedata

from linter import regexes
from linter.document import Document
from linter.finding import Edit, Fix, Hit
from linter.kinds.base import RuleKind, options_model
from linter.kinds.patterns import MATCH_TIMEOUT, compile_any

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
        edits = []
        han = 0
        for index, ch in enumerate(doc.view):
            source = doc.source_offset(index)
            original = doc.source[source] if source < len(doc.source) else ""
            if not _HAN.match(original):
                continue
            han += 1
            single = index + 1 >= len(doc.view) or doc.source_offset(index + 1) != source
            if ch != original and single and unicodedata.normalize("NFKC", original) == original:
                edits.append(Edit(source, source + 1, ch))
        if not edits or len(edits) < options.min_ratio * han:
            return
        first = edits[0].start
        yield Hit(first, first + 1, variant="traditional-conversion",
                  data={"characters": len(edits), "ratio": round(len(edits) / han, 3)},
                  args={"count": len(edits)}, fix=Fix(tuple(edits), independent=True))

    def _mojibake(self, doc: Document, min_run: int) -> Iterator[Hit]:
        plain = doc.plain
        pieces: list[tuple[int, int, str]] = []
        for match in _NON_ASCII_RUN.finditer(plain):
            if len(match.group()) >= min_run and _decodes_as_utf8(match.group()):
                pieces.append((match.start(), match.end(), "gbk-decoded-utf8"))
        for match in _LATIN1_MOJIBAKE.finditer(plain):
            pieces.append((match.start(), match.end(), "latin1-decoded-utf8"))
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
        if not patterns:
            return
        for match in compile_any(patterns, ignore_case=True).finditer(doc.view, timeout=MATCH_TIMEOUT):
            if match.start() == match.end():
                continue
            src_start, src_end = doc.source_span(*match.span())
            text = doc.source[src_start:src_end]
            yield Hit(src_start, src_end, variant="markup-debris",
                      data={"debris": match.group()}, args={"text": text},
                      fix=Fix((_debris_edit(doc, src_start, src_end, match.group()),)))


_MANGLED_END = regexes.compile(r"^[?？][!！]?[ \t]?[?？]?/[a-zA-Z]{1,10}>$")
_HAN = regexes.compile(r"\p{Han}")
_WIDE = regexes.compile(r"[\u3000-\u9fff\uff00-\uffef]")


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
    return good * 3 >= len(raw) * 0.6
