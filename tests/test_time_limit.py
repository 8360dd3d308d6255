"""A rule that runs away is stopped, named, and the run goes on."""

from __future__ import annotations

import time
from importlib.metadata import EntryPoint

from linter import engine, registry
from linter.registry import KINDS_GROUP, Registry


def test_runaway_rule_is_stopped_and_named(cli, tmp_path, monkeypatch):
    plugin = EntryPoint(name="sleeper", value="plugins.fix_kinds:Sleeper", group=KINDS_GROUP)
    monkeypatch.setitem(registry._REGISTRIES, KINDS_GROUP, Registry(KINDS_GROUP, [
        *registry.kinds()._entry_points.values(), plugin]))
    monkeypatch.setattr(engine, "RULE_TIME_LIMIT", 0.5)
    ruleset = tmp_path / "r.yaml"
    ruleset.write_text("extends: common\nrules:\n  - id: forever\n    kind: sleeper\n    severity: info\n",
                       encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("机密★\n", encoding="utf-8")
    started = time.monotonic()
    run = cli("check", "--format", "json", "--lang", "en", "--ruleset", ruleset, doc)
    assert time.monotonic() - started < 10
    findings = run.json()["files"][0]["findings"]
    assert [f["rule"] for f in findings] == ["confidential-marker", "internal-error"]
    assert "rule 'forever' (sleeper) failed on this file: it ran longer than 0.5 s" in findings[1]["message"]


def test_one_timer_gives_every_rule_the_whole_limit():
    """The clock runs one timer per document, yet each rule is measured from its own start."""
    import pytest

    from linter.ruleclock import RuleClock, RuleTimeout

    with RuleClock(1.0) as clock:
        for _ in range(3):  # 1.8 s in all, 0.6 s each: none of them is stopped
            clock.start()
            time.sleep(0.6)
            clock.stop()
        time.sleep(1.2)  # between rules the timer fires and is simply set again
        clock.start()
        started = time.monotonic()
        with pytest.raises(RuleTimeout):
            time.sleep(5)
        clock.stop()
        assert 0.9 < time.monotonic() - started < 4


def test_a_clock_outside_the_main_thread_sets_no_limit():
    """SIGALRM can only be handled in the main thread: elsewhere the clock is inert, not an error,
    and the main thread's handler is left alone."""
    import signal
    import threading

    from linter.ruleclock import RuleClock

    before = signal.getsignal(signal.SIGALRM)
    outcome = {}

    def lint_in_a_thread():
        try:
            with RuleClock(0.2) as clock:
                clock.start()
                time.sleep(0.4)  # past the limit: nothing stops it here
                clock.stop()
            outcome["usable"] = clock.usable
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            outcome["error"] = exc

    worker = threading.Thread(target=lint_in_a_thread)
    worker.start()
    worker.join()
    assert outcome == {"usable": False}
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
