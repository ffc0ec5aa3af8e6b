"""Flags, data anomalies and the generated analysis paragraphs (Indonesian).

``flag_table`` lists, per indicator, everything a Kasubag should look at:

* **Kinerja** — capaian under the flag threshold; money spent with the target missed
  (efisiensi kuadran *Perlu perhatian*).
* **Tidak dapat dihitung** — qualitative target, missing target, target 0, nothing reported.
* **Anomali data** — realisasi more than 3× the target, negative values, a triwulan left
  empty before a later one was reported, and a series that goes the wrong way for its cara
  agregasi (below).

How a "cumulative series that goes down" is read in this model: for a ``kumulatif``
indicator each TW column holds that triwulan's *increment* (the year's realisasi is their
sum), so a smaller TW III than TW II is normal. A series that is *by nature* cumulative is
an ``akhir`` indicator with polaritas positif counting things — the position at the end of
each TW (PD connected, sub domain managed): when such a position drops from one
reported TW to the next it is flagged *Posisi menurun*. Only counts are checked (satuan
not %, indeks, nilai, skor or predikat): a percentage or an index is a level that may
legitimately move both ways. The mirror mistake for a
``kumulatif`` indicator is a bidang typing running totals instead of increments (30, 65,
103 for a target of 150): at least three reported TWs, never falling and climbing to at
least 1.5× the first, the last one within
the annual target (≤ 110%) while their sum is well above it (> 120%) — flagged *Tampak
total berjalan*, because summing those totals counts the year twice.

``bidang_narrative`` and ``dinas_narrative`` write the paragraph that goes into the
evaluation document: capaian and predikat, how many indicators are behind, serapan, the
lagging indicators by name with their gap in their own satuan, and the faktor pendorong,
penghambat and tindak lanjut the bidang wrote in their submissions.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kinerja_core import analysis, formulas
from kinerja_core.locale_id import (
    TRIWULAN_LABEL,
    fmt_number,
    fmt_percent,
    fmt_rupiah_short,
)
from kinerja_core.model import BIDANG_SEKRETARIAT, REALISASI_TW, TW_ROMAN
from kinerja_core.settings import Settings

KELOMPOK_KINERJA = "Kinerja"
KELOMPOK_HITUNG = "Tidak dapat dihitung"
KELOMPOK_ANOMALI = "Anomali data"
KELOMPOK = (KELOMPOK_KINERJA, KELOMPOK_HITUNG, KELOMPOK_ANOMALI)

DI_BAWAH = "Di bawah ambang"
PERLU_PERHATIAN = "Anggaran terserap, target belum tercapai"
KUALITATIF = "Target kualitatif"
TARGET_KOSONG = "Target kosong"
TARGET_NOL = "Target nol"
BELUM_ADA = "Realisasi belum ada"
LEBIH_3X = "Realisasi lebih dari 3× target"
NILAI_NEGATIF = "Nilai negatif"
TW_TERLEWAT = "Triwulan terlewat"
POSISI_MENURUN = "Posisi menurun"
TOTAL_BERJALAN = "Tampak total berjalan"

JENIS_KELOMPOK = {
    DI_BAWAH: KELOMPOK_KINERJA,
    PERLU_PERHATIAN: KELOMPOK_KINERJA,
    KUALITATIF: KELOMPOK_HITUNG,
    TARGET_KOSONG: KELOMPOK_HITUNG,
    TARGET_NOL: KELOMPOK_HITUNG,
    BELUM_ADA: KELOMPOK_HITUNG,
    LEBIH_3X: KELOMPOK_ANOMALI,
    NILAI_NEGATIF: KELOMPOK_ANOMALI,
    TW_TERLEWAT: KELOMPOK_ANOMALI,
    POSISI_MENURUN: KELOMPOK_ANOMALI,
    TOTAL_BERJALAN: KELOMPOK_ANOMALI,
}
JENIS = tuple(JENIS_KELOMPOK)

FLAG_COLUMNS = ["row", "bidang", "kode", "indikator", "kelompok", "jenis", "keterangan"]
FLAG_HEADERS = {  # what people read above the flag table's columns
    "bidang": "Bidang",
    "kode": "Kode",
    "indikator": "Indikator",
    "kelompok": "Kelompok",
    "jenis": "Catatan",
    "keterangan": "Keterangan",
}

_PERCENT_SATUAN = {"%", "persen", "persentase"}


# --- quantities in their satuan -------------------------------------------------------------


def fmt_quantity(value: float, satuan: str) -> str:
    """A value with its satuan, as a sentence reads it: '2 kali', '40%', '3,5 indeks'."""
    text = fmt_number(value)
    unit = (satuan or "").strip()
    if unit.casefold() in _PERCENT_SATUAN:
        return f"{text}%"
    if not unit:
        return text
    # Keep acronyms (PD, SKPD, ASN) as written; lower-case ordinary words.
    words = [w if (w.isupper() and len(w) > 1) or "-" in w else w.lower() for w in unit.split()]
    return f"{text} {' '.join(words)}"


def gap_phrase(row: dict | pd.Series) -> str:
    """'kurang 2 kali dari target 4 kali' / 'melebihi batas 7 hari sebesar 7 hari'."""
    satuan = str(row.get("satuan", ""))
    gap = float(row["gap"])
    target = float(row["target"])
    if np.isnan(gap) or np.isnan(target):
        return ""
    if row.get("polaritas") == "negatif":
        if gap <= 0:
            return f"di bawah batas {fmt_quantity(target, satuan)}"
        return f"melebihi batas {fmt_quantity(target, satuan)} sebesar {fmt_quantity(gap, satuan)}"
    if gap <= 0:
        return f"melampaui target {fmt_quantity(target, satuan)}"
    return f"kurang {fmt_quantity(gap, satuan)} dari target {fmt_quantity(target, satuan)}"


# --- flags -------------------------------------------------------------------------------------


def flag_table(evaluated: pd.DataFrame, sampai_tw: int, settings: Settings) -> pd.DataFrame:
    """One row per (indicator, flag): row (index in ``evaluated``), bidang, kode, indikator,
    kelompok, jenis, keterangan. Sorted by bidang, then kelompok, then kode."""
    if evaluated.empty:
        return pd.DataFrame(columns=FLAG_COLUMNS)
    n = len(evaluated)
    index = evaluated.index.to_numpy()
    target = evaluated["target"].to_numpy(dtype=float)
    realisasi = evaluated["realisasi"].to_numpy(dtype=float)
    capaian = evaluated["capaian_tampil"].to_numpy(dtype=float)
    qualitative = evaluated["target_teks"].astype(str).str.strip().ne("").to_numpy()
    agregasi = evaluated["agregasi"].to_numpy(dtype=object)
    polaritas = evaluated["polaritas"].to_numpy(dtype=object)
    values = evaluated[REALISASI_TW].to_numpy(dtype=float).reshape(n, 4)[:, :sampai_tw]
    reported = ~np.isnan(values)

    masks: dict[str, np.ndarray] = {}
    with np.errstate(invalid="ignore"):
        masks[DI_BAWAH] = formulas.di_bawah_ambang(capaian, settings.flag_threshold)
        masks[PERLU_PERHATIAN] = evaluated["kuadran"].to_numpy(dtype=object) == (
            formulas.PERLU_PERHATIAN
        )
        masks[KUALITATIF] = qualitative & np.isnan(capaian)
        masks[TARGET_KOSONG] = ~qualitative & np.isnan(target)
        masks[TARGET_NOL] = ~qualitative & (target == 0) & np.isnan(capaian)
        masks[BELUM_ADA] = ~qualitative & ~reported.any(axis=1)
        masks[LEBIH_3X] = (target > 0) & (realisasi > 3 * target)
        masks[NILAI_NEGATIF] = (np.nan_to_num(values, nan=0.0) < 0).any(axis=1) | (target < 0)
        later_reported = np.flip(np.cumsum(np.flip(reported, axis=1), axis=1), axis=1) > 0
        gap_before = ~reported & np.roll(later_reported, -1, axis=1)
        gap_before[:, -1] = False
        masks[TW_TERLEWAT] = gap_before.any(axis=1)
        count_like = ~evaluated["satuan"].map(_is_level_satuan).to_numpy(dtype=bool)
        masks[POSISI_MENURUN] = (
            (agregasi == "akhir")
            & (polaritas == "positif")
            & count_like
            & _drops(values).any(axis=1)
        )
        masks[TOTAL_BERJALAN] = (agregasi == "kumulatif") & _running_totals(values, target)

    flagged = np.flatnonzero(np.logical_or.reduce(list(masks.values())))
    columns = ["bidang", "kode", "indikator", "satuan", "polaritas", "target", "target_teks"]
    columns += ["realisasi", "realisasi_teks", "capaian_tampil", "gap", "serapan"]
    columns += [c for c in ("predikat_manual", "alasan_predikat") if c in evaluated]
    rows_by_pos = dict(
        zip(flagged, evaluated.iloc[flagged][columns].to_dict("records"), strict=True)
    )
    records = []
    for jenis in JENIS:
        for pos in np.flatnonzero(masks[jenis]):
            row = rows_by_pos[pos]
            records.append(
                {
                    "row": index[pos],
                    "bidang": row["bidang"],
                    "kode": row["kode"],
                    "indikator": row["indikator"],
                    "kelompok": JENIS_KELOMPOK[jenis],
                    "jenis": jenis,
                    "keterangan": _explain(jenis, row, values[pos], sampai_tw, settings),
                }
            )
    table = pd.DataFrame(records, columns=FLAG_COLUMNS)
    order = {k: i for i, k in enumerate(KELOMPOK)}
    table["_k"] = table["kelompok"].map(order)
    table["_j"] = table["jenis"].map({j: i for i, j in enumerate(JENIS)})
    table = table.sort_values(["bidang", "_k", "kode", "_j"], kind="stable")
    return table.drop(columns=["_k", "_j"]).reset_index(drop=True)


def _is_level_satuan(satuan: object) -> bool:
    """%, indeks, nilai, skor, predikat: a level that may rise and fall, not a count."""
    text = str(satuan or "").strip().casefold()
    return "%" in text or text.startswith(("persen", "indeks", "nilai", "skor", "predikat"))


def _drops(values: np.ndarray) -> np.ndarray:
    """(n, k-1) True where a reported value is below the previous reported one."""
    out = np.zeros((len(values), max(values.shape[1] - 1, 0)), dtype=bool)
    last = np.full(len(values), np.nan)
    for tw in range(values.shape[1]):
        current = values[:, tw]
        if tw:
            out[:, tw - 1] = ~np.isnan(current) & ~np.isnan(last) & (current < last)
        last = np.where(np.isnan(current), last, current)
    return out


def _running_totals(values: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Kumulatif rows whose per-TW figures look like running totals (see module doc)."""
    reported = ~np.isnan(values)
    enough = reported.sum(axis=1) >= 3
    filled = np.nan_to_num(values, nan=0.0)
    previous = np.maximum.accumulate(np.where(reported, filled, -np.inf), axis=1)
    previous = np.concatenate([np.full((len(values), 1), -np.inf), previous[:, :-1]], axis=1)
    rising = np.where(reported, filled >= previous, True).all(axis=1)
    last = np.where(reported, filled, -np.inf).max(axis=1)
    first = np.where(reported, filled, np.inf).min(axis=1)
    with np.errstate(invalid="ignore"):
        grows = last >= 1.5 * first  # a running total climbs; steady increments do not
        counted_twice = filled.sum(axis=1) > 1.2 * target
        fits_year = last <= 1.1 * target
    positive = np.where(reported, filled > 0, True).all(axis=1)
    return enough & rising & grows & (target > 0) & counted_twice & fits_year & positive


