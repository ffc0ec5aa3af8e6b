"""The parsing worker process: ``python -m kinerja_core.ingest._worker MEMORY_MB``.

Reads jobs (length-prefixed pickles) on stdin and answers on stdout, with its address space
limited to what the imports took plus MEMORY_MB. If a hostile file makes the parser abort
or run out of memory, only this process dies; the caller sees it and reports the file.
"""

from __future__ import annotations

import os
import pickle
import resource
import struct
import sys

_HEADER = struct.Struct("<Q")


def _vm_size() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _read_exact(stream, size: int) -> bytes | None:
    data = bytearray()
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def _send(stream, message: object) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def main() -> int:
    memory_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 512
    proto_in = sys.stdin.buffer
    proto_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # nothing else may write on the protocol channel

    from kinerja_core.ingest.reader import parse  # the heavy imports happen before the limit

    baseline = _vm_size()
    if baseline and memory_mb > 0:
        limit = baseline + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    _send(proto_out, ("ready", os.getpid()))

    while True:
        header = _read_exact(proto_in, _HEADER.size)
        if header is None:
            return 0
        body = _read_exact(proto_in, _HEADER.unpack(header)[0])
        if body is None:
            return 0
        content, filename, kwargs = pickle.loads(body)
        try:
            result = ("ok", parse(content, filename, **kwargs).pack())
        except MemoryError:
            _send(proto_out, ("memory", ""))
            return 3
        except Exception as exc:  # a bug or an unforeseen file: reported, never raised
            result = ("crash", f"{type(exc).__name__}: {exc}"[:300])
        del content, body
        try:
            _send(proto_out, result)
        except MemoryError:
            _send(proto_out, ("memory", ""))
            return 3


if __name__ == "__main__":
    sys.exit(main())
