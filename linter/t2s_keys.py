"""Which text OpenCC's t2s conversion leaves unchanged, known without loading OpenCC.

The normalised view converts Traditional characters to Simplified with OpenCC
(linter.normalize). Importing OpenCC and loading its t2s dictionaries costs
several milliseconds in every process, and a report written in Simplified
Chinese, the common case, comes out of the conversion unchanged. OpenCC only
ever replaces the dictionary keys it matches, so a text that contains no key
whose conversion differs from the key itself converts to itself. This module
knows those keys (every key with a value other than itself): the single
characters as a set, and the longer phrases that contain none of those
characters (the others are found through the characters).

The keys are read once from the dictionaries named by the t2s configuration
OpenCC would load, with the `opencc_dict` tool shipped in the opencc wheel, and
kept in the start-up cache (linter.cache), checked against the size and time of
every file they came from. When anything is unusual (no tool, a dictionary type
other than ocd2 or text, an odd configuration, a `t2s.json` in the working
folder, which OpenCC would prefer) there are no keys and every non-ASCII text
goes through OpenCC as before.
"""

from __future__ import annotations

import os
import re
from itertools import repeat
from operator import contains

from linter import cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from typing import Any

CONFIG = "t2s.json"
_FORMAT = 1  # of the stored entry
_KNOWN_CONFIG_KEYS = {"name", "normalization", "conversion_chain", "segmentation"}

_keys: Any = None  # (characters, {first character: [phrases]}) or False when unknown

# Texts checked with the character set before the key characters are compiled into one
# character class: the class finds a key about six times faster than `frozenset.isdisjoint`
# (which makes a string object of every character), but takes about as long to compile as
# 25 texts take to check with the set, so a run of a few files never pays for it. (After
# them a text in GB2312 needs only the keys GB2312 holds, found in a third of that time:
# see _has_key_character.)
_CLASS_AFTER = 25
_set_checks = 0
_other_checks = 0  # texts outside GB2312 checked with the set after the first ones
_class: Any = None  # the compiled class, once built


def unchanged_by_t2s(text: str) -> bool:
    """True only when OpenCC t2s certainly returns `text` as it is."""
    keys = _known_keys()
    if not keys:
        return False
    characters, phrases = keys
    if _has_key_character(text, characters):
        return False
    if phrases:
        for first in phrases.keys() & set(text):
            if any(phrase in text for phrase in phrases[first]):
                return False
    return True


def _has_key_character(text: str, characters: frozenset[str]) -> bool:
    """Whether `text` contains one of `characters` (the single-character keys).

    After the first texts of a run (checked with the set), a text all in GB2312, most
    Simplified Chinese text, can only hold the few keys GB2312 has: each is looked for with
    `in` (in C), which with the codec's check costs a fraction of the class's scan. The
    class is built only once _CLASS_AFTER other texts have come as well.
    """
    global _set_checks, _other_checks, _class
    if _set_checks < _CLASS_AFTER:
        _set_checks += 1
        return not characters.isdisjoint(text)
    if _in_gb2312(text):
        return any(map(contains, repeat(text), _gb2312_keys(characters)))
    if _class is None:
        _other_checks += 1
        if _other_checks <= _CLASS_AFTER:
            return not characters.isdisjoint(text)
        _class = _character_class(characters)
    # The class holds every key of the Basic Multilingual Plane and every character beyond it (a
    # class of scattered astral characters would be searched range by range): a match beyond it
    # is a key only if the set says so.
    return any(match.group() in characters for match in _class.finditer(text))


def _in_gb2312(text: str) -> bool:
    """Whether every character of `text` is in GB2312 (and ASCII): most Simplified Chinese text,
    found by the codec in C several times faster than a character class scans it."""
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


_gb2312_cache: dict[frozenset, tuple[str, ...]] = {}


def _gb2312_keys(characters: frozenset[str]) -> tuple[str, ...]:
    """The keys among `characters` that GB2312 holds (about 30 of some 5,000): a GB2312 text
    holds a key only if it holds one of them. Found in one pass of the codec, which drops the
    others and gives each of these back as it was."""
    keys = _gb2312_cache.get(characters)
    if keys is None:
        kept = "".join(sorted(characters)).encode("gb2312", errors="ignore").decode("gb2312")
        keys = _gb2312_cache[characters] = tuple(kept)
    return keys


def _character_class(characters: frozenset[str]):
    """One `re` character class: the BMP keys, and the whole range beyond the BMP."""
    from linter import re_programs

    bmp = re.escape("".join(sorted(c for c in characters if c <= "\uffff")))  # (one str.translate)
    return re_programs.compile(f"[{bmp}\U00010000-\U0010ffff]")  # (its program from the start-up cache)