def _tw_list(positions: list[int]) -> str:
    names = [f"TW {TW_ROMAN[p + 1]}" for p in positions]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]


def _explain(
    jenis: str, row: dict | pd.Series, values: np.ndarray, sampai_tw: int, settings: Settings
) -> str:
    satuan = str(row["satuan"])
    capaian = fmt_percent(row["capaian_tampil"])
    if jenis == DI_BAWAH:
        phrase = gap_phrase(row)
        text = f"Capaian {capaian} di bawah ambang {fmt_number(settings.flag_threshold)}%"
        return f"{text}; {phrase}" if phrase else text
    if jenis == PERLU_PERHATIAN:
        return (
            f"Serapan anggaran {fmt_percent(row['serapan'])} tetapi capaian kinerja {capaian} "
            f"(di bawah {fmt_number(settings.efisiensi_batas_kinerja)}%)"
        )
    if jenis == KUALITATIF:
        text = f"Target “{row['target_teks']}”"
        if str(row.get("realisasi_teks", "")).strip():
            text += f", realisasi “{row['realisasi_teks']}”"
        manual = str(row.get("predikat_manual", "") or "")
        if manual:
            return (
                f"{text}; capaian tidak dihitung, predikat {manual} ditetapkan manual: "
                f"{row.get('alasan_predikat', '')}"
            )
        return (
            f"{text}; capaian tidak dihitung. Tetapkan predikatnya di Analisis (detail "
            "indikator, koreksi konsep) atau beri nilai teks itu di pengaturan kualitatif_nilai"
        )
    if jenis == TARGET_KOSONG:
        return "Target tahunan belum diisi; capaian tidak dapat dihitung"
    if jenis == TARGET_NOL:
        return "Target 0 pada indikator positif; capaian tidak dapat dihitung"
    if jenis == BELUM_ADA:
        return f"Belum ada realisasi yang dilaporkan sampai {TRIWULAN_LABEL[sampai_tw]}"
    if jenis == LEBIH_3X:
        return (
            f"Realisasi {fmt_quantity(row['realisasi'], satuan)} lebih dari 3× target "
            f"{fmt_quantity(row['target'], satuan)}; periksa satuan atau salah ketik"
        )
    if jenis == NILAI_NEGATIF:
        negative = [i for i, v in enumerate(values) if not np.isnan(v) and v < 0]
        where = f"realisasi {_tw_list(negative)}" if negative else "target"
        return f"Nilai negatif pada {where}; kinerja tidak boleh bernilai negatif"
    if jenis == TW_TERLEWAT:
        reported = [i for i, v in enumerate(values) if not np.isnan(v)]
        empty = [i for i in range(max(reported)) if np.isnan(values[i])]
        after = min(i for i in reported if i > empty[0])
        return (
            f"{_tw_list([i for i in empty if i < after])} kosong padahal "
            f"{_tw_list([after])} sudah terisi; isi 0 bila memang tidak ada realisasi"
        )
    if jenis == POSISI_MENURUN:
        steps, last, last_tw = [], np.nan, -1
        for tw, value in enumerate(values):
            if np.isnan(value):
                continue
            if not np.isnan(last) and value < last:
                steps.append(
                    f"TW {TW_ROMAN[last_tw + 1]} → TW {TW_ROMAN[tw + 1]}: "
                    f"{fmt_number(last)} → {fmt_number(value)}"
                )
            last, last_tw = value, tw
        return "Nilai posisi menurun (" + "; ".join(steps) + "); pastikan bukan salah isi"
    if jenis == TOTAL_BERJALAN:
        shown = ", ".join(fmt_number(v) for v in values if not np.isnan(v))
        return (
            f"Realisasi per triwulan ({shown}) tampak sebagai total berjalan dan jumlahnya "
            f"melebihi target {fmt_quantity(row['target'], satuan)}; untuk indikator kumulatif "
            "isi tambahan pada triwulan itu saja"
        )
    return ""


