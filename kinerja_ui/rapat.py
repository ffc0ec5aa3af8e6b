"""Streamlit pieces of the Rapat Koordinasi page: the large-type presentation style, the
slide navigator (previous / pick / next / full screen), the slide heading, KPI cards, charts,
'Yang perlu dibahas', and the notes and decisions of each rapat with their form.

The figures, groupings, slide order and notes come from kinerja_core (views, insight,
charts) and the store; this module only renders. Widget keys start with ``rapat_``.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from kinerja_core import charts, formulas, insight, views
from kinerja_core.charts import predikat_color
from kinerja_core.clock import fmt_waktu
from kinerja_core.locale_id import (
    TRIWULAN_LABEL,
    fmt_number,
    fmt_percent,
    fmt_rupiah_short,
)
from kinerja_core.model import TW_ROMAN
from kinerja_core.settings import Settings
from kinerja_core.store import Store
from kinerja_ui import state

STYLE = """<style>
    .rapat-judul {font-size: 2.6rem; font-weight: 700; line-height: 1.15; margin: 0.2rem 0 0}
    .rapat-sub {font-size: 1.35rem; color: #4a5866; margin-bottom: 0.4rem}
    .rapat-kpi {border-radius: 0.6rem; padding: 0.7rem 1rem; background: #f2f5f8;
                min-height: 9.6rem; border-left: 0.6rem solid var(--warna, #9aa5b1)}
    .rapat-kpi .nilai {font-size: 2.9rem; font-weight: 700; line-height: 1.1}
    .rapat-kpi .label {font-size: 1.2rem; color: #33414e; line-height: 1.3}
    .rapat-kpi .catatan {font-size: 1rem; color: #4a5866}
    .rapat-daftar li, .rapat-daftar p {font-size: 1.3rem; line-height: 1.45}
    .rapat-catatan {font-size: 1.15rem}
    [data-testid="stMainBlockContainer"] {padding-top: 2.5rem}
    </style>"""
FULL_SCREEN = (
    "<style>[data-testid='stSidebar'], header[data-testid='stHeader'] {display: none}</style>"
)
VIEW_KEY = "rapat_tampilan"


def style() -> None:
    """Large type for a projector; with 'Layar penuh' on, no sidebar and no header."""
    st.markdown(STYLE, unsafe_allow_html=True)
    if st.session_state.get("rapat_layar_penuh"):
        st.markdown(FULL_SCREEN, unsafe_allow_html=True)


# --- navigation -------------------------------------------------------------------------------


def _step(slides: list[str], delta: int) -> None:
    st.session_state[VIEW_KEY] = views.step_view(slides, st.session_state[VIEW_KEY], delta)


def navigator(slides: list[str]) -> tuple[str, int]:
    """◀ Sebelumnya, the view picker, Berikutnya ▶ and the full-screen toggle.

    Returns the view shown (a bidang, or ``views.RINGKASAN``) and its position in ``slides``.
    """
    if st.session_state.get(VIEW_KEY) not in slides:
        st.session_state[VIEW_KEY] = slides[0]
    position = slides.index(st.session_state[VIEW_KEY])
    nav_prev, nav_pick, nav_next, nav_full = st.columns(
        [1.2, 4, 1.2, 1.6], vertical_alignment="bottom"
    )
    nav_prev.button(
        "◀ Sebelumnya",
        on_click=_step,
        args=(slides, -1),
        disabled=position == 0,
        width="stretch",
        key="rapat_prev",
    )
    nav_pick.selectbox("Tampilan", slides, key=VIEW_KEY, format_func=views.rapat_title)
    nav_next.button(
        "Berikutnya ▶",
        on_click=_step,
        args=(slides, 1),
        disabled=position == len(slides) - 1,
        width="stretch",
        type="primary",
        key="rapat_next",
    )
    nav_full.toggle("Layar penuh", key="rapat_layar_penuh", help="Sembunyikan sidebar dan header")
    return st.session_state[VIEW_KEY], position


# --- the slide --------------------------------------------------------------------------------


def heading(view: str, period: state.Period, position: int, count: int) -> None:
    """The slide's title and 'Capaian kinerja tahun … · tampilan n dari m'."""
    st.markdown(
        f'<div class="rapat-judul">{html.escape(views.rapat_title(view))}</div>'
        f'<div class="rapat-sub">Capaian kinerja tahun {period.tahun} sampai '
        f"{TRIWULAN_LABEL[period.sampai_tw]}"
        + (f" {period.acuan_label}" if period.mid_year else "")
        + f" · tampilan {position + 1} dari {count}</div>",
        unsafe_allow_html=True,
    )


def kpi_cards(figures: views.SelectionFigures, settings: Settings) -> None:
    """Four cards with a coloured edge: mean capaian, predikat, serapan, under the threshold."""
    predikat = figures.predikat
    below = figures.di_bawah
    kpis = [
        ("Rata-rata capaian", fmt_percent(figures.rata_rata_capaian), "", predikat_color(predikat)),
        ("Predikat", predikat or "–", "", predikat_color(predikat)),
        (
            "Serapan anggaran",
            fmt_percent(figures.serapan),
            f"dari pagu {fmt_rupiah_short(figures.pagu)}",
            charts.NEUTRAL,
        ),
        (
            f"Indikator di bawah {fmt_number(settings.flag_threshold)}%",
            fmt_number(below, 0),
            f"dari {fmt_number(figures.jumlah_indikator, 0)} indikator",
            predikat_color("Sangat Rendah" if below else "Sangat Tinggi"),
        ),
    ]
    for column, (label, value, note, color) in zip(st.columns(len(kpis)), kpis, strict=True):
        column.markdown(
            f'<div class="rapat-kpi" style="--warna:{color}"><div class="nilai">'
            f'{html.escape(value)}</div><div class="label">{html.escape(label)}</div>'
            f'<div class="catatan">{html.escape(note) or "&nbsp;"}</div></div>',
            unsafe_allow_html=True,
        )


def overview_charts(
    summary: pd.DataFrame, unit: str, rows: pd.DataFrame, settings: Settings
) -> None:
    """Capaian per ``unit`` (at most 8 bars) and the predikat spread, sized for a projector."""
    left, right = st.columns([3, 2])
    left.plotly_chart(
        charts.presentation(
            charts.capaian_bars(
                summary,
                "label",
                f"Capaian per {unit}",
                settings.predikat_bounds,
                max_bars=8,
                show_predikat=False,
            ),
            height=420 if len(summary) > 3 else 340,
        ),
        width="stretch",
        theme=None,
        key="rapat_chart_capaian",
    )
    right.plotly_chart(
        charts.presentation(
            charts.predikat_distribution(
                rows["predikat"].value_counts().to_dict(),
                f"Predikat {fmt_number(len(rows), 0)} indikator",
            ),
            height=420,
        ),
        width="stretch",
        theme=None,
        key="rapat_chart_predikat",
    )


def second_chart(
    view: str,
    summary: pd.DataFrame,
    unit: str,
    rows: pd.DataFrame,
    sampai_tw: int,
    settings: Settings,
) -> None:
    """Kinerja × anggaran per bidang on the summary; capaian against the path on a bidang."""
    if view == views.RINGKASAN:
        figure = charts.kinerja_anggaran_scatter(
            summary,
            f"Kinerja dan anggaran per {unit}",
            settings.efisiensi_batas_kinerja,
            settings.efisiensi_batas_serapan,
        )
    else:
        figure = charts.trend_chart(
            views.trend_frame(rows, sampai_tw, settings),
            "Capaian terhadap jalur target",
            settings.predikat_bounds,
        )
    st.plotly_chart(
        charts.presentation(figure, height=440),
        width="stretch",
        theme=None,
        key="rapat_chart_kedua",
    )


def to_discuss(view: str, rows: pd.DataFrame, settings: Settings, sampai_tw: int) -> None:
    """'Yang perlu dibahas': the five lowest indicators with their gap, the indicators whose
    budget is spent but target missed, and (on a bidang) its faktor penghambat."""
    st.markdown("### Yang perlu dibahas")
    behind = insight.lagging(rows, settings, limit=5)
    items = []
    for _, row in behind.iterrows():
        where = "" if view != views.RINGKASAN else f" — {row['bidang']}"
        phrase = insight.gap_phrase(row)
        items.append(
            f"<li><b>{html.escape(row['indikator'])}</b>{html.escape(where)}: capaian "
            f"{fmt_percent(row['capaian_tampil'])}"
            + (f", {html.escape(phrase)}" if phrase else "")
            + "</li>"
        )
    if spent_missed := int((rows["kuadran"] == formulas.PERLU_PERHATIAN).sum()):
        items.append(
            f"<li>{spent_missed} indikator: anggaran sudah terserap, target belum tercapai</li>"
        )
    if not items:
        items.append(
            f"<li>Tidak ada indikator di bawah ambang sampai {TRIWULAN_LABEL[sampai_tw]}.</li>"
        )
    penghambat = (
        [] if view == views.RINGKASAN else insight.distinct_texts(behind, "faktor_penghambat")
    )
    body = "<ul>" + "".join(items) + "</ul>"
    if penghambat:
        body += "<p><b>Faktor penghambat:</b> " + html.escape("; ".join(penghambat)) + "</p>"
    st.markdown(f'<div class="rapat-daftar">{body}</div>', unsafe_allow_html=True)


# --- notes and decisions ----------------------------------------------------------------------


def _note_html(note: pd.Series, view: str) -> str:
    jenis = "Keputusan" if note["jenis"] == "keputusan" else "Catatan"
    when = f"TW {TW_ROMAN[int(note['sampai_tw'])]} {int(note['tahun'])}"
    who = f" · {html.escape(str(note['penulis']))}" if str(note["penulis"]).strip() else ""
    if view == views.RINGKASAN and note["bidang"]:
        jenis = f"{jenis} — {html.escape(str(note['bidang']))}"
    return (
        f'<p class="rapat-catatan"><b>{jenis}</b> <small>({when} · '
        f"{fmt_waktu(note['dibuat_pada'])}{who})</small><br>{html.escape(str(note['isi']))}"
        "</p>"
    )


def _notes_html(notes: pd.DataFrame, view: str) -> str:
    return "".join(_note_html(note, view) for _, note in notes.iterrows())


def notes(store: Store, period: state.Period, view: str) -> None:
    """This view's notes of the earlier rapat and of this one, and the form for a new one."""
    found = views.combine_notes(store.notes(period.tahun), store.notes(period.tahun - 1))
    current, earlier = views.split_notes(found, period.tahun, period.sampai_tw, view)
    st.markdown(f"### Catatan dan keputusan rapat — {html.escape(views.rapat_title(view))}")
    notes_col, form_col = st.columns([3, 2])
    with notes_col:
        if len(earlier):
            st.markdown("**Dari rapat sebelumnya**")
            st.markdown(_notes_html(earlier.head(8), view), unsafe_allow_html=True)
        if len(current):
            st.markdown(f"**Rapat ini ({TRIWULAN_LABEL[period.sampai_tw]} {period.tahun})**")
            st.markdown(_notes_html(current, view), unsafe_allow_html=True)
        if not len(current) and not len(earlier):
            st.caption("Belum ada catatan untuk tampilan ini.")
    with form_col:
        note_form(store, period, view)
    if saved := st.session_state.pop("rapat_tersimpan", None):
        form_col.success(saved)


def note_form(store: Store, period: state.Period, view: str) -> None:
    """Jenis, isi and who wrote it; an empty isi is refused."""
    with st.form("rapat_catatan", clear_on_submit=True):
        jenis = st.radio(
            "Jenis", ["catatan", "keputusan"], horizontal=True, format_func=str.capitalize
        )
        isi = st.text_area("Isi", placeholder="Tulis catatan atau keputusan rapat…")
        penulis = st.text_input("Dicatat oleh")
        if st.form_submit_button("Simpan", type="primary"):
            if not isi.strip():
                st.error("Isi catatan masih kosong.")
            else:
                store.add_note(
                    tahun=period.tahun,
                    sampai_tw=period.sampai_tw,
                    isi=isi.strip(),
                    bidang=view,
                    jenis=jenis,
                    penulis=penulis.strip(),
                )
                st.session_state["rapat_tersimpan"] = f"{jenis.capitalize()} disimpan."
                st.rerun()
