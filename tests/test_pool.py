"""linter.pool: forked workers give each result in order; a dead or failing worker ends the run cleanly."""

from __future__ import annotations

import os
import signal

import pytest

from conftest import ROOT

from linter import pool

pytestmark = pytest.mark.skipif(not pool.available(), reason="no os.fork here: linter.check uses concurrent.futures")


def _reaped(pids) -> bool:
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def test_ranges_cover_everything_once_and_shrink_towards_the_end():
    spans = list(pool.ranges(1000, 2, 16))
    assert spans[0] == (0, 16) and spans[-1][1] == 1000
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert [stop - start for start, stop in spans[-4:]] == [1, 1, 1, 1]
    assert list(pool.ranges(0, 2, 16)) == []


@pytest.mark.parametrize("count,jobs", [(1, 2), (37, 2), (500, 3)])
def test_results_come_in_order_from_every_worker(count, jobs):
    items = [f"item {i}" for i in range(count)]
    results = list(pool.ordered(count, lambda start, stop: [(os.getpid(), item) for item in items[start:stop]],
                                jobs, largest=7))
    assert [item for _, item in results] == items
    pids = {pid for pid, _ in results}
    assert os.getpid() not in pids and len(pids) == min(jobs, count)
    assert _reaped(pids)  # every worker was waited for: no zombie left


def test_start_runs_in_each_worker_before_its_work():
    state = {"started": None}

    def start():
        state["started"] = os.getpid()

    results = list(pool.ordered(40, lambda start, stop: [state["started"] == os.getpid()] * (stop - start), 2,
                                start))
    assert results == [True] * 40 and state["started"] is None  # the parent's copy is untouched


def test_an_exception_in_a_worker_is_raised_in_the_parent():
    def work(start, stop):
        if start <= 20 < stop:
            raise ValueError("bad item 20")
        return list(range(start, stop))

    got = []
    with pytest.raises(ValueError, match="bad item 20"):
        for value in pool.ordered(50, work, 2, largest=5):
            got.append(value)
    failing = next(start for start, stop in pool.ranges(50, 2, 5) if start <= 20 < stop)
    assert got == list(range(failing))  # in its turn: everything before the failing range was handed back


def test_a_worker_that_dies_ends_the_run_with_one_line():
    def work(start, stop):
        if start >= 30:
            os.kill(os.getpid(), signal.SIGKILL)
        return [os.getpid()] * (stop - start)

    pids = set()
    with pytest.raises(pool.WorkerDied) as died:
        for pid in pool.ordered(60, work, 2, largest=5):
            pids.add(pid)
    assert "was killed by signal 9 (SIGKILL): not every file was checked" in str(died.value)
    assert "\n" not in str(died.value)
    assert _reaped(pids)


def test_a_worker_that_exits_is_reported_with_its_code():
    with pytest.raises(pool.WorkerDied, match="exited with code 3"):
        list(pool.ordered(10, lambda start, stop: os._exit(3), 2))


def test_stopping_early_stops_and_reaps_the_workers():
    results = pool.ordered(10_000, lambda start, stop: [os.getpid()] * (stop - start), 2)
    pids = {next(results) for _ in range(40)}
    results.close()
    assert _reaped(pids)


def test_after_the_last_result_the_workers_exit_and_closing_reaps_them():
    """A caller that stops at the last result (zip does) closes the generator. The workers, told to
    exit when the last range came in, end meanwhile (their exit overlaps with what the caller does
    with the last results); closing waits for them."""
    import time

    if not os.path.isdir(f"/proc/{os.getpid()}"):
        pytest.skip("no /proc here to see a worker's state")
    results = pool.ordered(100, lambda start, stop: [os.getpid()] * (stop - start), 2, largest=10)
    pids = {next(results) for _ in range(100)}
    assert len(pids) == 2 and os.getpid() not in pids
    deadline = time.monotonic() + 10
    while {_state(pid) for pid in pids} != {"Z"} and time.monotonic() < deadline:
        time.sleep(0.01)
    assert {_state(pid) for pid in pids} == {"Z"}  # ended on their own, not waited for yet
    results.close()
    assert _reaped(pids) and {_state(pid) for pid in pids} == {None}


def _state(pid: int) -> str | None:
    """The process's state letter in /proc (Z: ended, not yet waited for), None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return None


def test_without_fork_the_check_command_uses_concurrent_futures(cli, monkeypatch):
    """The fallback (Windows, macOS) gives the same output as the forked workers and as one process."""
    monkeypatch.chdir(ROOT)
    args = ("check", "--no-config", "--no-cache", "--lang", "en", "--format", "json", "fixtures")
    one = cli(*args, "--jobs", "1")
    forked = cli(*args, "--jobs", "2")
    monkeypatch.setattr(pool, "available", lambda: False)
    monkeypatch.setattr(pool, "ordered", None)  # (would fail if it were used)
    executor = cli(*args, "--jobs", "2")
    assert one.code == forked.code == executor.code == 2  # fixtures/formats holds an encrypted PDF
    assert forked.out == executor.out == one.out and forked.err == executor.err == one.err
