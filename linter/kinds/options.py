"""The options of the built-in rule kinds, as pydantic models: imported only to validate.

A ruleset's options are checked against these models when the ruleset is loaded
(linter.ruleset) and then handed to the kinds as read-only `linter.frozen.Frozen`
records with the same attribute names. Keeping the models here, and not in the
kinds' modules, lets a run whose validated ruleset comes from the start-up cache
import the kinds without importing pydantic. Each kind names its model with
`linter.kinds.base.options_model` and documents the fields in its docstring.

`KindOptions` and `Pattern` are also what third-party kinds build their options
from (importable from linter.kinds.base as before).
"""

from __future__ import annotations

from typing import Annotated, Literal

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from linter.structure import HEADER_LINES


class KindOptions(BaseModel):
    """Base of every kind's options: unknown keys are errors, values are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _compile_check(pattern: str) -> str:
    try:
        regex.compile(pattern, regex.V0)
    except regex.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return pattern


Pattern = Annotated[str, AfterValidator(_compile_check)]
"""A string option that must compile as a regular expression (checked at load time)."""


# -- deadline ------------------------------------------------------------------------------------

class DeadlineOptions(KindOptions):
    profile: Literal["auto", "department", "government", "pre-2019", "custom"] = "auto"
    deadline: str | None = Field(default=None, pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")

    @model_validator(mode="after")
    def _custom_needs_a_date(self):
        if self.profile == "custom" and not self.deadline:
            raise ValueError("profile 'custom' needs 'deadline' as MM-DD")
        return self


# -- forbidden-terms -----------------------------------------------------------------------------

class ForbiddenTermsOptions(KindOptions):
    terms: list[str] = []
    patterns: list[Pattern] = []
    exclude: list[Pattern] = []
    ignore_case: bool = False
    header_lines: int | None = Field(default=None, ge=1)
    data_key: str = Field(default="term", pattern=r"^[a-z][a-z_]*$")

    @model_validator(mode="after")
    def _something_to_find(self):
        if not self.terms and not self.patterns:
            raise ValueError("give at least one of 'terms' or 'patterns'")
        if any(not t for t in self.terms):
            raise ValueError("'terms' must not contain an empty string")
        return self


# -- header-field --------------------------------------------------------------------------------

FieldName = Literal["publish-date", "source", "closing-date"]


class HeaderFieldOptions(KindOptions):
    field: FieldName
    accept: list[FieldName] = []
    header_lines: int = Field(default=15, ge=1, le=HEADER_LINES)
    defer_invalid_dates: bool = False


# -- narrative-numbers ---------------------------------------------------------------------------

class NarrativePattern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    row: Literal["new", "carried-over"]
    pattern: Pattern
    with_carried_over: bool = False  # also accept new + carried over (受理/办理 … 件)

    @field_validator("pattern")
    @classmethod
    def _has_count_group(cls, value: str) -> str:
        if "(?P<count>" not in value:
            raise ValueError("the pattern needs a named group (?P<count>...) around the number")
        return value


class NarrativeNumbersOptions(KindOptions):
    patterns: list[NarrativePattern]


# -- personal-data -------------------------------------------------------------------------------

PersonalDataKind = Literal["resident-id", "mobile", "bank-card"]


class PersonalDataOptions(KindOptions):
    detect: list[PersonalDataKind] = ["resident-id", "mobile", "bank-card"]
    contact_labels: list[str] = ["咨询电话", "联系电话", "联系方式", "办公电话", "服务电话", "监督电话",
                                 "投诉电话", "传真", "热线", "举报电话"]
    skip_labels: list[str] = ["索引号", "文号", "统一社会信用代码", "信用代码", "组织机构代码"]
    context_words: list[str] = ["卡号", "账号", "帐号", "银行卡", "开户行", "银行账户", "存折"]
    context_window: int = Field(default=12, ge=1, le=100)


# -- report-dates --------------------------------------------------------------------------------

class ReportDatesOptions(KindOptions):
    check: Literal["invalid-date", "date-mismatch", "report-year", "date-zero"]
    exclude_fields: list[Literal["publish-date", "closing-date"]] = []
    tolerance_days: int = Field(default=0, ge=0, le=366)


# -- report-format -------------------------------------------------------------------------------

class ReportFormatOptions(KindOptions):
    since: int = Field(default=2019, ge=2008, le=2100)


# -- required-sections ---------------------------------------------------------------------------

class LocalName(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: str
    en: str


class Concept(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: LocalName
    headings: list[str] = Field(min_length=1)
    body: list[str] = []
    unless: list[Pattern] = []
    severity: Literal["error", "warning", "info"] | None = None


class RequiredSectionsOptions(KindOptions):
    concepts: list[Concept] = Field(min_length=1)
    body_fallback: bool = True
    max_level: int | None = Field(default=None, ge=1, le=6)


# -- section-order -------------------------------------------------------------------------------

class OrderedConcept(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    id: str
    name: LocalName
    headings: list[str] = Field(min_length=1)


class SectionOrderOptions(KindOptions):
    concepts: list[OrderedConcept] = Field(min_length=2)
    max_level: int = Field(default=2, ge=1, le=6)


# -- statistics-tables ---------------------------------------------------------------------------

TableName = Literal["table-2", "table-3", "table-4"]


class StatisticsTablesOptions(KindOptions):
    check: Literal["structure", "arithmetic"]
    tables: list[TableName] = ["table-2", "table-3", "table-4"]
    variant: Literal["standard-2021", "trial-2019"] = "standard-2021"


# -- text-integrity ------------------------------------------------------------------------------

class TextIntegrityOptions(KindOptions):
    detect: Literal["pinyin-annotation", "traditional-conversion", "mojibake", "markup-debris"]
    patterns: list[Pattern] | None = None
    chrome: list[Pattern] | None = None
    min_run: int = Field(default=3, ge=2)
    min_ratio: float = Field(default=0.05, gt=0, le=1)
    require_annotations: bool = True
