"""Shared by reporters that write one document at the end: collect results, name rules."""

from __future__ import annotations

from linter.reporters import Reporter

META_DESCRIPTIONS = {
    "unused-suppression": ("多余或不允许的豁免指令", "a suppression directive that suppresses nothing or is not allowed"),
    "expired-waiver": ("配置中的豁免已过期", "a configuration waiver has expired"),
    "internal-error": ("规则在此文件上出错", "a rule failed on this file"),
    "no-text-layer": ("PDF 没有文字层（扫描件）", "a PDF without a text layer (a scan)"),
    "input-limit": ("文件超出读取上限（超长行、嵌套过深、页数过多）",
                    "a file went over a reader limit (line length, HTML nesting, PDF pages)"),
}


class CollectingReporter(Reporter):
    def start(self) -> None:
        self.results: list = []

    def file(self, result) -> None:
        self.results.append(result)

    def rule_text(self, rule_id: str) -> tuple[str, str]:
        """(short description, longer help) in the run's language."""
        lang = self.options.lang
        rule = self.options.rules().get(rule_id)
        if rule is not None:
            short = rule.description.get(lang) if rule.description else rule_id
            longer = rule.explain.get(lang) if rule.explain else short
            return short, longer
        zh, en = META_DESCRIPTIONS.get(rule_id, (rule_id, rule_id))
        text = en if lang == "en" else zh
        return text, text
