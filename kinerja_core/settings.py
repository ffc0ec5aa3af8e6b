"""Settings: every formula choice and every office detail, with DESIGN.md's defaults.

Read from a TOML file (``KINERJA_CONFIG`` or ``kinerja.toml`` in the working directory)
and from environment variables (``KINERJA_DB``, ``KINERJA_LOG``); anything not given keeps
its default. The file is validated against ``Settings`` itself with pydantic (strict
types): a misspelt key is an error naming the nearest valid key, a value of the wrong kind
names the file, the key and what it should be. A new setting is a typed field here, with
its rule (``Annotated[..., Field(ge=0)]``, an ``AfterValidator`` saying in Indonesian what
is wrong) when the type alone does not say it.
"""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = REPO_ROOT / "data" / "kinerja.db"
DEMO_DIR = REPO_ROOT / "data" / "demo"
DEFAULT_LOG_PATH = REPO_ROOT / "data" / "kinerja.log"


def _descending(bounds: tuple[float, ...]) -> tuple[float, ...]:
    if list(bounds) != sorted(bounds, reverse=True):
        raise ValueError("empat angka menurun: Sangat Tinggi, Tinggi, Sedang, Rendah")
    return bounds


def _as_pairs(value: object) -> object:
    """A TOML table (Baik = 100) as the (("Baik", 100.0), …) the field holds."""
    return tuple(value.items()) if isinstance(value, dict) else value


def _known_zone(name: str) -> str:
    from kinerja_core.clock import valid_zone

    if not valid_zone(name):
        raise ValueError(
            'nama zona waktu, mis. "Asia/Makassar" (WITA), "Asia/Jakarta" (WIB) atau '
            '"Asia/Jayapura" (WIT)'
        )
    return name


_NOMOR_FIELDS = {"klasifikasi", "urut", "unit", "tahun"}


def _nomor_pattern(pattern: str) -> str:
    import string

    names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    if not {"urut", "tahun"} <= names or not names <= _NOMOR_FIELDS:
        raise ValueError(
            "pola nomor dengan {urut} dan {tahun}, boleh {klasifikasi} dan {unit}, mis. "
            '"{klasifikasi}/{urut}/{unit}/{tahun}"'
        )
    return pattern


def _kode_klasifikasi(code: str) -> str:
    import re

    if not re.fullmatch(r"\d{3}(\.\d+)*", code.strip()):
        raise ValueError('kode klasifikasi arsip berupa angka bertitik, mis. "000.7.2"')
    return code.strip()


def _kode_unit(code: str) -> str:
    if not code.strip() or "/" in code:
        raise ValueError('kode unit pengolah tanpa garis miring, mis. "Diskominfo-SP"')
    return code.strip()


NonNegative = Annotated[float, Field(ge=0)]
NomorPattern = Annotated[str, AfterValidator(_nomor_pattern)]
KodeKlasifikasi = Annotated[str, AfterValidator(_kode_klasifikasi)]
KodeUnit = Annotated[str, AfterValidator(_kode_unit)]
Retensi = Annotated[str, Field(min_length=1)]
PredikatBounds = Annotated[tuple[float, float, float, float], AfterValidator(_descending)]
QualitativeValues = Annotated[tuple[tuple[str, NonNegative], ...], BeforeValidator(_as_pairs)]
Year = Annotated[int, Field(ge=2000, le=2100)]
ZoneName = Annotated[str, AfterValidator(_known_zone)]
_STRICT_TABLE = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class Signatory:
    __pydantic_config__ = _STRICT_TABLE

    jabatan: str = ""
    nama: str = ""
    pangkat: str = ""
    nip: str = ""


@dataclass(frozen=True)
class Settings:
    __pydantic_config__ = _STRICT_TABLE

    # Formulas (DESIGN.md §3)
    negatif_method: Literal["2T-R", "T/R"] = "2T-R"
    capaian_cap: NonNegative | None = None  # e.g. 100 or 120; applied when averaging/displaying
    rollup_weight: Literal["rata-rata", "pagu"] = "rata-rata"
    predikat_bounds: PredikatBounds = (91.0, 76.0, 66.0, 51.0)
    flag_threshold: NonNegative = 66.0  # capaian below this is flagged "di bawah ambang"
    efisiensi_batas_kinerja: NonNegative = 91.0
    efisiensi_batas_serapan: NonNegative = 91.0
    # Qualitative indicators (target "Baik"): realisasi text -> value; capaian = value of the
    # realisasi / value of the target × 100 (empty: no capaian, predikat set by hand).
    kualitatif_nilai: QualitativeValues = ()  # (("Baik", 100), …)
    kualitatif_dalam_rata_rata: bool = False  # count mapped qualitative capaian in the means
    # Documents
    kolom_capaian_renja: bool = True  # the unnumbered capaian Renja (12/7) column of the E.81
    renstra_tahun_awal: Year | None = None  # first year of the Renstra period (for column 6)
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
    zona_waktu: ZoneName = "Asia/Makassar"  # IANA zone of every shown time (WITA); stored in UTC
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
    # Agenda surat keluar: nomor = kode klasifikasi / nomor urut / kode unit / tahun. Default
    # code: Permendagri 83/2022 (kode klasifikasi arsip), 000.7 Perencanaan Pembangunan,
    # 000.7.2 for the evaluation of the Renja (see README, "Nomor surat").
    surat_pola_nomor: NomorPattern = "{klasifikasi}/{urut}/{unit}/{tahun}"
    surat_kode_klasifikasi: KodeKlasifikasi = "000.7.2"
    surat_kode_unit: KodeUnit = "Diskominfo-SP"
    surat_digit_urut: Annotated[int, Field(ge=1, le=6)] = 3  # 7 -> "007"
    # Retention class of the archive, per the kabupaten's JRA (jadwal retensi arsip).
    jra_evaluasi_tahunan: Retensi = "Permanen"
    jra_evaluasi_triwulan: Retensi = "Permanen"
    # Storage
    database_url: str = ""
    log_file: str = ""  # the rotating error log; empty: KINERJA_LOG, else data/kinerja.log
    # Accounts: a login session ends after this many minutes without any action (1 min–7 days)
    idle_minutes: Annotated[int, Field(ge=1, le=7 * 24 * 60)] = 60

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


