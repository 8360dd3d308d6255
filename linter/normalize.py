"""Build the analysis view of a document's plain text.

Rules match against a normalised view so that one pattern covers every way a
report is typeset or corrupted in the wild, while findings point at the original:

1. pinyin annotations removed ("現(xiàn)" -> "現"): a CJK character followed by
   one or more parenthesised syllables that are real readings of that character;
2. NFKC (full-width letters, digits and punctuation -> ASCII, NBSP -> space);
3. Traditional -> Simplified with OpenCC's t2s table (skipped, without loading
   OpenCC, for text that has nothing it would change: linter.t2s_keys).

Every character of the view keeps the offset of the plain-text character it came
from (`View.origin`), so offsets compose back to the file.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from linter import regexes
from linter.t2s_keys import unchanged_by_t2s

# A Han character followed by one or more "(syllable)" groups, ASCII or full-width parens.
_ANNOTATION = regexes.compile(
    r"(?<=\p{Han})(?:[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,7}[)）])+"
)
_SYLLABLE = regexes.compile(r"[(（]([^()（）]+)[)）]")


@dataclass(frozen=True)
class View:
    """The normalised text, its map to plain-text offsets, and the annotations removed."""

    text: str
    origin: list[int]
    annotations: tuple[tuple[int, int], ...]


def build_view(plain: str) -> View:
    annotations = tuple(find_pinyin_annotations(plain))
    chars: list[str] = []
    origin: list[int] = []
    position = 0
    for start, end in annotations + ((len(plain), len(plain)),):
        _append_nfkc(plain, position, start, chars, origin)
        position = end
    text = _to_simplified("".join(chars))
    return View(text, origin, annotations)


def find_pinyin_annotations(plain: str) -> list[tuple[int, int]]:
    """Spans of "(pinyin)" groups that annotate the Han character before them."""
    spans: list[tuple[int, int]] = []
    for match in _ANNOTATION.finditer(plain):
        han = plain[match.start() - 1]
        syllables = _SYLLABLE.findall(match.group())
        if syllables and all(_is_reading(han, syllable) for syllable in syllables):
            spans.append(match.span())
    return spans


class _NfkcTable(dict):
    """A str.translate table that learns each character's NFKC form the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = unicodedata.normalize("NFKC", chr(code))
        self[code] = folded
        return folded


_NFKC = _NfkcTable()

# Characters NFKC changes that Chinese text uses all the time (full-width punctuation, the
# ideographic space), each with its one-character form: folded with str.replace, one pass each.
_COMMON_FOLDS = tuple((ch, folded) for ch in "，（）：；！？\u3000"
                      if len(folded := unicodedata.normalize("NFKC", ch)) == 1)


def _append_nfkc(plain: str, start: int, end: int, chars: list[str], origin: list[int]) -> None:
    piece = plain[start:end]
    if piece.isascii() or unicodedata.is_normalized("NFKC", piece):
        chars.append(piece)
        origin.extend(range(start, end))
        return
    folded = _fold_characters(piece)
    if len(folded) == len(piece):  # the common case: one character for one (full-width -> ASCII)
        chars.append(folded)
        origin.extend(range(start, end))
        return
    for offset, ch in enumerate(piece, start):  # some character expanded (㈠ -> (一)): map each
        one = ch.translate(_NFKC)
        chars.append(one)
        origin.extend([offset] * len(one))


def _fold_characters(piece: str) -> str:
    """The NFKC form of each character of `piece` on its own (never composed across characters).

    `str.translate` with the learning table gives it, but looks every character up in a Python
    dict. Most text only needs the common full-width punctuation folded: replace that, then
    let `unicodedata.is_normalized` (a C scan of the NFKC quick-check property) prove that
    nothing else changes. That proof is sound: a character NFKC changes on its own has
    NFKC_Quick_Check=No, so a text holding one is never reported normalised (the shortcut in
    `_append_nfkc` relies on the same fact). Otherwise: the table, character by character.
    """
    folded = piece
    for ch, replacement in _COMMON_FOLDS:
        folded = folded.replace(ch, replacement)
    if unicodedata.is_normalized("NFKC", folded):
        return folded
    return piece.translate(_NFKC)


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc  # lazy: a few milliseconds, paid only when text has something to convert

    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    """OpenCC t2s, kept length-preserving so the offset map stays valid."""
    if text.isascii() or unchanged_by_t2s(text):
        return text
    converter = _converter()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    out = []  # a phrase mapping changed the length somewhere: convert character by character
    for ch in text:
        single = converter.convert(ch)
        out.append(single if len(single) == 1 else ch)
    return "".join(out)


def _strip_tones(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.lower()).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=4096)
def _readings(han: str) -> frozenset[str]:
    import pypinyin  # lazy: its dictionary costs ~150 ms, paid only when a candidate is seen

    found = pypinyin.pinyin(han, style=pypinyin.Style.TONE, heteronym=True, errors="ignore")
    readings = {_strip_tones(r) for group in found for r in group}
    if not readings:
        simplified = _converter().convert(han)
        if simplified != han:
            found = pypinyin.pinyin(simplified, style=pypinyin.Style.TONE, heteronym=True,
                                    errors="ignore")
            readings = {_strip_tones(r) for group in found for r in group}
    return frozenset(readings)


@functools.lru_cache(maxsize=4096)
def _is_reading(han: str, syllable: str) -> bool:
    # "ü" may be typed as "v" or "u" after n/l in the wild; accept both spellings.
    plain = _strip_tones(syllable)
    readings = _readings(han)
    return plain in readings or plain.replace("u", "v") in readings
