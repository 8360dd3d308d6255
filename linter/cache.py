"""An on-disk cache for what start-up would otherwise rebuild on every run.

disclint keeps here the table of installed plugins (linter.registry), validated
and compiled rulesets (linter.ruleset) and configuration files (linter.config),
compiled regular expressions (linter.regexes) and the keys of OpenCC's t2s
dictionaries (linter.t2s_keys). With them an unchanged setup starts without
importing pydantic, PyYAML, importlib.metadata or OpenCC, and compiles no pattern.

Where: `DISCLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/disclint`, else
`~/.cache/disclint`; `DISCLINT_NO_CACHE=1` turns the cache off. `configure()`
lets the command line override both (`--cache-dir`, `--no-cache`).

An entry is one file named by its namespace and the hash of its key. It holds a
header, a digest of the payload and the pickled value, and is written to a
temporary file in the same folder and renamed into place (`os.replace`), so a
reader never sees half an entry and two runs at once are safe. An entry that
cannot be read, is not owned by the current user, fails its digest or does not
unpickle is ignored; the caller then rebuilds the value and stores it again,
which rewrites the entry. Callers put into the key everything the value depends
on (disclint's version and code, file contents) or re-check it on load. Once a
day at most (on a store, by chance) the entries neither written nor read for 30
days are removed (reading refreshes an entry's time once a day); deleting the
folder is always safe.
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from linter import pickling
from linter.hashing import blake2b

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from typing import Any

ENV_DIR = "DISCLINT_CACHE_DIR"
ENV_OFF = "DISCLINT_NO_CACHE"
_MAGIC = b"disclint-cache 1\n"
_DIGEST_SIZE = 20
_FALSE = ("", "0", "false", "no", "off")
_REFRESH_AFTER = 86400.0  # an entry read a day after it was written gets a new time

_settings: dict[str, Any] = {"directory": None, "enabled": None}


def configure(directory: str | os.PathLike | None = None, enabled: bool | None = None) -> None:
    """Override the environment for this process: a cache folder, or `enabled=False` for none.

    `None` leaves a setting to the environment. The command line calls this before
    anything is loaded: `configure(args.cache_dir, False if args.no_cache else None)`.
    """
    _settings["directory"] = Path(directory).expanduser() if directory is not None else None
    _settings["enabled"] = enabled
    for forget in _on_configure:
        forget()


_on_configure: list = []


def on_configure(forget) -> None:
    """Call `forget()` when the command line picks another cache: what was read from the old one goes."""
    _on_configure.append(forget)


def enabled() -> bool:
    if _settings["enabled"] is not None:
        return bool(_settings["enabled"])
    return os.environ.get(ENV_OFF, "").strip().lower() in _FALSE


def directory() -> Path | None:
    """The cache folder in use (it may not exist yet); None when there is no home to put it in."""
    if _settings["directory"] is not None:
        return _settings["directory"]
    given = os.environ.get(ENV_DIR)
    if given:
        return Path(given).expanduser()
    base = os.environ.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "disclint" if os.path.isabs(base) else None


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=_DIGEST_SIZE).hexdigest()


def key(*parts: Any) -> str:
    """A short hash of `parts` (their repr: use strings, numbers, tuples, lists, dicts)."""
    return digest(repr(parts).encode("utf-8", "surrogatepass"))


def file_stamps(paths: Iterable[str | os.PathLike]) -> tuple:
    """(path, mtime_ns, size) for each file, None for a missing one: cheap change detection."""
    stamps = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            stamps.append((str(path), None))
        else:
            stamps.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(stamps)


def _entry(namespace: str, entry_key: str) -> Path | None:
    folder = directory() if enabled() else None
    return folder / f"{namespace}-{entry_key}.bin" if folder is not None else None


def load(namespace: str, entry_key: str) -> Any | None:
    """The stored value, or None when caching is off or there is no usable entry."""
    path = _entry(namespace, entry_key)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and status.st_uid != os.getuid():
                return None  # someone else's file: never unpickle it
            data = handle.read()
    except OSError:
        return None
    if time.time() - status.st_mtime > _REFRESH_AFTER:
        try:
            os.utime(path)  # in use: keep it from being pruned
        except OSError:
            pass
    head = len(_MAGIC)
    if not data.startswith(_MAGIC) or len(data) < head + _DIGEST_SIZE:
        return None
    stored, payload = data[head:head + _DIGEST_SIZE], data[head + _DIGEST_SIZE:]
    if blake2b(payload, digest_size=_DIGEST_SIZE).digest() != stored:
        return None
    try:
        return _Unpickler(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001 - a stale or damaged entry is a miss, never an error
        return None


class _Unpickler(pickling.Unpickler):
    """`pickle.loads`, except that compiled `regex` patterns are rebuilt with `linter.regexes.engine()`.

    A pickled pattern names `regex._regex.compile`; importing that name the usual way
    imports the whole `regex` package, which a run with all its patterns cached does not
    need (see linter.regexes).
    """

    def find_class(self, module: str, name: str):
        if module == "regex._regex":
            from linter.regexes import engine

            return getattr(engine(), name)
        return super().find_class(module, name)


def store(namespace: str, entry_key: str, value: Any) -> None:
    """Write the entry atomically; a folder that cannot be written just means no cache."""
    target = _entry(namespace, entry_key)
    if target is None:
        return
    try:
        payload = pickling.dumps(value, protocol=pickling.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an unpicklable value (a plugin's) is simply not cached
        return
    data = _MAGIC + blake2b(payload, digest_size=_DIGEST_SIZE).digest() + payload
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return
    if os.urandom(1)[0] < 3:  # now and then (about 1 store in 85), at most daily: drop old entries
        _prune_daily(target.parent)


def _prune_daily(folder: Path) -> None:
    marker = folder / ".pruned"
    try:
        if time.time() - os.stat(marker).st_mtime < 86400:
            return
    except OSError:
        pass
    try:
        marker.touch()
    except OSError:
        return
    prune(folder)


def prune(folder: Path, max_age: float = 30 * 86400) -> None:
    """Remove entries not written or read for `max_age` seconds, and leftover temporary files."""
    now = time.time()
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.endswith(".bin"):
            limit = max_age
        elif name.endswith(".tmp"):
            limit = 3600.0
        else:
            continue
        path = folder / name
        try:
            if now - os.stat(path).st_mtime > limit:
                os.unlink(path)
        except OSError:
            pass


def python_tag() -> str:
    """The interpreter, for keys: pickles and installed packages differ between them."""
    return f"{sys.implementation.cache_tag}-{sys.version}"


class Store:
    """A dict kept in the cache between runs: loaded on first use, new entries added at exit.

    For values that are slow to compute and the same in every run (compiled
    patterns, linter.regexes; what a pattern needs, linter.literals). `key` names
    the store and everything its values depend on. At exit the entries this process
    added are merged with what other runs stored meanwhile; past `max_entries` the
    ones this process used are kept first. A `--cache-dir` given after the first
    use makes the store read again from there.
    """

    def __init__(self, namespace: str, *key: Any, max_entries: int = 1000) -> None:
        self.namespace = namespace
        self.key_parts = key
        self.max_entries = max_entries
        self._values: dict | None = None
        self._added: dict = {}
        self._used: set = set()
        on_configure(self._forget)

    def _forget(self) -> None:
        self._values = None

    def _key(self) -> str:
        return key(self.namespace, *self.key_parts)

    def get(self, entry: Any, default: Any = None) -> Any:
        if self._values is None:
            loaded = load(self.namespace, self._key())
            self._values = loaded if isinstance(loaded, dict) else {}
        self._used.add(entry)
        return self._values.get(entry, default)

    def put(self, entry: Any, value: Any) -> None:
        if self._values is None:
            self.get(entry)
        self._values[entry] = value
        self._used.add(entry)
        if not self._added:
            import atexit

            atexit.register(self.save)
        self._added[entry] = value

    def save(self) -> None:
        """Add this process's new entries to the stored ones (called at exit)."""
        if not self._added:
            return
        current = load(self.namespace, self._key())
        merged = current if isinstance(current, dict) else {}
        merged.update(self._added)
        if len(merged) > self.max_entries:  # what this process used first, then the others
            kept = {entry: merged[entry] for entry in self._used if entry in merged}
            for entry, value in merged.items():
                if len(kept) >= self.max_entries:
                    break
                kept.setdefault(entry, value)
            merged = kept
        store(self.namespace, self._key(), merged)
        self._added.clear()
