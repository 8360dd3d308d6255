"""Project configuration: `.disclint.yaml`, or `[tool.disclint]` in pyproject.toml.

The closest configuration file above a checked file applies to it (like ruff);
there is no implicit merging between directories. Keys: `ruleset`, `select`,
`ignore`, `include`, `exclude`, `fail_on`, `lang`, `max_file_size`, `baseline`,
`overrides` (a list of `{files: [globs], ruleset, select, ignore}` applied to
files matching the globs, relative to the configuration file's folder) and
`waivers` (a list of `{rule, files, reason, expires, text}`: the only way to
accept findings of rules that are not waivable inline).
"""

from __future__ import annotations

import datetime
import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from linter.errors import ConfigError
from linter.paths import display_path
from linter.suppress import Waiver
from linter.yamlfile import Located, first_error, load_yaml

CONFIG_NAMES = (".disclint.yaml", ".disclint.yml")


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid")
    files: list[str] = Field(min_length=1)
    ruleset: str | None = None
    select: list[str] | None = None
    ignore: list[str] = []


class WaiverModel(BaseModel):
    """Accept one rule's findings in some files, for a reason, until a date."""

    model_config = ConfigDict(extra="forbid")
    rule: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    files: list[str] = Field(default=["*"], min_length=1)
    reason: str = Field(min_length=1)
    expires: datetime.date
    text: str | None = None


class ConfigModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ruleset: str | None = None
    select: list[str] | None = None
    ignore: list[str] = []
    include: list[str] | None = None
    exclude: list[str] = []
    fail_on: Literal["error", "warning", "info"] | None = None
    lang: Literal["zh", "en"] | None = None
    max_file_size: int | None = Field(default=None, ge=1, description="MiB")
    overrides: list[Override] = []
    waivers: list[WaiverModel] = []
    baseline: str | None = None


@dataclass(frozen=True)
class Config:
    """A loaded configuration and the folder its relative paths start from."""

    path: str | None
    root: Path
    model: ConfigModel

    def for_file(self, path: Path) -> tuple[str | None, list[str] | None, list[str]]:
        """The ruleset, select and ignore lists that apply to `path`."""
        ruleset, select, ignore = self.model.ruleset, self.model.select, list(self.model.ignore)
        relative = _relative(path, self.root)
        for override in self.model.overrides:
            if relative is not None and any(matches(relative, g) for g in override.files):
                ruleset = override.ruleset or ruleset
                select = override.select if override.select is not None else select
                ignore = ignore + override.ignore
        return ruleset, select, ignore

    def waivers_for(self, path: Path) -> tuple[Waiver, ...]:
        relative = _relative(path, self.root)
        if relative is None:
            return ()
        return tuple(Waiver(w.rule, w.reason, w.expires, w.text, self.path or "")
                     for w in self.model.waivers if any(matches(relative, g) for g in w.files))


EMPTY = Config(None, Path.cwd(), ConfigModel())


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
    path = Path(path)
    shown = display_path(path)
    if path.name == "pyproject.toml":
        data, located = _pyproject_table(path, shown)
        if data is None:
            raise ConfigError("has no [tool.disclint] table", shown)
    else:
        located = load_yaml(str(path), shown)
        data = located.data if located.data is not None else {}
        if not isinstance(data, dict):
            raise ConfigError("a configuration file must be a mapping", shown, 1)
    try:
        model = ConfigModel.model_validate(data)
    except ValidationError as exc:
        raise first_error(exc, located) from None
    return Config(str(path), path.parent.resolve(), model)


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


def _pyproject_table(path: Path, shown: str) -> tuple[dict | None, Located]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
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
