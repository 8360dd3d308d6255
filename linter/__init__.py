"""disclint: a pluggable compliance linter for published disclosure documents."""

__version__ = "0.1.0"
