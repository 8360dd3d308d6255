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
import os
import unicodedata

from linter import regexes
from linter.memo import per_short_text
from linter.records import NamedTuple
from linter.t2s_keys import unchanged_by_t2s
from linter.textmap import shared_offsets

# A Han character followed by one or more "(syllable)" groups, ASCII or full-width parens.
_TONED_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"
_ANNOTATION = regexes.compile(rf"(?<=\p{{Han}})(?:[(（][a-zA-Z{_TONED_LETTERS}]{{1,7}}[)）])+")
_SYLLABLE = regexes.compile(r"[(（]([^()（）]+)[)）]")
# The characters a syllable of _ANNOTATION starts with (its letter class), for _may_hold_annotation.
_SYLLABLE_STARTS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + _TONED_LETTERS)  # (no `string` import)


class View(NamedTuple):
    """The normalised text, its map to plain-text offsets, the annotations removed, and whether
    OpenCC converted it (a conversion of equal length may still have moved characters within it)."""

    text: str
    origin: list[int]
    annotations: tuple[tuple[int, int], ...]
    converted: bool = False


def build_view(plain: str) -> View:
    annotations = tuple(find_pinyin_annotations(plain))
    kept, origin = _without_spans(plain, annotations)
    text, origin = _fold_nfkc(kept, origin)
    simplified = _to_simplified(text)
    return View(simplified, origin, annotations, simplified is not text)


def find_pinyin_annotations(plain: str) -> list[tuple[int, int]]:
    """Spans of "(pinyin)" groups that annotate the Han character before them."""
    if not _may_hold_annotation(plain):
        return []
    return [match.span() for match in _ANNOTATION.finditer(plain)
            if _annotates(plain[match.start() - 1:match.end()])]


def _annotates(annotated: str) -> bool:
    """Whether every "(syllable)" after the first character (an _ANNOTATION match) is a reading of it.

    An annotated report repeats the same few characters and readings: 公(gōng), 年(nián) ...
    so the answer for a short text is remembered (one string, the character and the match,
    makes the cheapest key to look up).
    """
    return _remembered_annotates(annotated)


def _may_hold_annotation(plain: str) -> bool:
    """False when `plain` certainly has no match of _ANNOTATION.

    Every match holds a parenthesis, ( or （, followed by a letter of _SYLLABLE_STARTS. A
    report has a dozen or so parentheses and seldom a letter after one: looking at the
    character after each is several times faster than running the pattern over the text
    (tests/test_analysis_speed_paths.py compares the results on generated texts).
    """
    for paren in "(（":
        index = plain.find(paren)
        while index != -1:
            if plain[index + 1:index + 2] in _SYLLABLE_STARTS:
                return True
            index = plain.find(paren, index + 1)
    return False


def _all_readings(annotated: str) -> bool:
    """`_annotates(annotated)`, worked out."""
    han, groups = annotated[0], annotated[1:]
    syllables = _SYLLABLE.findall(groups)
    return bool(syllables) and all(_is_reading(han, syllable) for syllable in syllables)


_remembered_annotates = per_short_text(_all_readings, maxsize=4096)


def _offset_run(start: int, end: int) -> list[int]:
    """list(range(start, end)): a new list, sliced from the shared offsets (linter.textmap)."""
    run = shared_offsets(end)[start:end]
    return run if type(run) is list else list(run)


def _without_spans(plain: str, spans: tuple[tuple[int, int], ...]) -> tuple[str, list[int]]:
    """`plain` without the (sorted, disjoint) spans, and the plain offset of each character kept."""
    if not spans:
        return plain, _offset_run(0, len(plain))
    pieces: list[str] = []
    origin: list[int] = []
    position = 0
    for start, end in spans + ((len(plain), len(plain)),):
        pieces.append(plain[position:start])
        origin.extend(_offset_run(position, start))
        position = end
    return "".join(pieces), origin


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


