"""The `disclint` command line: `check`, `rules`, `explain`; `main(argv) -> exit code`.

Exit codes: 0 nothing at or above `--fail-on`; 1 findings; 2 a usage, config or
input error (always one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from linter import __version__
from linter.config import EMPTY, Config, find_config, load_config
from linter.discover import DEFAULT_INCLUDE, is_excluded, iter_targets
from linter.errors import ConfigError, DisclintError, UsageError
from linter.finding import Severity
from linter.i18n import LANGS, default_lang
from linter.registry import reporters
from linter.reporters import ReportOptions, Summary
from linter.source import DEFAULT_MAX_BYTES

DEFAULT_RULESET = "auto"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(2, f"disclint: error: {message} (see '{self.prog} --help')\n")


def _list(values: list[str] | None) -> list[str]:
    items: list[str] = []
    for value in values or []:
        items.extend(v.strip() for v in value.split(",") if v.strip())
    return items


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="disclint", description="Compliance linter for published disclosure documents "
                     "(政府信息公开工作年度报告 and more).")
    parser.add_argument("--version", action="version", version=f"disclint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=LANGS, help="language of messages (default: from the locale, zh)")
    common.add_argument("--ruleset", metavar="NAME|PATH", help="ruleset to use: auto (default: chosen per "
                        "document), common, cn-ogi-2008, cn-ogi-2021, or a YAML file")
    common.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching")
    common.add_argument("--no-config", action="store_true", help="ignore configuration files")

    check = commands.add_parser("check", parents=[common], help="check files and folders",
                                description="Check disclosure documents (.txt, .md, .html).")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    check.add_argument("--select", action="append", metavar="RULE[,RULE]", help="run only these rules")
    check.add_argument("--ignore", action="append", metavar="RULE[,RULE]", help="do not run these rules")
    check.add_argument("--include", action="append", metavar="GLOB",
                       help=f"file globs to check in folders (default: {' '.join(DEFAULT_INCLUDE)})")
    check.add_argument("--exclude", action="append", metavar="GLOB", help="paths or globs to skip")
    check.add_argument("--reader", metavar="NAME", help="read every file with this reader "
                       "(text, markdown, html, ...) instead of choosing by extension")
    check.add_argument("--format", default="text", metavar="FORMAT", help="output: text or json (default: text)")
    check.add_argument("--fail-on", choices=[s.label for s in reversed(Severity)],
                       help="lowest severity that makes the exit code 1 (default: error)")
    check.add_argument("--max-file-size", type=int, metavar="MIB", help="skip larger files (default: 20)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--no-source", action="store_true", help="do not show the source line under findings")
    check.add_argument("-v", "--verbose", action="store_true", help="also print encoding and ruleset per file")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only")

    rules = commands.add_parser("rules", parents=[common], help="list the rules of a ruleset")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    explain = commands.add_parser("explain", parents=[common], help="explain a rule or a rule kind")
    explain.add_argument("rule", metavar="RULE")
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not args.command:
        parser.print_help()
        return 2
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules(args)
        return _explain(args)
    except DisclintError as exc:
        print(f"disclint: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the promise is one line, never a traceback
        if os.environ.get("DISCLINT_DEBUG"):
            raise
        print(f"disclint: internal error: {type(exc).__name__}: {exc} "
              "(set DISCLINT_DEBUG=1 for details)", file=sys.stderr)
        return 2


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def _base_config(args) -> Config | None:
    """The configuration named by --config, EMPTY with --no-config, else None (search per file)."""
    if args.no_config:
        return EMPTY
    if args.config:
        if not Path(args.config).is_file():
            raise ConfigError("configuration file not found", args.config)
        return load_config(args.config)
    return None


def _rulesets_for_listing(args):
    """The ruleset(s) `rules` and `explain` talk about: for `auto`, every candidate."""
    from linter.autoselect import AUTO, CANDIDATES
    from linter.ruleset import load_ruleset

    config = _base_config(args)
    if config is None:
        found = find_config(Path.cwd())
        config = load_config(found) if found else EMPTY
    name = args.ruleset or config.model.ruleset or DEFAULT_RULESET
    base = Path.cwd() if args.ruleset else config.root
    names = CANDIDATES if name == AUTO else (name,)
    return [load_ruleset(n, base) for n in names], (args.lang or config.model.lang or default_lang())


def _rules(args) -> int:
    from linter.explain import rules_json, rules_table

    rulesets, lang = _rulesets_for_listing(args)
    if args.format == "json":
        listing = [{"ruleset": rs.name, "rules": rules_json(rs)} for rs in rulesets]
        print(json.dumps(listing[0] if len(listing) == 1 else listing, ensure_ascii=False, indent=2))
    else:
        if len(rulesets) > 1:
            print("auto: " + ("chooses per document among " if lang == "en" else "按文档自动选择：")
                  + ", ".join(rs.name for rs in rulesets) + "\n")
        print("\n\n".join(rules_table(rs, lang) for rs in rulesets))
    return 0


def _explain(args) -> int:
    from linter.explain import explain_kind, explain_rule
    from linter.registry import kinds

    rulesets, lang = _rulesets_for_listing(args)
    for ruleset in rulesets:
        rule = ruleset.get(args.rule)
        if rule is not None:
            print(explain_rule(rule, ruleset, lang))
            return 0
    if args.rule in kinds():
        print(explain_kind(args.rule))
        return 0
    known = sorted({r.id for rs in rulesets for r in rs.rules})
    raise UsageError(f"unknown rule or kind '{args.rule}' (rules: {', '.join(known)}; "
                     f"kinds: {', '.join(kinds().names())})")


class _Settings:
    """Per-file settings: configuration found per folder, rulesets compiled once per choice."""

    def __init__(self, args) -> None:
        self.args = args
        self.base = _base_config(args)
        self._configs: dict[Path, Config] = {}
        self._rulesets: dict[tuple, object] = {}
        self.cli_select = _list(args.select) or None
        self.cli_ignore = _list(args.ignore)

    def config_for(self, path: Path) -> Config:
        if self.base is not None:
            return self.base
        folder = Path(os.path.abspath(path)).parent
        if folder not in self._configs:
            found = find_config(folder)
            self._configs[folder] = load_config(found) if found else EMPTY
        return self._configs[folder]

    def choice_for(self, path: Path, config: Config):
        """The ruleset choice for `path`: `auto` or a fixed ruleset, restricted by select/ignore."""
        from linter.autoselect import AUTO, automatic, fixed
        from linter.ruleset import LocalText, load_ruleset, resolve

        name, select, ignore = config.for_file(path)
        if self.args.ruleset:
            name, base = self.args.ruleset, Path.cwd()
            reason = LocalText(zh="由 --ruleset 指定", en="given with --ruleset")
        elif name:
            base = config.root
            reason = LocalText(zh=f"由配置文件 {config.path} 指定", en=f"configured in {config.path}")
        else:
            name, base = DEFAULT_RULESET, config.root
            reason = LocalText(zh="默认规则集", en="the default ruleset")
        select = self.cli_select if self.cli_select is not None else select
        ignore = list(ignore) + self.cli_ignore
        where = "--select/--ignore" if (self.cli_select or self.cli_ignore) else (config.path or "configuration")
        resolved = AUTO if name == AUTO else str(resolve(name, base))
        key = (resolved, tuple(select or ()), tuple(ignore), reason.en)
        if key not in self._rulesets:
            if name == AUTO:
                self._rulesets[key] = automatic(select, ignore, where)
            else:
                self._rulesets[key] = fixed(load_ruleset(name, base).restricted(select, ignore, where), reason)
        return self._rulesets[key]


def _check(args) -> int:
    from linter.engine import FileResult, check_file

    settings = _Settings(args)
    first_config = settings.config_for(Path(args.paths[0]) if args.paths else Path.cwd() / "x")
    lang = args.lang or first_config.model.lang or default_lang()
    fail_on = Severity.parse(args.fail_on or first_config.model.fail_on or "error")
    if args.format not in reporters():
        raise UsageError(f"unknown output format '{args.format}' (available: {', '.join(reporters().names())})")
    reporter_class = reporters().load(args.format)
    if args.reader:
        from linter.formats import readers

        if args.reader not in readers():
            raise UsageError(f"unknown reader '{args.reader}' (available: {', '.join(readers().names())})")
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                       and not os.environ.get("NO_COLOR"))
    reporter = reporter_class(sys.stdout, ReportOptions(lang=lang, verbose=args.verbose, quiet=args.quiet,
                                                        color=color, show_source=not args.no_source))
    if settings.cli_select or settings.cli_ignore:  # a typo in --select must not wait for a file
        settings.choice_for(Path(args.paths[0]) if args.paths else Path.cwd() / "x", first_config)
    include = tuple(args.include or first_config.model.include or DEFAULT_INCLUDE)
    summary = Summary()
    failed = False
    reporter.start()
    for target in iter_targets(args.paths or ["."], include):
        config = settings.config_for(target.path)
        if is_excluded(target.path, list(args.exclude or []), Path.cwd()) or \
                is_excluded(target.path, config.model.exclude, config.root):
            continue
        summary.files += 1
        if target.error:
            result = FileResult(target.display, error=target.error)
        else:
            choice = settings.choice_for(target.path, config)
            max_mib = args.max_file_size or config.model.max_file_size
            max_bytes = max_mib * 1024 * 1024 if max_mib else DEFAULT_MAX_BYTES
            result = check_file(str(target.path), target.display, choice, lang, max_bytes,
                                reader_name=args.reader)
        if result.error:
            summary.unchecked += 1
            print(f"disclint: {result.path}: {result.error}", file=sys.stderr)
        for finding in result.findings:
            summary.counts[finding.severity.label] += 1
            failed = failed or finding.severity >= fail_on
        reporter.file(result)
        sys.stdout.flush()
    reporter.finish(summary)
    if summary.unchecked:
        return 2
    return 1 if failed else 0
