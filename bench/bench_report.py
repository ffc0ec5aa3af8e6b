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


def measure(kind: str, n_indicators: int) -> dict:
    indicators, anggaran = synthetic_frames(n_indicators)
    settings = Settings()
    start = time.perf_counter()
    evaluated = analysis.evaluate(indicators, anggaran, 4, settings)
    evaluate_seconds = time.perf_counter() - start

    tracemalloc.start()
    start = time.perf_counter()
    if kind == "workbook":
        from kinerja_core.report import build_evaluation_workbook

        data = build_evaluation_workbook(
            evaluated, anggaran, tahun=2024, sampai_tw=4, settings=settings, problems=[]
        )
    else:
        buffer = io.BytesIO()
        analysis.hitung_table(evaluated).to_excel(
            buffer,
            index=False,
            engine="xlsxwriter",
            engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
        )
        data = buffer.getvalue()
    seconds = time.perf_counter() - start
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "kind": kind,
        "indikator": len(evaluated),
        "evaluate_s": evaluate_seconds,
        "seconds": seconds,
        "bytes": len(data),
        "tracemalloc_peak_mb": traced_peak / 2**20,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indikator", type=int, default=12_000)
    parser.add_argument("--satu", choices=["workbook", "to_excel"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.satu:
        print(json.dumps(measure(args.satu, args.indikator)))
        return 0
    results = []
    for kind in ("workbook", "to_excel"):
        out = subprocess.run(
            [sys.executable, __file__, "--satu", kind, "--indikator", str(args.indikator)],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{args.indikator} indikator (evaluate: {results[0]['evaluate_s']:.2f} s, not counted)")
    print(f"{'':38}{'waktu':>9}{'ukuran':>11}{'peak RSS':>11}{'tracemalloc':>13}")
    labels = {
        "workbook": "build_evaluation_workbook (9+ sheet)",
        "to_excel": "hitung_table(...).to_excel (1 sheet)",
    }
    for r in results:
        print(
            f"{labels[r['kind']]:38}{r['seconds']:8.2f}s{r['bytes'] / 2**20:8.1f} MB"
            f"{r['peak_rss_mb']:8.0f} MB{r['tracemalloc_peak_mb']:10.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