def flag_text(flags: pd.DataFrame) -> pd.Series:
    """Per evaluated row: its flag names joined with '; ' (only rows with a flag)."""
    if flags.empty:
        return pd.Series(dtype=object)
    return flags.groupby("row", sort=False)["jenis"].agg("; ".join)


def flag_counts(flags: pd.DataFrame) -> pd.DataFrame:
    """How many indicators carry each flag: kelompok, jenis, jumlah (every jenis listed)."""
    counts = flags.groupby("jenis")["row"].nunique() if len(flags) else pd.Series(dtype=int)
    return pd.DataFrame(
        {
            "kelompok": [JENIS_KELOMPOK[j] for j in JENIS],
            "jenis": list(JENIS),
            "jumlah": [int(counts.get(j, 0)) for j in JENIS],
        }
    )


def flag_display(flags: pd.DataFrame) -> pd.DataFrame:
    """The flag table with Indonesian headers (``FLAG_HEADERS``); the row column stays."""
    return flags.rename(columns=FLAG_HEADERS)


# --- narrative -----------------------------------------------------------------------------


def lagging(evaluated: pd.DataFrame, settings: Settings, limit: int = 3) -> pd.DataFrame:
    """The indicators furthest under the flag threshold, lowest capaian first."""
    capaian = evaluated["capaian_tampil"].astype(float)
    behind = evaluated[formulas.di_bawah_ambang(capaian, settings.flag_threshold)]
    return behind.sort_values(["capaian_tampil", "kode"]).head(limit)


