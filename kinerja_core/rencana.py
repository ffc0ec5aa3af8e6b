"""The rencana (the year's plan): indicators with targets, sasaran and Renstra figures, and
sub kegiatan pagu and Renstra Rp, no realisasi.

Owns stripping realisasi from any indicator/anggaran frames, validating a plan (messages in
Indonesian, one Problem per row and column), and the flat editor table shown in the app
(one row per indicator carrying its kode's pagu) with its way back to canonical frames,
and the plan operations behind the Rencana page (a bidang's part, saving an edited part,
loading from workbooks, copying a plan to a new year).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kinerja_core.locale_id import fmt_number, fmt_rupiah
from kinerja_core.model import (
    AGREGASI,
    ANGGARAN_TW,
    POLARITAS,
    REALISASI_TW,
    TARGET_TW,
    Problem,
    conform_anggaran,
    conform_indicators,
    kode_level,
    member_mask,
    normalize_key_text,
    normalize_kode,
)

# Indicator fields that belong to a report, not to the plan.
_REPORT_TEXT = [
    "realisasi_teks",
    "faktor_pendorong",
    "faktor_penghambat",
    "tindak_lanjut",
    "keterangan",
]

# Money on kode rows (anggaran), one value per kode: the pagu and the Renstra Rp (E.81 5, 6).
EDITOR_MONEY = ["pagu", "target_renstra_rp", "realisasi_renstra_lalu_rp"]

EDITOR_COLUMNS = [
    "bidang",
    "kode",
    "uraian",
    "sasaran",
    "indikator",
    "satuan",
    "polaritas",
    "agregasi",
    "target",
    "target_teks",
    *TARGET_TW,
    "target_renstra",
    "realisasi_renstra_lalu",
    *EDITOR_MONEY,
]
EDITOR_TEXT = ["bidang", "kode", "uraian", "sasaran", "indikator", "satuan", "polaritas"]
EDITOR_TEXT += ["agregasi", "target_teks"]
EDITOR_NUMERIC = ["target", *TARGET_TW, "target_renstra", "realisasi_renstra_lalu", *EDITOR_MONEY]

# What the user sees for each column (editor headers, and in problem messages).
LABELS = {
    "bidang": "Bidang",
    "kode": "Kode",
    "uraian": "Program / Kegiatan / Sub Kegiatan",
    "indikator": "Indikator",
    "satuan": "Satuan",
    "polaritas": "Polaritas",
    "agregasi": "Cara Agregasi",
    "target": "Target",
    "target_teks": "Target (teks)",
    "target_tw1": "Target TW I",
    "target_tw2": "Target TW II",
    "target_tw3": "Target TW III",
    "target_tw4": "Target TW IV",
    "pagu": "Pagu (Rp)",
    "sasaran": "Sasaran",
    "target_renstra": "Target Renstra akhir periode",
    "realisasi_renstra_lalu": "Realisasi Renstra s/d tahun lalu",
    "target_renstra_rp": "Target Renstra akhir periode (Rp)",
    "realisasi_renstra_lalu_rp": "Realisasi Renstra s/d tahun lalu (Rp)",
}

_KODE_RE = re.compile(r"^\d+(\.\d+)*$")


def rencana_from_frames(
    indicators: pd.DataFrame, anggaran: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plan inside report frames: realisasi, faktor texts and realisasi anggaran emptied."""
    ind = conform_indicators(indicators)
    ind[REALISASI_TW] = np.nan
    for col in _REPORT_TEXT:
        ind[col] = pd.Series("", index=ind.index, dtype=object)  # object, as conform gives
    ang = conform_anggaran(anggaran)
    ang[ANGGARAN_TW] = np.nan
    return ind, ang


def kode_problem(kode: str) -> str:
    """Why ``kode`` is not a program / kegiatan / sub kegiatan code ('' when it is)."""
    if not kode:
        return "Kode kosong."
    if not _KODE_RE.match(kode):
        return f"Kode '{kode}' memuat karakter selain angka dan titik."
    if kode_level(kode) == "lainnya":
        return (
            f"Kode '{kode}' bukan kode program (3 bagian), kegiatan (5 bagian) atau sub "
            "kegiatan (6 bagian)."
        )
    return ""


