"""The result cache: a file whose bytes, ruleset and options are unchanged is not linted again.

Key: the file's content digest and the name it is shown under, plus a context
computed once per run and ruleset choice: the language, the reader, the waivers
(and today's date when there are any), the rule time limit, the input limits,
disclint's version and the stamps of its code, and an identity of the ruleset
choice (every rule's id, kind, severity, options and messages, for every
candidate of `auto`). Value: the FileResult, with only the source lines its
findings point at.

All results live in one SQLite database in the cache folder (linter/cache.py),
`results.sqlite3`: indexed lookups, one query for a batch of files
(`load_many`), and new results written in batches, each batch one transaction,
so a reader never sees half an entry and two runs at once are safe (SQLite's
locking; a run that finds the database busy simply does not cache). Each value
carries a CRC-32 of its key and its bytes: a damaged value, or one found under
another key, is a miss, and the file's new result replaces it. A database that
cannot be opened or read is set aside and started again; entries neither written
nor read for 30 days are removed.

SQLite does not wait for the disk (`synchronous=OFF`): about 6 ms less at the end of
a run, where writing the log back into the database waited for two flushes to disk.
A run that crashes or is killed loses nothing it committed (the operating system has
it); a power loss or a system crash may leave the database damaged. That costs
misses, never a wrong answer: a value's check covers the key it was stored under, so
a value read through a stale index page (another file's) is a miss, and a database
SQLite finds damaged is set aside.
`--no-cache` (or DISCLINT_NO_CACHE=1) turns it off.
"""

from __future__ import annotations

import datetime
import functools
import marshal
import os
import zlib
from collections.abc import Iterator
from itertools import chain, compress, count, islice, repeat
from operator import attrgetter, is_not
from pathlib import Path

from linter import __version__, cache, pickling
from linter.finding import Edit, Finding, Fix, Severity
from linter.hashing import blake2b
from linter.keptlines import KeptLines
from linter.result import FileResult

DATABASE = "results.sqlite3"
_SCHEMA = 2
_BATCH = 256  # results written per transaction
_MAX_AGE_DAYS = 30
# A value is the CRC-32 of its key and its payload (big-endian), then the payload. The check is
# against damage, which a CRC is made to find (a digest would not stop anyone who can write the
# database, whose own entries it is: they would write its digest too), in a quarter of the
# instructions of blake2b, over every value stored and read. The key counts so that a value
# that a damaged database hands back for another key is damage too.
_CHECK = 4


def _check(entry_key: bytes, payload) -> int:
    """The CRC-32 a value stored under `entry_key` carries: of the key, then the payload."""
    return zlib.crc32(payload, zlib.crc32(entry_key))

_IDENTITIES: dict[int, tuple] = {}  # id(choice) -> (choice, identity): choices live for the whole run
_CONTEXTS: dict[tuple, bytes] = {}
_CODE: tuple | None = None


def _code_stamp() -> tuple:
    """Size and time of every module of disclint: a changed checkout changes every key."""
    global _CODE
    if _CODE is None:
        modules = []
        folders = [os.path.dirname(os.path.abspath(__file__))]
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    elif entry.name.endswith(".py"):
                        modules.append(entry.path)
        _CODE = cache.file_stamps(sorted(modules))
    return _CODE


def choice_identity(choice) -> str:
    known = _IDENTITIES.get(id(choice))
    if known is not None and known[0] is choice:
        return known[1]
    identity = _lazy_identity(choice) or _full_identity(choice)
    _IDENTITIES[id(choice)] = (choice, identity)
    return identity


def _lazy_identity(choice) -> str | None:
    """For `auto`: its candidates' source identities and the rule selection, no ruleset loaded."""
    from linter.autoselect import Candidates
    from linter.ruleset import source_identity

    candidates = choice.rulesets
    if not isinstance(candidates, Candidates):
        return None
    sources = []
    for name in candidates:
        source = source_identity(name)
        if source is None:  # not compiled yet (a first run): compiling it stores it in the start-up cache
            candidates.get(name)
            source = source_identity(name, again=True)
            if source is None:
                return None  # no start-up cache
        sources.append(source)
    return cache.key(choice.name, "sources", sources, candidates.select, candidates.ignore, candidates.where)


def _full_identity(choice) -> str:
    """Every rule's id, kind, severity, options and messages, for every ruleset of the choice."""
    parts = []
    for name in sorted(choice.rulesets):
        ruleset = choice.rulesets[name]
        rules = [(r.id, r.kind_name, r.severity.label, r.waivable, _stable(r.options),
                  sorted((k, v.zh, v.en) for k, v in r.messages.items())) for r in ruleset.rules]
        parts.append((name, sorted(ruleset.meta), rules))
    return cache.key(choice.name, parts, choice.reason.en if choice.reason else None)


