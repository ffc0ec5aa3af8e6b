"""Analisis: filter and drill down bidang → program → kegiatan → sub kegiatan → indikator."""

import streamlit as st

from kinerja_core.access import bidang_sendiri
from kinerja_core.locale_id import fmt_number
from kinerja_core.plaintext import md
from kinerja_ui import analisis as ui
from kinerja_ui import analysis_context, auth, state, widgets

actor = auth.require_page("analisis")

period = state.period_picker(with_acuan=True)
st.title("Analisis Capaian Kinerja")
if period is None:
    st.stop()
own = bidang_sendiri(actor)  # a Kabid analyses their own bidang only
ctx = analysis_context.context(period, own)
if ctx.evaluated.empty:
    st.info(f"Belum ada data kinerja untuk tahun {period.tahun}.")
    st.stop()
scope = f" · hanya {md(own)} (bidang Anda)" if own is not None else ""
st.caption(f"{period.label} · {fmt_number(len(ctx.evaluated), 0)} indikator{scope}")
widgets.coverage_note(state.coverage(period.tahun))
widgets.corrections_note(ctx.evaluated)

ui.adopt_url()
path = ui.drill_down(ctx)
filters, urut = ui.filter_row(path)
ui.publish_url(filters, urut)
ui.active_filters(filters, ctx.names)
chosen = analysis_context.selection(period, filters, own)
mask, rows = chosen.mask, chosen.rows
ui.metrics(chosen.figures, ctx.settings)
if rows.empty:
    st.warning("Tidak ada indikator yang cocok dengan filter ini.")
    st.stop()
ui.overview_charts(ctx, rows, chosen.summary, filters.next_level(), period.sampai_tw)

tab_table, tab_charts, tab_flags, tab_text = ui.tabs()
if tab_table.open:
    with tab_table:
        order = ui.indicator_table(ctx, mask, urut)
        ui.downloads(ctx, period, order)
        ui.indicator_detail(ctx, period.sampai_tw, order, actor)
if tab_charts.open:
    with tab_charts:
        ui.trends_and_budget(ctx, period, rows, filters)
        ui.year_on_year(ctx, period, filters)
if tab_flags.open:
    with tab_flags:
        ui.flags(ctx, rows)
if tab_text.open:
    with tab_text:
        ui.narratives(ctx, period, filters.bidang)
