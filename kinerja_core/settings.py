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
    zona_waktu: str = "Asia/Makassar"  # IANA zone of every shown time (WITA); stored in UTC
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


def config_path() -> Path:
    """``KINERJA_CONFIG``, else kinerja.toml in the working directory."""
    return Path(os.environ.get("KINERJA_CONFIG", "") or "kinerja.toml")


class SettingsError(ValueError):
    """A configuration file that cannot be used, told in Indonesian (file, key, fix)."""


_CHOICES = {
    "negatif_method": ("2T-R", "T/R"),
    "rollup_weight": ("rata-rata", "pagu"),
    "kertas": ("A4", "F4"),
}
_NUMBERS = ("flag_threshold", "efisiensi_batas_kinerja", "efisiensi_batas_serapan")
_TEXTS = ("dinas", "kabupaten", "tempat", "database_url")


def load_settings(path: str | os.PathLike | None = None) -> Settings:
    """Load settings from TOML; unknown keys are ignored, missing keys keep defaults.

    Raises SettingsError, with the file, the key and how to fix it, for a file that is not
    valid TOML or a value of the wrong kind.
    """
    candidate = Path(path) if path else config_path()
    if not candidate.is_file():
        return Settings()
    try:
        with candidate.open("rb") as handle:
            raw = tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(
            f"Berkas pengaturan {candidate} tidak dapat dibaca ({error}). Periksa penulisannya "
            "dengan contoh di kinerja.example.toml (teks diapit tanda petik, angka memakai titik)."
        ) from error
    known = {f.name for f in fields(Settings)}
    values = {key: _checked(candidate, key, value) for key, value in raw.items() if key in known}
    return replace(Settings(), **values)


def _checked(path: Path, key: str, value: object) -> object:
    def bad(expected: str) -> SettingsError:
        return SettingsError(
            f"Berkas pengaturan {path}, kunci '{key}': nilai {value!r} tidak sah; "
            f"seharusnya {expected}."
        )

    if key in _CHOICES:
        if value not in _CHOICES[key]:
            raise bad(" atau ".join(f'"{c}"' for c in _CHOICES[key]))
        return value
    if key in _NUMBERS or key == "capaian_cap":
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise bad("angka 0 atau lebih (mis. 100)")
        return float(value)
    if key == "predikat_bounds":
        numbers = value if isinstance(value, list) else []
        if len(numbers) != 4 or not all(isinstance(v, int | float) for v in numbers):
            raise bad("daftar empat angka, mis. [91, 76, 66, 51]")
        if sorted(numbers, reverse=True) != numbers:
            raise bad("empat angka menurun: Sangat Tinggi, Tinggi, Sedang, Rendah")
        return tuple(float(v) for v in numbers)
    if key in {"penyusun", "pengevaluasi"}:
        if not isinstance(value, dict):
            raise bad("tabel [penyusun] dengan jabatan, nama, pangkat, nip")
        return Signatory(**{k: str(value.get(k, "")) for k in Signatory.__annotations__})
    if key in _TEXTS and not isinstance(value, str):
        raise bad("teks dalam tanda petik")
    if key == "zona_waktu":
        from kinerja_core.clock import valid_zone

        if not isinstance(value, str) or not valid_zone(value):
            raise bad(
                'nama zona waktu, mis. "Asia/Makassar" (WITA), "Asia/Jakarta" (WIB) '
                'atau "Asia/Jayapura" (WIT)'
            )
    return value
