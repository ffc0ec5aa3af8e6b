"""Checking a submission against the year's rencana (issue 3, item 4).

Rows match on kode + indikator, tolerant of spacing and case (and on indikator alone when the
kode was mistyped). A matched row takes polaritas / agregasi / target / satuan from the plan
where the file gave none; where both give a value and they disagree, the plan's value is
used and the disagreement is reported — except a cara agregasi that the file proved with its
own total or capaian columns (an E.81's column 12): the TW values were written that way, so
the file's reading is kept and the plan's difference reported. Plan rows missing from the
submission and submission rows unknown to the plan are reported too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from kinerja_core.locale_id import fmt_number
from kinerja_core.model import Problem, conform_indicators, normalize_key_text, normalize_kode

MAX_LISTED = 40  # missing plan rows listed one by one; the rest summarised


def _key(kode: object, indikator: object) -> tuple[str, str]:
    return normalize_kode(kode), normalize_key_text(indikator)


def _same_number(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _fmt(value: float) -> str:
    return fmt_number(value, decimals=4)


@dataclass
class RencanaIndex:
    """A year's plan prepared once for checking many files against it (``rencana_index``):
    the conformed plan, its rows as dicts and the two lookups, so a batch of files costs
    the rows it checks, not files × the whole plan."""

    plan: pd.DataFrame
    records: list[dict]
    by_key: dict[tuple[str, str], int]
    by_name: dict[tuple[str, str], list[int]]

    def __len__(self) -> int:
        return len(self.records)


def rencana_index(rencana: pd.DataFrame) -> RencanaIndex:
    plan = conform_indicators(rencana)
    by_key: dict[tuple[str, str], int] = {}
    by_name: dict[tuple[str, str], list[int]] = {}
    for pos, (kode, indikator, bidang) in enumerate(
        zip(plan["kode"], plan["indikator"], plan["bidang"], strict=True)
    ):
        by_key.setdefault(_key(kode, indikator), pos)
        by_name.setdefault((bidang, normalize_key_text(indikator)), []).append(pos)
    return RencanaIndex(plan, plan.to_dict("records"), by_key, by_name)


def check_against_rencana(
    indicators: pd.DataFrame,
    rencana: pd.DataFrame | RencanaIndex,
    *,
    defaulted: Mapping[str, Sequence[bool]] | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Fill what the file lacks from the plan and report every mismatch.

    ``defaulted`` says per row whether polaritas / agregasi were filled with a default
    because the file gave none, and (``"agregasi_berkas"``) whether the agregasi was proved
    by the file's own totals (``IngestResult.defaulted``; none when omitted). It is not kept in
    ``DataFrame.attrs``: pandas deep-copies attrs on every derived frame and column.
    """
    out = conform_indicators(indicators)
    problems: list[Problem] = []
    if rencana is None or len(rencana) == 0 or out.empty:
        return out, problems
    index = rencana if isinstance(rencana, RencanaIndex) else rencana_index(rencana)
    plan_rows = index.records
    if defaulted is None:
        defaulted = {}
    default_pol = list(defaulted.get("polaritas", [])) or [False] * len(out)
    default_agr = list(defaulted.get("agregasi", [])) or [False] * len(out)
    proved_agr = list(defaulted.get("agregasi_berkas", [])) or [False] * len(out)

    plan_by_key, plan_by_name = index.by_key, index.by_name
    used: set[int] = set()
    columns = {name: out[name].tolist() for name in out.columns}
    for i in range(len(out)):
        where = {"file": columns["sumber"][i], "row": columns["baris"][i] or None}
        label = f"{columns['kode'][i]} – {columns['indikator'][i]}".strip(" –")
        pos = plan_by_key.get(_key(columns["kode"][i], columns["indikator"][i]))
        if pos is None:
            candidates = plan_by_name.get(
                (columns["bidang"][i], normalize_key_text(columns["indikator"][i])), []
            )
            candidates = [c for c in candidates if c not in used]
            if len(candidates) == 1:
                pos = candidates[0]
                problems.append(
                    Problem(
                        "warning",
                        f"Indikator '{columns['indikator'][i]}' cocok dengan rencana, tetapi "
                        f"kodenya berbeda (berkas: '{columns['kode'][i]}', rencana: "
                        f"'{plan_rows[pos]['kode']}'); dipakai kode rencana.",
                        "Salin kode dari format pengumpulan tanpa diubah.",
                        column="Kode",
                        **where,
                    )
                )
                columns["kode"][i] = plan_rows[pos]["kode"]
        if pos is None:
            problems.append(
                Problem(
                    "warning",
                    f"Indikator {label} tidak ada di rencana tahun ini.",
                    "Periksa kode dan nama indikatornya sama persis dengan format "
                    "pengumpulan, atau tambahkan indikatornya ke rencana.",
                    column="Indikator",
                    **where,
                )
            )
            continue
        used.add(pos)
        row = plan_rows[pos]
        _merge_text(columns, i, row, "polaritas", default_pol[i], label, where, problems)
        if proved_agr[i]:
            _keep_proved_agregasi(columns, i, row, label, where, problems)
        else:
            _merge_text(columns, i, row, "agregasi", default_agr[i], label, where, problems)
        _merge_satuan(columns, i, row, label, where, problems)
        _merge_target(columns, i, row, label, where, problems)
        for name in ("uraian", "bidang", "sasaran"):
            if not columns[name][i] and row[name]:
                columns[name][i] = row[name]

    bidang_seen = {b for b in columns["bidang"] if b}
    missing = [
        pos
        for pos, planned in enumerate(plan_rows)
        if pos not in used and (not bidang_seen or planned["bidang"] in bidang_seen)
    ]
    for pos in missing[:MAX_LISTED]:
        planned = plan_rows[pos]
        problems.append(
            Problem(
                "warning",
                f"Indikator rencana {planned['kode']} – {planned['indikator']} "
                f"({planned['bidang'] or 'tanpa bidang'}) tidak ada di berkas.",
                "Tambahkan baris indikator ini ke berkas dan isi realisasinya, atau pakai "
                "format pengumpulan terbaru.",
                file=str(out["sumber"].iat[0]) if len(out) else "",
            )
        )
    if len(missing) > MAX_LISTED:
        problems.append(
            Problem(
                "warning",
                f"Dan {len(missing) - MAX_LISTED} indikator rencana lain tidak ada di berkas.",
                "Pakai format pengumpulan terbaru agar semua indikator rencana tercantum.",
                file=str(out["sumber"].iat[0]) if len(out) else "",
            )
        )
    result = conform_indicators(pd.DataFrame(columns))
    return result, problems


