"""Benchmark: the evaluation workbook for 12,000 indicators against a plain to_excel.

Run: ``.venv/bin/python bench/bench_report.py [--indikator 12000]``

Each measurement runs in a fresh subprocess so its peak RSS is its own; the figures are
wall time, peak RSS of that process (ru_maxrss) and the tracemalloc peak of the call.
The synthetic data repeats the demo year (53 indicators, 5 bidang) under new program codes
and spreads the copies over 10 bidang.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kinerja_core import analysis  # noqa: E402
from kinerja_core.demo import demo_frames  # noqa: E402
from kinerja_core.model import conform_anggaran, conform_indicators  # noqa: E402
from kinerja_core.report import e81  # noqa: E402
from kinerja_core.settings import Settings  # noqa: E402

N_BIDANG = 10


def synthetic_frames(n_indicators: int, tahun: int = 2024) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n_indicators`` rows made of copies of the demo year with distinct codes."""
    indicators, anggaran = demo_frames(tahun)
    copies = -(-n_indicators // len(indicators))
    ind_parts, ang_parts = [], []
    for copy in range(copies):
        urusan = f"{2 + copy // 90}.{10 + copy % 90}"

        def recode(kode: str, urusan: str = urusan) -> str:
            parts = kode.split(".")
            return ".".join([*urusan.split("."), *parts[2:]])

        bidang = f"Bidang Uji {copy % N_BIDANG + 1:02d}"
        ind_parts.append(indicators.assign(kode=indicators["kode"].map(recode), bidang=bidang))
        ang_parts.append(anggaran.assign(kode=anggaran["kode"].map(recode), bidang=bidang))
    ind = conform_indicators(pd.concat(ind_parts, ignore_index=True).head(n_indicators))
    ang = conform_anggaran(pd.concat(ang_parts, ignore_index=True))
    return ind, ang


def _build(kind: str, evaluated: pd.DataFrame, anggaran: pd.DataFrame, settings) -> bytes:
    if kind == "workbook":
        from kinerja_core.report import build_evaluation_workbook

        return build_evaluation_workbook(
            evaluated, anggaran, tahun=2024, sampai_tw=4, settings=settings, problems=[]
        )
    if kind == "workbook-tanpa-bidang":
        from kinerja_core.report import build_evaluation_workbook

        return build_evaluation_workbook(
            evaluated,
            anggaran,
            tahun=2024,
            sampai_tw=4,
            settings=settings,
            problems=[],
            bidang_sheets=False,
        )
    buffer = io.BytesIO()
    analysis.hitung_table(evaluated).to_excel(
        buffer,
        index=False,
        engine="xlsxwriter",
        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
    )
    return buffer.getvalue()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(kind: str, n_indicators: int, repeat: int, traced: bool) -> dict:
    """One kind in this process: best wall time of ``repeat`` runs, peak RSS, tracemalloc.

    tracemalloc slows Python down several times, so it runs in a separate process
    (``traced``) from the timed runs.
    """
    indicators, anggaran = synthetic_frames(n_indicators)
    settings = Settings()
    start = time.perf_counter()
    evaluated = analysis.evaluate(indicators, anggaran, 4, settings)
    evaluate_seconds = time.perf_counter() - start
    rss_before = _rss_mb()
    if traced:
        tracemalloc.start()
        data = _build(kind, evaluated, anggaran, settings)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {"tracemalloc_peak_mb": peak / 2**20}
    times = []
    for _ in range(repeat):
        e81.kode_sort_key.cache_clear()  # every run starts cold
        start = time.perf_counter()
        data = _build(kind, evaluated, anggaran, settings)
        times.append(time.perf_counter() - start)
    return {
        "kind": kind,
        "indikator": len(evaluated),
        "evaluate_s": evaluate_seconds,
        "seconds": min(times),
        "bytes": len(data),
        "rss_before_mb": rss_before,
        "peak_rss_mb": _rss_mb(),
    }


def _child(kind: str, n: int, repeat: int, traced: bool) -> dict:
    args = [sys.executable, __file__, "--satu", kind, "--indikator", str(n), "--ulang", str(repeat)]
    out = subprocess.run(
        args + (["--tracemalloc"] if traced else []), capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indikator", type=int, default=12_000)
    parser.add_argument("--ulang", type=int, default=3, help="timed runs; the best is shown")
    parser.add_argument("--satu", help=argparse.SUPPRESS)
    parser.add_argument("--tracemalloc", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.satu:
        print(json.dumps(measure(args.satu, args.indikator, args.ulang, args.tracemalloc)))
        return 0
    kinds = {
        "workbook": "build_evaluation_workbook (semua sheet)",
        "workbook-tanpa-bidang": "build_evaluation_workbook tanpa sheet bidang",
        "to_excel": "hitung_table(...).to_excel (1 sheet)",
    }
    results = []
    for kind in kinds:
        result = _child(kind, args.indikator, args.ulang, traced=False)
        result.update(_child(kind, args.indikator, 1, traced=True))
        results.append(result)
    print(
        f"{args.indikator} indikator; evaluate() {results[0]['evaluate_s']:.2f} s (tidak "
        f"dihitung); waktu = terbaik dari {args.ulang}"
    )
    print(f"{'':46}{'waktu':>8}{'ukuran':>10}{'peak RSS':>10}{'(+call)':>9}{'tracemalloc':>13}")
    for r in results:
        print(
            f"{kinds[r['kind']]:46}{r['seconds']:7.2f}s{r['bytes'] / 2**20:7.1f} MB"
            f"{r['peak_rss_mb']:7.0f} MB{r['peak_rss_mb'] - r['rss_before_mb']:6.0f} MB"
            f"{r['tracemalloc_peak_mb']:10.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
