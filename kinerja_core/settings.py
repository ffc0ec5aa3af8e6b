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
DEFAULT_LOG_PATH = REPO_ROOT / "data" / "kinerja.log"


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
    # Qualitative indicators (target "Baik"): realisasi text -> value; capaian = value of the
    # realisasi / value of the target × 100 (empty: no capaian, predikat set by hand).
    kualitatif_nilai: tuple[tuple[str, float], ...] = ()  # (("Baik", 100), …)
    kualitatif_dalam_rata_rata: bool = False  # count mapped qualitative capaian in the means
    # Documents
    kolom_capaian_renja: bool = True  # the unnumbered capaian Renja (12/7) column of the E.81
    renstra_tahun_awal: int | None = None  # first year of the Renstra period (for column 6)
    # Office
    dinas: str = "Dinas Komunikasi, Informatika, Statistik dan Persandian"
    kabupaten: str = "Luwu Timur"
    tempat: str = "Malili"
    kertas: Literal["A4", "F4", "A3"] = "A4"
    alamat: str = ""
    telepon: str = ""
    laman: str = ""
    email: str = ""
    logo: str = ""  # path of the kop logo (PNG/JPEG); the Pengaturan page can upload one
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
    kasubag: Signatory = field(
        default_factory=lambda: Signatory(
            "Kepala Subbagian Perencanaan dan Keuangan",
            "Nama Kasubag Perencanaan",
            "Penata Tk. I (III/d)",
            "-",
        )
    )
    # Storage
    database_url: str = ""
    log_file: str = ""  # the rotating error log; empty: KINERJA_LOG, else data/kinerja.log

    @property
    def db_url(self) -> str:
        return self.database_url or database_url_from_env()

    @property
    def log_path(self) -> Path:
        """``log_file``, else ``KINERJA_LOG``, else data/kinerja.log."""
        if self.log_file:
            return Path(self.log_file)
        value = os.environ.get("KINERJA_LOG", "").strip()
        return Path(value) if value else DEFAULT_LOG_PATH


def with_kertas(settings: Settings, kertas: str) -> Settings:
    """Settings with another paper size: F4, A4 or A3 (anything else: A4)."""
    chosen = str(kertas).upper()
    if chosen == "F4":
        return replace(settings, kertas="F4")
    if chosen == "A3":
        return replace(settings, kertas="A3")
    return replace(settings, kertas="A4")


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
    "kertas": ("A4", "F4", "A3"),
}
_NUMBERS = ("flag_threshold", "efisiensi_batas_kinerja", "efisiensi_batas_serapan")
_TEXTS = (
    "log_file",
    "dinas",
    "kabupaten",
    "tempat",
    "database_url",
    "alamat",
    "telepon",
    "laman",
    "email",
    "logo",
)


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
    if key == "kualitatif_nilai":
        if not isinstance(value, dict) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and v >= 0
            for v in value.values()
        ):
            raise bad("tabel [kualitatif_nilai] berisi angka, mis. Baik = 100, Cukup = 75")
        return tuple((str(k), float(v)) for k, v in value.items())
    if key in {"kualitatif_dalam_rata_rata", "kolom_capaian_renja"}:
        if not isinstance(value, bool):
            raise bad("true atau false")
        return value
    if key == "renstra_tahun_awal":
        if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
            raise bad("tahun awal periode Renstra, mis. 2021")
        return value
    if key in {"penyusun", "pengevaluasi", "kasubag"}:
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
