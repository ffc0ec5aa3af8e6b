"""Benchmark datasets: N indicators as the files a Bappeda collects, 300 per file.

    .venv/bin/python bench/dataset.py 12k [50k ...]     # writes bench/.data/<N>/ once

Each file is one bidang of one perangkat daerah ("Bidang Layanan 3 Perangkat Daerah 12"),
with its own urusan codes, so kode + indikator is unique across the whole dataset. Half the
files are our collection format (``template.build_format``, with the hidden metadata), half
the messy shape bidang really send (title rows naming the bidang, a merged two-row header,
numbers typed as Indonesian text, program rows, JUMLAH, signature block; see
``bench_ingest.messy_workbook``). Next to the files: ``rencana.pkl`` (the plan of those
indicators: targets and pagu without realisasi) and ``previous.pkl`` (the year before, as
frames, for the year-on-year views). Everything is deterministic (fixed seeds).
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import messy_workbook, plan  # noqa: E402

from kinerja_core.model import conform_anggaran, conform_indicators  # noqa: E402
from kinerja_core.rencana import rencana_from_frames  # noqa: E402
from kinerja_core.template import build_format  # noqa: E402

DATA_DIR = Path(__file__).resolve().parent / ".data"
PER_FILE = 300
TAHUN = 2024
VERSION = "1"  # bump when the generator changes: cached datasets are rebuilt
SIZES = {"1k": 1_000, "12k": 12_000, "50k": 50_000, "120k": 120_000}


def bidang_name(index: int) -> str:
    """File ``index``'s bidang: five per perangkat daerah (unique, no name a prefix of another)."""
    return f"Bidang Layanan {index % 5 + 1} Perangkat Daerah {index // 5 + 1}"


def _recode(frame: pd.DataFrame, index: int) -> pd.DataFrame:
    """Give file ``index`` its own urusan (the first two parts of every kode)."""
    urusan = f"{1 + index % 9}.{10 + index // 9:02d}"
    return frame.assign(kode=[".".join([urusan, *k.split(".")[2:]]) for k in frame["kode"]])


def file_frames(index: int, n: int, tahun: int = TAHUN) -> tuple[pd.DataFrame, pd.DataFrame]:
    bidang = bidang_name(index)
    indicators, anggaran = plan(bidang, n, seed=index + 100_000 * (TAHUN - tahun))
    return _recode(indicators, index), _recode(anggaran, index)


def n_files(n: int) -> int:
    return -(-n // PER_FILE)


def folder_for(label: str) -> Path:
    return DATA_DIR / label


def ensure(label: str) -> Path:
    """The dataset's folder, generated on first use."""
    n = SIZES[label]
    folder = folder_for(label)
    stamp = folder / f".complete-{VERSION}"
    if stamp.is_file():
        return folder
    start = time.perf_counter()
    files = folder / "files"
    files.mkdir(parents=True, exist_ok=True)
    for old in files.glob("*"):
        old.unlink()
    plans_ind, plans_ang, prev_ind, prev_ang = [], [], [], []
    for index in range(n_files(n)):
        size = min(PER_FILE, n - index * PER_FILE)
        indicators, anggaran = file_frames(index, size)
        bidang = bidang_name(index)
        if index % 2 == 0:
            content = build_format(
                indicators, anggaran, bidang=bidang, tahun=TAHUN, dinas="Bappeda", filled=True
            )
            name = f"format_{index:04d}.xlsx"
        else:
            content = messy_workbook(indicators, anggaran, bidang)
            name = f"kiriman_{index:04d}.xlsx"
        (files / name).write_bytes(content)
        plans_ind.append(indicators)
        plans_ang.append(anggaran)
        before_ind, before_ang = file_frames(index, size, TAHUN - 1)
        prev_ind.append(before_ind.assign(tahun=TAHUN - 1))
        prev_ang.append(before_ang.assign(tahun=TAHUN - 1))
    rencana = rencana_from_frames(
        conform_indicators(pd.concat(plans_ind, ignore_index=True).assign(tahun=TAHUN)),
        conform_anggaran(pd.concat(plans_ang, ignore_index=True).assign(tahun=TAHUN)),
    )
    with open(folder / "rencana.pkl", "wb") as out:
        pickle.dump(rencana, out)
    previous = (
        conform_indicators(pd.concat(prev_ind, ignore_index=True)),
        conform_anggaran(pd.concat(prev_ang, ignore_index=True)),
    )
    with open(folder / "previous.pkl", "wb") as out:
        pickle.dump(previous, out)
    stamp.touch()
    print(
        f"dataset {label}: {n_files(n)} berkas, {n:,} indikator, dibuat dalam "
        f"{time.perf_counter() - start:.0f} s di {folder}",
        file=sys.stderr,
    )
    return folder


def files_of(label: str) -> list[Path]:
    return sorted((ensure(label) / "files").glob("*.xlsx"))


def rencana_of(label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    with open(ensure(label) / "rencana.pkl", "rb") as source:
        return pickle.load(source)


def previous_of(label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    with open(ensure(label) / "previous.pkl", "rb") as source:
        return pickle.load(source)


if __name__ == "__main__":
    for label in sys.argv[1:] or list(SIZES):
        ensure(label)
