"""`--jobs`: a small pool of forked worker processes, results handed back in order.

The parent makes the list of work first, then forks the workers: each inherits the
list and whatever the parent loaded (the engine, the rulesets). Over a pipe, a worker
is sent ranges of the list to do, two ahead so that it never waits for the parent; it
sends back each range's results as one pickle over another pipe. The ranges shrink
towards the end of the list, so that the workers finish together. Cheaper than
`concurrent.futures` (which this module does not import: about 20 ms of start-up): no
threads in the parent, no pickling of the work, one message a range.

A worker that dies ends the run with `WorkerDied` (one line, exit code 2). Ctrl-C
reaches the workers too, which then die at once; the parent stops whatever is left and
waits for every worker, normal end or not, so that none is left running or unreaped.

Where os.fork is missing (Windows) or unsafe without exec (macOS), `available()` is
false and linter.check uses `concurrent.futures` instead.
"""

from __future__ import annotations

import _signal as signal  # (`signal` without its enums, made at import: 0.4 ms)
import os
import select
import struct
import sys
from collections import deque
from collections.abc import Callable, Iterator

from linter import pickling as pickle  # (`_pickle`'s functions, without the `pickle` module: 1 ms)
from linter.errors import DisclintError

AHEAD = 2  # ranges sent to a worker before its first result comes back
_TASK = struct.Struct("<qq")  # a range to do: start, stop
_SIZE = struct.Struct("<q")  # the length of the pickle that follows


class WorkerDied(DisclintError):
    """A worker process ended before sending back all its results."""


def available() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin"


