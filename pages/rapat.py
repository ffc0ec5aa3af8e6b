"""Rapat Koordinasi: a slide deck for one projector — the Dinas summary and each bidang, two
slides each — with the notes and decisions of the rapat."""

import streamlit as st

from kinerja_core import rapat as deck_core
from kinerja_core import views
from kinerja_ui import analysis_context, auth, state, widgets
from kinerja_ui import rapat as ui

actor = auth.require_page("rapat")

period = state.period_picker(with_acuan=True)
if period is None:
    st.title("Rapat Koordinasi")
    st.stop()
ctx = analysis_context.context(period)
if ctx.evaluated.empty:
    st.title("Rapat Koordinasi")
    st.info(f"Belum ada data kinerja untuk tahun {period.tahun}.")
    st.stop()

store = state.get_store()
deck = deck_core.slides(ctx.evaluated)
slide, open_notes = ui.navigator(deck, lambda view: len(ui.view_notes(store, period, view)[0]))
rows = views.rapat_rows(ctx.evaluated, slide.view)
summary_slide = slide.view == views.RINGKASAN
ui.heading(slide, period, state.coverage(period.tahun) if summary_slide else None)
budget = views.selected_budget(ctx.budgets, {"bidang": slide.view})
ui.kpi_cards(views.selection_figures(rows, budget, ctx.settings), ctx.settings)
widgets.corrections_note(rows)

unit = views.rapat_unit(rows, slide.view)
summary = views.group_summary(rows, unit, ctx.settings, ctx.budgets, ctx.names)
if slide.part == deck_core.CAPAIAN:
    ui.capaian_slide(slide, deck, summary, unit, rows, ctx.settings)
else:
    ui.pembahasan_slide(slide, summary, unit, rows, period.sampai_tw, ctx.settings)

ui.saved_message()
if open_notes:
    ui.notes_dialog(store, period, slide.view, ctx, actor)
