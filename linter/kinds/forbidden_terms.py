"""forbidden-terms: words and patterns that must never be published.

What it checks:
    Every occurrence, in the normalised view, of the configured literal `terms`
    and regular-expression `patterns` (Python `regex` syntax; `^`/`$` match at
    line ends). A match overlapping an `exclude` match is not reported, so a
    counter-marker such as （此件公开发布） can protect its own words. With
    `header_lines` only the first N non-empty lines are searched. The matched text
    goes to `data.<data_key>`.

Why:
    Secrecy markings (绝密★/机密★/秘密★ with 保密期限, 密级：…), internal-use labels
    (内部资料, 不得外传) and English banners (CONFIDENTIAL, INTERNAL USE ONLY) mean
    the text was never cleared for release: 保守国家秘密法 forbids publishing what
    carries a mark, and a leaked mark is the classic disclosure incident. Matching
    the normalised view also catches Traditional (機密★) and full-width forms.

Fails:
    机密★10年 on the first line of a draft; 本材料仅供内部使用，不得外传。

Passes:
    严格执行保守国家秘密法；涉及国家秘密、商业秘密的信息依法不予公开。 (legal prose:
    the patterns are anchored to the marking's grammar, not to the word 秘密).

Options:
    terms: literal strings. patterns: regular expressions. exclude: regular
    expressions whose matches protect overlapping text. ignore_case: default false
    (English banners are matched in capitals on purpose). header_lines: search only
    the first N non-empty lines. data_key: the data key for the matched text
    (default "term").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from linter.document import Document
from linter.finding import Hit
from linter.kinds.base import RuleKind, options_model
from linter.kinds.patterns import MATCH_TIMEOUT, compile_any, literal_patterns

if TYPE_CHECKING:
    from linter.kinds.options import ForbiddenTermsOptions


class ForbiddenTerms(RuleKind):
    __doc__ = __doc__
    name = "forbidden-terms"
    Options = options_model("linter.kinds.options:ForbiddenTermsOptions")
    plain_options = True
    messages = {
        "default": {"zh": "出现不得公开发布的内容“{match}”", "en": "'{match}' must not be published"},
    }

    def check(self, doc: Document, options: ForbiddenTermsOptions) -> Iterator[Hit]:
        pattern = compile_any(literal_patterns(options.terms) + tuple(options.patterns),
                              options.ignore_case)
        text = doc.view
        limit = len(text)
        if options.header_lines is not None:
            non_empty = [line for line in doc.view_lines if line.text.strip()]
            if len(non_empty) > options.header_lines:
                limit = non_empty[options.header_lines].start
        protected = []
        if options.exclude:
            excluder = compile_any(tuple(options.exclude), options.ignore_case)
            protected = [m.span() for m in excluder.finditer(text, timeout=MATCH_TIMEOUT)]
        for match in pattern.finditer(text, 0, limit, overlapped=False, timeout=MATCH_TIMEOUT):
            start, end = match.span()
            if start == end or any(s < end and start < e for s, e in protected):
                continue
            raw = match.group()
            matched = raw.strip()
            start += len(raw) - len(raw.lstrip())
            end -= len(raw) - len(raw.rstrip())
            src_start, src_end = doc.source_span(start, end)
            yield Hit(src_start, src_end, data={options.data_key: matched}, args={"match": matched})
