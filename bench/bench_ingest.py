"""Ingest speed on a kabupaten-sized batch: 40 files × 300 indicators, side by side.

    .venv/bin/python bench/bench_ingest.py [--files 40] [--indicators 300] [--repeat 3]

Writes the batch with xlsxwriter into a temporary folder — half in our collection format
(Petunjuk, Kinerja, Anggaran, veryHidden _meta; via kinerja_core.template), half in a messy
shape people send (title rows, two-row merged header, numbering row, program header rows,
numbers typed as Indonesian text, JUMLAH, signature block) — then times, in one run:

- ``read_upload`` (in-process) over the batch: canonical DataFrames + problems;
- ``read_uploads_safely`` (container checks + a memory/time-limited worker): warm, and cold
  (including the worker's start-up);
- ``pandas.read_excel(engine="openpyxl", sheet_name=None, header=None)`` of the same files;
- bare python-calamine reading every cell of the same sheets.

Targets (issue 3): ``read_upload`` ≥ 5× faster than openpyxl, and within 3× of bare calamine.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kinerja_core.ingest import read_upload, read_uploads_safely  # noqa: E402
from kinerja_core.ingest.safe import shutdown_workers  # noqa: E402
from kinerja_core.model import ANGGARAN_TW, REALISASI_TW, conform_anggaran, conform_indicators  # noqa: E402
from kinerja_core.template import build_format  # noqa: E402

BIDANG = [
    "Sekretariat",
    "Bidang Informasi dan Komunikasi Publik",
    "Bidang Aplikasi Informatika",
    "Bidang Statistik",
    "Bidang Persandian",
]
SATUAN = ["Dokumen", "Laporan", "%", "Orang", "Aplikasi", "Indeks", "PD", "Kegiatan"]


def plan(bidang: str, n: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` indicators of one bidang: 3 per sub kegiatan, with realisasi and budget."""
    rng = np.random.default_rng(seed)
    rows, budget = [], []
    for i in range(n):
        program, kegiatan, sub = 1 + i // 60, 1 + (i // 15) % 4, 1 + (i // 3) % 5
        kode = f"2.16.{program:02d}.2.{kegiatan:02d}.{sub:04d}"
        satuan = SATUAN[i % len(SATUAN)]
        target = float(rng.integers(4, 200))
        rows.append(
            {
                "bidang": bidang,
                "kode": kode,
                "uraian": f"Sub Kegiatan {program}.{kegiatan}.{sub} Penyelenggaraan Layanan",
                "indikator": f"Jumlah Keluaran Layanan Nomor {i + 1} yang Diselesaikan",
                "satuan": satuan,
                "polaritas": "negatif" if i % 11 == 0 else "positif",
                "agregasi": "akhir" if satuan in ("%", "Indeks") else "kumulatif",
                "target": target,
                **{c: float(rng.integers(0, target / 3 + 2)) for c in REALISASI_TW},
                "faktor_pendorong": "Koordinasi lintas bidang berjalan baik" if i % 4 == 0 else "",
            }
        )
        if i % 3 == 0:
            pagu = float(rng.integers(50, 900)) * 1_000_000
            budget.append(
                {
                    "bidang": bidang,
                    "kode": kode,
                    "uraian": rows[-1]["uraian"],
                    "pagu": pagu,
                    **{c: pagu * float(rng.uniform(0.1, 0.3)) for c in ANGGARAN_TW},
                }
            )
    return conform_indicators(pd.DataFrame(rows)), conform_anggaran(pd.DataFrame(budget))


