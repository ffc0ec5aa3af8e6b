"""Settings: every formula choice and every office detail, with DESIGN.md's defaults.

Read from a TOML file (``KINERJA_CONFIG`` or ``kinerja.toml`` in the working directory)
and from environment variables (``KINERJA_DB``); anything not given keeps its default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Literal

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = REPO_ROOT / "data" / "kinerja.db"
DEMO_DIR = REPO_ROOT / "data" / "demo"


@dataclass(frozen=True)
class Signatory:
    jabatan: str
    nama: str
    pangkat: str
    nip: str


@dataclass(frozen=True)
class Settings:
    # Formulas (DESIGN.md §3)
    negatif_method: Literal["2T-R", "T/R"] = "2T-R"
    capaian_cap: float | None = None  # e.g. 100 or 120; applied when averaging/displaying
    rollup_weight: Literal["rata-rata", "pagu"] = "rata-rata"
    predikat_bounds: tuple[float, float, float, float] = (91.0, 76.0, 66.0, 51.0)
    flag_threshold: float = 66.0  # capaian below this is flagged "di bawah ambang"
    efisiensi_batas_kinerja: float = 91.0
    efisiensi_batas_serapan: float = 91.0
    # Office
    dinas: str = "Dinas Komunikasi, Informatika, Statistik dan Persandian"
    kabupaten: str = "Luwu Timur"
    tempat: str = "Malili"
    kertas: Literal["A4", "F4"] = "A4"
    penyusun: Signatory = field(
        default_factory=lambda: Signatory(
            "Kepala Dinas", "Nama Kepala Dinas", "Pembina Utama Muda (IV/c)", "-"
        )
    )
    pengevaluasi: Signatory = field(
        default_factory=lambda: Signatory(
            "Kepala Bappeda", "Nama Kepala Bappeda", "Pembina Utama Muda (IV/c)", "-"
        )
    )
    # Storage
    database_url: str = ""

    @property
    def db_url(self) -> str:
        return self.database_url or database_url_from_env()


def database_url_from_env() -> str:
    """``KINERJA_DB`` may be a SQLAlchemy URL or a plain file path; default data/kinerja.db."""
    value = os.environ.get("KINERJA_DB", "").strip()
    if "://" in value:
        return value
    path = Path(value) if value else DEFAULT_DB_PATH
    return f"sqlite:///{path}"


def load_settings(path: str | os.PathLike | None = None) -> Settings:
    """Load settings from TOML; unknown keys are ignored, missing keys keep defaults."""
    candidate = Path(path or os.environ.get("KINERJA_CONFIG", "") or "kinerja.toml")
    if not candidate.is_file():
        return Settings()
    with candidate.open("rb") as handle:
        raw = tomllib.load(handle)
    known = {f.name for f in fields(Settings)}
    values: dict = {}
    for key, value in raw.items():
        if key not in known:
            continue
        if key in {"penyusun", "pengevaluasi"} and isinstance(value, dict):
            value = Signatory(**{k: str(value.get(k, "")) for k in Signatory.__annotations__})
        elif key == "predikat_bounds":
            value = tuple(float(v) for v in value)
        values[key] = value
    return replace(Settings(), **values)
