"""Rulesets: YAML files that configure rules from rule kinds.

A ruleset file has `name`, `description`, `extends` (built-in names or paths)
and `rules`, each with `id`, `kind`, `severity`, `description`, `message(s)`,
`explain` and `options`. A rule with the id of an inherited rule changes it: the
keys it gives replace the inherited ones (so `{id: missing-source, severity:
error}` only raises a severity). Everything is validated when the file is loaded
- unknown keys, unknown kinds, option types, regular expressions - and a problem is
reported as `file:line: message`.
"""

from __future__ import annotations

import os
from pathlib import Path

from linter import __version__, cache
from linter.errors import ConfigError
from linter.finding import Severity
from linter.paths import display_path
from linter.records import NamedTuple
from linter.registry import kinds
from linter.yamlfile import first_error, load_yaml

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from typing import Any

RULE_ID = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"


class LocalText(NamedTuple):
    """A text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def model_dump(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


class Rule(NamedTuple):
    """A rule ready to run: its kind instance and validated options."""

    id: str
    kind_name: str
    kind: Any
    severity: Severity
    options: Any
    messages: dict[str, LocalText]
    description: LocalText | None
    explain: LocalText | None
    origin: str
    waivable: bool = True

    def message(self, variant: str, lang: str) -> str:
        text = self.messages.get(variant) or self.messages.get("default")
        if text is None:
            return self.id
        return text.get(lang)


# Findings the engine itself makes (not configured by a ruleset); selectable and ignorable.
META_RULES = ("unused-suppression", "expired-waiver", "internal-error", "no-text-layer", "input-limit")


class Ruleset(NamedTuple):
    name: str
    path: str
    description: LocalText | None
    rules: tuple[Rule, ...]
    meta: frozenset[str] = frozenset(META_RULES)
    warnings: tuple[str, ...] = ()  # `file:line: warning: …` lines found when the ruleset was loaded

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def restricted(self, select: list[str] | None, ignore: list[str] | None, where: str,
                   known: set[str] | None = None) -> "Ruleset":
        """Keep the selected rules (all when `select` is None or has "ALL") minus the ignored.

        A rule id outside `known` (default: this ruleset's ids) is an error.
        """
        known = (known if known is not None else {r.id for r in self.rules}) | set(META_RULES)
        for rule_id in list(select or []) + list(ignore or []):
            if rule_id != "ALL" and rule_id not in known:
                raise ConfigError(f"unknown rule '{rule_id}' in {where} (known rules: "
                                  f"{', '.join(sorted(known))})")

        def wanted(rule_id: str) -> bool:
            return (not select or "ALL" in select or rule_id in select) and rule_id not in (ignore or [])

        chosen = [r for r in self.rules if wanted(r.id)]
        meta = frozenset(m for m in self.meta if wanted(m))
        return Ruleset(self.name, self.path, self.description, tuple(chosen), meta, self.warnings)


def builtin_dir() -> Path:
    """Where the built-in rulesets are: inside the wheel, or at the top of a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "rulesets", package.parent / "rulesets"):
        if candidate.is_dir():
            return candidate
    return package / "rulesets"


def builtin_names() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def resolve(name_or_path: str, base_dir: str | os.PathLike | None = None) -> Path:
    """A ruleset name (`common`) or a path (`./rules.yaml`) -> the file."""
    looks_like_path = any(sep in name_or_path for sep in ("/", os.sep)) or name_or_path.endswith(
        (".yaml", ".yml"))
    if looks_like_path:
        path = Path(name_or_path).expanduser()
        if not path.is_absolute() and base_dir is not None:
            path = Path(base_dir) / path
        if not path.is_file():
            raise ConfigError(f"ruleset file not found: {name_or_path}")
        return path
    path = builtin_dir() / f"{name_or_path}.yaml"
    if not path.is_file():
        raise ConfigError(f"unknown ruleset '{name_or_path}' (built-in: {', '.join(builtin_names())}; "
                          "or give a path to a .yaml file)")
    return path


_CACHE: dict[str, Ruleset] = {}


def load_ruleset(name_or_path: str, base_dir: str | os.PathLike | None = None) -> Ruleset:
    path = resolve(name_or_path, base_dir).resolve()
    key = str(path)
    if key not in _CACHE:
        _CACHE[key] = _from_cache(path) or _compile_file(path)
    return _CACHE[key]


def _display(path: Path) -> str:
    return display_path(path)


# -- validating and compiling (a cache miss) ----------------------------------------------------

