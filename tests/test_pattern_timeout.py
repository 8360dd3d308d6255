"""Which searches carry the regex module's timeout (`linter.kinds.patterns.timeout_for`)."""

from __future__ import annotations

import threading

from linter import regexes
from linter.kinds.patterns import MATCH_TIMEOUT, compile_any, timeout_for
from linter.ruleclock import RuleClock, bounds_this_thread

PLAIN = compile_any(("绝密|机密",))
RISKY = compile_any(("(a|aa)+$",))  # the ruleset check warns about it


def test_outside_a_clock_every_pattern_has_the_timeout():
    assert not bounds_this_thread()
    assert timeout_for(PLAIN) == timeout_for(RISKY) == MATCH_TIMEOUT


def test_under_a_clock_only_a_pattern_the_check_warns_about_has_it():
    with RuleClock(20):
        assert bounds_this_thread()
        assert timeout_for(PLAIN) is None
        assert timeout_for(RISKY) == MATCH_TIMEOUT
        assert timeout_for(regexes.compile(r"(\w*)*x")) == MATCH_TIMEOUT
    assert not bounds_this_thread()
    assert timeout_for(PLAIN) == MATCH_TIMEOUT


def test_nested_clocks_restore_the_outer_state():
    with RuleClock(20):
        with RuleClock(20):
            assert timeout_for(PLAIN) is None
        assert bounds_this_thread()
    assert not bounds_this_thread()


def test_a_clock_that_sets_no_limit_leaves_the_timeout_on():
    with RuleClock(0):  # DISCLINT_RULE_TIME_LIMIT=0: nothing would stop a runaway search
        assert not bounds_this_thread()
        assert timeout_for(PLAIN) == MATCH_TIMEOUT


def test_outside_the_main_thread_the_timeout_stays_on():
    seen = {}

    def in_a_thread():
        with RuleClock(20):  # cannot use SIGALRM here
            seen["bounded"], seen["timeout"] = bounds_this_thread(), timeout_for(PLAIN)

    with RuleClock(20):  # the main thread's clock does not bound the other thread
        worker = threading.Thread(target=in_a_thread)
        worker.start()
        worker.join()
        assert timeout_for(PLAIN) is None
    assert seen == {"bounded": False, "timeout": MATCH_TIMEOUT}
