"""The wall-clock limit for one rule on one document, and the clock that enforces it.

DISCLINT_RULE_TIME_LIMIT sets the limit in seconds (0: none); a rule that runs
past it is stopped by SIGALRM and reported as an `internal-error` finding. Kept
apart from the engine so that a run answered from the result cache can put the
limit in its keys without importing the engine (nor `signal`, which only a clock
needs).

A document's rules run under `document_clock`: a clock armed for that document
alone, or, inside a `RunClock` (check.py's file loop), one clock armed once for
the whole run, which spares the four system calls of arming and disarming a
clock for every file.
"""

from __future__ import annotations

import os
import time
from _thread import get_ident


# Wall-clock limit for one rule on one document (seconds); DISCLINT_RULE_TIME_LIMIT overrides it.
def _time_limit_from_environment() -> float:
    value = os.environ.get("DISCLINT_RULE_TIME_LIMIT", "20")
    try:
        return max(0.0, float(value))
    except ValueError:
        return 20.0  # a bad value is reported as a usage error by the command line (check.py)


RULE_TIME_LIMIT = _time_limit_from_environment()


# The thread whose rules a running RuleClock bounds, or None: only the main thread can handle
# SIGALRM, so there is one at most (linter.kinds.patterns leaves the regex module's own timeout
# off the searches such a clock bounds; see `bounds_this_thread`)
_bounded_thread: int | None = None


def bounds_this_thread() -> bool:
    """Whether a RuleClock that can stop a rule (SIGALRM, which the regex module heeds in
    the middle of a search too) is running in this thread now."""
    return _bounded_thread == get_ident()


class RuleTimeout(Exception):
    """Raised inside a rule that ran past RULE_TIME_LIMIT."""


class RuleClock:
    """Stops a rule that runs past `seconds` (SIGALRM; only in the main thread, elsewhere no limit).

    One timer runs for the whole document (or run: `RunClock`): a system call per rule
    would cost more than most rules do. When it fires, the rule running then is stopped
    if it has run for `seconds`; otherwise (it started later, or no rule is running) the timer is set
    again for what that rule has left, so each rule still gets its full `seconds`.
    """

    def __init__(self, seconds: float) -> None:
        # (here, not at the top: see the module docstring) `signal` is `_signal`'s functions and
        # constants wrapped in enums, whose making costs more than a one-file run's rules; the
        # clock needs none of the enums
        try:
            import _signal as signal
        except ImportError:  # pragma: no cover - an interpreter without the C module
            import signal

        self._signal = signal
        self.seconds = seconds
        self.usable = seconds > 0 and hasattr(signal, "setitimer")
        self.previous = None
        self.started: float | None = None  # when the running rule started; None between rules
        self.outer_bounded: int | None = None  # the bounded thread when this clock was entered

    def __enter__(self) -> "RuleClock":
        if self.usable:
            signal = self._signal
            try:
                self.previous = signal.signal(signal.SIGALRM, self._expire)
            except ValueError:  # not the main thread (of the main interpreter): no limit there
                self.usable = False
                return self
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            global _bounded_thread
            self.outer_bounded, _bounded_thread = _bounded_thread, get_ident()
        return self

    def __exit__(self, *exc) -> None:
        if self.usable:
            signal = self._signal
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
            global _bounded_thread
            _bounded_thread = self.outer_bounded

    def start(self) -> None:
        self.started = time.monotonic()

    def stop(self) -> None:
        self.started = None

    def _expire(self, signum, frame) -> None:
        started = self.started
        left = self.seconds if started is None else self.seconds - (time.monotonic() - started)
        if left > 0.001:
            self._signal.setitimer(self._signal.ITIMER_REAL, left)
            return
        self.started = None
        raise RuleTimeout()


class RunClock:
    """While open, the documents linted in this thread share one RuleClock (`document_clock`).

    The clock is armed when the first document asks for it (a run answered from the result
    cache lints none, and needs no `signal`) and disarmed, its SIGALRM handler put back,
    when the run ends. A RuleClock measures each rule from its own start, whatever ran
    before it (see RuleClock), so sharing one changes no rule's limit; between documents
    its timer, should it fire, is simply set again. A RunClock opened inside another in
    the same thread lends the outer one's clock (arming its own would disarm the outer's).
    """

    def __init__(self) -> None:
        self.clock: RuleClock | None = None
        self.lent: _Lent | None = None
        self.owner = False  # the outermost RunClock of its thread

    def __enter__(self) -> "RunClock":
        self.owner = _open_runs.setdefault(get_ident(), self) is self
        return self

    def __exit__(self, *exc) -> None:
        if self.owner:
            del _open_runs[get_ident()]
            self._disarm()

    def lend(self, seconds: float) -> "_Lent":
        """The run's clock, armed for `seconds` (again, if it was armed for another limit)."""
        if self.clock is None or self.clock.seconds != seconds:
            self._disarm()
            self.clock = RuleClock(seconds).__enter__()
            self.lent = _Lent(self.clock)
        return self.lent

    def _disarm(self) -> None:
        if self.clock is not None:
            self.clock.__exit__(None, None, None)
            self.clock = self.lent = None


class _Lent:
    """`with` over a run's clock for one document: it stays armed when the document is done."""

    __slots__ = ("clock",)

    def __init__(self, clock: RuleClock) -> None:
        self.clock = clock

    def __enter__(self) -> RuleClock:
        return self.clock

    def __exit__(self, *exc) -> None:
        pass


_open_runs: dict[int, RunClock] = {}  # thread id -> the outermost RunClock open in that thread


def document_clock(seconds: float) -> RuleClock | _Lent:
    """What to enter (`with`) to run one document's rules under a limit of `seconds` each.

    The open RunClock's clock when this thread opened one; otherwise a clock of the
    document's own, armed on entering and disarmed (its handler put back) on leaving, as
    a library caller or a test linting a document expects.
    """
    run = _open_runs.get(get_ident())
    return RuleClock(seconds) if run is None else run.lend(seconds)


def _forget_run() -> None:
    """A forked worker starts outside its parent's run: the parent, not the child, closes it.
    Nor does its parent's armed timer bound it: a child inherits no interval timer."""
    global _bounded_thread
    _open_runs.clear()
    _bounded_thread = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_run)
