"""Corrections (SOP 7, *koreksi konsep*): a value corrected in the app, kept as its own record.

A correction names one indicator (tahun, kode, indikator), one field, the value as uploaded,
the new value, a reason and who made it. The uploaded rows stay as they were; ``apply`` lays
the corrections in force over them (the newest correction of a field wins; undoing it brings
back the one before, or the upload). A corrected row carries ``dikoreksi`` (which fields) and
the flag "dikoreksi", so it shows as corrected wherever its flags show.

A *predikat* correction sets the predikat of an indicator whose capaian cannot be computed
(a qualitative target, say) by hand, with its reason.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from kinerja_core import access, analysis
from kinerja_core.access import Actor, Aksi
from kinerja_core.formulas import PREDIKAT
from kinerja_core.model import TW_ROMAN, normalize_key_text
from kinerja_core.settings import Settings

FLAG_DIKOREKSI = "dikoreksi"
FLAG_PREDIKAT_MANUAL = "predikat ditetapkan manual"

NUMBER_FIELDS = {
    **{f"realisasi_tw{n}": f"Realisasi TW {TW_ROMAN[n]}" for n in (1, 2, 3, 4)},
    "target": "Target",
}
TEXT_FIELDS = {
    "realisasi_teks": "Realisasi (kualitatif)",
    "faktor_pendorong": "Faktor pendorong",
    "faktor_penghambat": "Faktor penghambat",
    "tindak_lanjut": "Tindak lanjut",
}
PREDIKAT_FIELD = "predikat"
FIELDS = {**NUMBER_FIELDS, **TEXT_FIELDS, PREDIKAT_FIELD: "Predikat (manual)"}
EXTRA_COLUMNS = ["dikoreksi", "predikat_manual", "alasan_predikat"]


@dataclass(frozen=True)
class Koreksi:
    """One correction record."""

    id: int
    tahun: int
    bidang: str
    kode: str
    indikator: str
    kolom: str
    nilai_asal: object  # float | str | None
    nilai_baru: object
    alasan: str
    oleh: str
    dibuat_pada: datetime | None = None

    @property
    def label(self) -> str:
        return FIELDS.get(self.kolom, self.kolom)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "tahun": self.tahun,
            "bidang": self.bidang,
            "kode": self.kode,
            "indikator": self.indikator,
            "kolom": self.kolom,
            "nilai_asal": self.nilai_asal,
            "nilai_baru": self.nilai_baru,
            "alasan": self.alasan,
            "oleh": self.oleh,
            "dibuat_pada": self.dibuat_pada.isoformat() if self.dibuat_pada else None,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Koreksi:
        made = data.get("dibuat_pada")
        if isinstance(made, str):
            made = datetime.fromisoformat(made)
        return cls(
            id=int(data["id"]),
            tahun=int(data["tahun"]),
            bidang=str(data.get("bidang", "")),
            kode=str(data["kode"]),
            indikator=str(data["indikator"]),
            kolom=str(data["kolom"]),
            nilai_asal=data.get("nilai_asal"),
            nilai_baru=data.get("nilai_baru"),
            alasan=str(data.get("alasan", "")),
            oleh=str(data.get("oleh", "")),
            dibuat_pada=made if isinstance(made, datetime) else None,
        )


class KoreksiError(ValueError):
    """A correction that cannot be made; the message says why and how (Indonesian)."""


def _key(kode: str, indikator: str) -> tuple[str, str]:
    return (str(kode), normalize_key_text(indikator))


def records(store, tahun: int) -> list[Koreksi]:
    """The corrections in force for a year, oldest first."""
    frame = store.koreksi_rows(tahun)
    return [
        Koreksi(
            id=int(row["id"]),
            tahun=int(row["tahun"]),
            bidang=row["bidang"],
            kode=row["kode"],
            indikator=row["indikator"],
            kolom=row["kolom"],
            nilai_asal=json.loads(row["nilai_asal"]),
            nilai_baru=json.loads(row["nilai_baru"]),
            alasan=row["alasan"],
            oleh=row["oleh"],
            dibuat_pada=row["dibuat_pada"],
        )
        for row in frame.to_dict("records")
    ]


def for_indicator(corrections: list[Koreksi], row: pd.Series) -> list[Koreksi]:
    """The corrections in force of the indicator ``row`` (by kode and indicator name)."""
    key = _key(str(row["kode"]), str(row["indikator"]))
    return [k for k in corrections if _key(k.kode, k.indikator) == key]


def _clean_value(kolom: str, value: object) -> object:
    if kolom in NUMBER_FIELDS:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError) as error:
            raise KoreksiError(
                f"{FIELDS[kolom]}: '{value}' bukan angka. Tulis angka saja, mis. 87,5."
            ) from error
        if not math.isfinite(number) or number < 0:
            raise KoreksiError(f"{FIELDS[kolom]}: isi angka 0 atau lebih.")
        return number
    text = " ".join(str(value or "").split()) if kolom == PREDIKAT_FIELD else str(value or "")
    if kolom == PREDIKAT_FIELD and text and text not in PREDIKAT:
        raise KoreksiError(
            f"Predikat '{text}' tidak dikenal; pilih salah satu: {', '.join(PREDIKAT)}."
        )
    return text.strip()


def _original(row: pd.Series, kolom: str) -> object:
    if kolom == PREDIKAT_FIELD:
        return str(row.get("predikat", "") or "")
    value = row.get(kolom)
    if kolom in NUMBER_FIELDS:
        return None if value is None or pd.isna(value) else float(value)
    return "" if value is None else str(value)


def correct(
    store,
    row: pd.Series,
    kolom: str,
    nilai_baru: object,
    alasan: str,
    actor: Actor,
) -> int:
    """Record a correction of ``kolom`` of the indicator ``row`` (a row of the evaluated
    frame, as uploaded); returns its id. Raises KoreksiError with the reason in Indonesian,
    AksesDitolak when ``actor`` may not correct."""
    access.require(actor, Aksi.KOREKSI)
    if kolom not in FIELDS:
        raise KoreksiError(f"Kolom '{kolom}' tidak dapat dikoreksi.")
    if not str(alasan or "").strip():
        raise KoreksiError("Tulis alasan koreksi (mis. 'salah ketik, sesuai laporan bidang').")
    value = _clean_value(kolom, nilai_baru)
    if kolom == PREDIKAT_FIELD and not (pd.isna(row.get("capaian")) or row.get("capaian") is None):
        raise KoreksiError(
            "Predikat indikator ini dihitung dari capaiannya; koreksi realisasi atau targetnya, "
            "bukan predikatnya."
        )
    original = _original(row, kolom)
    if value == original:
        raise KoreksiError(f"{FIELDS[kolom]} sudah bernilai itu; tidak ada yang dikoreksi.")
    record = {
        "tahun": int(row["tahun"]),
        "bidang": str(row.get("bidang", "")),
        "kode": str(row["kode"]),
        "indikator": str(row["indikator"]),
        "kolom": kolom,
        "nilai_asal": json.dumps(original, ensure_ascii=False),
        "nilai_baru": json.dumps(value, ensure_ascii=False),
        "alasan": str(alasan).strip(),
    }
    detail = (
        f"{row['kode']} · {row['indikator']} · {FIELDS[kolom]}: "
        f"{_shown(original)} → {_shown(value)} ({record['alasan']})"
    )
    return store.add_koreksi(record, actor, detail)


def undo(store, koreksi_id: int, actor: Actor) -> bool:
    """Undo a correction (the record stays, marked as undone); False when there is none."""
    access.require(actor, Aksi.KOREKSI)
    return store.undo_koreksi(koreksi_id, actor, f"koreksi #{koreksi_id} dibatalkan")


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def shown_value(value: object) -> str:
    """A stored value as a person reads it ('(kosong)', '87,5', 'Baik')."""
    return _shown(value)


def apply(indicators: pd.DataFrame, corrections: list[Koreksi]) -> pd.DataFrame:
    """``indicators`` with the corrections laid over them, plus ``dikoreksi`` (the corrected
    fields' labels), ``predikat_manual`` and ``alasan_predikat``. The input is not changed."""
    frame = indicators.copy()
    for column in EXTRA_COLUMNS:
        frame[column] = ""
    if not corrections or frame.empty:
        return frame
    positions: dict[tuple[str, str], list[int]] = {}
    for position, key in enumerate(zip(frame["kode"], frame["indikator"], strict=True)):
        positions.setdefault(_key(*key), []).append(position)
    updates: dict[str, dict[int, object]] = {}
    labels: dict[int, list[str]] = {}
    for item in sorted(corrections, key=lambda k: k.id):  # the newest wins
        for position in positions.get(_key(item.kode, item.indikator), []):
            if item.kolom == PREDIKAT_FIELD:
                updates.setdefault("predikat_manual", {})[position] = str(item.nilai_baru or "")
                updates.setdefault("alasan_predikat", {})[position] = item.alasan
            elif item.kolom in NUMBER_FIELDS:
                number = np.nan if item.nilai_baru is None else float(str(item.nilai_baru))
                updates.setdefault(item.kolom, {})[position] = number
            else:
                updates.setdefault(item.kolom, {})[position] = str(item.nilai_baru or "")
            found = labels.setdefault(position, [])
            if item.label not in found:
                found.append(item.label)
    updates["dikoreksi"] = {position: ", ".join(names) for position, names in labels.items()}
    for column, changed in updates.items():
        values = frame[column].tolist()
        for position, value in changed.items():
            values[position] = value
        frame[column] = pd.Series(values, index=frame.index, dtype=frame[column].dtype)
    return frame


def evaluate(
    indicators: pd.DataFrame,
    anggaran: pd.DataFrame,
    sampai_tw: int,
    settings: Settings,
    corrections: list[Koreksi],
    acuan: str = analysis.ACUAN_TAHUNAN,
) -> pd.DataFrame:
    """``analysis.evaluate`` of the corrected rows (``acuan``: against the annual or the TW
    target); a manual predikat stands where no capaian can be computed. Corrected rows carry
    the flag "dikoreksi"."""
    corrected = apply(indicators, corrections)
    evaluated = analysis.evaluate(corrected, anggaran, sampai_tw, settings, acuan=acuan)
    for column in EXTRA_COLUMNS:  # evaluate keeps extra columns, but be explicit
        if column not in evaluated.columns:
            evaluated[column] = corrected[column].to_numpy()
    manual = evaluated["predikat_manual"].astype(str).to_numpy()
    usable = (manual != "") & evaluated["capaian"].isna().to_numpy()
    if usable.any():
        predikat = evaluated["predikat"].to_numpy(dtype=object).copy()
        predikat[usable] = manual[usable]
        evaluated["predikat"] = predikat
    flags = evaluated["flags"].astype(str).tolist()
    corrected_rows = evaluated["dikoreksi"].astype(str).to_numpy() != ""
    for i in np.flatnonzero(corrected_rows | usable):
        extra = ([FLAG_DIKOREKSI] if corrected_rows[i] else []) + (
            [FLAG_PREDIKAT_MANUAL] if usable[i] else []
        )
        flags[i] = "; ".join([f for f in [flags[i], *extra] if f])
    evaluated["flags"] = flags
    return evaluated


def table(corrections: list[Koreksi]) -> pd.DataFrame:
    """The corrections as a table for the Catatan sheet and the page (Indonesian headers)."""
    return pd.DataFrame(
        [
            {
                "No": i,
                "Bidang": k.bidang,
                "Kode": k.kode,
                "Indikator": k.indikator,
                "Kolom": k.label,
                "Nilai asal": _shown(k.nilai_asal),
                "Nilai koreksi": _shown(k.nilai_baru),
                "Alasan": k.alasan,
                "Oleh": k.oleh,
                "Waktu": k.dibuat_pada,
            }
            for i, k in enumerate(corrections, start=1)
        ],
        columns=[
            "No",
            "Bidang",
            "Kode",
            "Indikator",
            "Kolom",
            "Nilai asal",
            "Nilai koreksi",
            "Alasan",
            "Oleh",
            "Waktu",
        ],
    )
