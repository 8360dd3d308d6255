"""One rule clock for a whole run (linter.ruleclock.RunClock): armed once, every rule still limited."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from linter import ruleclock
from linter.ruleclock import RuleClock, RuleTimeout, RunClock, document_clock


@pytest.fixture
def armings(monkeypatch):
    """How many times a RuleClock was armed (entered)."""
    count = [0]
    enter = RuleClock.__enter__

    def counted(self):
        count[0] += 1
        return enter(self)

    monkeypatch.setattr(RuleClock, "__enter__", counted)
    return count


def _disarmed(handler_before) -> bool:
    return signal.getsignal(signal.SIGALRM) is handler_before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_documents_in_a_run_share_one_clock_armed_at_the_first(armings):
    before = signal.getsignal(signal.SIGALRM)
    with RunClock():
        assert armings[0] == 0  # nothing linted yet: nothing armed (a run answered from the cache)
        with document_clock(5.0) as first:
            first.start()
            first.stop()
        assert signal.getsignal(signal.SIGALRM) is not before  # still armed between documents
        with document_clock(5.0) as second:
            assert second is first
    assert armings[0] == 1
    assert _disarmed(before)


def test_a_document_outside_a_run_arms_and_disarms_its_own_clock(armings):
    before = signal.getsignal(signal.SIGALRM)
    for _ in range(2):
        with document_clock(5.0) as clock:
            assert isinstance(clock, RuleClock) and signal.getsignal(signal.SIGALRM) is not before
        assert _disarmed(before)
    assert armings[0] == 2


def test_every_rule_of_every_document_of_a_run_gets_the_whole_limit():
    """Time spent on earlier documents, or between them, takes nothing from a later rule."""
    before = signal.getsignal(signal.SIGALRM)
    with RunClock():
        for _ in range(2):  # 1.2 s in all since the clock was armed, 0.6 s each: none is stopped
            with document_clock(1.0) as clock:
                clock.start()
                time.sleep(0.6)
                clock.stop()
        time.sleep(1.2)  # between documents the timer fires and is set again
        with document_clock(1.0) as clock:
            clock.start()
            started = time.monotonic()
            with pytest.raises(RuleTimeout):
                time.sleep(5)
            clock.stop()
            assert 0.9 < time.monotonic() - started < 4
    assert _disarmed(before)


def test_a_new_limit_arms_the_run_clock_again(armings):
    before = signal.getsignal(signal.SIGALRM)
    with RunClock():
        with document_clock(5.0) as first:
            pass
        with document_clock(0.5) as second:
            assert second is not first and second.seconds == 0.5
            second.start()
            with pytest.raises(RuleTimeout):
                time.sleep(5)
            second.stop()
    assert armings[0] == 2
    assert _disarmed(before)


def test_another_thread_inside_a_run_gets_a_clock_of_its_own():
    outcome = {}
    with RunClock():
        with document_clock(5.0) as main_clock:
            pass

        def lint_in_a_thread():
            with document_clock(5.0) as clock:
                outcome["own"] = clock is not main_clock
                outcome["usable"] = clock.usable

        worker = threading.Thread(target=lint_in_a_thread)
        worker.start()
        worker.join()
    assert outcome == {"own": True, "usable": False}


def test_a_run_inside_a_run_lends_the_outer_clock_and_leaves_it_armed(armings):
    before = signal.getsignal(signal.SIGALRM)
    with RunClock():
        with document_clock(5.0) as outer:
            pass
        with RunClock():
            with document_clock(5.0) as inner:
                assert inner is outer
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0  # still armed for the outer run
        with document_clock(5.0) as again:
            assert again is outer
    assert armings[0] == 1
    assert _disarmed(before)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_worker_is_outside_its_parents_run():
    with RunClock() as run:
        run.lend(20)  # armed, as after the parent's first file: a child inherits no timer
        assert ruleclock.bounds_this_thread()
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - the child reports through the pipe
            outside = not ruleclock._open_runs and not ruleclock.bounds_this_thread()
            os.write(write, b"1" if outside else b"0")
            os._exit(0)
        os.close(write)
        answer = os.read(read, 1)
        os.close(read)
        os.waitpid(child, 0)
        assert list(ruleclock._open_runs.values()) == [run]
    assert not ruleclock.bounds_this_thread()
    assert answer == b"1"
    assert not ruleclock._open_runs


def test_a_check_run_arms_one_clock_and_leaves_no_handler(cli, tmp_path, armings):
    for n in range(3):
        (tmp_path / f"r{n}.txt").write_text(f"第{n}份报告\n机密★\n", encoding="utf-8")
    before = signal.getsignal(signal.SIGALRM)
    run = cli("check", "--no-cache", "--format", "json", tmp_path)
    assert len(run.json()["files"]) == 3
    assert armings[0] == 1
    assert _disarmed(before)
    assert not ruleclock._open_runs
