"""Text for `disclint explain` and `disclint rules`: rule and kind documentation."""

from __future__ import annotations

import inspect

from linter.registry import kinds
from linter.ruleset import Rule, Ruleset

_HEADINGS = {
    "zh": {"rule": "规则", "kind": "检查类型", "severity": "级别", "ruleset": "规则集", "why": "说明",
           "options": "配置"},
    "en": {"rule": "rule", "kind": "kind", "severity": "severity", "ruleset": "ruleset", "why": "why",
           "options": "options"},
}


def kind_doc(kind_class) -> str:
    return inspect.cleandoc(kind_class.__doc__ or "(no documentation)")


def explain_rule(rule: Rule, ruleset: Ruleset, lang: str) -> str:
    words = _HEADINGS["en" if lang == "en" else "zh"]
    lines = [f"{rule.id}", ""]
    if rule.description:
        lines += [rule.description.get(lang), ""]
    lines += [f"{words['severity']}: {rule.severity.label}", f"{words['kind']}: {rule.kind_name}",
              f"{words['ruleset']}: {ruleset.name} ({rule.origin})", ""]
    if rule.explain:
        lines += [f"{words['why']}:", rule.explain.get(lang), ""]
    options = rule.options.model_dump(exclude_defaults=True)
    if options:
        lines.append(f"{words['options']}:")
        for key, value in options.items():
            shown = repr(value)
            lines.append(f"  {key}: {shown if len(shown) < 200 else shown[:197] + '...'}")
        lines.append("")
    lines += [f"--- {words['kind']} {rule.kind_name} ---", kind_doc(type(rule.kind))]
    return "\n".join(lines)


def explain_kind(name: str) -> str:
    return f"{name}\n\n{kind_doc(kinds().load(name))}"


def rules_table(ruleset: Ruleset, lang: str) -> str:
    width = max((len(r.id) for r in ruleset.rules), default=4)
    kind_width = max((len(r.kind_name) for r in ruleset.rules), default=4)
    lines = [f"{ruleset.name}: {ruleset.description.get(lang) if ruleset.description else ''}", ""]
    for rule in ruleset.rules:
        description = rule.description.get(lang) if rule.description else ""
        lines.append(f"{rule.id:<{width}}  {rule.severity.label:<7}  {rule.kind_name:<{kind_width}}  "
                     f"{description}")
    return "\n".join(lines)


def rules_json(ruleset: Ruleset) -> list[dict]:
    return [{"id": r.id, "severity": r.severity.label, "kind": r.kind_name,
             "description": r.description.model_dump() if r.description else None,
             "origin": r.origin} for r in ruleset.rules]
