"""Tables formatted for people: Indonesian numbers as text, Indonesian column headers."""

from __future__ import annotations

import pandas as pd

from kinerja_core.locale_id import fmt_number, fmt_percent, fmt_rupiah


def bidang_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The per-bidang summary as the Beranda and the rapat show it."""
    return pd.DataFrame(
        {
            "Bidang": summary["bidang"],
            "Indikator": summary["jumlah_indikator"].map(lambda v: fmt_number(v, 0)),
            "Capaian kinerja": summary["capaian"].map(fmt_percent),
            "Predikat": summary["predikat"].replace("", "–"),
            "Pagu": summary["pagu"].map(fmt_rupiah),
            "Realisasi anggaran": summary["realisasi_anggaran"].map(fmt_rupiah),
            "Serapan": summary["serapan"].map(fmt_percent),
        }
    )
