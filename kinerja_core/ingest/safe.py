"""Reading untrusted uploads in a separate, limited worker process.

Before any worker sees the bytes, the container is checked here (magic number, zip
central directory, XML prologs, sheet dimensions — nothing decompressed beyond a bounded
prolog). The parse itself runs in a warm worker (``_worker.py``) whose address space is
limited with ``RLIMIT_AS`` and which is killed after ``timeout_s``. A worker that dies
(calamine aborting, memory exhausted) or overruns is replaced; the caller always gets an
``IngestResult`` with an Indonesian error, never an exception.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from kinerja_core.ingest.container import sniff
from kinerja_core.ingest.reader import Parsed
from kinerja_core.model import Problem

_HEADER = struct.Struct("<Q")
_ROOT = Path(__file__).resolve().parents[2]
_START_TIMEOUT_S = 30.0  # worker start-up (imports) is not charged to a file's timeout
MAX_IDLE_WORKERS = 2
MAX_WORKERS = 4


class WorkerFailure(Exception):
    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind)
        self.kind = kind
        self.detail = detail


class _Worker:
    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_ROOT), env.get("PYTHONPATH")) if p)
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[name] = "1"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kinerja_core.ingest._worker", str(memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=str(_ROOT),
        )
        self.ready = False

    def _read_exact(self, size: int, deadline: float) -> bytes:
        fd = self.proc.stdout.fileno()
        data = bytearray()
        while len(data) < size:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WorkerFailure("timeout")
            readable, _, _ = select.select([fd], [], [], remaining)
            if not readable:
                raise WorkerFailure("timeout")
            chunk = os.read(fd, min(size - len(data), 1 << 20))
            if not chunk:
                raise WorkerFailure("died")
            data += chunk
        return bytes(data)

    def _receive(self, deadline: float) -> tuple:
        size = _HEADER.unpack(self._read_exact(_HEADER.size, deadline))[0]
        return pickle.loads(self._read_exact(size, deadline))

    def wait_ready(self) -> None:
        if not self.ready:
            message = self._receive(time.monotonic() + _START_TIMEOUT_S)
            if message[0] != "ready":
                raise WorkerFailure("died")
            self.ready = True

    def run(self, job: tuple, timeout_s: float) -> Parsed:
        self.wait_ready()
        payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.proc.stdin.write(_HEADER.pack(len(payload)) + payload)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise WorkerFailure("died") from exc
        kind, value = self._receive(time.monotonic() + timeout_s)
        if kind == "ok":
            return value
        raise WorkerFailure(kind, value)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)
        for stream in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                stream.close()


class _Pool:
    """A few warm workers shared by every caller (Streamlit sessions run in threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._slots = threading.BoundedSemaphore(MAX_WORKERS)

    def acquire(self, memory_mb: int) -> _Worker:
        self._slots.acquire()
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive() and worker.memory_mb == memory_mb:
                    return worker
                worker.kill()
        try:
            return _Worker(memory_mb)
        except BaseException:
            self._slots.release()
            raise

    def release(self, worker: _Worker, healthy: bool) -> None:
        try:
            if healthy and worker.alive():
                with self._lock:
                    if len(self._idle) < MAX_IDLE_WORKERS:
                        self._idle.append(worker)
                        return
            worker.kill()
        finally:
            self._slots.release()

    def shutdown(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


_POOL = _Pool()
atexit.register(_POOL.shutdown)


def shutdown_workers() -> None:
    """Stop the idle workers (tests and the CLI call this; atexit does too)."""
    _POOL.shutdown()


def _failure(filename: str, failure: WorkerFailure, timeout_s: float, memory_mb: int) -> Parsed:
    if failure.kind == "timeout":
        message = (
            f"Berkas terlalu lama dibaca (lebih dari {timeout_s:g} detik), jadi pembacaan "
            "dihentikan. Berkasnya mungkin terlalu besar atau rusak."
        )
    elif failure.kind in ("memory", "died"):
        message = (
            "Berkas menghentikan pembaca (memori melebihi batas "
            f"{memory_mb} MB atau isi berkas rusak), jadi tidak dibaca."
        )
    else:
        message = (
            "Terjadi kesalahan tak terduga saat membaca berkas; berkas tidak diproses"
            f" ({failure.detail})."
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
    worker: _Worker | None = None
    try:
        for i in pending:
            content, filename = items[i]
            try:
                if worker is None:
                    worker = _POOL.acquire(memory_mb)
                results[i] = worker.run((content, filename, kwargs), timeout_s)
            except WorkerFailure as failure:
                if failure.kind == "crash":
                    results[i] = _failure(filename, failure, timeout_s, memory_mb)
                    continue
                if worker is not None:
                    _POOL.release(worker, healthy=False)
                worker = None
                results[i] = _failure(filename, failure, timeout_s, memory_mb)
            except OSError as exc:  # the worker could not even be started
                worker = None
                results[i] = _failure(
                    filename, WorkerFailure("crash", str(exc)), timeout_s, memory_mb
                )
    finally:
        if worker is not None:
            _POOL.release(worker, healthy=True)
    return [r for r in results if r is not None]


def read_uploads_safely(
    items: Sequence[tuple[bytes, str]],
    *,
    bidang: str = "",
    tahun: int | None = None,
    known_bidang: Sequence[str] | None = None,
    rencana: pd.DataFrame | None = None,
    timeout_s: float = 5.0,
    memory_mb: int = 512,
):
    """``read_upload_safely`` for several files through one warm worker."""
    from kinerja_core.ingest import _build, apply_rencana

    kwargs = {
        "bidang": bidang,
        "tahun": tahun,
        "known_bidang": list(known_bidang) if known_bidang is not None else None,
    }
    parsed = _parse_many(items, kwargs, timeout_s, memory_mb)
    return [apply_rencana(_build(p), rencana) for p in parsed]


def read_upload_safely(
    content: bytes,
    filename: str,
    *,
    bidang: str = "",
    tahun: int | None = None,
    known_bidang: Sequence[str] | None = None,
    rencana: pd.DataFrame | None = None,
    timeout_s: float = 5.0,
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
