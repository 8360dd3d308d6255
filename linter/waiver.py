"""A configuration waiver (kept apart from linter.suppress so that reading a configuration stays light)."""

from __future__ import annotations

import datetime

from linter.records import NamedTuple


class Waiver(NamedTuple):
    """A configuration waiver that applies to the file being checked."""

    rule: str
    reason: str
    expires: datetime.date
    text: str | None = None
    origin: str = ""
