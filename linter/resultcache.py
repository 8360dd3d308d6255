"""The result cache: a file whose bytes, ruleset and options are unchanged is not linted again.

Key: the file's content digest, the name it is shown under, the language, the
reader, the waivers (and today's date when there are any), the input limits, disclint's version and the stamps of its code, and an
identity of the ruleset choice (every rule's id, kind, severity, options and
messages, for every candidate of `auto`). Value: the FileResult. Entries live in
the start-up cache folder (linter/cache.py), written atomically, so two runs at
once are safe and a corrupted entry is a miss that gets rewritten. `--no-cache`
(or DISCLINT_NO_CACHE=1) turns it off.
"""

from __future__ import annotations

import datetime
import pickle
from pathlib import Path

from linter import __version__, cache

NAMESPACE = "result"
_IDENTITIES: dict[int, tuple] = {}  # id(choice) -> (choice, identity): choices live for the whole run
_CODE: tuple | None = None


def _code_stamp() -> tuple:
    """Size and time of every module of disclint: a changed checkout changes every key."""
    global _CODE
    if _CODE is None:
        package = Path(__file__).resolve().parent
        _CODE = cache.file_stamps(sorted(str(p) for p in package.rglob("*.py")))
    return _CODE


def choice_identity(choice) -> str:
    known = _IDENTITIES.get(id(choice))
    if known is not None and known[0] is choice:
        return known[1]
    parts = []
    for name in sorted(choice.rulesets):
        ruleset = choice.rulesets[name]
        rules = [(r.id, r.kind_name, r.severity.label, r.waivable, _stable(r.options),
                  sorted((k, v.zh, v.en) for k, v in r.messages.items())) for r in ruleset.rules]
        parts.append((name, sorted(ruleset.meta), rules))
    identity = cache.key(choice.name, parts, choice.reason.en if choice.reason else None)
    _IDENTITIES[id(choice)] = (choice, identity)
    return identity


def _stable(options) -> str:
    try:
        return cache.digest(pickle.dumps(options, protocol=4))
    except Exception:  # noqa: BLE001 - an options object that does not pickle: its repr
        return repr(options)


def key(data: bytes, display: str, choice, lang: str, reader: str | None, waivers: tuple,
        time_limit: float) -> str:
    today = datetime.date.today().isoformat() if waivers else None  # a waiver may expire overnight
    from linter.formats import limits

    return cache.key(NAMESPACE, __version__, _code_stamp(), cache.digest(data), display, lang, reader,
                     repr(waivers), today, time_limit, limits.stamp(), choice_identity(choice))


def load(entry_key: str):
    return cache.load(NAMESPACE, entry_key)


def store(entry_key: str, result) -> None:
    """Keep a result, unless it could not be read or a rule failed (a time limit may trip under load)."""
    if result.error is None and not any(f.rule == "internal-error" for f in result.findings):
        cache.store(NAMESPACE, entry_key, result)
