"""The ruleset file format as pydantic models: imported only when a ruleset is validated.

linter.ruleset reads a ruleset from the start-up cache when its files are
unchanged; only a cache miss parses YAML and validates it against these models.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

RULE_ID = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"


class LocalTextModel(BaseModel):
    """A text in Chinese and English."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: str
    en: str


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=RULE_ID)
    kind: str | None = None
    severity: Literal["error", "warning", "info"] | None = None
    enabled: bool | None = None
    waivable: bool | None = None
    description: LocalTextModel | None = None
    explain: LocalTextModel | None = None
    message: LocalTextModel | None = None
    messages: dict[str, LocalTextModel] | None = None
    options: dict[str, Any] | None = None


class RulesetSpec(BaseModel):
    """A ruleset file. Top-level keys starting with `x-` are free, for YAML anchors."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    description: LocalTextModel | None = None
    extends: str | list[str] = []
    rules: list[RuleSpec] = []

    @model_validator(mode="before")
    @classmethod
    def _drop_extension_keys(cls, data):
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("x-"))}
        return data
