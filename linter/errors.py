"""Errors a user can cause: each one becomes a single line and exit code 2."""

from __future__ import annotations


class DisclintError(Exception):
    """A user-facing error: bad input, bad config, bad ruleset, bad usage.

    `str()` gives the one line the CLI prints: ``path:line: message`` when the
    location is known, ``path: message`` when only the file is, else the message.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}: {self.message}"
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message


class InputError(DisclintError):
    """A file that cannot be checked: missing, unreadable, binary, undecodable, too large."""


class ConfigError(DisclintError):
    """A broken `.disclint.yaml`, `[tool.disclint]` table or ruleset file."""


class UsageError(DisclintError):
    """A command line that cannot be carried out (unknown rule, unknown format...)."""
