"""Numbers that read fine but are probably wrong: the operator confirms them before saving.

A capaian above 300 %, a realisasi in the size of Rupiah in an indicator that is not counted
in Rupiah, a triwulan value a hundred times the one before (or after) it, percentages
written as fractions (0,9 for 90 %) and a realisasi anggaran above its pagu are not errors —
a file may be right — but they are never "read without problems" either: each becomes a
warning with ``confirm=True`` naming the row, the numbers and what to check, and the upload
page asks the operator to confirm them before the file is saved.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from kinerja_core import formulas
from kinerja_core.locale_id import fmt_number, fmt_percent
from kinerja_core.model import ANGGARAN_TW, REALISASI_TW, Problem

CAPAIAN_LIMIT = 300.0  # percent
JUMP = 100.0  # a TW value this many times its neighbour
RUPIAH_LIKE = 1_000_000.0
OVERSPENT = 1.005  # realisasi anggaran above the pagu by more than 0,5 %


def _is_rupiah(satuan: str) -> bool:
    words = satuan.casefold().replace(".", " ").split()
    return any(w in ("rp", "rupiah", "idr") for w in words) or "rupiah" in satuan.casefold()


def _is_percent(satuan: str) -> bool:
    s = satuan.casefold().strip()
    return s in ("%", "persen", "persentase") or s.startswith("persen") or "%" in s


def check(indicators: pd.DataFrame) -> list[Problem]:
    """The confirm-warnings of a submission's indicator rows (canonical frame)."""
    if indicators.empty:
        return []
    values = indicators[REALISASI_TW].to_numpy(dtype=float)
    target = indicators["target"].to_numpy(dtype=float)
    realisasi = formulas.realisasi_sampai(values, indicators["agregasi"].to_numpy(object), 4)
    capaian = formulas.capaian(target, realisasi, indicators["polaritas"].to_numpy(object))
    problems: list[Problem] = []
    rows: list[Any] = list(indicators.itertuples(index=False))  # namedtuples of the frame
    for i, row in enumerate(rows):
        where = {"file": row.sumber, "row": int(row.baris) or None}
        label = f"'{row.indikator}'" + (f" ({row.kode})" if row.kode else "")
        tw = values[i]
        reported = [(n + 1, v) for n, v in enumerate(tw) if not math.isnan(v)]
        if not math.isnan(capaian[i]) and capaian[i] > CAPAIAN_LIMIT:
            problems.append(
                _confirm(
                    f"Capaian {label} {fmt_percent(capaian[i])} (target {fmt_number(target[i])}, "
                    f"realisasi {fmt_number(realisasi[i])} secara {row.agregasi}) — lebih dari "
                    f"{fmt_number(CAPAIAN_LIMIT, 0)}%, tidak wajar.",
                    "Periksa target (target tahunan, bukan target lima tahun) dan realisasi "
                    "(nilai per triwulan, bukan kumulatif yang dijumlah lagi); konfirmasi jika "
                    "memang benar.",
                    where,
                )
            )
        if not _is_rupiah(row.satuan):
            big = [(n, v) for n, v in reported if v >= RUPIAH_LIKE]
            if big and (math.isnan(target[i]) or big[0][1] >= 1000 * max(target[i], 1.0)):
                n, v = big[0]
                problems.append(
                    _confirm(
                        f"Realisasi TW {n} {label} {fmt_number(v)} sebesar angka Rupiah, padahal "
                        f"satuannya '{row.satuan or '-'}'.",
                        "Pastikan realisasi kinerja (K) tidak tertukar dengan realisasi "
                        "anggaran (Rp); konfirmasi jika memang benar.",
                        where,
                    )
                )
        jumps = [
            (a, b)
            for a, b in zip(reported, reported[1:], strict=False)
            if a[1] > 0 and b[1] > 0 and max(a[1], b[1]) / min(a[1], b[1]) >= JUMP
        ]
        if jumps:
            (n1, v1), (n2, v2) = jumps[0]
            problems.append(
                _confirm(
                    f"Realisasi {label} melonjak dari TW {n1} ({fmt_number(v1)}) ke TW {n2} "
                    f"({fmt_number(v2)}) — seratus kali lipat atau lebih.",
                    "Periksa salah ketik (angka nol berlebih, titik/koma desimal, satuan); "
                    "konfirmasi jika memang benar.",
                    where,
                )
            )
        if (
            _is_percent(row.satuan)
            and not math.isnan(target[i])
            and target[i] >= 10
            and reported
            and all(0 < v <= 1.5 for _, v in reported)
        ):
            problems.append(
                _confirm(
                    f"Realisasi {label} ({'; '.join(fmt_number(v) for _, v in reported)}) "
                    f"tampak seperti pecahan, padahal targetnya {fmt_number(target[i])}% "
                    "(0,9 berarti 0,9%, bukan 90%).",
                    "Tulis persen sebagai angka persen (90 atau 90%); konfirmasi jika memang "
                    "benar.",
                    where,
                )
            )
    return problems


def check_anggaran(anggaran: pd.DataFrame) -> list[Problem]:
    """The confirm-warnings of a submission's budget lines: spent more than the pagu (TW I–IV
    together, by more than 0,5 %)."""
    if anggaran.empty:
        return []
    spent = anggaran[ANGGARAN_TW].sum(axis=1, min_count=1).to_numpy(dtype=float)
    pagu = anggaran["pagu"].to_numpy(dtype=float)
    baris = anggaran["baris"].to_numpy(dtype=float)
    names = [str(u) or str(k) for u, k in zip(anggaran["uraian"], anggaran["kode"], strict=True)]
    problems: list[Problem] = []
    for i, (kode, sumber) in enumerate(zip(anggaran["kode"], anggaran["sumber"], strict=True)):
        if not (pagu[i] > 0 and spent[i] > pagu[i] * OVERSPENT):  # NaN never is
            continue
        label = f"'{names[i]}'" + (f" ({kode})" if kode else "")
        row = None if math.isnan(baris[i]) else int(baris[i]) or None
        problems.append(
            _confirm(
                f"Realisasi anggaran {label} Rp {fmt_number(spent[i])} melebihi pagunya "
                f"Rp {fmt_number(pagu[i])} (serapan {fmt_percent(spent[i] / pagu[i] * 100)}).",
                "Periksa apakah realisasi per triwulan ditulis kumulatif (lalu dijumlah lagi) "
                "atau pagu yang tertulis bukan pagu tahun ini; konfirmasi jika memang benar.",
                {"file": str(sumber), "row": row},
                column="Realisasi Anggaran",
            )
        )
    return problems


def _confirm(message: str, fix: str, where: dict, column: str = "Realisasi") -> Problem:
    return Problem("warning", message, fix, column=column, confirm=True, **where)


def drop(problems: list[Problem]) -> list[Problem]:
    """``problems`` without the confirm-warnings (before checking again)."""
    return [p for p in problems if not p.confirm]
