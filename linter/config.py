"""Project configuration: `.disclint.yaml`, or `[tool.disclint]` in pyproject.toml.

The closest configuration file above a checked file applies to it (like ruff);
there is no implicit merging between directories. Keys: `ruleset`, `select`,
`ignore`, `include`, `exclude`, `fail_on`, `lang`, `max_file_size`, `baseline`,
`overrides` (a list of `{files: [globs], ruleset, select, ignore}` applied to
files matching the globs, relative to the configuration file's folder) and
`waivers` (a list of `{rule, files, reason, expires, text}`: the only way to
accept findings of rules that are not waivable inline).

A file is validated against linter.config_schema (pydantic) and its values kept
as a read-only record (linter.frozen) in the start-up cache (linter.cache), keyed
by its path and the hash of its bytes; an unchanged file is read back from there
without YAML, TOML or pydantic.
"""

from __future__ import annotations

import fnmatch
import functools
import os
from pathlib import Path

from linter import __version__, cache
from linter.errors import ConfigError
from linter.frozen import Frozen
from linter.paths import display_path
from linter.records import NamedTuple
from linter.waiver import Waiver
from linter.yamlfile import MAX_YAML_BYTES, Located, first_error, parse_yaml

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from typing import Any

CONFIG_NAMES = (".disclint.yaml", ".disclint.yml")

# What an empty configuration means: the defaults of linter.config_schema.ConfigModel
# (a test keeps the two equal), without importing pydantic to find them out.
DEFAULTS = Frozen({"ruleset": None, "select": None, "ignore": [], "include": None, "exclude": [],
                   "fail_on": None, "lang": None, "max_file_size": None, "overrides": [], "waivers": [],
                   "baseline": None})


class Config(NamedTuple):
    """A loaded configuration and the folder its relative paths start from."""

    path: str | None
    root: Path
    model: Frozen  # the validated ConfigModel's values, read-only (linter.frozen)

    def for_file(self, path: Path) -> tuple[str | None, list[str] | None, list[str]]:
        """The ruleset, select and ignore lists that apply to `path`."""
        ruleset, select, ignore = self.model.ruleset, self.model.select, list(self.model.ignore)
        if not self.model.overrides:
            return ruleset, select, ignore
        relative = _relative(path, self.root)
        for override in self.model.overrides:
            if relative is not None and any(matches(relative, g) for g in override.files):
                ruleset = override.ruleset or ruleset
                select = override.select if override.select is not None else select
                ignore = ignore + override.ignore
        return ruleset, select, ignore

    def waivers_for(self, path: Path) -> tuple[Waiver, ...]:
        if not self.model.waivers:
            return ()
        relative = _relative(path, self.root)
        if relative is None:
            return ()
        return tuple(Waiver(w.rule, w.reason, w.expires, w.text, self.path or "")
                     for w in self.model.waivers if any(matches(relative, g) for g in w.files))


EMPTY = Config(None, Path.cwd(), DEFAULTS)


def matches(relative: str, pattern: str) -> bool:
    """Glob match: a pattern with "/" matches the relative path, one without matches any part."""
    pattern = pattern.rstrip("/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if "/" in pattern:
        return fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(relative, pattern + "/*")
    return any(fnmatch.fnmatchcase(part, pattern) for part in relative.split("/"))


def _relative(path: Path, root: Path) -> str | None:
    try:
        return Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(root))).as_posix()
    except ValueError:
        return None


def load_config(path: str | os.PathLike) -> Config:
    """Read and validate a configuration file; an unchanged one comes from the start-up cache."""
    path = Path(path)
    shown = display_path(path)
    raw = _read(path, shown)
    entry_key = cache.key("config", __version__, cache.python_tag(), str(path.resolve()), _code_stamp(),
                          cache.digest(raw))
    model = cache.load("config", entry_key)
    if not isinstance(model, Frozen):
        model = _validated(path, shown, raw)
        cache.store("config", entry_key, model)
    return Config(str(path), path.parent.resolve(), model)


def _read(path: Path, shown: str) -> bytes:
    """The file's bytes, with the errors the YAML and TOML readers give."""
    pyproject = path.name == "pyproject.toml"
    try:
        with open(path, "rb") as handle:
            raw = handle.read() if pyproject else handle.read(MAX_YAML_BYTES + 1)
    except OSError as exc:
        if pyproject:
            raise ConfigError(f"cannot read: {exc}", shown) from None
        if isinstance(exc, FileNotFoundError):
            raise ConfigError("no such file", shown) from None
        raise ConfigError(f"cannot read: {exc.strerror or exc}", shown) from None
    if not pyproject and len(raw) > MAX_YAML_BYTES:
        raise ConfigError("YAML file too large (over 2 MiB)", shown)
    return raw


def _validated(path: Path, shown: str, raw: bytes) -> Frozen:
    from pydantic import ValidationError

    from linter.config_schema import ConfigModel
    from linter.frozen import freeze

    if path.name == "pyproject.toml":
        data, located = _pyproject_table(raw, shown)
        if data is None:
            raise ConfigError("has no [tool.disclint] table", shown)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ConfigError("not UTF-8 text", shown) from None
        located = parse_yaml(text, shown)
        data = located.data if located.data is not None else {}
        if not isinstance(data, dict):
            raise ConfigError("a configuration file must be a mapping", shown, 1)
    try:
        model = ConfigModel.model_validate(data)
    except ValidationError as exc:
        raise first_error(exc, located) from None
    return freeze(model)


@functools.lru_cache(maxsize=1)
def _code_stamp() -> tuple:
    package = Path(__file__).resolve().parent
    return cache.file_stamps([package / "config.py", package / "config_schema.py", package / "frozen.py"])


def find_config(start: Path) -> Path | None:
    """The closest `.disclint.yaml` or pyproject.toml with `[tool.disclint]` at or above `start`."""
    folder = start.resolve()
    if folder.is_file() or not folder.exists():
        folder = folder.parent
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return b"[tool.disclint" in handle.read()
    except OSError:
        return False


def _pyproject_table(raw: bytes, shown: str) -> tuple[dict | None, Located]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text() reads
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot read: {exc}", shown) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", shown) from None
    table = data.get("tool", {}).get("disclint")
    return table, Located(shown, table, _toml_lines(text))


def _toml_lines(text: str) -> dict[tuple, int]:
    """Best-effort key -> line map for the [tool.disclint] table (TOML parsers give none)."""
    lines: dict[tuple, int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.startswith("[tool.disclint]") or stripped.startswith("[[tool.disclint.")
            if inside and () not in lines:
                lines[()] = number
            continue
        if inside and "=" in stripped and not stripped.startswith("#"):
            key = stripped.split("=", 1)[0].strip().strip('"')
            lines.setdefault((key,), number)
    return lines


def __getattr__(name: str) -> Any:
    if name in ("ConfigModel", "Override", "WaiverModel"):  # the file format's models (pydantic)
        from linter import config_schema

        return getattr(config_schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
