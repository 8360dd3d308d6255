"""The configuration file format as pydantic models: imported only when a file is validated.

linter.config keeps validated configurations in the start-up cache, as read-only
records (linter.frozen); only a new or changed file is validated against these.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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