def _compile_file(path: Path) -> Ruleset:
    """Parse, validate and compile `path` and what it extends; store the result in the cache."""
    merged: dict[str, dict] = {}
    files: list[tuple[str, str | None]] = []
    info = _merge(path, merged, (), files)
    rules, stored, warnings = [], [], []
    for rule_id, entry in merged.items():
        kind_class, options = _validated(rule_id, entry)
        if entry.get("enabled") is False:
            continue
        warnings.extend(_pattern_warnings(rule_id, entry))
        origin = entry["located"]["rule"][0].path
        rules.append(_rule(rule_id, entry, kind_class, options, origin))
        plain = {k: v for k, v in entry.items() if k not in ("located", "origin")}
        stored.append((rule_id, plain, entry["origin"], options if kind_class.plain_options else None))
    description = LocalText(**info.description.model_dump()) if info.description else None
    if all(digest is not None for _, digest in files):
        cache.store("ruleset", _cache_key(path), {"files": tuple(files), "name": info.name,
                                                  "description": description, "rules": tuple(stored),
                                                  "warnings": tuple(warnings)})
    return Ruleset(info.name or path.stem, _display(path), description, tuple(rules),
                   warnings=tuple(warnings))


_PATTERN_KEYS = ("pattern", "patterns", "exclude", "unless")


def _pattern_warnings(rule_id: str, entry: dict) -> list[str]:
    """A warning for every regular expression in the rule's options that may backtrack badly."""
    from linter.kinds.patterns import MATCH_TIMEOUT
    from linter.regexcheck import risky_pattern

    located, where = entry["located"].get("options", entry["located"]["rule"])
    found = []

    def walk(value, path: tuple, is_pattern: bool) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,), key in _PATTERN_KEYS)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,), is_pattern)
        elif is_pattern and isinstance(value, str):
            reason = risky_pattern(value)
            if reason:
                line = located.line_of(where + path)
                place = f"{located.path}:{line}" if line else located.path
                found.append(f"{place}: warning: rule '{rule_id}': pattern {value!r} may backtrack "
                             f"catastrophically ({reason}); it runs with a {MATCH_TIMEOUT:g} s timeout")

    walk(entry.get("options") or {}, (), False)
    return found


def _merge(path: Path, merged: dict[str, dict], chain: tuple[Path, ...], files: list):
    from pydantic import ValidationError

    from linter.ruleset_schema import RulesetSpec

    if path in chain:
        names = " -> ".join(p.name for p in chain + (path,))
        raise ConfigError(f"ruleset extends itself: {names}", _display(path))
    located = load_yaml(str(path), _display(path))
    files.append((str(path), located.digest))
    if located.data is None:
        located.data = {}
    if not isinstance(located.data, dict):
        raise ConfigError("a ruleset must be a mapping with 'rules'", located.path, 1)
    try:
        spec = RulesetSpec.model_validate(located.data)
    except ValidationError as exc:
        raise first_error(exc, located) from None
    parents = [spec.extends] if isinstance(spec.extends, str) else spec.extends
    for index, parent in enumerate(parents):
        try:
            parent_path = resolve(parent, path.parent).resolve()
        except ConfigError as exc:
            line = located.line_of(("extends", index)) if isinstance(spec.extends, list) \
                else located.line_of(("extends",))
            raise ConfigError(exc.message, located.path, line) from None
        _merge(parent_path, merged, chain + (path,), files)
    seen: set[str] = set()
    for index, rule in enumerate(spec.rules):
        if rule.id in seen:
            raise ConfigError(f"rule '{rule.id}' is defined twice", located.path,
                              located.line_of(("rules", index)))
        seen.add(rule.id)
        given = rule.model_dump(exclude_none=True)
        entry = merged.setdefault(rule.id, {"located": {}})
        for key, value in given.items():
            entry[key] = value
            entry["located"][key] = (located, ("rules", index, key))
        entry["located"].setdefault("id", (located, ("rules", index)))
        entry["located"]["rule"] = (located, ("rules", index))
        entry["origin"] = str(path)
    return spec


def _validated(rule_id: str, entry: dict) -> tuple[Any, Any]:
    """The kind class and the validated options of a merged rule; ConfigError at the right line."""
    from pydantic import ValidationError

    from linter.frozen import freeze

    located, where = entry["located"]["rule"]
    kind_name = entry.get("kind")
    if not kind_name:
        raise ConfigError(f"rule '{rule_id}' has no kind (and extends no rule of that id)",
                          located.path, located.line_of(where))
    kind_located, kind_where = entry["located"].get("kind", (located, where))
    if kind_name not in kinds():
        raise ConfigError(f"rule '{rule_id}': unknown kind '{kind_name}' (known: "
                          f"{', '.join(kinds().names())})", kind_located.path,
                          kind_located.line_of(kind_where))
    try:
        kind_class = kinds().load(kind_name)
    except ConfigError as exc:
        raise ConfigError(exc.message, kind_located.path, kind_located.line_of(kind_where)) from None
    options_located, options_where = entry["located"].get("options", (located, where))
    try:
        options = kind_class.Options.model_validate(entry.get("options", {}))
    except ValidationError as exc:
        error = first_error(exc, options_located, options_where)
        raise ConfigError(f"rule '{rule_id}': {error.message}", error.path, error.line) from None
    return kind_class, freeze(options) if kind_class.plain_options else options


