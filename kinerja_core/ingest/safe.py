"""Reading untrusted uploads in a pool of separate, limited worker processes.

Before any worker sees the bytes, the container is checked here (``container.sniff``: magic
number, zip central directory, every XML part streamed for DTD/entity declarations, sheet
sizes, cell sizes). The parse itself runs in a pebble ``ProcessPool`` of warm workers
started with "spawn", which behaves the same on Windows, macOS and Linux; files of one call
are parsed in parallel. Each file gets a time limit (pebble stops the worker after
``timeout_s``) and a memory budget, kept three ways: a watcher thread here polls the busy
workers' memory with psutil and kills one that grows past its start-up size plus the
budget; the job measures its own memory when the parse ends (``_worker.parse_job``); and
where the OS has ``resource`` the job's address space is capped as well. A worker that
dies, overruns or outgrows its budget is replaced by the pool; the caller always gets an
``IngestResult`` with an Indonesian error, never an exception. What a worker writes on
stderr, and why each refused file was refused, goes to the log (``incident``).
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import suppress
from pathlib import Path

import pandas as pd
import psutil
from pebble import ProcessExpired, ProcessPool
from pebble.pool.process import WORKERS_NAME

from kinerja_core import incident
from kinerja_core.incident import log
from kinerja_core.ingest import _worker
from kinerja_core.ingest.container import sniff
from kinerja_core.ingest.reader import Parsed
from kinerja_core.model import Problem

WORKERS = max(1, min(4, os.cpu_count() or 1))
DEFAULT_TIMEOUT_S = 5.0  # per file; KINERJA_PARSE_TIMEOUT overrides
TASKS_PER_WORKER = 500  # a fresh interpreter now and then: nothing a parser leaks piles up
START_TIMEOUT_S = 120.0  # spawning and importing, not charged to any file's time limit
WATCH_INTERVAL_S = 0.05
_MB = 1024 * 1024


class WorkerFailure(Exception):
    """Why a worker gave no result: timeout | memory | died | crash (+ detail, stderr)."""

    def __init__(self, kind: str, detail: str = "", stderr: str = "") -> None:
        super().__init__(kind)
        self.kind = kind
        self.detail = detail
        self.stderr = stderr


class _ParsePool:
    """The warm workers, shared by every caller (Streamlit sessions run in threads)."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.workers = workers
        self.stderr_dir = Path(tempfile.mkdtemp(prefix="kinerja-pekerja-"))
        self.pool = ProcessPool(
            max_workers=workers,
            max_tasks=TASKS_PER_WORKER,
            initializer=_worker.initialize,
            initargs=(str(self.stderr_dir),),
            context=multiprocessing.get_context("spawn"),
        )
        self.info: dict = self.pool.schedule(_worker.describe).result(timeout=START_TIMEOUT_S)
        self._lock = threading.Lock()
        self._budgets: Counter[int] = Counter()  # memory_mb of the jobs in flight
        self._killed: dict[int, str] = {}  # pid -> why the watcher killed it
        self._watcher: threading.Thread | None = None

    # --- the memory watch ----------------------------------------------------------------
    def _limit_bytes(self) -> int | None:
        with self._lock:
            budgets = [mb for mb, n in self._budgets.items() if n > 0]
        if not budgets or min(budgets) <= 0:
            return None
        return int(self.info["rss"]) + max(budgets) * _MB

    def _watch(self) -> None:
        while True:
            with self._lock:
                if not +self._budgets:
                    self._watcher = None
                    return
            limit = self._limit_bytes()
            if limit is not None:
                for pid in worker_pids():
                    with suppress(psutil.Error):
                        process = psutil.Process(pid)
                        if process.memory_info().rss > limit:
                            self._killed[pid] = "memory"
                            process.kill()
            time.sleep(WATCH_INTERVAL_S)

    def _start_job(self, memory_mb: int) -> None:
        with self._lock:
            self._budgets[memory_mb] += 1
            if self._watcher is None:
                self._watcher = threading.Thread(
                    target=self._watch, name="kinerja-pengawas-memori", daemon=True
                )
                self._watcher.start()

    def _end_job(self, memory_mb: int) -> None:
        with self._lock:
            self._budgets[memory_mb] -= 1

    # --- jobs ----------------------------------------------------------------------------
    def run(
        self,
        jobs: list[tuple[bytes, str, dict]],
        timeout_s: float,
        memory_mb: int,
        job: Callable[..., tuple] = _worker.parse_job,
    ) -> list[Parsed | WorkerFailure]:
        """Each (content, filename, kwargs) through ``job`` in the workers, in parallel."""
        self._start_job(memory_mb)
        try:
            futures = [
                self.pool.schedule(job, args=(content, name, kwargs, memory_mb), timeout=timeout_s)
                for content, name, kwargs in jobs
            ]
            names = [name for _, name, _ in jobs]
            return [self._outcome(f, name) for f, name in zip(futures, names, strict=True)]
        finally:
            self._end_job(memory_mb)

    def _outcome(self, future, filename: str) -> Parsed | WorkerFailure:
        try:
            kind, value, stderr = future.result()
        except FutureTimeout:
            log.warning("Pembacaan %r dihentikan: melewati batas waktu.", filename)
            return WorkerFailure("timeout")
        except ProcessExpired as expired:
            why = self._killed.pop(expired.pid, "")
            if not why:
                why = "memory" if expired.exitcode == _worker.MEMORY_EXIT else "died"
            self._log_stderr(filename, self._stderr_of(expired.pid), expired.exitcode)
            return WorkerFailure(why, f"kode keluar {expired.exitcode}")
        except Exception as error:  # the pool itself failed (pickling, a broken pool)
            log.error("Pekerja pembaca gagal untuk %r", filename, exc_info=error)
            return WorkerFailure("crash", type(error).__name__)
        if kind == "ok":
            if stderr:
                self._log_stderr(filename, stderr, None)
            return value
        return WorkerFailure(kind, value, stderr)

    def _stderr_of(self, pid: int | None) -> str:
        path = self.stderr_dir / f"{pid}.txt"
        try:
            data = path.read_bytes()[-16 * 1024 :].decode("utf-8", errors="replace")
        except OSError:
            return ""
        with suppress(OSError):
            path.unlink()
        return data

    @staticmethod
    def _log_stderr(filename: str, text: str, exitcode: int | None) -> None:
        ended = f", pekerja berhenti dengan kode {exitcode}" if exitcode is not None else ""
        if text.strip() or exitcode is not None:
            log.warning(
                "Stderr pekerja saat membaca %r%s:\n%s", filename, ended, text.strip() or "-"
            )

    def close(self) -> None:
        # A worker still starting would find the pool's pipes gone and print a traceback on
        # the terminal: let each finish starting (its stderr file appears) before stopping.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(
            not (self.stderr_dir / f"{pid}.txt").exists() for pid in worker_pids()
        ):
            time.sleep(0.05)
        self.pool.stop()
        with suppress(Exception):
            self.pool.join(timeout=10)
        shutil.rmtree(self.stderr_dir, ignore_errors=True)