def ranges(count: int, jobs: int, largest: int) -> Iterator[tuple[int, int]]:
    """Consecutive `(start, stop)` covering range(count): at most `largest` long, shorter near the end."""
    start = 0
    while start < count:
        size = max(1, min(largest, (count - start) // (jobs * 2 * AHEAD)))
        yield start, start + size
        start += size


class _Worker:
    def __init__(self, pid: int, tasks: int, results: int) -> None:
        self.pid, self.tasks, self.results = pid, tasks, results
        self.pending: deque[tuple[int, int]] = deque()
        self.status: int | None = None  # wait status, once reaped


def ordered(count: int, work: Callable[[int, int], list], jobs: int, start: Callable[[], None] | None = None,
            largest: int = 16) -> Iterator:
    """`work(i, j)` (a list of j - i results) over range(count), by `jobs` workers: each result in order.

    `start` runs once in each worker before its first range. An exception raised by
    `work` in a worker is raised here, in its turn: after the results before it. Once the
    last range is in, the workers are told to exit; they are waited for when the generator
    ends, exhausted or closed (a caller that stops at the last result closes it), so that
    their exit overlaps with what the caller does with the last results.
    """
    todo = ranges(count, jobs, largest)
    workers = _fork(jobs, work, start)
    by_fd = {worker.results: worker for worker in workers}
    done: dict[int, tuple] = {}  # start of a range -> (exception or None, results)
    position, stopped = 0, False
    try:
        for worker in workers:
            for _ in range(AHEAD):
                _send(worker, next(todo, None))
        while position < count:
            for fd in _readable([worker.results for worker in workers if worker.pending]):
                worker = by_fd[fd]
                first, _ = worker.pending.popleft()
                done[first] = _receive(worker)
                _send(worker, next(todo, None))
            while position in done:
                error, results = done.pop(position)
                if error is not None:
                    raise error
                position += len(results)
                if position >= count:  # every range is done: the workers exit at end-of-file
                    stopped = True
                    _release(workers)
                yield from results
    finally:  # (also when the caller closes this generator after the last results, not asking for more)
        _stop(workers, stopped)


def _readable(fds: list[int]) -> list[int]:
    """Those of `fds` with something to read (or at end-of-file), waiting for one."""
    if not hasattr(select, "poll"):
        return select.select(fds, [], [])[0]
    poll = select.poll()  # (select.select cannot watch a descriptor numbered 1024 or more)
    for fd in fds:
        poll.register(fd, select.POLLIN)
    return [fd for fd, _ in poll.poll()]


def _fork(jobs: int, work: Callable[[int, int], list], start: Callable[[], None] | None) -> list[_Worker]:
    for stream in (sys.stdout, sys.stderr):  # a worker must not inherit (and one day write) buffered output
        stream.flush()
    workers: list[_Worker] = []
    try:
        for _ in range(jobs):
            tasks_read, tasks_write = os.pipe()
            results_read, results_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: never returns
                code = 1
                try:
                    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: die at once, quietly
                    for fd in [tasks_write, results_read] + [f for w in workers for f in (w.tasks, w.results)]:
                        os.close(fd)  # the parent's ends: the worker sees end-of-file when the parent closes its own
                    _serve(tasks_read, results_write, work, start)
                    code = 0
                finally:
                    os._exit(code)
            os.close(tasks_read)
            os.close(results_write)
            workers.append(_Worker(pid, tasks_write, results_read))
    except BaseException:
        _stop(workers, False)
        raise
    return workers


def _serve(tasks: int, results: int, work: Callable[[int, int], list], start: Callable[[], None] | None) -> None:
    """The worker's loop: ranges in, results (or the exception `work` raised) out, until end-of-file."""
    failure = None
    if start is not None:
        try:
            start()
        except Exception as error:  # noqa: BLE001 - sent to the parent with the first range
            failure = error
    while True:
        task = _read(tasks, _TASK.size)
        if task is None:
            return
        first, stop = _TASK.unpack(task)
        try:
            if failure is not None:
                raise failure
            message = pickle.dumps((None, work(first, stop)), pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # noqa: BLE001 - raised again in the parent
            message = pickle.dumps((_portable(error), None), pickle.HIGHEST_PROTOCOL)
        _write(results, _SIZE.pack(len(message)) + message)


def _portable(error: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(error, pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - an exception that does not survive pickling: its text does
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _send(worker: _Worker, task: tuple[int, int] | None) -> None:
    if task is not None:
        worker.pending.append(task)
        try:
            _write(worker.tasks, _TASK.pack(*task))
        except BrokenPipeError:  # the worker is dead: reading its results says how it ended
            pass


def _receive(worker: _Worker) -> tuple:
    """`(exception or None, results)` of the worker's next range."""
    size = _read(worker.results, _SIZE.size)
    message = _read(worker.results, _SIZE.unpack(size)[0]) if size is not None else None
    if message is None:
        raise _died(worker)
    return pickle.loads(message)


def _died(worker: _Worker) -> BaseException:
    """What to raise for a worker that ended early: KeyboardInterrupt after Ctrl-C, else WorkerDied."""
    _, worker.status = os.waitpid(worker.pid, 0)
    if os.WIFSIGNALED(worker.status):
        number = os.WTERMSIG(worker.status)
        if number == signal.SIGINT:
            return KeyboardInterrupt()
        from signal import Signals  # (only to name it)

        try:
            name = Signals(number).name
        except ValueError:
            name = str(number)
        how = f"was killed by signal {number} ({name})"
    else:
        how = f"exited with code {os.WEXITSTATUS(worker.status)}"
    return WorkerDied(f"worker process {worker.pid} {how}: not every file was checked")


def _release(workers: list[_Worker]) -> None:
    """End-of-file to every worker: an idle worker exits (and is reaped by `_stop`)."""
    for worker in workers:
        _close(worker.tasks)
        worker.tasks = -1


def _stop(workers: list[_Worker], finished: bool) -> None:
    """End every worker (at once unless `finished`) and reap it; close the parent's ends of the pipes."""
    _release(workers)
    if not finished:
        for worker in workers:
            if worker.status is None:
                try:
                    os.kill(worker.pid, signal.SIGTERM)
                except OSError:
                    pass
    for worker in workers:
        _close(worker.results)
        worker.results = -1
        while worker.status is None:
            try:
                _, worker.status = os.waitpid(worker.pid, 0)
            except ChildProcessError:
                break
            except InterruptedError:
                continue


def _close(fd: int) -> None:
    if fd < 0:
        return
    try:
        os.close(fd)
    except OSError:
        pass


def _read(fd: int, size: int) -> bytes | None:
    """Exactly `size` bytes from `fd`, or None at end-of-file."""
    first = os.read(fd, size)
    if len(first) == size:
        return first
    if not first:
        return None
    parts, missing = [first], size - len(first)
    while missing:
        part = os.read(fd, min(missing, 1 << 20))
        if not part:
            return None
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
