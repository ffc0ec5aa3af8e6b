"""Shared fixtures: the demo year's evaluation workbook, built once per session."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import openpyxl
import pandas as pd
import pytest

from kinerja_core import analysis
from kinerja_core.demo import demo_frames
from kinerja_core.model import Problem
from kinerja_core.report import build_evaluation_workbook
from kinerja_core.settings import Settings, Signatory

TANGGAL = date(2025, 1, 15)
SETTINGS = Settings(
    penyusun=Signatory("Kepala Dinas", "Ir. Andi Baso, M.Si.", "Pembina Tk. I (IV/b)", "1970"),
    pengevaluasi=Signatory(
        "Kepala Bappeda", "Dr. Hasnah, S.E.", "Pembina Utama Muda (IV/c)", "1968"
    ),
)
PROBLEMS = [
    Problem(
        "warning",
        "Nilai '=1+1' pada kolom realisasi dibaca sebagai teks.",
        "Isi angka saja, tanpa tanda sama dengan.",
        file="statistik_rapi.xlsx",
        sheet="Kinerja",
        row=12,
        column="Realisasi TW I",
    ),
    Problem("error", "Target kosong.", "Isi target tahunan.", file="persandian.xlsx", row=9),
]


@dataclass
class Built:
    evaluated: pd.DataFrame
    anggaran: pd.DataFrame
    previous: pd.DataFrame
    content: bytes
    settings: Settings
    sampai_tw: int

    @property
    def workbook(self) -> openpyxl.Workbook:
        return openpyxl.load_workbook(io.BytesIO(self.content))

    @property
    def headline(self) -> analysis.Headline:
        return analysis.headline(self.evaluated, self.anggaran, 2024, self.sampai_tw, self.settings)


def build(sampai_tw: int = 4, settings: Settings = SETTINGS, **kwargs) -> Built:
    indicators, anggaran = demo_frames(2024)
    old_indicators, old_anggaran = demo_frames(2023)
    evaluated = analysis.evaluate(indicators, anggaran, sampai_tw, settings)
    previous = analysis.evaluate(old_indicators, old_anggaran, sampai_tw, settings)
    options = {"problems": PROBLEMS, "previous_year": previous, "tanggal": TANGGAL, **kwargs}
    content = build_evaluation_workbook(
        evaluated, anggaran, tahun=2024, sampai_tw=sampai_tw, settings=settings, **options
    )
    return Built(evaluated, anggaran, previous, content, settings, sampai_tw)


@pytest.fixture(scope="session")
def demo_built() -> Built:
    return build()


@pytest.fixture(scope="session")
def demo_wb(demo_built) -> openpyxl.Workbook:
    return demo_built.workbook