def worker_pids() -> list[int]:
    """The live parsing workers of this process (pebble names its workers)."""
    return [p.pid for p in multiprocessing.active_children() if p.name == WORKERS_NAME and p.pid]


_POOL: _ParsePool | None = None
_POOL_LOCK = threading.Lock()


def _pool(files: int = WORKERS) -> _ParsePool:
    """The shared pool, started by its first caller: the app's warm-up starts every worker,
    the CLI reading one file starts one (a pool in use is never resized)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = _ParsePool(max(1, min(WORKERS, files)))
        return _POOL


def worker_info() -> dict:
    """pid, start-up memory and ``address_limit`` (RLIMIT_AS usable) of the pool's workers."""
    return dict(_pool().info)


def warm_up() -> None:
    """Start the workers in the background, so the first upload does not wait for them."""

    def start() -> None:
        try:
            _pool()
        except Exception as error:  # the first upload will report it to its user
            log.error("Pekerja pembaca tidak dapat dijalankan", exc_info=error)

    threading.Thread(target=start, name="kinerja-pemanasan-pekerja", daemon=True).start()


def shutdown_workers() -> None:
    """Stop the workers (tests and the CLI call this; atexit does too)."""
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.close()


atexit.register(shutdown_workers)


def parse_timeout_s() -> float:
    """Seconds one file may take: ``KINERJA_PARSE_TIMEOUT`` (e.g. on a slow PC), else 5."""
    value = os.environ.get("KINERJA_PARSE_TIMEOUT", "").strip().replace(",", ".")
    try:
        seconds = float(value) if value else DEFAULT_TIMEOUT_S
    except ValueError:
        seconds = DEFAULT_TIMEOUT_S
    return seconds if seconds > 0 else DEFAULT_TIMEOUT_S


