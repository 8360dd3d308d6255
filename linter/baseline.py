"""Baselines: a reviewed file of accepted findings, so a gate blocks only new ones.

An entry is (rule, fingerprint, count) per file, with the finding's data for the
reviewer. Fingerprints never contain line numbers (see fingerprint.py), so
editing elsewhere in a file keeps its entries; the file has no timestamps and a
fixed order (paths, then rule and fingerprint), so it does not churn in merges.
Paths are relative to the baseline file's folder, with forward slashes.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from linter.errors import ConfigError
from linter.finding import Finding
from linter.paths import display_path

VERSION = 1
DEFAULT_NAME = ".disclint-baseline.json"


@dataclass
class Baseline:
    path: Path
    entries: dict[str, dict[tuple[str, str], dict]] = field(default_factory=dict)

    def key(self, file_path: str) -> str:
        absolute = Path(os.path.abspath(file_path))
        try:
            return absolute.relative_to(Path(os.path.abspath(self.path)).parent).as_posix()
        except ValueError:
            return absolute.as_posix()

    def filter(self, file_path: str, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
        """The findings that the baseline does not accept (each entry accepts `count` of its kind)."""
        accepted = Counter({k: v["count"] for k, v in self.entries.get(self.key(file_path), {}).items()})
        kept = []
        for finding in findings:
            key = (finding.rule, finding.fingerprint)
            if accepted[key] > 0:
                accepted[key] -= 1
            else:
                kept.append(finding)
        return tuple(kept)

    def add(self, file_path: str, findings: tuple[Finding, ...]) -> None:
        bucket = self.entries.setdefault(self.key(file_path), {})
        for finding in findings:
            entry = bucket.setdefault((finding.rule, finding.fingerprint),
                                      {"count": 0, "data": dict(finding.data)})
            entry["count"] += 1

    def to_json(self) -> dict:
        files = {}
        for path in sorted(self.entries):
            rows = [{"rule": rule, "fingerprint": fp, "count": entry["count"], "data": entry["data"]}
                    for (rule, fp), entry in sorted(self.entries[path].items())]
            if rows:
                files[path] = rows
        return {"version": VERSION, "tool": "disclint", "files": files}

    def count(self) -> int:
        return sum(e["count"] for bucket in self.entries.values() for e in bucket.values())


def load(path: str | os.PathLike) -> Baseline:
    path = Path(path)
    shown = display_path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("baseline file not found (create it with `disclint baseline create`)", shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the baseline: {exc}", shown) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"invalid baseline JSON: {exc.msg}", shown, exc.lineno) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
        raise ConfigError(f"not a disclint baseline (version {VERSION} with 'files')", shown)
    baseline = Baseline(path)
    for file_path, rows in data["files"].items():
        bucket = baseline.entries.setdefault(file_path, {})
        for row in rows if isinstance(rows, list) else []:
            try:
                bucket[(row["rule"], row["fingerprint"])] = {"count": int(row.get("count", 1)),
                                                             "data": row.get("data", {})}
            except (KeyError, TypeError, ValueError):
                raise ConfigError(f"bad baseline entry under {file_path!r}", shown) from None
    return baseline


def stale(old: Baseline, new: Baseline) -> list[tuple[str, str, str, int]]:
    """Entries of `old` that the current findings no longer produce: (path, rule, fingerprint, count)."""
    gone = []
    for path, bucket in sorted(old.entries.items()):
        current = new.entries.get(path, {})
        for (rule, fp), entry in sorted(bucket.items()):
            missing = entry["count"] - current.get((rule, fp), {}).get("count", 0)
            if missing > 0:
                gone.append((path, rule, fp, missing))
    return gone


def pruned(old: Baseline, new: Baseline) -> Baseline:
    """`old` limited to what the current findings still produce (no new findings accepted)."""
    result = Baseline(old.path)
    for path, bucket in new.entries.items():
        kept = {}
        for key, entry in bucket.items():
            accepted = old.entries.get(path, {}).get(key)
            if accepted:
                kept[key] = {**entry, "count": min(entry["count"], accepted["count"])}
        if kept:
            result.entries[path] = kept
    return result


def write(baseline: Baseline) -> None:
    from linter.atomic import write_new_file

    text = json.dumps(baseline.to_json(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    write_new_file(str(baseline.path), text)