def _merge_text(
    columns: dict[str, list],
    i: int,
    plan_row: Mapping,
    name: str,
    was_default: bool,
    label: str,
    where: dict,
    problems: list[Problem],
) -> None:
    planned = plan_row[name]
    if not planned:
        return
    mine = columns[name][i]
    if was_default or not mine:
        columns[name][i] = planned
        return
    if mine != planned:
        title = {"polaritas": "Polaritas", "agregasi": "Cara agregasi"}[name]
        problems.append(
            Problem(
                "warning",
                f"{title} {label} di berkas '{mine}' berbeda dengan rencana '{planned}'; "
                "dipakai nilai rencana.",
                f"Samakan {title.lower()} dengan rencana, atau minta perubahan rencana.",
                column=title,
                **where,
            )
        )
        columns[name][i] = planned


def _keep_proved_agregasi(
    columns: dict[str, list],
    i: int,
    plan_row: Mapping,
    label: str,
    where: dict,
    problems: list[Problem],
) -> None:
    planned, mine = plan_row["agregasi"], columns["agregasi"][i]
    if planned and mine and planned != mine:
        problems.append(
            Problem(
                "warning",
                f"Cara agregasi {label} di rencana '{planned}', tetapi kolom realisasi/capaian "
                f"berkas sendiri menunjukkan nilai triwulannya ditulis secara '{mine}'; dipakai "
                "cara berkas agar capaian sama dengan berkas.",
                "Periksa cara pengisian nilai triwulan; jika rencana yang keliru, perbarui "
                "cara agregasi di rencana.",
                column="Cara agregasi",
                **where,
            )
        )


def _merge_satuan(
    columns: dict[str, list],
    i: int,
    plan_row: Mapping,
    label: str,
    where: dict,
    problems: list[Problem],
) -> None:
    planned = plan_row["satuan"]
    mine = columns["satuan"][i]
    if not planned:
        return
    if not mine:
        columns["satuan"][i] = planned
    elif normalize_key_text(mine) != normalize_key_text(planned):
        problems.append(
            Problem(
                "warning",
                f"Satuan {label} di berkas '{mine}' berbeda dengan rencana '{planned}'; "
                "dipakai satuan rencana.",
                "Pastikan realisasi ditulis dalam satuan rencana.",
                column="Satuan",
                **where,
            )
        )
        columns["satuan"][i] = planned


def _merge_target(
    columns: dict[str, list],
    i: int,
    plan_row: Mapping,
    label: str,
    where: dict,
    problems: list[Problem],
) -> None:
    planned, planned_text = float(plan_row["target"]), plan_row["target_teks"]
    mine, mine_text = float(columns["target"][i]), columns["target_teks"][i]
    if math.isnan(planned) and not planned_text:
        return
    if math.isnan(mine) and not mine_text:
        columns["target"][i], columns["target_teks"][i] = planned, planned_text
        return
    differs = (
        (math.isnan(mine) != math.isnan(planned))
        or (not math.isnan(mine) and not _same_number(mine, planned))
        or (math.isnan(mine) and normalize_key_text(mine_text) != normalize_key_text(planned_text))
    )
    if differs:
        shown_mine = mine_text or _fmt(mine)
        shown_plan = planned_text or _fmt(planned)
        problems.append(
            Problem(
                "warning",
                f"Target {label} di berkas {shown_mine} berbeda dengan rencana {shown_plan}; "
                "dipakai target rencana.",
                "Target mengikuti rencana; jika rencana berubah, perbarui rencananya dulu.",
                column="Target",
                **where,
            )
        )
        columns["target"][i], columns["target_teks"][i] = planned, planned_text
