"""Rencana Kinerja: the year's plan — edit it in a table, or load it from workbooks."""

import streamlit as st

from kinerja_core import clock
from kinerja_ui import auth, state
from kinerja_ui import rencana as ui

actor = auth.require_page("rencana")

period = state.period_picker()
store = state.get_store()
st.title("Rencana Kinerja")
tahun = period.tahun if period else clock.today().year
ui.show_flash()

ind, ang = store.rencana(tahun)
ui.plan_caption(tahun, ind, ang)
tab_edit, tab_load, tab_new = st.tabs(["Ubah di tabel", "Muat dari berkas", "Tahun baru"])
with tab_edit:
    ui.edit_tab(store, tahun, ind, ang, actor)
with tab_load:
    ui.load_tab(store, tahun, ind, ang, actor)
with tab_new:
    ui.new_year_tab(store, tahun, ind, ang, actor)
