"""The `disclint` command line: `check`, `rules`, `explain`; `main(argv) -> exit code`.

Exit codes: 0 nothing at or above `--fail-on`; 1 findings; 2 a usage, config or
input error (always one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import gc
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


def _terminal_columns() -> int:
    """What shutil.get_terminal_size() says, without importing shutil (and bz2, lzma) at start-up."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width=None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         width if width is not None else _terminal_columns() - 2)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # one line, exit 2
        self.exit(2, f"disclint: error: {message} (see '{self.prog} --help')\n")


COMMANDS = {  # name -> one line of help
    "check": "check files and folders",
    "fix": "apply safe fixes and report what is left (same as check --fix)",
    "baseline": "create or update a baseline of accepted findings",
    "rules": "list the rules of a ruleset",
    "explain": "explain a rule or a rule kind",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `only`, the other commands are listed but get no options.

    Adding the ~40 options of every command costs a few milliseconds at each start, and a
    command line uses one command: `main` builds that one (all of them for `disclint --help`).
    """
    parser = _Parser(prog="disclint", description="Compliance linter for published disclosure documents "
                     "(政府信息公开工作年度报告 and more).")
    parser.add_argument("--version", action="version", version=f"disclint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, text in COMMANDS.items():
        if only is None or only == name:
            _ADD[name](commands, text)
        else:  # listed for `choices`, never used: without a -h of its own (each parser asks gettext)
            commands.add_parser(name, help=text, add_help=False)
    return parser


def _options(*adders) -> list[argparse.ArgumentParser]:
    """The parents of a command's parser: one, holding the options all of `adders` add."""
    group = _Parser(add_help=False)
    for add in adders:
        add(group)
    return [group]


def _common_options(common: argparse.ArgumentParser) -> None:
    common.add_argument("--lang", choices=LANGS, help="language of messages (default: from the locale, zh)")
    common.add_argument("--ruleset", metavar="NAME|PATH", help="ruleset to use: auto (default: chosen per "
                        "document), common, cn-ogi-2008, cn-ogi-2021, or a YAML file")
    common.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching")
    common.add_argument("--no-config", action="store_true", help="ignore configuration files")
    common.add_argument("--cache-dir", metavar="DIR", help="where disclint keeps its cache "
                        "(default: $DISCLINT_CACHE_DIR, $XDG_CACHE_HOME/disclint or ~/.cache/disclint)")
    common.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")


def _selection_options(selection: argparse.ArgumentParser) -> None:
    selection.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    selection.add_argument("--select", action="append", metavar="RULE[,RULE]", help="run only these rules")
    selection.add_argument("--ignore", action="append", metavar="RULE[,RULE]", help="do not run these rules")
    selection.add_argument("--include", action="append", metavar="GLOB",
                           help=f"file globs to check in folders (default: {' '.join(DEFAULT_INCLUDE)})")
    selection.add_argument("--exclude", action="append", metavar="GLOB", help="paths or globs to skip")
    selection.add_argument("--reader", metavar="NAME", help="read every file with this reader "
                           "(text, markdown, html, docx, pdf) instead of choosing by extension")
    selection.add_argument("--max-file-size", type=int, metavar="MIB", help="skip larger files (default: 20)")
    selection.add_argument("--changed-since", metavar="REV",
                           help="only files changed since this git revision (and untracked files)")
    selection.add_argument("--stdin", action="store_true", help="read one document from standard input")
    selection.add_argument("--stdin-filename", metavar="NAME",
                           help="the name of the --stdin document (picks the reader and configuration)")

    selection.add_argument("--jobs", "-j", metavar="N|auto",
                           help="worker processes for large runs (default 1; auto: one per CPU)")


def _output_options(output: argparse.ArgumentParser) -> None:
    output.add_argument("--format", default="text", metavar="FORMAT",
                        help="output: text, json, sarif, github, junit, rdjson, checkstyle (default: text)")
    output.add_argument("--fail-on", choices=[s.label for s in reversed(Severity)],
                        help="lowest severity that makes the exit code 1 (default: error)")
    output.add_argument("--baseline", metavar="FILE", help="report only findings not accepted in this baseline")
    output.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    output.add_argument("--no-source", action="store_true", help="do not show the source line under findings")
    output.add_argument("-v", "--verbose", action="store_true", help="also print encoding and ruleset per file")
    output.add_argument("-q", "--quiet", action="store_true", help="print findings only")


def _fixing_options(fixing: argparse.ArgumentParser) -> None:
    fixing.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
    fixing.add_argument("--diff", action="store_true", help="print the fixes as a diff; change no file")


_CHECKING = (_common_options, _selection_options, _output_options, _fixing_options)  # check and fix


def _add_check(commands, text: str) -> None:
    check = commands.add_parser("check", parents=_options(*_CHECKING), help=text,
                                description="Check disclosure documents (.txt, .md, .html, .docx, .pdf).")
    check.add_argument("--fix", action="store_true", help="apply safe fixes, then report what is left")


def _add_fix(commands, text: str) -> None:
    commands.add_parser("fix", parents=_options(*_CHECKING), help=text,
                        description="Fix what can be fixed safely; write each file atomically, only if "
                        "the result re-checks clean.")


def _add_baseline(commands, text: str) -> None:
    baseline = commands.add_parser("baseline", help=text)
    actions = baseline.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    for action, action_help in (("create", "write a baseline accepting every current finding"),
                                ("update", "drop the entries no longer found (reported as stale)")):
        parser_ = actions.add_parser(action, parents=_options(_common_options, _selection_options),
                                     help=action_help, description=action_help)
        parser_.add_argument("--baseline", dest="baseline_file", metavar="FILE",
                             help="the baseline file (default: `baseline` in the configuration, "
                             "else .disclint-baseline.json)")
        if action == "update":
            parser_.add_argument("--accept-new", action="store_true",
                                 help="also accept findings that are not in the baseline yet")


def _add_rules(commands, text: str) -> None:
    rules = commands.add_parser("rules", parents=_options(_common_options), help=text)
    rules.add_argument("--format", choices=("text", "json"), default="text")


def _add_explain(commands, text: str) -> None:
    explain = commands.add_parser("explain", parents=_options(_common_options), help=text)
    explain.add_argument("rule", metavar="RULE")


_ADD = {"check": _add_check, "fix": _add_fix, "baseline": _add_baseline, "rules": _add_rules,
        "explain": _add_explain}


# The collector's first threshold during a run (Python's default is 700). A file's objects die
# with it by reference counting (reading a text file, a Markdown file or a web page builds no
# reference cycles), so the young-generation passes the default runs every 700 allocations walk
# the file being linted again and again for nothing: about 2% of a run. Cyclic garbage (the PDF
# and Word readers' libraries make some, as may a plugin) is still collected, after at most
# this many allocations.
RUN_GC_THRESHOLD = 100_000


def main(argv: list[str] | None = None) -> int:
    """Run the command line on `argv` (default: sys.argv[1:]); the exit code.

    The cyclic garbage collector is off until the run has started (see `linter.__main__`),
    runs with a first threshold of RUN_GC_THRESHOLD, and is as it was afterwards.
    """
    collecting, thresholds = gc.isenabled(), gc.get_threshold()
    gc.disable()
    gc.set_threshold(RUN_GC_THRESHOLD, *thresholds[1:])
    try:
        return _main(argv)
    finally:
        gc.set_threshold(*thresholds)
        (gc.enable if collecting else gc.disable)()


def _main(argv: list[str] | None) -> int:
    _utf8_streams()
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(words[0] if words and words[0] in COMMANDS else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not args.command:
        parser.print_help()
        return 2
    from linter import cache

    cache.configure(args.cache_dir, False if args.no_cache else None)
    try:
        if args.command in ("check", "fix"):
            from linter.check import run_check

            return run_check(args)
        if args.command == "baseline":
            from linter.check import run_baseline

            return run_baseline(args)
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
    from linter.session import RunOptions, Session

    return Session(RunOptions(config=args.config, no_config=args.no_config)).base


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
        import json

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
    from linter.reporters.collect import META_DESCRIPTIONS

    if args.rule in META_DESCRIPTIONS:
        zh, en = META_DESCRIPTIONS[args.rule]
        print(f"{args.rule}\n\n{en if lang == 'en' else zh}\n\n" + (
            "Made by disclint itself, not by a ruleset rule; select or ignore it like any rule."
            if lang == "en" else "由 disclint 本身产生，不属于规则集；可以像其他规则一样 select 或 ignore。"))
        return 0
    known = sorted({r.id for rs in rulesets for r in rs.rules})
    raise UsageError(f"unknown rule or kind '{args.rule}' (rules: {', '.join(known)}; "
                     f"kinds: {', '.join(kinds().names())})")