def _row_number(frame: pd.DataFrame, position: int) -> int:
    baris = int(frame["baris"].iloc[position]) if "baris" in frame.columns else 0
    return baris if baris > 0 else position + 1


def validate_rencana(
    indicators: pd.DataFrame, anggaran: pd.DataFrame | None = None
) -> list[Problem]:
    """Everything wrong with a plan, one Problem per row and column, in Indonesian.

    Rows are numbered by their ``baris`` (file row) when they came from a file, else by
    their position (1 = first row of the table).
    """
    ind = conform_indicators(indicators)
    problems: list[Problem] = []

    def add(level, message, fix, position, column, frame=ind, sumber=""):
        problems.append(
            Problem(
                level,
                message,
                fix,
                file=sumber,
                row=_row_number(frame, position),
                column=LABELS.get(column, column),
            )
        )

    seen: dict[tuple[str, str], int] = {}
    for i, rec in enumerate(ind.to_dict("records")):
        src = rec["sumber"]
        for col, what in (("bidang", "Bidang"), ("kode", "Kode"), ("indikator", "Indikator")):
            if not rec[col].strip():
                fix = {
                    "bidang": "Pilih bidang penanggung jawab indikator ini.",
                    "kode": "Isi kode program, kegiatan atau sub kegiatan, misalnya "
                    "2.16.03.2.02.0005.",
                    "indikator": "Tulis nama indikator kinerja, atau hapus baris ini.",
                }[col]
                add("error", f"{what} kosong.", fix, i, col, sumber=src)
        if rec["kode"] and (why := kode_problem(rec["kode"])):
            add(
                "error",
                why,
                "Tulis kode sesuai nomenklatur Kepmendagri, misalnya 2.16.03 (program), "
                "2.16.03.2.02 (kegiatan) atau 2.16.03.2.02.0005 (sub kegiatan).",
                i,
                "kode",
                sumber=src,
            )
        if rec["polaritas"] not in POLARITAS:
            shown = rec["polaritas"] or "(kosong)"
            add(
                "error",
                f"Polaritas '{shown}' tidak dikenal.",
                "Pilih positif (makin besar makin baik) atau negatif (makin kecil makin baik).",
                i,
                "polaritas",
                sumber=src,
            )
        if rec["agregasi"] not in AGREGASI:
            shown = rec["agregasi"] or "(kosong)"
            add(
                "error",
                f"Cara agregasi '{shown}' tidak dikenal.",
                "Pilih kumulatif (dijumlahkan per triwulan), akhir (nilai triwulan terakhir) "
                "atau rata-rata.",
                i,
                "agregasi",
                sumber=src,
            )
        target = rec["target"]
        if np.isnan(target) and not rec["target_teks"].strip():
            add(
                "warning",
                "Target kosong: capaian indikator ini tidak dapat dihitung.",
                "Isi target tahunan (angka), atau target berupa kata (misalnya Baik) pada "
                "kolom Target (teks).",
                i,
                "target",
                sumber=src,
            )
        elif not np.isnan(target) and target < 0:
            add("error", "Target negatif.", "Target harus 0 atau lebih.", i, "target", sumber=src)
        for col in TARGET_TW:
            if not np.isnan(rec[col]) and rec[col] < 0:
                add("error", "Target triwulan negatif.", "Isi 0 atau lebih.", i, col, sumber=src)
        for col in ("target_renstra", "realisasi_renstra_lalu"):
            if not np.isnan(rec[col]) and rec[col] < 0:
                add("error", f"{LABELS[col]} negatif.", "Isi 0 atau lebih.", i, col, sumber=src)
        if rec["indikator"].strip() and not rec["satuan"].strip():
            add(
                "warning",
                "Satuan kosong.",
                "Isi satuan indikator, misalnya Dokumen, %, Indeks atau Orang.",
                i,
                "satuan",
                sumber=src,
            )
        if rec["kode"] and rec["indikator"].strip():
            key = (rec["kode"], normalize_key_text(rec["indikator"]))
            if key in seen:
                first = _row_number(ind, seen[key])
                add(
                    "error",
                    f"Indikator ini sudah ada dengan kode yang sama di baris {first}.",
                    "Hapus salah satu baris, atau bedakan nama indikatornya.",
                    i,
                    "indikator",
                    sumber=src,
                )
            else:
                seen[key] = i

    if anggaran is not None:
        ang = conform_anggaran(anggaran)
        first_row: dict[str, int] = {}
        for i, rec in enumerate(ang.to_dict("records")):
            if rec["kode"] and (why := kode_problem(rec["kode"])):
                add("error", why, "Perbaiki kode anggaran.", i, "kode", ang, rec["sumber"])
            for col in EDITOR_MONEY:
                if not np.isnan(rec[col]) and rec[col] < 0:
                    add("error", f"{LABELS[col]} negatif.", "Isi 0 atau lebih.", i, col, ang)
            if rec["kode"] in first_row:
                add(
                    "error",
                    f"Pagu kode {rec['kode']} tercatat dua kali.",
                    "Satu kode satu pagu: hapus baris anggaran yang ganda.",
                    i,
                    "kode",
                    ang,
                    rec["sumber"],
                )
            else:
                first_row[rec["kode"]] = i
    return problems