def _fold_nfkc(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Each character of `text` replaced by its NFKC form on its own, and the offsets mapped along.

    `origin[i]` is where `text[i]` came from; every character of a character's form comes from
    the same place. The result does not depend on how `text` was assembled (it is a function of
    each character alone), so the pieces of a text can be joined first and folded once.
    """
    if text.isascii() or unicodedata.is_normalized("NFKC", text):  # nothing changes: see _fold_characters
        return text, origin
    folded = _fold_characters(text)
    if len(folded) == len(text):  # the common case: one character for one (full-width -> ASCII), as
        return folded, origin     # no character folds to nothing (tests/test_analysis_speed_paths.py)
    chars: list[str] = []  # some character expanded (㈠ -> (一)): map each
    mapped: list[int] = []
    for ch, offset in zip(text, origin):
        one = ch.translate(_NFKC)
        chars.append(one)
        mapped.extend([offset] * len(one))
    return "".join(chars), mapped


def _fold_characters(piece: str) -> str:
    """The NFKC form of each character of `piece` on its own (never composed across characters).

    `str.translate` with the learning table gives it, but looks every character up in a Python
    dict. Most text only needs the common full-width punctuation folded: replace that, then
    let `unicodedata.is_normalized` (a C scan of the NFKC quick-check property) prove that
    nothing else changes. That proof is sound: a character NFKC changes on its own has
    NFKC_Quick_Check=No, so a text holding one is never reported normalised (the shortcut in
    `_fold_nfkc` relies on the same fact). Otherwise: the table, character by character.
    """
    folded = piece
    for ch, replacement in _COMMON_FOLDS:
        folded = folded.replace(ch, replacement)
    if unicodedata.is_normalized("NFKC", folded):
        return folded
    return piece.translate(_NFKC)


@functools.lru_cache(maxsize=1)
def _converter():
    """OpenCC's t2s converter (`convert(text)`), made when a text first has something to convert.

    From OpenCC's C module loaded by itself when it can be (`_NativeT2S`): importing the
    `opencc` package first costs 3 ms more than the C module alone (it imports `typing`,
    lists its configurations …), in every process (each `--jobs` worker too) that meets a
    Traditional character. Any surprise: the package, as usual.
    """
    native = _NativeT2S.load()
    if native is not None:
        return native
    import opencc

    return opencc.OpenCC("t2s")


class _NativeT2S:
    """What `opencc.OpenCC("t2s")` is, made without the `opencc` package: the same C object,
    made with the arguments the package gives it, and `convert` as the package's (UTF-8 in)."""

    __slots__ = ("native",)

    def __init__(self, native) -> None:
        self.native = native

    def convert(self, text: str) -> str:
        data = text.encode("utf-8")
        return self.native.convert(data, len(data))

    @classmethod
    def load(cls) -> _NativeT2S | None:
        import sys

        from linter.t2s_keys import CONFIG, share_dir

        share = None if "opencc" in sys.modules else share_dir()  # (the package, once imported, is there anyway)
        if share is None:
            return None
        try:
            from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec

            name = "opencc.clib.opencc_clib"
            folder = os.path.dirname(os.path.dirname(share))  # (share is clib/share/opencc)
            module = sys.modules.get(name)
            if module is None:
                path = next(p for p in (os.path.join(folder, "opencc_clib" + suffix) for suffix in EXTENSION_SUFFIXES)
                            if os.path.isfile(p))
                loader = ExtensionFileLoader(name, path)
                module = loader.create_module(ModuleSpec(name, loader, origin=path))
                loader.exec_module(module)
                module = sys.modules.setdefault(name, module)
            return cls(module._OpenCC(os.path.join(share, CONFIG), True, None))
        except Exception:  # noqa: BLE001 - another OpenCC than the one this was written for: the package
            return None


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
    """The toneless readings of one character (its Simplified form's, when it has none itself)."""
    table = _reading_table()
    readings = table.get(han)
    if readings is None:
        simplified = _converter().convert(han)
        if simplified != han:
            if len(simplified) != 1:
                return _readings_from_pypinyin(simplified)
            readings = table.get(simplified)
    return frozenset(readings.split(",")) if readings else frozenset()


class _ReadingTable:
    """{character: "zhong,chong,tong"} held in three flat objects: the characters' code points
    in order and each one's end in one string of all the readings (arrays of machine ints).

    As a dict of some 42,000 strings it took 6 MB and 6-9 ms to unpickle in every process
    that met an annotated text; these load in well under a millisecond and take 0.7 MB. A
    lookup is a binary search (in C): `_readings` remembers its answers anyway.
    """

    __slots__ = ("codes", "ends", "readings")

    def __init__(self, codes: bytes, ends: bytes, readings: str) -> None:
        from array import array

        self.codes, self.ends, self.readings = array("I"), array("I"), readings
        self.codes.frombytes(codes)
        self.ends.frombytes(ends)
        if len(self.codes) != len(self.ends) or (self.ends and self.ends[-1] != len(readings)):
            raise ValueError("inconsistent reading table")

    @classmethod
    def of(cls, table: dict[str, str]) -> _ReadingTable:
        from array import array
        from itertools import accumulate

        characters = sorted(table)
        values = [table[ch] for ch in characters]
        return cls(array("I", map(ord, characters)).tobytes(), array("I", accumulate(map(len, values))).tobytes(),
                   "".join(values))

    def parts(self) -> tuple[bytes, bytes, str]:
        """What the start-up cache keeps (plain values: `_ReadingTable(*parts)` makes it again)."""
        return self.codes.tobytes(), self.ends.tobytes(), self.readings

    def get(self, ch: str) -> str | None:
        from bisect import bisect_left

        code = ord(ch)
        index = bisect_left(self.codes, code)
        if index == len(self.codes) or self.codes[index] != code:
            return None
        return self.readings[self.ends[index - 1] if index else 0:self.ends[index]]

    def __getitem__(self, ch: str) -> str:
        readings = self.get(ch)
        if readings is None:
            raise KeyError(ch)
        return readings

    def __len__(self) -> int:
        return len(self.codes)


_table: _ReadingTable | None = None


def _reading_table() -> _ReadingTable:
    """{character: "zhong,chong,tong"}: pypinyin's readings of every character, without tones.

    pypinyin's own dictionary module takes about 200 ms and 55 MB to load, and only
    annotated texts ask for it; this table holds the same readings in 0.7 MB
    (`_ReadingTable`) and comes from the start-up cache (keyed by the dictionary file) in
    well under a millisecond. For one character, `pypinyin.pinyin(ch, style=TONE,
    heteronym=True)` gives exactly the dictionary's readings (checked for every
    character of pypinyin 0.55 and in the tests).
    """
    global _table
    if _table is None:
        from linter import cache
        from linter.installed import package_folder

        folder = package_folder("pypinyin")
        source = os.path.join(folder, "pinyin_dict.py") if folder else ""
        key = cache.key("pinyin-readings", 2, cache.python_tag(), cache.file_stamps([source]))
        stored = cache.load("pinyin-readings", key)
        try:
            table = _ReadingTable(*stored)
        except (TypeError, ValueError):  # none kept yet, or not what this version keeps
            from pypinyin.pinyin_dict import pinyin_dict

            table = _ReadingTable.of({chr(code): ",".join(sorted({_strip_tones(r) for r in value.split(",")}))
                                      for code, value in pinyin_dict.items()})
            cache.store("pinyin-readings", key, table.parts())
        _table = table
    return _table


def _readings_from_pypinyin(text: str) -> frozenset[str]:
    import pypinyin

    found = pypinyin.pinyin(text, style=pypinyin.Style.TONE, heteronym=True, errors="ignore")
    return frozenset(_strip_tones(r) for group in found for r in group)


@functools.lru_cache(maxsize=4096)
def _is_reading(han: str, syllable: str) -> bool:
    # "ü" may be typed as "v" or "u" after n/l in the wild; accept both spellings.
    plain = _strip_tones(syllable)
    readings = _readings(han)
    return plain in readings or plain.replace("u", "v") in readings
