"""Inside a parsing worker process: its set-up and the one job it runs.

``safe.py`` starts these workers in a pebble ``ProcessPool`` with the "spawn" start method
(the same on Windows, macOS and Linux). ``initialize`` runs once per worker: it sends the
worker's stderr (Python's and any native library's) to a file the parent reads into the
log, and imports the parser before any limit applies. ``parse_job`` parses one file within
a memory budget:

- where the OS has ``resource`` (Linux, macOS) the address space is capped for the job, so
  an allocation storm fails inside the parser (MemoryError) instead of swapping;
- on every OS the job measures its own memory when the parse ends (psutil), so a file that
  needed more than the budget is refused even if it finished between two of the parent's
  polls; the parent's psutil watch kills a worker that grows past the budget mid-parse.

Whatever the reader makes of a file, no text longer than one Excel cell leaves the worker
(``_too_long_text``): an xls or CSV cell the container check cannot see is refused here,
before it reaches the server's memory or anyone's browser.

A MemoryError ends the worker with ``MEMORY_EXIT`` (its heap may be in any state); the pool
starts a fresh one.
"""

from __future__ import annotations

import csv
import os
import sys
from contextlib import suppress
from pathlib import Path

import psutil

MEMORY_EXIT = 3
_MB = 1024 * 1024

_stderr_path: Path | None = None
_stderr_seen = 0


def initialize(stderr_dir: str) -> None:
    """Per worker, once: stderr to ``<stderr_dir>/<pid>.txt``, parser imported."""
    global _stderr_path
    _stderr_path = Path(stderr_dir) / f"{os.getpid()}.txt"
    handle = open(_stderr_path, "ab", buffering=0)  # noqa: SIM115 — lives as long as the worker
    os.dup2(handle.fileno(), 2)
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)  # noqa: SIM115
    from kinerja_core.ingest import reader  # noqa: F401 — the heavy imports, before any limit


def has_address_limit() -> bool:
    """Whether this platform lets a job cap its address space (``resource`` importable)."""
    try:
        import resource  # noqa: F401
    except ImportError:
        return False
    return True


def describe() -> dict:
    """The worker's pid, its resident memory after start-up, and which limits it can use."""
    return {
        "pid": os.getpid(),
        "rss": psutil.Process().memory_info().rss,
        "address_limit": has_address_limit(),
    }


def _cap_address_space(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:
        return  # Windows: the psutil checks are the limit
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if memory_mb <= 0:
        limit = hard
    else:
        limit = psutil.Process().memory_info().vms + memory_mb * _MB
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
    with suppress(ValueError, OSError):  # macOS refuses RLIMIT_AS: the psutil checks remain
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _new_stderr() -> str:
    """What this worker wrote on stderr since the last job (for the parent's log)."""
    global _stderr_seen
    if _stderr_path is None:
        return ""
    sys.stderr.flush()
    try:
        with open(_stderr_path, "rb") as handle:
            handle.seek(_stderr_seen)
            data = handle.read(64 * 1024)
            _stderr_seen = handle.tell()
    except OSError:
        return ""
    return data.decode("utf-8", errors="replace")


def _too_long_text(parsed) -> bool:
    from kinerja_core.ingest.container import MAX_CELL_CHARS

    def long(value: object) -> bool:
        return isinstance(value, str) and len(value) > MAX_CELL_CHARS

    for record in parsed.indicators:
        values = record.values() if isinstance(record, dict) else record
        if any(long(v) for v in values):
            return True
    for record in parsed.anggaran:
        if any(long(v) for v in record.values()):
            return True
    texts = [parsed.bidang]
    texts += [t for p in parsed.problems for t in (p.message, p.fix, p.column, p.sheet)]
    return any(long(t) for t in texts)


def _refuse_long_text(parsed, filename: str):
    from kinerja_core.ingest.container import cell_too_long
    from kinerja_core.ingest.reader import Parsed
    from kinerja_core.model import Problem

    refusal = cell_too_long("berkas ini")
    return Parsed(
        filename=filename,
        shape=parsed.shape,
        problems=[Problem("error", refusal.message, refusal.fix, file=filename)],
    )


def parse_job(content: bytes, filename: str, kwargs: dict, memory_mb: int) -> tuple:
    """Parse one file; returns (kind, value, stderr) with kind "ok" (value: Parsed),
    "memory" or "crash" (value: what went wrong)."""
    from kinerja_core.ingest.reader import Parsed, parse

    start_rss = psutil.Process().memory_info().rss
    _cap_address_space(memory_mb)
    try:
        parsed = parse(content, filename, **kwargs).pack()
        if _too_long_text(parsed):
            parsed = _refuse_long_text(parsed, filename)
        used = psutil.Process().memory_info().rss - start_rss
        if memory_mb > 0 and used > memory_mb * _MB:
            del parsed
            result: tuple = ("memory", "", _new_stderr())
        else:
            result = ("ok", parsed, _new_stderr())
    except MemoryError:
        sys.stderr.write(f"MemoryError saat membaca {filename!r}\n")
        sys.stderr.flush()
        os._exit(MEMORY_EXIT)
    except Exception as exc:  # a bug or an unforeseen file: reported, never raised
        if isinstance(exc, csv.Error) and "field larger than field limit" in str(exc):
            # Python's csv module stops at 128 KB per field: a cell no sheet should hold
            return ("ok", _refuse_long_text(Parsed(filename=filename, shape="csv"), filename), "")
        import traceback

        traceback.print_exc()
        result = ("crash", f"{type(exc).__name__}: {exc}"[:300], _new_stderr())
    finally:
        _cap_address_space(0)
    return result
