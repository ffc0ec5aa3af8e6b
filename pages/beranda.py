"""Beranda: the headline of the chosen period — capaian, predikat, serapan, per bidang."""

import streamlit as st

from kinerja_core import analysis, charts
from kinerja_core.display import bidang_table
from kinerja_core.locale_id import TRIWULAN_LABEL, fmt_rupiah_short
from kinerja_core.plaintext import md
from kinerja_ui import alur, auth, state, widgets

actor = auth.require_page("beranda")

period = state.period_picker(with_acuan=True)
settings = state.get_settings()
st.title("Beranda")
st.caption(f"{md(settings.dinas)} Kabupaten {md(settings.kabupaten)}")
if period is None:
    st.stop()

alur.beranda_status(state.get_store(), period.tahun, period.sampai_tw, actor)

evaluated = state.evaluated(period, settings)
anggaran = state.anggaran(period)
if evaluated.empty:
    st.info(
        f"Belum ada data kinerja untuk tahun {period.tahun}. Unggah berkas di Pengumpulan Data."
    )
    st.stop()

head = analysis.headline(evaluated, anggaran, period.tahun, period.sampai_tw, settings)
st.subheader(period.label)
widgets.coverage_note(state.coverage(period.tahun))
widgets.corrections_note(evaluated)
widgets.headline_metrics(head)
st.caption(
    f"Realisasi anggaran {fmt_rupiah_short(head.realisasi_anggaran)} dari pagu "
    f"{fmt_rupiah_short(head.pagu)} · {head.terhitung} dari {head.jumlah_indikator} indikator "
    f"dapat dihitung capaiannya · {head.jumlah_bidang} bidang"
)

st.markdown("#### Jumlah indikator per predikat")
widgets.predikat_counts(head.per_predikat)

summary = analysis.bidang_summary(evaluated, anggaran, period.sampai_tw, settings)
clicked = st.plotly_chart(
    widgets.clickable(
        charts.capaian_bars(
            summary,
            "bidang",
            f"Rata-rata capaian kinerja per bidang, sampai {TRIWULAN_LABEL[period.sampai_tw]}"
            + (f", {period.acuan_label}" if period.mid_year else ""),
            settings.predikat_bounds,
        ),
        "Klik batang untuk membuka analisis bidang itu",
    ),
    width="stretch",
    theme=None,
    key="beranda_chart_bidang",
    on_select="rerun",
    selection_mode="points",
    config=charts.PLOTLY_CONFIG,
)
if bidang := widgets.clicked_key(clicked):
    st.switch_page("pages/analisis.py", query_params={"bidang": bidang, **st.query_params})
st.dataframe(bidang_table(summary), hide_index=True, width="stretch")

with st.expander("Waktu SOP terhadap Mutu Baku"):
    alur.timeline(state.get_store(), period.tahun, period.sampai_tw, key="beranda_sop")