def has_errors(problems: list[Problem]) -> bool:
    return any(p.level == "error" for p in problems)


def rencana_editor_frame(indicators: pd.DataFrame, anggaran: pd.DataFrame) -> pd.DataFrame:
    """The flat table for ``st.data_editor``: one row per indicator with its kode's pagu and
    Renstra Rp (``EDITOR_MONEY``).

    A kode with money but no indicator gets a row of its own (indikator empty), so no
    budget line is lost when the table is saved back.
    """
    ind = conform_indicators(indicators)
    ang = conform_anggaran(anggaran)
    table = ind[[c for c in EDITOR_COLUMNS if c not in EDITOR_MONEY]].copy()
    for column in EDITOR_MONEY:
        per_kode = dict(zip(ang["kode"], ang[column], strict=True))
        table[column] = table["kode"].map(per_kode).astype(float)
    budget_only = ang[~member_mask(ang["kode"], set(ind["kode"]))]
    if len(budget_only):
        extra = budget_only[["bidang", "kode", "uraian", *EDITOR_MONEY]].copy()
        table = pd.concat([table, extra], ignore_index=True)
    return _conform_editor(table)


def _conform_editor(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in EDITOR_COLUMNS:
        if col not in out.columns:
            out[col] = "" if col in EDITOR_TEXT else np.nan
    out = out[EDITOR_COLUMNS]
    for col in EDITOR_TEXT:
        out[col] = out[col].map(_text).astype(object)
    for col in EDITOR_NUMERIC:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    return out.reset_index(drop=True)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def empty_editor_frame() -> pd.DataFrame:
    return _conform_editor(pd.DataFrame(columns=EDITOR_COLUMNS))


def frames_from_editor(
    editor: pd.DataFrame, tahun: int
) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """(indicators, anggaran, problems) from the edited table.

    Blank rows are ignored; a row with a pagu but no indicator is a budget line only (any
    other row without an indicator stays, for ``validate_rencana`` to report); the kode's
    pagu is taken from its rows and must agree among them.
    """
    table = _conform_editor(editor)
    table["kode"] = table["kode"].map(normalize_kode)
    problems: list[Problem] = []
    blank = (table[EDITOR_TEXT] == "").all(axis=1) & table[EDITOR_NUMERIC].isna().all(axis=1)
    table["_row"] = np.arange(1, len(table) + 1)
    table = table[~blank]
    has_indicator = table["indikator"] != ""
    has_money = table[EDITOR_MONEY].notna().any(axis=1)
    budget_only = ~has_indicator & has_money
    ind_rows = table[~budget_only]  # rows with an indicator, or junk for validation to flag
    ind = ind_rows.drop(columns=[*EDITOR_MONEY, "_row"]).assign(tahun=tahun, sumber="", baris=0)
    indicators = conform_indicators(ind)
    # keep the editor row number so validation messages point at the right row
    indicators["baris"] = ind_rows["_row"].to_numpy()

    money_rows = table[has_money & (table["kode"] != "")]
    records = []
    for kode, group in money_rows.groupby("kode", sort=False):
        first = group.iloc[0]
        record = {"tahun": tahun, "bidang": first["bidang"], "kode": kode}
        record["uraian"] = first["uraian"]
        for column in EDITOR_MONEY:
            values = group[column].dropna().unique()
            if len(values) > 1:
                rows = ", ".join(str(r) for r in group["_row"])
                what = LABELS[column].removesuffix(" (Rp)").lower()
                problems.append(
                    Problem(
                        "error",
                        f"{LABELS[column]} kode {kode} berbeda antar baris ({rows}).",
                        f"Satu kode satu {what}: samakan nilainya pada semua baris kode ini.",
                        row=int(group["_row"].iloc[-1]),
                        column=LABELS[column],
                    )
                )
            record[column] = float(values[0]) if len(values) else np.nan
        records.append(record)
    anggaran = conform_anggaran(pd.DataFrame(records) if records else pd.DataFrame())
    return indicators, anggaran, problems


def summary_per_bidang(indicators: pd.DataFrame, anggaran: pd.DataFrame) -> pd.DataFrame:
    """Per bidang: number of indicators, of sub kegiatan with pagu, and total pagu."""
    ind = conform_indicators(indicators)
    ang = conform_anggaran(anggaran)
    counts = ind.groupby("bidang", sort=False).size().rename("indikator")
    subs = ang.groupby("bidang", sort=False).size().rename("kode_anggaran")
    pagu = ang.groupby("bidang", sort=False)["pagu"].sum().rename("pagu")
    out = pd.concat([counts, subs, pagu], axis=1).fillna(0).reset_index(names="bidang")
    out["indikator"] = out["indikator"].astype(int)
    out["kode_anggaran"] = out["kode_anggaran"].astype(int)
    return out


def summary_table(indicators: pd.DataFrame, anggaran: pd.DataFrame) -> pd.DataFrame:
    """``summary_per_bidang`` for people: Indonesian headers, counts as Indonesian text
    ('1.250' in every browser), pagu in Rupiah."""
    summary = summary_per_bidang(indicators, anggaran)
    return summary.assign(
        indikator=summary["indikator"].map(lambda v: fmt_number(v, 0)),
        kode_anggaran=summary["kode_anggaran"].map(lambda v: fmt_number(v, 0)),
        pagu=summary["pagu"].map(fmt_rupiah),
    ).rename(
        columns={
            "bidang": "Bidang",
            "indikator": "Indikator",
            "kode_anggaran": "Kode anggaran",
            "pagu": "Pagu",
        }
    )


def bidang_options(table: pd.DataFrame, extra: list[str] | None = None) -> list[str]:
    """Choices for the editor's bidang column: the plan's bidang, then any added by hand."""
    from kinerja_core.template import bidang_list

    names = bidang_list(table) if len(table) else []
    for name in extra or []:
        name = name.strip()
        if name and name not in names:
            names.append(name)
    return names


def rencana_from_uploads(results: list, tahun: int) -> tuple[pd.DataFrame, pd.DataFrame, list]:
    """A plan from read workbooks (ingest results): realisasi stripped, rows set to ``tahun``.

    Returns (indicators, anggaran, problems): the ingest problems of every file, a warning
    when a file says it is for another year, and the plan's own validation.
    """
    problems: list[Problem] = []
    inds, angs = [], []
    for result in results:
        problems.extend(result.problems)
        if result.tahun and int(result.tahun) != tahun:
            problems.append(
                Problem(
                    "warning",
                    f"Berkas ini untuk tahun {result.tahun}; isinya dimuat sebagai rencana "
                    f"tahun {tahun}.",
                    f"Pilih tahun {result.tahun} di panel kiri bila rencana itu yang dimaksud.",
                    file=result.filename,
                )
            )
        if len(result.indicators):
            inds.append(result.indicators)
        if len(result.anggaran):
            angs.append(result.anggaran)
    ind = pd.concat(inds, ignore_index=True) if inds else pd.DataFrame()
    ang = pd.concat(angs, ignore_index=True) if angs else pd.DataFrame()
    ind, ang = rencana_from_frames(ind, ang)
    ind["tahun"] = tahun
    ang["tahun"] = tahun
    problems.extend(validate_rencana(ind, ang))
    return ind, ang, problems


def merge_rencana(
    current: tuple[pd.DataFrame, pd.DataFrame],
    loaded: tuple[pd.DataFrame, pd.DataFrame],
    *,
    replace_all: bool,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plan after loading: all of ``loaded``, or ``current`` with the loaded bidang
    replaced (an anggaran kode that is loaded again replaces its old row)."""
    new_ind, new_ang = conform_indicators(loaded[0]), conform_anggaran(loaded[1])
    if replace_all:
        return new_ind, new_ang
    old_ind, old_ang = conform_indicators(current[0]), conform_anggaran(current[1])
    replaced = set(new_ind["bidang"]) | set(new_ang["bidang"])
    keep_ind = old_ind[~member_mask(old_ind["bidang"], replaced)]
    keep_ang = old_ang[
        ~member_mask(old_ang["bidang"], replaced)
        & ~member_mask(old_ang["kode"], set(new_ang["kode"]))
    ]
    indicators = conform_indicators(pd.concat([keep_ind, new_ind], ignore_index=True))
    anggaran = conform_anggaran(pd.concat([keep_ang, new_ang], ignore_index=True))
    return indicators, anggaran


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table for people: Tingkat, Lokasi, Masalah, Cara memperbaiki."""
    return pd.DataFrame(
        {
            "Tingkat": ["Kesalahan" if p.level == "error" else "Peringatan" for p in problems],
            "Lokasi": [p.location() for p in problems],
            "Masalah": [p.message for p in problems],
            "Cara memperbaiki": [p.fix for p in problems],
        }
    )


def replace_bidang(
    current: tuple[pd.DataFrame, pd.DataFrame],
    part: tuple[pd.DataFrame, pd.DataFrame],
    bidang: str,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole plan after saving an editor filtered to one ``bidang``.

    Rows of other bidang stay as they are; the bidang's rows become ``part`` (rows deleted
    in the editor go, rows moved to another bidang move); an anggaran kode present in
    ``part`` replaces its old row wherever it was.
    """
    old_ind, old_ang = conform_indicators(current[0]), conform_anggaran(current[1])
    new_ind, new_ang = conform_indicators(part[0]), conform_anggaran(part[1])
    keep_ind = old_ind[old_ind["bidang"] != bidang]
    keep_ang = old_ang[
        (old_ang["bidang"] != bidang).to_numpy()
        & ~member_mask(old_ang["kode"], set(new_ang["kode"]))
    ]
    indicators = conform_indicators(pd.concat([keep_ind, new_ind], ignore_index=True))
    anggaran = conform_anggaran(pd.concat([keep_ang, new_ang], ignore_index=True))
    return indicators, anggaran


def bidang_part(
    indicators: pd.DataFrame, anggaran: pd.DataFrame, bidang: str | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of one ``bidang`` (the whole plan when None), for a filtered editor."""
    if bidang is None:
        return indicators, anggaran
    return indicators[indicators["bidang"] == bidang], anggaran[anggaran["bidang"] == bidang]


def rencana_from_editor(
    edited: pd.DataFrame,
    tahun: int,
    current: tuple[pd.DataFrame, pd.DataFrame],
    bidang: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """The whole plan to store after saving the editor: (indicators, anggaran, problems).

    The problems are the editor's and the plan's validation. When the editor showed one
    ``bidang`` and nothing is an error, the other bidang of ``current`` are kept as they are
    (``replace_bidang``).
    """
    indicators, anggaran, problems = frames_from_editor(edited, tahun)
    problems += validate_rencana(indicators, anggaran)
    if bidang is not None and not has_errors(problems):
        indicators, anggaran = replace_bidang(current, (indicators, anggaran), bidang)
    return indicators, anggaran, problems


def copy_rencana(
    indicators: pd.DataFrame, anggaran: pd.DataFrame, tahun: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A plan for a new ``tahun`` started from another year's: same rows, realisasi stripped.

    Sasaran and the Renstra targets carry over (the same Renstra period); the realisasi
    Renstra s/d tahun lalu does not: it grows every year, and a copied one would stand in the
    E.81 in place of the one computed from the stored years."""
    copy_ind, copy_ang = rencana_from_frames(indicators, anggaran)
    copy_ind["realisasi_renstra_lalu"] = np.nan
    copy_ang["realisasi_renstra_lalu_rp"] = np.nan
    return copy_ind.assign(tahun=tahun), copy_ang.assign(tahun=tahun)
