"""Language choice and the command line's own strings in Chinese and English."""

from __future__ import annotations

import os

LANGS = ("zh", "en")

_STRINGS = {
    "summary": {
        "zh": "发现 {total} 个问题（错误 {error}，警告 {warning}，提示 {info}），共检查 {files} 个文件。",
        "en": "Found {total} problem{s} ({error} error{es}, {warning} warning{ws}, {info} info) in {files} file{fs}.",
    },
    "clean": {"zh": "未发现问题，共检查 {files} 个文件。", "en": "All clear: no problems in {files} file{fs}."},
    "fixed": {"zh": "已修复 {count} 个问题。", "en": "Fixed {count} problem{s}."},
    "unchecked": {"zh": "{count} 个文件无法检查。", "en": "{count} file{s} could not be checked."},
    "nothing": {"zh": "没有找到可检查的文件（.txt、.md、.html）。",
                "en": "No files to check (.txt, .md, .html) were found."},
    "file-info": {"zh": "{path}：编码 {encoding}，格式 {format}，规则集 {ruleset}（{reason}）",
                  "en": "{path}: encoding {encoding}, format {format}, ruleset {ruleset} ({reason})"},
}


def default_lang(environ: dict | None = None) -> str:
    """From LC_ALL / LC_MESSAGES / LANG / LANGUAGE: English only when the locale says so, else zh."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = (env.get(name) or "").strip().lower()
        if not value or value in ("c", "posix", "c.utf-8", "c.utf8"):
            continue
        if value.startswith("en"):
            return "en"
        if value.startswith("zh"):
            return "zh"
        return "zh"
    return "zh"


def text(key: str, lang: str, **values) -> str:
    values = {**values}
    for name in ("total", "error", "warning", "files", "count"):
        if name in values:
            plural = "" if values[name] == 1 else "s"
            values.setdefault({"total": "s", "error": "es", "warning": "ws", "files": "fs",
                               "count": "s"}[name], plural)
    values.setdefault("s", "")
    return _STRINGS[key]["en" if lang == "en" else "zh"].format(**values)