def _known_keys():
    global _keys
    if _keys is None:
        try:
            _keys = _load() or False
        except Exception:  # noqa: BLE001 - any surprise means: no shortcut, use OpenCC
            _keys = False
    return _keys


def share_dir() -> str | None:
    """The folder OpenCC's Python package takes `t2s.json` from (opencc 1.1.9 and later), when
    `OpenCC("t2s")` would read it from there: None when a `t2s.json` in the working folder, which
    OpenCC prefers, would be read instead, or the package has no such folder."""
    from linter.installed import package_folder

    if os.path.isfile(CONFIG):
        return None
    folder = package_folder("opencc")
    if folder is None:
        return None
    share = os.path.join(folder, "clib", "share", "opencc")
    return share if os.path.isdir(share) else None


def _load():
    share = share_dir()
    if share is None:
        return None
    config = os.path.join(share, CONFIG)
    tool = os.path.join(os.path.dirname(os.path.dirname(share)), "bin", "opencc_dict")
    entry_key = cache.key("t2s-keys", _FORMAT, cache.file_stamps([config, tool]))
    stored = cache.load("t2s-keys", entry_key)
    if _usable(stored):
        found = stored["keys"]
    else:
        files = _dictionaries(config, share)
        found = _read_keys(files, tool) if files else None
        if files:
            paths = [path for _, path in files]
            cache.store("t2s-keys", entry_key, {"paths": paths, "stamps": cache.file_stamps(paths), "keys": found})
    if found is None:
        return None
    characters, phrases = found
    by_first: dict[str, list[str]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    return frozenset(characters), by_first


def _usable(stored) -> bool:
    """A stored entry of the expected shape whose dictionaries are unchanged."""
    if not isinstance(stored, dict) or not isinstance(stored.get("paths"), list):
        return False
    keys = stored.get("keys")
    shaped = keys is None or (isinstance(keys, tuple) and len(keys) == 2 and isinstance(keys[0], str)
                              and isinstance(keys[1], tuple) and all(isinstance(p, str) and p for p in keys[1]))
    return shaped and cache.file_stamps(stored["paths"]) == stored.get("stamps")


def _dictionaries(config: str, share: str) -> list[tuple[str, str]] | None:
    """(type, path) of every dictionary the configuration converts with, or None if unsure."""
    import json  # only when the keys are read again, not at every start-up

    with open(config, encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict) or set(data) - _KNOWN_CONFIG_KEYS:
        return None
    found: list[tuple[str, str]] = []

    def collect(spec) -> bool:
        if not isinstance(spec, dict):
            return False
        kind = spec.get("type")
        if kind == "group":
            return isinstance(spec.get("dicts"), list) and all(collect(inner) for inner in spec["dicts"])
        if kind in ("ocd2", "text") and isinstance(spec.get("file"), str):
            path = os.path.join(share, spec["file"])
            if not os.path.isfile(path):
                return False
            found.append((kind, path))
            return True
        return False

    for step in list(data.get("normalization") or []) + list(data.get("conversion_chain") or []):
        if not isinstance(step, dict) or not collect(step.get("dict")):
            return None
    return found or None


def _read_keys(files: list[tuple[str, str]], tool: str) -> tuple[str, tuple[str, ...]] | None:
    """The keys with a value other than themselves: characters (one string), and lone phrases."""
    import subprocess
    import tempfile

    characters: set[str] = set()
    phrases: list[str] = []
    with tempfile.TemporaryDirectory(prefix="disclint-t2s-") as folder:
        for index, (kind, path) in enumerate(files):
            if kind == "ocd2":
                out = os.path.join(folder, f"{index}.txt")
                done = subprocess.run([tool, "-i", path, "-o", out, "-f", "ocd2", "-t", "text"],
                                      capture_output=True, timeout=60, check=False)
                if done.returncode != 0 or not os.path.isfile(out):
                    return None
                path = out
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    line = line.rstrip("\r\n")
                    if not line:
                        continue
                    key, tab, values = line.partition("\t")
                    if not tab or not key:
                        return None
                    if all(value == key for value in values.split(" ")):
                        continue  # converts to itself whichever value OpenCC picks
                    if len(key) == 1:
                        characters.add(key)
                    else:
                        phrases.append(key)
    lone = tuple(sorted({p for p in phrases if characters.isdisjoint(p)}))
    return "".join(sorted(characters)), lone
