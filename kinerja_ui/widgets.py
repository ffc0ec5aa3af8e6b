"""Small visual pieces shared by pages: predikat badges and counts in the predikat palette."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from kinerja_core.analysis import Headline
from kinerja_core.charts import NEUTRAL, predikat_color, predikat_legend_items
from kinerja_core.locale_id import fmt_number, fmt_percent, fmt_rupiah_short
from kinerja_core.plaintext import md
from kinerja_core.tracker import Coverage

_TEXT_ON = {"Sedang": "#1d2731", "Tinggi": "#1d2731"}


def _badge_html(name: str, text: str, size: str) -> str:
    color = predikat_color(name)
    fg = _TEXT_ON.get(name, "#ffffff")
    return (
        f'<span style="background:{color};color:{fg};padding:0.25em 0.7em;border-radius:0.4em;'
        f'font-weight:600;font-size:{size};display:inline-block">{html.escape(text)}</span>'
    )


def predikat_badge(name: str, large: bool = False, label: str = "") -> None:
    """The predikat in its colour; ``label`` above it, styled like an st.metric label."""
    if label:
        st.markdown(
            f'<div style="font-size:0.875rem;margin-bottom:0.35rem">{html.escape(label)}</div>',
            unsafe_allow_html=True,
        )
    text = name or "Tidak dapat dihitung"
    st.markdown(_badge_html(name, text, "1.6rem" if large else "1rem"), unsafe_allow_html=True)


def predikat_legend(with_none: bool = True) -> None:
    """The predikat colours as a legend line under a chart coloured by predikat."""
    items = [*predikat_legend_items(), *([("Tidak dapat dihitung", NEUTRAL)] * with_none)]
    chips = "".join(
        f'<span style="display:inline-flex;align-items:center;margin-right:1.1rem">'
        f'<span style="width:0.9rem;height:0.9rem;border-radius:0.2rem;background:{color};'
        f'display:inline-block;margin-right:0.35rem"></span>{html.escape(name)}</span>'
        for name, color in items
    )
    st.html(f'<div style="font-size:0.9rem;color:#33414e">Warna: {chips}</div>')


def predikat_counts(counts: dict[str, int]) -> None:
    """One coloured tile per predikat with its count of indicators."""
    columns = st.columns(len(counts))
    for column, (name, count) in zip(columns, counts.items(), strict=True):
        color = predikat_color(name)
        fg = _TEXT_ON.get(name, "#ffffff")
        column.markdown(
            f'<div style="background:{color};color:{fg};border-radius:0.5em;padding:0.6em;'
            f'text-align:center"><div style="font-size:1.8rem;font-weight:700">{count}</div>'
            f'<div style="font-size:0.95rem">{html.escape(name)}</div></div>',
            unsafe_allow_html=True,
        )


def headline_metrics(head: Headline) -> None:
    """The four headline numbers: rata-rata capaian, predikat, serapan, indicators."""
    col1, col2, col3, col4 = st.columns(4)
    col1.metric("Rata-rata capaian kinerja", fmt_percent(head.rata_rata_capaian))
    with col2:
        predikat_badge(head.predikat, large=True, label="Predikat kinerja")
    col3.metric(
        "Serapan anggaran",
        fmt_percent(head.serapan),
        help=f"{fmt_rupiah_short(head.realisasi_anggaran)} dari pagu {fmt_rupiah_short(head.pagu)}",
    )
    col4.metric(
        "Indikator",
        fmt_number(head.jumlah_indikator, 0),
        help=f"{fmt_number(head.terhitung, 0)} indikator dapat dihitung capaiannya",
    )


def coverage_note(coverage: Coverage) -> None:
    """'3 dari 5 bidang sudah mengirim; Persandian dan Statistik belum' beside Dinas figures
    (nothing when every bidang has sent usable data)."""
    if not coverage.complete:
        st.warning(
            f"Data belum lengkap: {md(coverage.text())}. Angka Dinas di bawah hanya memuat bidang "
            "yang sudah mengirim; pagu Dinas tetap dari rencana.",
            icon=":material/hourglass_top:",
        )


def corrections_note(evaluated: pd.DataFrame) -> None:
    """'Angka memuat koreksi konsep pada 2 indikator …' when a value was corrected in the app
    (the figures on the page already use the corrected values)."""
    if "dikoreksi" not in evaluated:
        return
    corrected = evaluated[evaluated["dikoreksi"].astype(str) != ""]
    if corrected.empty:
        return
    names = ", ".join(corrected["indikator"].astype(str).head(3).map(md))
    more = f" dan {len(corrected) - 3} lainnya" if len(corrected) > 3 else ""
    st.caption(
        f":material/edit_note: Angka memuat **koreksi konsep** pada {len(corrected)} indikator "
        f"({names}{more}); nilai asli bidang tetap tersimpan. Lihat atau batalkan di Analisis."
    )


def clickable(figure, hint: str):
    """A chart whose bars or points filter the page: no drag-zoom, and a hint under the title."""
    figure.update_layout(dragmode=False)
    title = figure.layout.title
    if not (title.subtitle and title.subtitle.text):
        figure.update_layout(
            title_subtitle=dict(text=hint, font=dict(size=12, color="#4a5866")),
            margin=dict(t=max(figure.layout.margin.t or 0, 78)),
        )
    return figure


def clicked_key(event) -> str:
    """What the clicked bar or point stands for (the last item of its customdata), or ''."""
    points = list(event["selection"]["points"]) if event else []
    return str(points[0]["customdata"][-1]) if points else ""
