"""Input limits of the readers, and the `input-limit` notice a reader gives when one is reached.

A hostile or broken file must neither crash a run nor hang it, and what was not
read must be said, not skipped in silence. The limits, their defaults and the
environment variables that change them (read each time a file is read):

| limit | default | variable | when reached |
| --- | --- | --- | --- |
| line length (characters, in the extracted text) | 100,000 | `DISCLINT_MAX_LINE_LENGTH` | the text is still checked in full; one `input-limit` warning at the first such line |
| HTML element nesting | 512 levels | `DISCLINT_MAX_HTML_DEPTH` | deeper elements are read as siblings at that depth, as browsers do; all text is still read; one `input-limit` warning |
| Word parts (ZIP entries) | 10,000 | `DISCLINT_MAX_DOCX_ENTRIES` | input error, nothing extracted |
| Word size when unpacked | 200 MiB | `DISCLINT_MAX_DOCX_MIB` | input error, nothing extracted |
| PDF pages | 2,000 | `DISCLINT_MAX_PDF_PAGES` | the first pages are read and checked; one `input-limit` warning |

The file size limit (20 MiB, `--max-file-size`) is applied before any reader, in
`linter.source`. A value of 0 turns a limit off.
"""

from __future__ import annotations

import os
import re

from linter.errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.document import Notice

RULE = "input-limit"

DEFAULTS = {
    "line-length": ("DISCLINT_MAX_LINE_LENGTH", 100_000),
    "html-depth": ("DISCLINT_MAX_HTML_DEPTH", 512),
    "docx-entries": ("DISCLINT_MAX_DOCX_ENTRIES", 10_000),
    "docx-mib": ("DISCLINT_MAX_DOCX_MIB", 200),
    "pdf-pages": ("DISCLINT_MAX_PDF_PAGES", 2_000),
}


def limit(name: str) -> int:
    """The limit `name` (see DEFAULTS): its environment variable, else the default; 0 means none."""
    variable, default = DEFAULTS[name]
    value = os.environ.get(variable, "").strip()
    if not value:
        return default
    try:
        number = int(value.replace("_", ""))
    except ValueError:
        number = -1
    if number < 0:
        raise UsageError(f"{variable}={value!r}: expected a whole number (0 for no limit)")
    return number


def notice(kind: str, zh: str, en: str, start: int | None = None, **data) -> Notice:
    """An `input-limit` warning; `data` names the limit (`limit`, `max`) and what was found."""
    from linter.document import Notice  # a cache key needs `stamp` only: no document types then

    return Notice(RULE, "warning", {"zh": zh, "en": en}, start, {"limit": kind, **data})


def long_line(text: str, origin: list[int] | None = None) -> Notice | None:
    """One notice for the first line of `text` longer than the line-length limit (None if none is).

    `text` is a reader's plain text; `origin` maps its offsets to the source (None: the same).
    The whole text is still checked: the notice says that a line this long is most likely
    not prose (minified markup, an embedded data blob, a log), and where it is.
    """
    maximum = limit("line-length")
    if not maximum or len(text) <= maximum:
        return None
    for match in re.finditer(r"[^\r\n]+", text):  # each line once: linear in the text (compiled only here)
        if match.end() - match.start() > maximum:
            break
    else:
        return None
    length = match.end() - match.start()
    where = origin[match.start()] if origin else match.start()
    return notice("line-length",
                  f"一行长达 {length:,} 个字符，超过 {maximum:,} 的上限：仍已全部检查，但这样长的一行"
                  "多半不是正文（压缩的网页代码、嵌入的数据或日志？）",
                  f"a line of {length:,} characters, over the limit of {maximum:,}: it was still checked "
                  "in full, but a line this long is most likely not prose (minified markup, embedded "
                  "data, a log?)",
                  where, max=maximum, length=length)


def stamp() -> tuple[int, ...]:
    """The limits in force, in a fixed order: part of any cache key for results read under them."""
    return tuple(limit(name) for name in DEFAULTS)