def _failure(filename: str, failure: WorkerFailure, timeout_s: float, memory_mb: int) -> Parsed:
    if failure.kind == "timeout":
        seconds = f"{timeout_s:g}".replace(".", ",")
        message = (
            f"Berkas terlalu lama dibaca (lebih dari {seconds} detik), jadi pembacaan "
            "dihentikan. Berkasnya mungkin terlalu besar atau rusak."
        )
    elif failure.kind in ("memory", "died"):
        message = (
            "Berkas menghentikan pembaca (memori melebihi batas "
            f"{memory_mb} MB atau isi berkas rusak), jadi tidak dibaca."
        )
    else:
        code = incident.new_code()
        incident.log.error(
            "Insiden %s: pembacaan %r gagal: %s\n%s",
            code,
            filename,
            failure.detail,
            failure.stderr.strip(),
        )
        message = (
            f"Terjadi kesalahan tak terduga saat membaca berkas (kode insiden {code}); "
            "berkas tidak diproses."
        )
    fix = (
        "Salin hanya tabel kinerja ke berkas Excel baru, simpan sebagai .xlsx, lalu unggah "
        "lagi. Jika tetap gagal, kirim berkasnya ke admin."
    )
    return Parsed(
        filename=filename, shape="gagal", problems=[Problem("error", message, fix, file=filename)]
    )


def _parse_many(
    items: Sequence[tuple[bytes, str]],
    kwargs: dict,
    timeout_s: float,
    memory_mb: int,
) -> list[Parsed]:
    results: list[Parsed | None] = [None] * len(items)
    pending: list[int] = []
    for i, (content, filename) in enumerate(items):
        container = sniff(content, filename)
        refusal = container.refusal
        if refusal is not None:  # refused before any worker sees the bytes
            results[i] = Parsed(
                filename=filename,
                shape=container.kind,
                problems=[Problem("error", refusal.message, refusal.fix, file=filename)],
            )
        else:
            pending.append(i)
    if pending:
        jobs = [(items[i][0], items[i][1], kwargs) for i in pending]
        try:
            pool = _pool(len(jobs))
            outcomes: list[Parsed | WorkerFailure] = pool.run(jobs, timeout_s, memory_mb)
        except Exception as error:  # the pool could not start (no interpreter, no memory)
            log.error("Pekerja pembaca tidak dapat dijalankan", exc_info=error)
            outcomes = [WorkerFailure("crash", type(error).__name__)] * len(jobs)
        for i, outcome in zip(pending, outcomes, strict=True):
            if isinstance(outcome, WorkerFailure):
                outcome = _failure(items[i][1], outcome, timeout_s, memory_mb)
            results[i] = outcome
    return [r for r in results if r is not None]


def _log_refusals(results: list) -> None:
    for result in results:
        if result.errors:
            log.info(
                "Berkas %r tidak bisa dipakai (%s): %s",
                result.filename,
                result.shape or "-",
                " | ".join(p.message for p in result.errors[:5])
                + (f" | … {len(result.errors) - 5} lagi" if len(result.errors) > 5 else ""),
            )


def read_uploads_safely(
    items: Sequence[tuple[bytes, str]],
    *,
    bidang: str = "",
    tahun: int | None = None,
    known_bidang: Sequence[str] | None = None,
    rencana: pd.DataFrame | None = None,
    timeout_s: float | None = None,
    memory_mb: int = 512,
):
    """``read_upload_safely`` for several files through one warm worker."""
    from kinerja_core.ingest import _build, apply_rencana

    kwargs = {
        "bidang": bidang,
        "tahun": tahun,
        "known_bidang": list(known_bidang) if known_bidang is not None else None,
    }
    parsed = _parse_many(items, kwargs, timeout_s or parse_timeout_s(), memory_mb)
    results = [apply_rencana(_build(p), rencana) for p in parsed]
    _log_refusals(results)
    return results


def read_upload_safely(
    content: bytes,
    filename: str,
    *,
    bidang: str = "",
    tahun: int | None = None,
    known_bidang: Sequence[str] | None = None,
    rencana: pd.DataFrame | None = None,
    timeout_s: float | None = None,
    memory_mb: int = 512,
):
    """Read an untrusted upload in a limited worker; always returns an ``IngestResult``.

    The container is checked here first (zip directory sizes and ratios, entry count, XML
    DTD/entity declarations, sheet dimensions) so the worker never decompresses a bomb; the
    worker's memory is capped at its start-up size plus ``memory_mb`` and it is killed
    after ``timeout_s`` seconds.
    """
    return read_uploads_safely(
        [(content, filename)],
        bidang=bidang,
        tahun=tahun,
        known_bidang=known_bidang,
        rencana=rencana,
        timeout_s=timeout_s,
        memory_mb=memory_mb,
    )[0]
