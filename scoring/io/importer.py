"""Reading many submission files at once: in worker processes, each file under a time limit.

A folder of 500 submissions must import even when one of them is pathological. Each file is
read in a worker process (one per core), so a file that takes too long is stopped by killing
its worker, and a file that crashes the reader or exhausts its memory cap takes down only
that worker; in every case the file becomes a :class:`~scoring.core.model.Rejection` and the
import goes on with a fresh worker. Results come back in input order, so the first
submission of a project by input order still wins (``duplicate_project``).

Reading a file gives exactly what :func:`scoring.io.submission.read_submission_file` gives
(:func:`read_file` is that function with limits and a last-resort guard).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
import threading
import time
import types
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from scoring.core.memory import paused_gc
from scoring.core.model import Rejection, Submission
from scoring.io.safe_read import DEFAULT_LIMITS, Limits, SubmissionRejected, as_path, read_workbook
from scoring.io.submission import SHEETS, read_submission_book, rejection_of

log = logging.getLogger("synergypilot.importer")

GB = 1024**3
Result = list[Submission | Rejection]


@dataclass(frozen=True)
class ImportOptions:
    """How files are read.

    Parameters
    ----------
    workers : int or None
        Worker processes; None uses one per CPU (no more than there are files); 0 reads in
        this process, without the time limit or the crash isolation (for debugging).
    timeout : float
        Seconds one file may take before its worker is stopped and the file rejected.
    limits : Limits
        Size limits applied to every file (see :class:`scoring.io.safe_read.Limits`).
    memory_bytes : int or None
        Address-space cap of each worker process (None: no cap).
    chunk : int
        Files sent to a worker at a time (fewer round trips for many small files).
    reader : callable, optional
        ``reader(path, limits) -> list`` used instead of :func:`read_file` (a module-level
        function, as workers receive it pickled); for tests of the time limit and crashes.
    """

    workers: int | None = None
    timeout: float = 60.0
    limits: Limits = DEFAULT_LIMITS
    memory_bytes: int | None = 2 * GB
    chunk: int = 8
    reader: Callable[[Path, Limits], Result] | None = None


DEFAULT_OPTIONS = ImportOptions()


def read_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Result:
    """Read one submission file; never raises.

    Returns
    -------
    list of Submission or Rejection
        As :func:`scoring.io.submission.read_submission_file`; an unexpected error becomes an
        ``unreadable`` rejection (and is logged with its traceback).
    """
    path = as_path(path)
    try:
        return read_submission_book(read_workbook(path, limits, SHEETS))
    except SubmissionRejected as exc:
        return [rejection_of(path, exc)]
    except MemoryError:
        return [Rejection(str(path), "too_large", f"{path.name}: the file needs more memory than a "
                          "submission may use; copy the Project and Data sheets into a new workbook "
                          "and send that",
                          f"{path.name}：读取该文件所需的内存超过申报文件的上限；"
                          "请把 Project 和 Data 工作表复制到新工作簿后发送")]
    except Exception as exc:  # the promise: a bad file is a rejection, never a crash
        log.exception("unexpected error reading %s", path)
        return [_unexpected(path, exc)]


def read_files(files: Iterable[str | Path], options: ImportOptions | None = None) -> list[Result]:
    """Read every file and return their results in input order (see :class:`FileReader`)."""
    paths = [as_path(f) for f in files]
    with FileReader(paths, options) as reader:
        return [reader.result(i) for i in range(len(paths))]


def _timed_out(path: Path, seconds: float) -> Rejection:
    return Rejection(str(path), "too_large", f"{path.name}: reading it took longer than {seconds:g} s, "
                     "the limit per file, so it was stopped; the file is far larger or more complex "
                     "than a submission should be: copy the Project and Data sheets into a new "
                     "workbook and send that",
                     f"{path.name}：读取超过每个文件 {seconds:g} 秒的时限，已停止；"
                     "文件远比申报文件应有的更大或更复杂：请把 Project 和 Data 工作表复制到新工作簿后发送")


def _crashed(path: Path, exitcode: int | None) -> Rejection:
    # SIGABRT (-6) is how the Rust reader dies when an allocation fails, SIGKILL (-9) how the
    # system stops a process out of memory; both mean the file asked for too much memory.
    if exitcode in (-6, -9):
        return Rejection(str(path), "too_large", f"{path.name}: reading it needed more memory than a "
                         "file may use, so it was stopped; copy the Project and Data sheets into a new "
                         "workbook and send that",
                         f"{path.name}：读取所需内存超过单个文件的上限，已停止；"
                         "请把 Project 和 Data 工作表复制到新工作簿后发送")
    return Rejection(str(path), "unreadable", f"{path.name}: the reader stopped unexpectedly on this "
                     f"file (exit code {exitcode}); open it in Excel or WPS, save it as .xlsx and send "
                     "it again",
                     f"{path.name}：读取程序在此文件上意外停止（退出码 {exitcode}）；"
                     "请用 Excel 或 WPS 打开，另存为 .xlsx 后重新发送")


# --------------------------------------------------------------------------- worker side


#: A worker answers for a batch at once, or sooner once its first unsent answer is this old
#: (so that progress and the parent's own work never wait long for a batch of slow files).
_ANSWER_WITHIN = 0.1


def _worker_main(conn: Connection, options: ImportOptions, progress) -> None:
    """Read the files the parent sends, answering once per batch, until told to stop.

    ``progress`` (shared with the parent) says which file is being read and since when (see
    :func:`_reading`): the parent stops a file that takes too long by it, and knows which file
    it was, though the answers for the files before it have not been sent yet.
    """
    _cap_memory(options.memory_bytes)
    _errors_to_log_file()
    # What the fork server loaded lives as long as the worker: the collector need not walk it.
    gc.freeze()
    reader = options.reader or read_file
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if batch is None:
            conn.send(("stats", _peak_rss(), time.process_time()))
            return
        # the collector paused while a batch is read: a form makes hundreds of objects and no
        # cycles, and the collector ran several times per form (it runs between batches)
        with paused_gc():
            answers: list[tuple[int, Result]] = []
            first = 0.0
            for index, path in batch:
                progress.value = _reading(index, time.monotonic())
                answers.append((index, _guarded(reader, Path(path), options.limits)))
                first = first or time.monotonic()
                if time.monotonic() - first >= _ANSWER_WITHIN:
                    conn.send(answers)
                    answers, first = [], 0.0
            if answers:
                conn.send(answers)


def _reading(index: int, since: float) -> int:
    """The file a worker is reading and since when (its clock, in ms), as one 64-bit number,
    which the parent reads whole (two numbers could be read half-updated); -1 past the files
    it can name (the parent then counts from the worker's last answer)."""
    return int(since * 1000) << 23 | index if index < _MAX_FILES else -1


def _read_progress(value: int) -> tuple[int, float] | None:
    """(file index, since when) from :func:`_reading`'s number; None before the first file."""
    if value < 0:
        return None
    return value & (_MAX_FILES - 1), (value >> 23) / 1000


#: Files one reader may be given (the index shares 64 bits with the time, see _reading).
_MAX_FILES = 1 << 23


def _guarded(reader: Callable[[Path, Limits], Result], path: Path, limits: Limits) -> Result:
    """Whatever the reader does, the worker answers (an unexpected error refuses the file)."""
    try:
        return reader(path, limits)
    except Exception as exc:
        log.exception("reader failed on %s", path)
        return [_unexpected(path, exc)]


def _unexpected(path: Path, exc: BaseException) -> Rejection:
    return Rejection(str(path), "unreadable", f"{path.name}: the file could not be read "
                     f"({type(exc).__name__}); open it in Excel or WPS, save it as .xlsx and send it again",
                     f"{path.name}：无法读取该文件（{type(exc).__name__}）；"
                     "请用 Excel 或 WPS 打开，另存为 .xlsx 后重新发送")


def reader_log_path() -> Path:
    """Where reader processes write what goes wrong inside them (beside the CLI's log)."""
    import tempfile

    home = os.environ.get("SYNERGYPILOT_HOME")
    return (Path(home) if home else Path(tempfile.gettempdir())) / "synergypilot-reader.log"


def _errors_to_log_file() -> None:
    """Send this worker's standard error to the reader log.

    The user sees each file's refusal; the details (the Rust reader's panic message on a
    malformed file, a logged traceback) belong in a log, not in the user's terminal, which a
    worker shares with the program that started it.
    """
    try:
        target = os.open(reader_log_path(), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    except OSError:
        target = os.open(os.devnull, os.O_WRONLY)
    sys.stderr.flush()
    os.dup2(target, 2)
    os.close(target)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="%(asctime)s %(process)d %(name)s %(levelname)s %(message)s")


def _peak_rss() -> int:
    """This process's peak resident memory in bytes (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _cap_memory(memory_bytes: int | None) -> None:
    if memory_bytes is None:
        return
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):  # not on this platform: the timeout still holds
        pass


_context = None
_last_peak_worker_rss = 0
_last_worker_cpu = 0.0


def last_peak_worker_rss() -> int:
    """Peak memory (bytes) of the workers of the last reader that closed (for benchmarks)."""
    return _last_peak_worker_rss


def last_worker_cpu() -> float:
    """CPU seconds the workers of the last reader that closed used, together (for benchmarks:
    steadier than the time on the clock on a machine shared with other work)."""
    return _last_worker_cpu


def _mp_context():
    """Fork from a clean server process where the platform has one, else spawn.

    Forking the caller directly is unsafe when it runs threads (the GUI does); a fork server
    is single-threaded and, once started, makes each new worker cheap.
    """
    global _context
    if _context is None:
        if "forkserver" in multiprocessing.get_all_start_methods():
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(["scoring.io.importer"])
        else:
            _context = multiprocessing.get_context("spawn")
    return _context


def start_readers_early() -> None:
    """Start the fork server now, so that it loads the reader while the caller does other
    work (loading templates); the first file is then read without waiting for it.

    Harmless to call more than once, and a no-op where there is no fork server.
    """
    if _mp_context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")  # as _start_without_main does
    try:
        forkserver.ensure_running()
    finally:
        if main is not None:
            sys.modules["__main__"] = main


# --------------------------------------------------------------------------- parent side


def _start_without_main(process) -> None:
    """Start a worker without it re-running the caller's main script.

    multiprocessing's spawn and fork server make each child import the parent's ``__main__``
    (so that functions defined there can be unpickled); a script that calls the importer
    without an ``if __name__ == "__main__"`` guard would then start importers recursively.
    The workers need nothing from ``__main__``, so it is hidden while the process starts.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        process.start()
    finally:
        if main is not None:
            sys.modules["__main__"] = main


class _Worker:
    """One worker process and the files it has been given, oldest first."""

    def __init__(self, options: ImportOptions):
        ctx = _mp_context()
        self.conn, child = ctx.Pipe()
        #: The file being read and since when (see _reading): written by the worker.
        self.progress = ctx.RawValue("q", -1)
        self.process = ctx.Process(target=_worker_main, args=(child, options, self.progress),
                                   daemon=True, name="synergypilot-reader")
        _start_without_main(self.process)
        child.close()
        self.assigned: deque[int] = deque()
        self.since = time.monotonic()

    def reading(self) -> tuple[int, float]:
        """The file given to this worker that it is reading (else its oldest) and since when
        (else since its last answer, or since it was given files)."""
        found = _read_progress(self.progress.value)
        if found is not None and found[0] in self.assigned:
            return found[0], max(found[1], self.since)
        return self.assigned[0], self.since

    def give(self, batch: list[tuple[int, str]]) -> None:
        if not self.assigned:
            self.since = time.monotonic()
        self.assigned.extend(index for index, _ in batch)
        self.conn.send(batch)

    def ask_to_stop(self) -> bool:
        """Tell an idle worker to finish (see :meth:`stop`); False when it cannot be told."""
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            return False
        return True

    def stop(self, kill: bool = False, asked: bool = False) -> tuple[int, float]:
        """End the worker (``asked``: :meth:`ask_to_stop` was called, so that several workers
        finish at once); return its peak memory in bytes and its CPU seconds when it could
        say (else 0)."""
        peak, cpu = 0, 0.0
        if kill or (not asked and not self.ask_to_stop()):
            self.process.kill()
        else:
            try:
                if self.conn.poll(5):
                    _tag, peak, cpu = self.conn.recv()
            except (OSError, EOFError, ValueError, TypeError):
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()
        return peak, cpu


def _recv_without_gc(conn: Connection):
    """Receive one answer with the cyclic garbage collector paused.

    Unpickling a submission creates hundreds of objects, none of them cyclic garbage; left
    on, the collector runs every few hundred allocations and doubles the parent's share of
    an import (the one part that does not run in parallel).
    """
    with paused_gc():
        return conn.recv()


class FileReader:
    """Read files in worker processes; ask for results in input order with :meth:`result`.

    Use as a context manager: leaving it (e.g. when the user cancels) stops the workers.

    Parameters
    ----------
    files : list of Path
    options : ImportOptions, optional
        Default: ``DEFAULT_OPTIONS``, the one default every reading path uses (looked up when
        reading starts, so the tests can read in-process by setting it once).
    """

    def __init__(self, files: list[Path], options: ImportOptions | None = None):
        self.files = [as_path(f) for f in files]
        self.options = options or DEFAULT_OPTIONS
        self._done: dict[int, Result] = {}
        self._pending: deque[int] = deque(range(len(self.files)))
        count = self.options.workers if self.options.workers is not None else (os.cpu_count() or 1)
        self._n_workers = max(0, min(count, len(self.files)))
        self._workers: list[_Worker] = []
        #: The largest peak memory (bytes) a worker reported when it stopped normally.
        self.peak_worker_rss = 0
        #: CPU seconds of the workers that stopped normally, together.
        self.worker_cpu = 0.0
        self._starting: threading.Thread | None = None
        self._start_failed: BaseException | None = None

    @property
    def worker_processes(self) -> list[multiprocessing.process.BaseProcess]:
        """The reading processes running now: none before :meth:`start` or after :meth:`close`."""
        return [w.process for w in self._workers]

    def __enter__(self) -> FileReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        """Start the workers and hand them their first files in a thread, so that the caller
        can load what it needs meanwhile (the engine and numpy, a tenth of a second): starting
        a worker waits for the fork server, which may still be loading the reader.

        The caller must not use this reader until it asks for a result or closes it.
        """
        if self._n_workers == 0 or self._starting is not None or self._workers:
            return
        self._starting = threading.Thread(target=self._start_in_thread, daemon=True,
                                          name="synergypilot-start-readers")
        self._starting.start()

    def _start_in_thread(self) -> None:
        try:
            self._fill()
        except BaseException as exc:  # raised where the caller waits (see _started)
            self._start_failed = exc

    def _started(self) -> None:
        """Wait for :meth:`start`'s thread, and raise what it raised."""
        if self._starting is None:
            return
        self._starting.join()
        self._starting = None
        if self._start_failed is not None:
            failed, self._start_failed = self._start_failed, None
            raise failed

    def close(self) -> None:
        """Stop every worker (those still reading are killed)."""
        global _last_peak_worker_rss, _last_worker_cpu
        try:
            self._started()
        except Exception:  # closing: the workers that did start are stopped below
            log.exception("starting the readers failed")
        # every idle worker told first, so that they wind down together
        asked = {id(w): not w.assigned and w.ask_to_stop() for w in self._workers}
        for worker in self._workers:
            peak, cpu = worker.stop(kill=bool(worker.assigned), asked=asked[id(worker)])
            self.peak_worker_rss = max(self.peak_worker_rss, peak)
            self.worker_cpu += cpu
        if self._workers:
            _last_peak_worker_rss = self.peak_worker_rss
            _last_worker_cpu = self.worker_cpu
        self._workers = []
        self._pending.clear()

    def result(self, index: int) -> Result:
        """The submissions and rejections of ``files[index]``, reading as needed.

        Results are handed out once; ask for each index at most once.
        """
        if self._n_workers == 0:
            return _guarded(self.options.reader or read_file, self.files[index], self.options.limits)
        while index not in self._done:
            self._step()
        return self._done.pop(index)

    def _step(self) -> None:
        """Keep every worker busy, then wait for one answer or one deadline."""
        self._started()
        self._fill()
        busy = {w.conn: w for w in self._workers if w.assigned}
        if not busy:
            raise KeyError("no file is being read: each result can be asked for only once")
        deadline = min(w.reading()[1] for w in busy.values()) + self.options.timeout
        ready = wait(list(busy), timeout=max(0.0, deadline - time.monotonic()))
        for conn in ready:
            worker = busy[conn]
            self._receive(worker)
            # every answer already waiting too: one wake-up for several batches, not one each
            while worker in self._workers and worker.assigned and worker.conn.poll():
                self._receive(worker)
        now = time.monotonic()
        for worker in list(busy.values()):
            if worker in self._workers and worker.assigned:
                index, since = worker.reading()
                if now - since >= self.options.timeout:
                    self._replace(worker, index, _timed_out(self.files[index], self.options.timeout))

    def _fill(self) -> None:
        while len(self._workers) < self._n_workers:
            self._workers.append(_Worker(self.options))
        size = max(1, self.options.chunk)
        for worker in self._workers:
            # Two chunks in flight: the worker starts the next one without waiting for us.
            while self._pending and len(worker.assigned) < 2 * size:
                batch: list[tuple[int, str]] = []
                while self._pending and len(batch) < size:
                    index = self._pending.popleft()
                    batch.append((index, str(self.files[index])))
                worker.give(batch)

    def _receive(self, worker: _Worker) -> None:
        try:
            answers = _recv_without_gc(worker.conn)
        except (EOFError, OSError):
            worker.process.join(timeout=5)
            index, _since = worker.reading()
            self._replace(worker, index, _crashed(self.files[index], worker.process.exitcode))
            return
        for index, result in answers:
            if index in worker.assigned:
                worker.assigned.remove(index)
            self._done[index] = result
        worker.since = time.monotonic()

    def _replace(self, worker: _Worker, failed: int, rejection: Rejection) -> None:
        """Reject the file the worker was stuck on, put its other files back (those it read
        but had not answered for yet too), start anew."""
        worker.assigned.remove(failed)
        self._done[failed] = [rejection]
        self._pending.extendleft(reversed(worker.assigned))
        worker.assigned.clear()
        worker.stop(kill=True)
        self._workers.remove(worker)
        log.warning("reader worker replaced after %s: %s", self.files[failed].name, rejection.message)