def _rule(rule_id: str, entry: dict, kind_class: Any, options: Any, origin: str) -> Rule:
    # `message` replaces every message of the kind; `messages` then replaces single variants.
    messages = {variant: LocalText(**text) for variant, text in kind_class.messages.items()}
    if entry.get("message"):
        messages = {variant: LocalText(**entry["message"]) for variant in messages or ["default"]}
        messages.setdefault("default", LocalText(**entry["message"]))
    for variant, text in (entry.get("messages") or {}).items():
        messages[variant] = LocalText(**text)
    return Rule(
        id=rule_id, kind_name=entry["kind"], kind=kind_class(),
        severity=Severity.parse(entry.get("severity") or "warning"),
        options=options, messages=messages,
        description=LocalText(**entry["description"]) if entry.get("description") else None,
        explain=LocalText(**entry["explain"]) if entry.get("explain") else None,
        origin=origin, waivable=entry.get("waivable", True),
    )


# -- the start-up cache --------------------------------------------------------------------------

def _cache_key(path: Path) -> str:
    """Everything a compiled ruleset depends on except its files' contents (checked on load)."""
    return cache.key("ruleset", __version__, cache.python_tag(), str(path), str(builtin_dir()),
                     os.path.expanduser("~"), _code_stamp(), kinds().table())


_CODE_STAMP: tuple | None = None


def _code_stamp() -> tuple:
    """Size and time of the code that validates and compiles rulesets (a source checkout changes)."""
    global _CODE_STAMP
    if _CODE_STAMP is None:
        package = Path(__file__).resolve().parent
        kinds_dir = package / "kinds"
        try:
            kind_files = sorted(str(kinds_dir / name) for name in os.listdir(kinds_dir) if name.endswith(".py"))
        except OSError:
            kind_files = []
        own = [package / name for name in ("__init__.py", "ruleset.py", "ruleset_schema.py", "frozen.py",
                                           "yamlfile.py")]
        _CODE_STAMP = cache.file_stamps([*own, *kind_files])
    return _CODE_STAMP


_SOURCES: dict[Path, str | None] = {}
# start-up cache entries whose files source_identity found unchanged, for _from_cache to use
# rather than read, unpickle and check them again (a run asks for both, in that order)
_CHECKED: dict[Path, dict] = {}


def source_identity(name_or_path: str, base_dir: str | os.PathLike | None = None,
                    again: bool = False) -> str | None:
    """A digest of everything a compiled ruleset is made from, without compiling or loading it.

    That is its start-up cache key (disclint's version and code, the installed kinds) and
    the digests of the files it was compiled from (the ruleset and what it extends), which
    are read again here. None when the start-up cache has no entry for it, or a file changed.
    `again` looks again after the ruleset was compiled (and so stored).
    """
    path = resolve(name_or_path, base_dir).resolve()
    if again or path not in _SOURCES:
        _SOURCES[path] = None
        if cache.enabled():
            entry_key = _cache_key(path)
            stored = cache.load("ruleset", entry_key)
            files = stored.get("files") if isinstance(stored, dict) else None
            if files and _unchanged(files):
                _SOURCES[path] = _source_identity(entry_key, files)
                _CHECKED[path] = stored
    return _SOURCES[path]


def _source_identity(entry_key: str, files) -> str:
    """`source_identity` of the ruleset stored under `entry_key`, made from `files`, found unchanged."""
    return cache.key(entry_key, files)


def _unchanged(files) -> bool:
    """Whether every (file, digest) pair still holds."""
    try:
        for file, digest in files:
            with open(file, "rb") as handle:
                if cache.digest(handle.read()) != digest:
                    return False
    except (OSError, TypeError, ValueError):
        return False
    return True


def _from_cache(path: Path) -> Ruleset | None:
    """The compiled ruleset from the cache, if every file it came from is unchanged."""
    from linter.frozen import freeze

    if not cache.enabled():
        return None
    stored = _CHECKED.pop(path, None)
    try:
        if stored is None:
            entry_key = _cache_key(path)
            stored = cache.load("ruleset", entry_key)
            if not _unchanged(stored["files"]):
                return None
            if path not in _SOURCES:  # checked just now: `source_identity` need not load and check it again
                _SOURCES[path] = _source_identity(entry_key, stored["files"])
        rules = []
        shown: dict[str, str] = {}  # each file's display name: the rules come from a few files
        for rule_id, entry, origin, options in stored["rules"]:
            kind_class = kinds().load(entry["kind"])
            if options is None:  # a kind that takes its pydantic model: validate again
                options = kind_class.Options.model_validate(entry.get("options", {}))
                if kind_class.plain_options:
                    options = freeze(options)
            elif not kind_class.plain_options:
                return None
            if origin not in shown:
                shown[origin] = _display(Path(origin))
            rules.append(_rule(rule_id, entry, kind_class, options, shown[origin]))
        return Ruleset(stored["name"] or path.stem, _display(path), stored["description"], tuple(rules),
                       warnings=tuple(stored.get("warnings", ())))
    except Exception:  # noqa: BLE001 - no entry, a stale or odd one: compile (and report) for real
        return None


def __getattr__(name: str) -> Any:
    if name in ("RuleSpec", "RulesetSpec"):  # the file format's models, for code that validated with them
        from linter import ruleset_schema

        return getattr(ruleset_schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