def _id_number(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def messy_workbook(indicators: pd.DataFrame, anggaran: pd.DataFrame, bidang: str) -> bytes:
    """Title rows, merged two-row header, numbering row, program rows, text numbers, JUMLAH."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = book.add_worksheet("Evaluasi Renja")
    merge = book.add_format({"align": "center", "bold": True, "border": 1})
    sheet.write_string(0, 0, "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH")
    sheet.write_string(1, 0, "DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN")
    sheet.write_string(2, 0, f"{bidang.upper()} — TAHUN ANGGARAN 2024")
    header = [
        "No",
        "Kode",
        "Program / Kegiatan / Sub Kegiatan",
        "Indikator Kinerja",
        "Satuan",
        "Sifat Indikator",
        "Target Kinerja Renja Tahun 2024",
    ]
    for c, title in enumerate(header):
        sheet.merge_range(4, c, 5, c, title, merge)
    sheet.merge_range(4, 7, 4, 10, "Realisasi Kinerja pada Triwulan", merge)
    for k, roman in enumerate(("I", "II", "III", "IV")):
        sheet.write_string(5, 7 + k, roman, merge)
    sheet.merge_range(4, 11, 5, 11, "Pagu (Rp)", merge)
    sheet.merge_range(4, 12, 5, 12, "Unit Penanggung Jawab", merge)
    for c in range(13):
        sheet.write_number(6, c, c + 1)
    pagu = dict(zip(anggaran["kode"], anggaran["pagu"], strict=True))
    r = 7
    program = ""
    for i, rec in enumerate(indicators.to_dict("records")):
        prog = ".".join(rec["kode"].split(".")[:3])
        if prog != program:
            program = prog
            sheet.write_string(r, 1, prog)
            sheet.write_string(r, 2, f"PROGRAM {prog}")
            r += 1
        sheet.write_number(r, 0, i + 1)
        sheet.write_string(r, 1, f" {rec['kode']} ")
        sheet.write_string(r, 2, rec["uraian"])
        sheet.write_string(r, 3, rec["indikator"])
        sheet.write_string(r, 4, rec["satuan"])
        sheet.write_string(r, 5, rec["polaritas"].capitalize())
        sheet.write_string(r, 6, f"{_id_number(rec['target'])} {rec['satuan']}")
        for k, col in enumerate(REALISASI_TW):
            value = rec[col]
            if i % 2:
                sheet.write_string(r, 7 + k, _id_number(value, 2))
            else:
                sheet.write_number(r, 7 + k, value)
        if rec["kode"] in pagu:
            sheet.write_string(r, 11, f"Rp {_id_number(pagu.pop(rec['kode']), 2)}")
        sheet.write_string(r, 12, bidang)
        r += 1
    sheet.write_string(r + 1, 2, "JUMLAH")
    sheet.write_string(r + 3, 9, "Malili, 10 Januari 2025")
    sheet.write_string(r + 4, 9, "KEPALA DINAS")
    sheet.write_string(r + 7, 9, "NIP. 19700101 199003 1 005")
    book.close()
    return buffer.getvalue()


def make_batch(folder: Path, n_files: int, n_indicators: int) -> list[Path]:
    paths = []
    for f in range(n_files):
        bidang = BIDANG[f % len(BIDANG)]
        indicators, anggaran = plan(bidang, n_indicators, seed=f)
        if f % 2 == 0:
            content = build_format(
                indicators,
                anggaran,
                bidang=bidang,
                tahun=2024,
                dinas="Dinas Kominfo-SP",
                filled=True,
            )
            name = f"format_{f:02d}.xlsx"
        else:
            content = messy_workbook(indicators, anggaran, bidang)
            name = f"kiriman_{f:02d}.xlsx"
        path = folder / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def timed(func, repeat: int) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = func()
        best = min(best, time.perf_counter() - start)
    return best, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        paths = make_batch(Path(tmp), args.files, args.indicators)
        blobs = [(p.read_bytes(), p.name) for p in paths]
        size_mb = sum(len(b) for b, _ in blobs) / 1e6
        print(
            f"Batch: {len(paths)} berkas × {args.indicators} indikator "
            f"({size_mb:.1f} MB xlsx), dibuat dalam {time.perf_counter() - t0:.1f} s"
        )

        def ours():
            return [read_upload(content, name) for content, name in blobs]

        def bare_calamine():
            cells = 0
            for content, _ in blobs:
                book = CalamineWorkbook.from_filelike(io.BytesIO(content))
                for name in book.sheet_names:
                    cells += sum(len(row) for row in book.get_sheet_by_name(name).to_python())
            return cells

        def openpyxl_pandas():
            return [
                pd.read_excel(io.BytesIO(content), sheet_name=None, header=None, engine="openpyxl")
                for content, _ in blobs
            ]

        start = time.perf_counter()
        cold = read_uploads_safely(blobs)
        t_cold = time.perf_counter() - start
        # Interleaved rounds, best of each: a busy machine slows every method alike.
        t_safe = t_ours = t_cal = t_opx = float("inf")
        for round_ in range(args.repeat):
            seconds, cells = timed(bare_calamine, 1)
            t_cal = min(t_cal, seconds)
            seconds, results = timed(ours, 1)
            t_ours = min(t_ours, seconds)
            seconds, safe = timed(lambda: read_uploads_safely(blobs), 1)
            t_safe = min(t_safe, seconds)
            if round_ < 2:
                t_opx = min(t_opx, timed(openpyxl_pandas, 1)[0])
        shutdown_workers()

    n_rows = sum(len(r.indicators) for r in results)
    n_errors = sum(len(r.errors) for r in results)
    assert n_rows == args.files * args.indicators, n_rows
    assert n_errors == 0, [p.message for r in results for p in r.errors][:5]
    assert sum(len(r.indicators) for r in safe) == n_rows == sum(len(r.indicators) for r in cold)

    n = len(blobs)
    rows = [
        ("read_upload (dalam proses)", t_ours),
        ("read_uploads_safely (worker hangat)", t_safe),
        ("read_uploads_safely (termasuk start worker)", t_cold),
        ('pandas.read_excel(engine="openpyxl")', t_opx),
        ("python-calamine saja (sel mentah)", t_cal),
    ]
    print(
        f"{_id_number(n_rows)} indikator terbaca tanpa kesalahan; "
        f"python-calamine membaca {_id_number(cells)} sel"
    )
    print()
    print(
        f"{'metode':46} {'total (s)':>9} {'per berkas':>11} {'openpyxl ÷':>11} {'÷ calamine':>11}"
    )
    for label, seconds in rows:
        print(
            f"{label:46} {seconds:9.3f} {seconds / n * 1000:8.1f} ms "
            f"{t_opx / seconds:10.1f}× {seconds / t_cal:10.2f}×"
        )
    print()
    fast_enough = t_opx / t_ours >= 5
    close_enough = t_ours / t_cal <= 3
    print(
        f"Target ≥5× lebih cepat dari openpyxl: {t_opx / t_ours:.1f}× "
        f"{'TERCAPAI' if fast_enough else 'TIDAK'}; "
        f"≤3× calamine saja: {t_ours / t_cal:.2f}× {'TERCAPAI' if close_enough else 'TIDAK'}"
    )
    print(
        f"Mode aman (worker hangat): {t_opx / t_safe:.1f}× openpyxl, {t_safe / t_cal:.2f}× "
        f"calamine; biaya tambahan {(t_safe - t_ours) / n * 1000:.1f} ms per berkas"
    )
    hostile_ok = hostile_files()
    return 0 if fast_enough and close_enough and hostile_ok else 1


def hostile_files() -> bool:
    """Each hostile file through read_upload_safely: refused, in under 5 s, caller alive."""
    import resource

    from tests.ingest import builders

    fixtures = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
    bom = (fixtures / "bom_zip.xlsx").read_bytes() if fixtures.is_dir() else builders.zip_bomb()
    good = builders.raw_xlsx(builders.good_sheet_xml())
    cases = [
        ("zip bom (~1 GB)", bom, "bom.xlsx"),
        ("zip terpotong", builders.truncated(good), "potong.xlsx"),
        ("OLE2 terkunci sandi", builders.ole2_encrypted_package(), "kunci.xlsx"),
        ("billion laughs sharedStrings", builders.entity_in_shared_strings(), "ss.xlsx"),
        ("billion laughs sheet", builders.entity_in_sheet(), "sheet.xlsx"),
        ("XXE di workbook.xml", builders.external_entity_in_workbook(), "xxe.xlsx"),
        ("dimension XFD1048576", builders.dimension_bomb(honest=True), "dim.xlsx"),
        ("sel XFD1048576, dimension palsu", builders.dimension_bomb(honest=False), "dim2.xlsx"),
        ("300.000 baris (dinyatakan)", builders.many_rows(300_000), "baris.xlsx"),
        ("300.000 baris (tak dinyatakan)", builders.many_rows(300_000, declare=False), "b2.xlsx"),
        ("5.000 bagian zip", builders.many_entries(), "banyak.xlsx"),
        ("teks bukan Excel", b"ini bukan file excel", "teks.xlsx"),
    ]
    print()
    print(f"{'berkas berbahaya':34} {'detik':>6}  hasil")
    worst = 0.0
    refused = True
    for label, content, name in cases:
        start = time.perf_counter()
        result = read_uploads_safely([(content, name)])[0]
        seconds = time.perf_counter() - start
        worst = max(worst, seconds)
        refused = refused and not result.ok
        message = result.errors[0].message if result.errors else "(terbaca!)"
        print(f"{label:34} {seconds:6.2f}  {message[:70]}")
    shutdown_workers()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Terlama {worst:.2f} s (batas 5 s); semua ditolak: {'YA' if refused else 'TIDAK'}; "
        f"RSS puncak worker {children:.0f} MB, proses pemanggil {own:.0f} MB"
    )
    return worst < 5 and refused


if __name__ == "__main__":
    sys.exit(main())