def load_settings(path: str | os.PathLike | None = None) -> Settings:
    """Load settings from TOML, validated against ``Settings`` (pydantic, strict types).

    Missing keys keep their defaults. Raises SettingsError naming the file, each wrong key
    and what it should be: a file that is not valid TOML, an unknown key (with the nearest
    valid one), or a value of the wrong kind.
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
    from pydantic import ValidationError

    try:
        # JSON mode with strict=True: a TOML array may fill a tuple and a table a
        # dataclass, but "66" is not a number and 1 is not true.
        return _adapter().validate_json(json.dumps(raw, default=str), strict=True)
    except ValidationError as error:
        raise SettingsError(_explain(candidate, error, raw)) from error


@lru_cache(maxsize=1)
def _adapter():
    from pydantic import TypeAdapter

    return TypeAdapter(Settings)


def _explain(path: Path, error, raw: dict) -> str:
    problems: list[str] = []
    for item in error.errors():
        loc = [str(part) for part in item["loc"]]
        if item["type"] in ("unexpected_keyword_argument", "extra_forbidden"):
            text = _unknown_key(loc)
        else:
            key = _field_key(loc)
            value: object = raw
            for part in key.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            text = (
                f"kunci '{key}': nilai {value!r} tidak sah; seharusnya "
                f"{_expected(key.split('.'), item)}"
            )
        if text not in problems:  # one line per key, not one per tuple position
            problems.append(text)
    return (
        f"Berkas pengaturan {path}: {'; '.join(problems)}. Lihat contoh dan penjelasan setiap "
        "kunci di kinerja.example.toml."
    )


@lru_cache(maxsize=1)
def _tables() -> frozenset[str]:
    """The settings that are TOML tables of a signatory ([penyusun], …)."""
    return frozenset(n for n, t in get_type_hints(Settings).items() if t is Signatory)


def _field_key(loc: list[str]) -> str:
    """'predikat_bounds' for ('predikat_bounds', '2'); 'penyusun.nip' for a table's key."""
    if len(loc) > 1 and loc[0] in _tables():
        return ".".join(loc[:2])
    return loc[0]


def _unknown_key(loc: list[str]) -> str:
    name = loc[-1]
    if len(loc) > 1 and loc[0] in _tables():
        known, where = [f.name for f in fields(Signatory)], f"di tabel [{loc[0]}]"
    else:
        known, where = [f.name for f in fields(Settings)], ""
    near = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"maksudnya '{near[0]}'?" if near else "kunci yang dikenal: " + ", ".join(known)
    return f"kunci '{name}' {where + ' ' if where else ''}tidak dikenal ({hint})"


def _expected(loc: list[str], item: dict) -> str:
    if item["type"] == "value_error":  # our own validators say it in Indonesian
        return str(item.get("ctx", {}).get("error", item["msg"]))
    hints = get_type_hints(Settings, include_extras=True)
    annotation = hints.get(loc[0])
    if len(loc) > 1 and loc[0] in _tables():
        annotation = get_type_hints(Signatory).get(loc[1], str)
    return _describe(annotation) if annotation is not None else "nilai lain"


def _describe(annotation, bounds: str = "") -> str:
    """What a TOML value of this type looks like, in Indonesian."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        base, *meta = args
        rules = [rule for info in meta for rule in getattr(info, "metadata", [])]
        limits = [
            f"{rule.ge:g} atau lebih" for rule in rules if getattr(rule, "ge", None) is not None
        ]
        limits += [
            f"paling besar {rule.le:g}" for rule in rules if getattr(rule, "le", None) is not None
        ]
        return _describe(base, " " + ", ".join(limits) if limits else "")
    if origin in (Union, UnionType):
        options = [a for a in args if a is not type(None)]
        return " atau ".join(_describe(a, bounds) for a in options)
    if origin is Literal:
        return " atau ".join(f'"{a}"' for a in args)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return "tabel berisi angka, mis. [kualitatif_nilai] Baik = 100"
        count = {2: "dua", 3: "tiga", 4: "empat"}.get(len(args), str(len(args)))
        return f"daftar {count} angka, mis. [91, 76, 66, 51]"
    if annotation is bool:
        return "true atau false (tanpa tanda petik)"
    if annotation is int:
        return f"bilangan bulat{bounds} tanpa tanda petik"
    if annotation is float:
        return f"angka{bounds} tanpa tanda petik (desimal memakai titik, mis. 66.5)"
    if annotation is str:
        return "teks dalam tanda petik"
    if annotation is Signatory:
        return "tabel dengan jabatan, nama, pangkat, nip (mis. [penyusun])"
    return getattr(annotation, "__name__", str(annotation))
