"""Cadangan Data (admin): a consistent backup of the whole database, to download."""

import streamlit as st

from kinerja_ui import auth, cadangan, state

actor = auth.require_page("cadangan")

state.period_picker()
st.title("Cadangan Data")
st.caption("Untuk admin / Kasubag Perencanaan: simpan salinan seluruh data di luar server.")
cadangan.section(state.get_store(), actor)
