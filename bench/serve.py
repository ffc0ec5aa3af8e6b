"""A real server and protocol-level sessions: latency under load, memory, payload.

    .venv/bin/python bench/serve.py --db bench/.data/12k/bench.db [--sessions 25] [--seconds 60]

Starts ``streamlit run app.py`` on 127.0.0.1 (a free port; XSRF off, as only this script
connects) on the given database, then talks the browser's own protocol over the websocket
(``/_stcore/stream``: BackMsg ``rerun_script`` with the widget states, ForwardMsg deltas
until ``script_finished``), so no browser is needed and every session costs the server
exactly what a browser's would. Measured, each bounded in time:

1. payload: bytes each page sends to a fresh session (first render), and per rerun;
2. concurrency: N sessions on the Analisis page, each typing a new search term into the
   filter about every 2 s (``--think``) after its last rerun finished, for S seconds: p50 /
   p95 / max latency from sending the rerun to ``script_finished``, the server's CPU over
   that time and per rerun; then the same with no pause at all (saturation);
3. memory: one session rerunning the Analisis and Rapat pages 1,000 times (filter changes
   and next slide): server RSS sampled every 100 reruns;
4. a pathological upload (one 40 MB cell, ~6.7 MB xlsx) on the Pengumpulan page: server
   RSS before, after the upload is read, and after the session is gone.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import json
import os
import random
import statistics
import sys
import time
import urllib.request
import uuid
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.protocol import Server, Session  # noqa: E402

SEARCHES = ["layanan", "nomor 1", "nomor 27", "keluaran", "jumlah", "", "diselesaikan", "9"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


# --- 1. payload --------------------------------------------------------------------------
async def payload(server: Server) -> dict:
    out = {}
    for page in ("", "analisis", "rapat", "pengumpulan", "ekspor"):
        async with Session(server, page) as session:
            first_s, first_bytes = await session.rerun()
            again_s, again_bytes = await session.rerun()
        name = page or "beranda"
        out[f"{name}_first_mb"] = first_bytes / 1e6
        out[f"{name}_rerun_mb"] = again_bytes / 1e6
        out[f"{name}_first_s"] = first_s
    return out


# --- 2. concurrency ----------------------------------------------------------------------
async def concurrency(server: Server, sessions: int, seconds: float, think: float = 2.0) -> dict:
    """N sessions on Analisis, each changing the search filter ``think`` seconds (random
    ±50%) after its previous rerun finished — people reading the result before the next
    click; ``think=0`` saturates the server (every session clicks again at once)."""
    latencies: list[float] = []
    errors: list[str] = []

    async def one(index: int) -> None:
        rng = random.Random(index)
        try:
            async with Session(server, "analisis") as session:
                await session.rerun()
                end = time.monotonic() + seconds
                await asyncio.sleep(rng.uniform(0, think))  # not all at the same instant
                while time.monotonic() < end:
                    session.set_text("an_cari", rng.choice(SEARCHES))
                    elapsed, _ = await session.rerun()
                    latencies.append(elapsed)
                    if think:
                        await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
        except Exception as error:  # noqa: BLE001 — reported in the results
            errors.append(f"{type(error).__name__}: {error}")

    # warm the shared caches once (a rapat starts after someone opened the page)
    async with Session(server, "analisis") as warm:
        first, _ = await warm.rerun()
    cpu0, wall0 = server.cpu_s(), time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(sessions)))
    wall = time.perf_counter() - wall0
    return {
        "sessions": sessions,
        "think_s": think,
        "first_render_s": first,
        "reruns": len(latencies),
        "p50": statistics.median(latencies) if latencies else None,
        "p95": percentile(latencies, 0.95) if latencies else None,
        "max": max(latencies) if latencies else None,
        "server_cpu_share": (server.cpu_s() - cpu0) / wall,
        # load-independent: server CPU per rerun (one process runs scripts on one core, so
        # on an idle machine N busy sessions wait about N × this for their rerun)
        "server_cpu_per_rerun": (server.cpu_s() - cpu0) / max(len(latencies), 1),
        "errors": errors[:3],
    }


# --- 3. memory over reruns ---------------------------------------------------------------
async def memory(server: Server, reruns: int) -> dict:
    samples = []
    async with Session(server, "analisis") as analisis, Session(server, "rapat") as rapat:
        await analisis.rerun()
        await rapat.rerun()
        samples.append(server.rss_mb())
        for n in range(1, reruns + 1):
            if n % 2:
                analisis.set_text("an_cari", SEARCHES[n % len(SEARCHES)])
                await analisis.rerun()
            else:
                rapat.click("rapat_next")
                await rapat.rerun()
            if n % 100 == 0:
                samples.append(server.rss_mb())
    return {
        "reruns": reruns,
        "rss_samples_mb": [round(s) for s in samples],
        "growth_after_first_100_mb": samples[-1] - samples[min(1, len(samples) - 1)],
    }


# --- 4. pathological upload --------------------------------------------------------------
def pathological_xlsx(cell_mb: int = 40) -> bytes:
    """One sheet whose single cell holds ``cell_mb`` MB of text (compresses to ~1/6)."""
    sys.path.insert(0, str(REPO))
    from tests.ingest.builders import raw_xlsx

    rng = random.Random(7)
    # ~1.3 bits of entropy per character: 40 MB of text zip to about 6–7 MB, as in the issue
    block = "".join(rng.choices("ab ", weights=[6, 3, 1], k=1 << 20))
    text = block * cell_mb
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:B2"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Indikator</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Target</t></is></c></row>'
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>{text}</t></is></c>'
        '<c r="B2"><v>5</v></c></row></sheetData></worksheet>'
    )
    return raw_xlsx(sheet)


def _put_file(server: Server, session_id: str, file_id: str, name: str, content: bytes) -> None:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            "\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        f"{server.url}/_stcore/upload_file/{session_id}/{file_id}",
        data=body,
        method="PUT",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    urllib.request.urlopen(request, timeout=120).read()


async def pathological_upload(server: Server) -> dict:
    content = pathological_xlsx()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        inflated = sum(i.file_size for i in archive.infolist())
    async with Session(server, "pengumpulan") as session:
        await session.rerun()
        await session.rerun()
        gc.collect()
        before = server.rss_mb()
        file_id = uuid.uuid4().hex
        await asyncio.to_thread(
            _put_file, server, session.session_id, file_id, "sel_40mb.xlsx", content
        )
        session.set_uploaded("unggahan", [(file_id, "sel_40mb.xlsx", len(content))])
        seconds, sent = await session.rerun()
        after_read = server.rss_mb()
        session.set_uploaded("unggahan", [])
        await session.rerun()
        after_removed = server.rss_mb()
    await asyncio.sleep(2)
    after_closed = server.rss_mb()
    return {
        "xlsx_mb": len(content) / 1e6,
        "inflated_mb": inflated / 1e6,
        "read_s": seconds,
        "page_sent_mb": sent / 1e6,
        "rss_before_mb": before,
        "rss_after_read_mb": after_read,
        "rss_after_removed_mb": after_removed,
        "rss_after_closed_mb": after_closed,
        "growth_mb": after_closed - before,
    }


def measure(
    db: Path, *, sessions: int = 25, seconds: float = 60.0, reruns: int = 1000, think: float = 2.0
) -> dict:
    """Every serve measurement against one server on ``db``."""
    out: dict = {"load": f"{os.getloadavg()[0]:.1f}"}
    with Server(db) as server:
        out["rss_start_mb"] = server.rss_mb()
        for name, job in (
            ("payload", lambda: payload(server)),
            ("concurrency", lambda: concurrency(server, sessions, seconds, think)),
            ("saturation", lambda: concurrency(server, sessions, min(seconds, 30), 0.0)),
            ("memory", lambda: memory(server, reruns)),
            ("upload", lambda: pathological_upload(server)),
        ):
            try:
                out[name] = asyncio.run(job())
            except Exception as error:  # noqa: BLE001 — one failed part keeps the others
                out[name] = {"error": f"{type(error).__name__}: {error}"}
        out.update({k: v for k, v in out["concurrency"].items() if k in ("p50", "p95")})
        out["rss_end_mb"] = server.rss_mb()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--reruns", type=int, default=1000)
    parser.add_argument("--think", type=float, default=2.0, help="seconds between clicks")
    parser.add_argument("--only", choices=["payload", "concurrency", "memory", "upload"])
    args = parser.parse_args()
    db = Path(args.db).resolve()
    if args.only:
        with Server(db) as server:
            job = {
                "payload": lambda: payload(server),
                "concurrency": lambda: concurrency(server, args.sessions, args.seconds, args.think),
                "memory": lambda: memory(server, args.reruns),
                "upload": lambda: pathological_upload(server),
            }[args.only]
            print(json.dumps(asyncio.run(job()), indent=1))
        return 0
    print(json.dumps(measure(db, sessions=args.sessions, seconds=args.seconds,
                             reruns=args.reruns, think=args.think), indent=1))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