def _stable(options) -> str:
    try:
        return cache.digest(pickling.dumps(options, protocol=4))
    except Exception:  # noqa: BLE001 - an options object that does not pickle: its repr
        return repr(options)


def _context(choice, lang: str, reader: str | None, waivers: tuple, time_limit: float) -> bytes:
    """Everything but the file that a result depends on, hashed once per run and choice."""
    today = datetime.date.today().isoformat() if waivers else None  # a waiver may expire overnight
    memo = (id(choice), lang, reader, repr(waivers), today, time_limit)
    known = _CONTEXTS.get(memo)
    if known is None:
        from linter.formats import limits

        known = cache.key(__version__, _code_stamp(), lang, reader, memo[3], today, time_limit,
                          limits.stamp(), choice_identity(choice)).encode("ascii")
        _CONTEXTS[memo] = known
    return known


def key(data: bytes, display: str, choice, lang: str, reader: str | None, waivers: tuple,
        time_limit: float) -> bytes:
    """The cache key of one file's result."""
    hasher = blake2b(data, digest_size=20)
    hasher.update(b"\0" + display.encode("utf-8", "surrogatepass") + b"\0")
    hasher.update(_context(choice, lang, reader, waivers, time_limit))
    return hasher.digest()


class _Database:
    """The open database of this process (None until first used; `broken` once it failed)."""

    def __init__(self) -> None:
        self.connection = None
        self.path: Path | None = None
        self.broken = False
        self.pending: list[tuple] = []
        self.touched: list[bytes] = []
        self.today = datetime.date.today().toordinal()

    def open(self):
        if self.connection is not None or self.broken:
            return self.connection
        folder = cache.directory() if cache.enabled() else None
        if folder is None:
            self.broken = True
            return None
        self.path = folder / DATABASE
        import sqlite3

        try:
            self.connection = self._connect()
        except sqlite3.OperationalError:  # busy, read-only, no space: no cache this time
            self.broken = True
        except sqlite3.DatabaseError:  # not a database (damaged): set aside and started again
            self._set_aside()
            try:
                self.connection = self._connect()
            except Exception:  # noqa: BLE001 - no cache this time
                self.broken = True
        except Exception:  # noqa: BLE001 - a folder that cannot be made, someone else's file
            self.broken = True
        return self.connection

    def _connect(self):
        import sqlite3

        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and hasattr(os, "getuid") and self.path.stat().st_uid != os.getuid():
            raise PermissionError("someone else's cache: never unpickle it")
        connection = sqlite3.connect(str(self.path), timeout=2.0, isolation_level=None,
                                     check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")  # (see the module's docstring)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != _SCHEMA:
            connection.execute("DROP TABLE IF EXISTS results")
            # a rowid table: values stay out of the key's index (4x faster to fill, 3x to look up)
            connection.execute("CREATE TABLE results (key BLOB PRIMARY KEY, value BLOB NOT NULL, "
                               "used INTEGER NOT NULL)")
            connection.execute(f"PRAGMA user_version={_SCHEMA}")
        return connection

    def _set_aside(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except OSError:
                pass

    def fail(self, error: Exception) -> None:
        """A query failed: stop using the cache for this run; a damaged database is set aside."""
        import sqlite3

        self.broken = True
        self.pending.clear()
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # noqa: BLE001
                pass
            self.connection = None
        if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError):
            self._set_aside()


_db = _Database()
_inherited: list = []  # connections a forked worker inherited: never used, never closed


def _after_fork_in_child() -> None:
    """A worker process starts with its own database handle (SQLite handles must not cross a fork).

    The parent's connection is kept, unused and never closed, so that closing it cannot
    checkpoint or unlink the parent's write-ahead log.
    """
    global _db
    if _db.connection is not None:
        _inherited.append(_db.connection)
    _db = _Database()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def load(entry_key: bytes):
    """The cached FileResult of a key, or None."""
    connection = _db.open()
    if connection is None:
        return None
    try:
        row = connection.execute("SELECT value, used FROM results WHERE key = ?", (entry_key,)).fetchone()
    except Exception as error:  # noqa: BLE001 - busy or damaged: no cache this run
        _db.fail(error)
        return None
    return None if row is None else _result_of(entry_key, *row)


_LOOKUP = 128  # keys looked up per query by load_many


def load_many(entry_keys: list[bytes]) -> Iterator:
    """What `load` gives for each key, in order: a FileResult, or None for a miss.

    One query fetches the values of up to `_LOOKUP` keys; each value is checked and
    decoded only when its turn comes, so that one result at a time is alive.
    """
    connection = _db.open() if entry_keys else None
    for start in range(0, len(entry_keys), _LOOKUP):
        chunk = entry_keys[start:start + _LOOKUP]
        rows = {}
        if connection is not None and not _db.broken:
            query = f"SELECT key, value, used FROM results WHERE key IN ({','.join('?' * len(chunk))})"
            try:
                # (bound as bytearrays: the same blobs, which sqlite3 binds as they are, where for
                # each bytes object it first looks for an adapter, and fails, by raising and
                # dropping two AttributeErrors)
                found = connection.execute(query, list(map(bytearray, chunk))).fetchall()
                rows = {row[0]: row for row in found}
            except Exception as error:  # noqa: BLE001 - busy or damaged: no cache this run
                _db.fail(error)
        for entry_key in chunk:
            row = rows.get(entry_key)
            yield None if row is None else _result_of(entry_key, row[1], row[2])


def _result_of(entry_key: bytes, value: bytes, used: int):
    """The FileResult a value stored under `entry_key` holds, or None when the value is damaged
    (or another key's) or stale."""
    payload = memoryview(value)[_CHECK:]  # (a view: the payload is not copied to be checked and read)
    if _check(entry_key, payload) != int.from_bytes(value[:_CHECK], "big"):
        return None  # damaged: linted again and replaced
    try:
        result = _decode(payload)
    except Exception:  # noqa: BLE001 - a stale or damaged entry is a miss, never an error
        return None
    if used < _db.today:
        _db.touched.append(entry_key)
    return result


def store(entry_key: bytes, result) -> None:
    """Keep a result, unless it could not be read or a rule failed (a time limit may trip under load)."""
    if not _db.broken:
        store_value(entry_key, value_of(result, entry_key))


def value_of(result, entry_key: bytes) -> bytes | None:
    """What `store` keeps of a result under `entry_key` (None: a result not to keep), to store
    with `store_value`.

    A worker process makes it and sends it to the parent, which stores it and reads the result
    back from it with `result_of_value`: cheaper, on the parent's side, than receiving the
    result and making the value there.
    """
    if result.error is not None or any(f.rule == "internal-error" for f in result.findings):
        return None
    try:
        payload = _encode(result.compact())
    except Exception:  # noqa: BLE001 - an unpicklable value (a plugin's) is simply not cached
        return None
    return _check(entry_key, payload).to_bytes(_CHECK, "big") + payload


def store_value(entry_key: bytes, value: bytes | None) -> None:
    """Keep a value made by `value_of` (nothing for None)."""
    if value is None or _db.broken:
        return
    _db.pending.append((entry_key, value, _db.today))
    if len(_db.pending) >= _BATCH:
        flush()


def result_of_value(value: bytes):
    """The result a value made by `value_of` in this run holds (as a later run reads it)."""
    return _decode(memoryview(value)[_CHECK:])


# A payload is marshal's encoding of plain tuples (several times faster to read back than a
# pickle of the records), or, for a result holding something marshal cannot write (a plugin's
# data), a pickle. The first byte says which (b"c" was the columns before fixes were columns
# of their own: such a value is now unknown, a miss).
_COLUMNS, _PICKLE = b"f", b"p"


def _encode(result) -> bytes:
    lines = result.lines
    kept = (lines.starts, lines.length, lines.texts) if lines is not None else None
    try:
        return _COLUMNS + marshal.dumps((result.path, result.ruleset, result.encoding, result.format,
                                         result.error, result.ruleset_reason, kept, _columns(result.findings)))
    except ValueError:
        return _PICKLE + pickling.dumps(result, protocol=pickling.HIGHEST_PROTOCOL)


def _columns(findings) -> tuple:
    """The findings as one tuple of values per field, each value one marshal writes (() for none).

    Turned around by `zip` and each field made plain by `map`, in C: a finding at a time in
    Python cost about as much as marshal itself, and a file may have a hundred findings. Only
    a field that holds records (a severity, a fix) or may hold another mapping than a dict is
    made plain, a location only when some finding has one, and the fixes (`_fix_columns`)
    only when some finding has one (None otherwise).
    """
    if not findings:
        return ()
    (paths, rules, severities, messages, lines, columns, end_lines, end_columns, data, locations,
     fingerprints, fixes) = zip(*findings)
    return (paths, rules, tuple(map(int, severities)), messages, lines, columns, end_lines, end_columns,
            tuple(map(dict, data)), tuple(map(_plain_location, locations)) if any(locations) else locations,
            fingerprints, _fix_columns(fixes) if any(fixes) else None)


def _plain_location(location):
    return dict(location) if location is not None else None


_EDITS, _SAFETY, _INDEPENDENT = attrgetter("edits"), attrgetter("safety"), attrgetter("independent")  # of a Fix


def _fix_columns(fixes: tuple) -> tuple:
    """The fixes of a file's findings (None for a finding without one) as columns, made in C:
    the indexes of the findings that have one, each fix's number of edits, its safety and
    independence, and the starts, ends and texts of all their edits, one after the other.

    A file with findings to fix mostly has many (a pinyin annotation every few characters,
    a character of a traditional-conversion fix each), and a fix at a time in Python, with
    an edit a tuple, cost more than the rest of the findings.
    """
    present = tuple(filter(None, fixes))  # (a Fix is a tuple of three fields: never false)
    edits = chain.from_iterable(map(_EDITS, present))
    return (tuple(compress(count(), map(is_not, fixes, repeat(None)))), tuple(map(len, map(_EDITS, present))),
            tuple(map(_SAFETY, present)), tuple(map(_INDEPENDENT, present)), tuple(zip(*edits)))


def _decode(payload):
    """The FileResult of a payload `_encode` made (bytes or a memoryview of them)."""
    if payload[:1] == _PICKLE:
        return pickling.loads(payload[1:])
    if payload[:1] != _COLUMNS:
        raise ValueError("unknown value")
    path, ruleset, encoding, fmt, error, reason, kept, columns = marshal.loads(payload[1:])
    return _new_result((path, _findings(columns), ruleset, encoding, fmt, error, reason,
                        KeptLines(*kept) if kept is not None else None))


def _findings(columns: tuple) -> tuple:
    """The Finding records of `_columns`' fields, made in C (a fix only where there is one)."""
    if not columns:
        return ()
    fixes = columns[11]
    return tuple(map(_new_finding, zip(*columns[:2], map(_SEVERITIES.__getitem__, columns[2]), *columns[3:11],
                                       _fixes_of(fixes, len(columns[0])) if fixes is not None else repeat(None))))


def _fixes_of(columns: tuple, findings: int):
    """The fix of each of `findings` findings (or None), from `_fix_columns`' columns, made in C."""
    where, sizes, safeties, independents, edit_fields = columns
    edits = map(_new_edit, zip(*edit_fields))
    made = map(_new_fix, zip(map(tuple, map(islice, repeat(edits), sizes)), safeties, independents))
    return map(dict(zip(where, made)).get, range(findings))


_SEVERITIES = {int(severity): severity for severity in Severity}
# Finding._make and the others without their Python-level call (and length check: the values
# were written from records of these very fields): a warm run builds every cached result
_new_finding = functools.partial(tuple.__new__, Finding)
_new_edit = functools.partial(tuple.__new__, Edit)
_new_fix = functools.partial(tuple.__new__, Fix)
_new_result = functools.partial(tuple.__new__, FileResult)


def drain_touched() -> list[bytes]:
    """The keys read today for the first time, handed over (a worker sends them to the parent)."""
    touched, _db.touched = _db.touched, []
    return touched


def touched(keys: list[bytes]) -> None:
    """Record keys a worker read, so that the parent marks them used when it flushes."""
    _db.touched.extend(keys)


def close() -> None:
    """Write what is kept (`flush`) and close the database; it opens again when next used.

    Closing is when SQLite folds the write-ahead log back into the database and deletes it:
    a process that ends without closing leaves the log for the next run to read.
    """
    flush()
    connection, _db.connection = _db.connection, None
    if connection is not None:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - nothing more to write: a failure to close changes nothing
            pass


def flush() -> None:
    """Write the results kept so far (one transaction) and mark the ones read today."""
    if not (_db.pending or _db.touched):
        return
    connection = _db.open()
    if connection is None:
        return
    pending, touched = _db.pending, _db.touched
    _db.pending, _db.touched = [], []
    try:
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany("INSERT OR REPLACE INTO results (key, value, used) VALUES (?, ?, ?)", pending)
            connection.executemany("UPDATE results SET used = ? WHERE key = ?",
                                   [(_db.today, k) for k in touched])
            if os.urandom(1)[0] < 3:  # now and then: drop what nobody used for a month
                connection.execute("DELETE FROM results WHERE used < ?", (_db.today - _MAX_AGE_DAYS,))
    except Exception as error:  # noqa: BLE001 - busy (another run is writing) or damaged: not kept
        _db.fail(error)
