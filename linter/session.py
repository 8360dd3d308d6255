"""Settings for one run: configuration found per folder, rulesets compiled once per choice.

The command line hands over its options; for each file the session finds the
closest configuration, applies `overrides`, command-line `--ruleset`, `--select`
and `--ignore`, and gives the ruleset choice (`auto` or a fixed ruleset) and the
waivers that apply.
"""

from __future__ import annotations

import os
from pathlib import Path

from linter.autoselect import AUTO, Choice, automatic, fixed
from linter.config import EMPTY, Config, find_config, load_config
from linter.errors import ConfigError
from linter.records import NamedTuple
from linter.ruleset import LocalText, Rule, load_ruleset, resolve

DEFAULT_RULESET = AUTO


class RunOptions(NamedTuple):
    ruleset: str | None = None
    config: str | None = None
    no_config: bool = False
    select: list[str] | None = None
    ignore: tuple[str, ...] = ()


class Session:
    def __init__(self, options: RunOptions, on_warning=None) -> None:
        self.options = options
        self.on_warning = on_warning  # called once with each ruleset warning line
        self._warned: set[str] = set()
        self.base = self._base_config()
        self._configs: dict[str, Config] = {}  # absolute folder -> its configuration
        self._given: dict[str, Config] = {}  # folder as the paths name it -> its configuration
        self._choices: dict[tuple, Choice] = {}
        self._plain_choices: dict[int, tuple[Config, Choice]] = {}  # configurations without overrides
        self._last: tuple[object, Config | None] = (object(), None)  # the path asked for last, its configuration

    def _base_config(self) -> Config | None:
        if self.options.no_config:
            return EMPTY
        if self.options.config:
            if not Path(self.options.config).is_file():
                raise ConfigError("configuration file not found", self.options.config)
            return load_config(self.options.config)
        return None

    def config_for(self, path: Path) -> Config:
        if self.base is not None:
            return self.base
        last, known = self._last
        if path is last:  # a run asks twice for each file (to exclude it, then to check it)
            return known
        given = os.path.dirname(path)  # as written: the files of one folder share it
        config = self._given.get(given)
        if config is None:
            folder = os.path.dirname(os.path.abspath(path))
            config = self._configs.get(folder)
            if config is None:
                found = find_config(Path(folder))
                config = self._configs[folder] = load_config(found) if found else EMPTY
            self._given[given] = config
        self._last = (path, config)
        return config

    def choice_for(self, path: Path, config: Config | None = None) -> Choice:
        """`auto` or a fixed ruleset for `path`, restricted by select/ignore."""
        config = config or self.config_for(path)
        if not config.model.overrides:  # the same choice for every file under this configuration
            known = self._plain_choices.get(id(config))
            if known is not None and known[0] is config:
                return known[1]
            choice = self._choose(path, config)
            self._plain_choices[id(config)] = (config, choice)
            return choice
        return self._choose(path, config)

    def _choose(self, path: Path, config: Config) -> Choice:
        name, select, ignore = config.for_file(path)
        if self.options.ruleset:
            name, base = self.options.ruleset, Path.cwd()
            reason = LocalText(zh="由 --ruleset 指定", en="given with --ruleset")
        elif name:
            base = config.root
            reason = LocalText(zh=f"由配置文件 {config.path} 指定", en=f"configured in {config.path}")
        else:
            name, base = DEFAULT_RULESET, config.root
            reason = LocalText(zh="默认规则集", en="the default ruleset")
        cli_select, cli_ignore = self.options.select, list(self.options.ignore)
        select = cli_select if cli_select is not None else select
        ignore = list(ignore) + cli_ignore
        where = "--select/--ignore" if (cli_select or cli_ignore) else (config.path or "configuration")
        resolved = AUTO if name == AUTO else str(resolve(name, base))
        key = (resolved, tuple(select or ()), tuple(ignore), reason.en)
        if key not in self._choices:
            if name == AUTO:
                self._choices[key] = automatic(select, ignore, where, self._loaded)
            else:
                ruleset = load_ruleset(name, base).restricted(select, ignore, where)
                self._loaded(ruleset)
                self._choices[key] = fixed(ruleset, reason)
        return self._choices[key]

    def _loaded(self, ruleset) -> None:
        """Report a newly loaded ruleset's warnings (each once per run)."""
        if self.on_warning is not None:
            for warning in ruleset.warnings:
                if warning not in self._warned:
                    self._warned.add(warning)
                    self.on_warning(warning)

    def rules_seen(self) -> dict[str, Rule]:
        """Every rule of every ruleset chosen so far (for reporters that list rules)."""
        rules: dict[str, Rule] = {}
        for choice in self._choices.values():
            for ruleset in choice.rulesets.values():
                for rule in ruleset.rules:
                    rules.setdefault(rule.id, rule)
        return rules
