"""Rapat Koordinasi: a screen-share presentation, one view per bidang plus a summary, and notes."""

import streamlit as st

from kinerja_core import views
from kinerja_ui import analysis_context, state, widgets
from kinerja_ui import rapat as ui

period = state.period_picker(with_acuan=True)
if period is None:
    st.title("Rapat Koordinasi")
    st.stop()
ctx = analysis_context.context(period)
if ctx.evaluated.empty:
    st.title("Rapat Koordinasi")
    st.info(f"Belum ada data kinerja untuk tahun {period.tahun}.")
    st.stop()

ui.style()
slides = views.rapat_views(ctx.evaluated)
view, position = ui.navigator(slides)
rows = views.rapat_rows(ctx.evaluated, view)
ui.heading(view, period, position, len(slides))
if view == views.RINGKASAN:
    widgets.coverage_note(state.coverage(period.tahun))
budget = views.selected_budget(ctx.budgets, {"bidang": view})
ui.kpi_cards(views.selection_figures(rows, budget, ctx.settings), ctx.settings)

unit = views.rapat_unit(rows, view)
summary = views.group_summary(rows, unit, ctx.settings, ctx.budgets, ctx.names)
ui.overview_charts(summary, unit, rows, ctx.settings)
chart_col, low_col = st.columns([3, 2])
with chart_col:
    ui.second_chart(view, summary, unit, rows, period.sampai_tw, ctx.settings)
with low_col:
    ui.to_discuss(view, rows, ctx.settings, period.sampai_tw)

ui.notes(state.get_store(), period, view)