def _subject(bidang: str) -> str:
    return (
        bidang
        if bidang.casefold().startswith(("bidang", BIDANG_SEKRETARIAT.casefold()))
        else (f"Bidang {bidang}")
    )


def _sentence(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().rstrip(".;,")
    return text + "." if text else ""


def distinct_texts(rows: pd.DataFrame, column: str, limit: int = 3) -> list[str]:
    """Distinct non-empty texts of ``column`` in row order, at most ``limit``."""
    seen: dict[str, str] = {}
    for value in rows[column].astype(str):
        for part in re.split(r"\s*;\s*|\n+", value):
            clean = re.sub(r"\s+", " ", part).strip().rstrip(".")
            if clean and clean.casefold() not in seen:
                seen[clean.casefold()] = clean[0].lower() + clean[1:] if _lower_ok(clean) else clean
            if len(seen) >= limit:
                return list(seen.values())
    return list(seen.values())


def _lower_ok(text: str) -> bool:
    first = text.split()[0]
    return not (len(first) > 1 and first.isupper())


def _joined(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return "; ".join(items[:-1]) + "; dan " + items[-1]


def _mean(rows: pd.DataFrame, settings: Settings) -> float:
    return analysis.mean_capaian(rows, settings)


def _budget(
    rows: pd.DataFrame, sampai_tw: int, anggaran: pd.DataFrame | None, bidang: str | None
) -> tuple[float, float]:
    """(pagu, realisasi anggaran) of a bidang (or of everything when bidang is None)."""
    if anggaran is not None and len(anggaran):
        if bidang is not None:
            # The bidang's rows plus any row under one of its codes: enough to tell which
            # of its rows are subtotals, without scanning every code of the Dinas.
            own = anggaran["bidang"] == bidang
            prefixes = tuple(f"{kode}." for kode in anggaran.loc[own, "kode"].unique())
            below = anggaran["kode"].str.startswith(prefixes) if prefixes else own & False
            budget = analysis.effective_budget(anggaran[own | below])
            budget = budget[budget["bidang"] == bidang]
        else:
            budget = analysis.effective_budget(anggaran)
        if budget.empty:
            return float("nan"), float("nan")
        spent = budget[[f"anggaran_tw{n}" for n in range(1, sampai_tw + 1)]].sum(
            axis=1, min_count=1
        )
        return float(budget["pagu"].sum(min_count=1)), float(spent.sum(min_count=1))
    # Without the anggaran rows: the top-most codes carrying budget, so nothing counts twice.
    coded = rows[rows["pagu"].notna()].drop_duplicates(subset="kode")
    codes = set(coded["kode"])
    top = coded[
        [
            not any(".".join(k.split(".")[:i]) in codes for i in range(1, len(k.split("."))))
            for k in coded["kode"]
        ]
    ]
    if top.empty:
        return float("nan"), float("nan")
    return float(top["pagu"].sum()), float(top["realisasi_anggaran"].sum(min_count=1))


def _counts_sentence(rows: pd.DataFrame, settings: Settings) -> str:
    n = len(rows)
    predikat = rows["predikat"]
    high = int(predikat.isin(formulas.PREDIKAT[:2]).sum())
    low = int(formulas.di_bawah_ambang(rows["capaian_tampil"], settings.flag_threshold).sum())
    none = int((predikat == "").sum())
    parts = [f"{high} dari {n} indikator berpredikat Sangat Tinggi atau Tinggi"]
    if low:
        parts.append(f"{low} indikator di bawah ambang {fmt_number(settings.flag_threshold)}%")
    else:
        parts.append(f"tidak ada indikator di bawah ambang {fmt_number(settings.flag_threshold)}%")
    text = ", ".join(parts[:-1]) + ", sedangkan " + parts[-1]
    if none:
        text += (
            f"; {none} indikator belum dapat dihitung capaiannya "
            "(target kualitatif, target kosong atau realisasi belum ada)"
        )
    return _sentence(text)


def _budget_sentence(pagu: float, spent: float) -> str:
    if np.isnan(pagu) or pagu <= 0:
        return ""
    serapan = float(formulas.serapan(pagu, spent)[0])
    return _sentence(
        f"Serapan anggaran sebesar {fmt_percent(serapan)} "
        f"({fmt_rupiah_short(spent)} dari pagu {fmt_rupiah_short(pagu)})"
    )


def _lagging_sentence(rows: pd.DataFrame, settings: Settings, limit: int = 3) -> str:
    behind = lagging(rows, settings, limit)
    if behind.empty:
        return ""
    items = []
    for _, row in behind.iterrows():
        phrase = gap_phrase(row)
        detail = f"capaian {fmt_percent(row['capaian_tampil'])}" + (f", {phrase}" if phrase else "")
        items.append(f"{row['indikator']} ({detail})")
    label = "Indikator yang paling tertinggal" if len(items) > 1 else "Indikator yang tertinggal"
    return _sentence(f"{label}: {_joined(items)}")


def _factor_sentences(rows: pd.DataFrame, settings: Settings) -> list[str]:
    capaian = rows["capaian_tampil"].astype(float)
    good = rows[capaian >= settings.predikat_bounds[1]].sort_values(
        "capaian_tampil", ascending=False
    )
    behind = rows[formulas.di_bawah_ambang(capaian, settings.flag_threshold)].sort_values(
        "capaian_tampil"
    )
    rest = rows.drop(index=behind.index)
    sentences = []
    pendorong = distinct_texts(pd.concat([good, rows.drop(index=good.index)]), "faktor_pendorong")
    if pendorong:
        sentences.append(_sentence(f"Faktor pendorong: {_joined(pendorong)}"))
    penghambat = distinct_texts(pd.concat([behind, rest]), "faktor_penghambat")
    if penghambat:
        sentences.append(_sentence(f"Faktor penghambat: {_joined(penghambat)}"))
    tindak = distinct_texts(pd.concat([behind, rest]), "tindak_lanjut")
    if tindak:
        sentences.append(_sentence(f"Tindak lanjut: {_joined(tindak)}"))
    return sentences


def _tahun(evaluated: pd.DataFrame) -> str:
    latest = int(evaluated["tahun"].max()) if len(evaluated) else 0
    return f" tahun {latest}" if latest > 0 else ""


def _opening(subject: str, rows: pd.DataFrame, settings: Settings) -> str:
    """'<subject> sebesar 87,4% (predikat Tinggi), dihitung dari 12 indikator.'"""
    mean = _mean(rows, settings)
    if np.isnan(mean):
        return _sentence(f"{subject} belum dapat dihitung")
    predikat = formulas.predikat(mean, settings.predikat_bounds)[0]
    counted = int(np.count_nonzero(~np.isnan(analysis.averaged_capaian(rows))))
    return _sentence(
        f"{subject} sebesar {fmt_percent(mean)} (predikat {predikat}), "
        f"dihitung dari {counted} indikator"
    )


def bidang_narrative(
    evaluated: pd.DataFrame,
    bidang: str,
    sampai_tw: int,
    settings: Settings,
    anggaran: pd.DataFrame | None = None,
) -> str:
    """The analysis paragraph of one bidang, ready to paste into the evaluation document.

    ``anggaran`` (the year's anggaran rows) gives the exact serapan; without it the budget
    is taken from the indicator rows' kode budget, each kode counted once.
    """
    rows = evaluated[evaluated["bidang"] == bidang]
    subject = _subject(bidang)
    periode = f"sampai {TRIWULAN_LABEL[sampai_tw]}{_tahun(evaluated)}"
    if rows.empty:
        return _sentence(f"Belum ada data indikator {subject} {periode}")
    opening = _opening(f"Capaian rata-rata {subject} {periode}", rows, settings)
    sentences = [opening, _counts_sentence(rows, settings)]
    sentences.append(_budget_sentence(*_budget(rows, sampai_tw, anggaran, bidang)))
    sentences.append(_lagging_sentence(rows, settings))
    sentences.extend(_factor_sentences(rows, settings))
    return " ".join(s for s in sentences if s)


def dinas_narrative(
    evaluated: pd.DataFrame,
    sampai_tw: int,
    settings: Settings,
    anggaran: pd.DataFrame | None = None,
) -> str:
    """The analysis paragraph of the whole Dinas (every bidang together)."""
    periode = f"sampai {TRIWULAN_LABEL[sampai_tw]}{_tahun(evaluated)}"
    if evaluated.empty:
        return _sentence(f"Belum ada data indikator {periode}")
    subject = f"Capaian rata-rata kinerja {settings.dinas} {periode}"
    sentences = [_opening(subject, evaluated, settings), _counts_sentence(evaluated, settings)]
    per_bidang = analysis.rollup(evaluated, "bidang", settings).dropna(subset=["capaian"])
    if len(per_bidang) > 1:
        ranked = per_bidang.sort_values("capaian")
        best, worst = ranked.iloc[-1], ranked.iloc[0]
        sentences.append(
            _sentence(
                f"Capaian tertinggi pada {best['bidang']} ({fmt_percent(best['capaian'])}, "
                f"{best['predikat']}) dan terendah pada {worst['bidang']} "
                f"({fmt_percent(worst['capaian'])}, {worst['predikat']})"
            )
        )
    sentences.append(_budget_sentence(*_budget(evaluated, sampai_tw, anggaran, None)))
    spent_missed = int((evaluated["kuadran"] == formulas.PERLU_PERHATIAN).sum())
    if spent_missed:
        sentences.append(
            _sentence(
                f"{spent_missed} indikator anggarannya sudah terserap sekurang-kurangnya "
                f"{fmt_number(settings.efisiensi_batas_serapan)}% tetapi targetnya belum "
                "tercapai dan perlu perhatian"
            )
        )
    sentences.append(_lagging_sentence(evaluated, settings))
    return " ".join(s for s in sentences if s)
